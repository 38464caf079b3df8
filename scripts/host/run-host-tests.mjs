// Run the integration suite INSIDE code-server's real Node extension host and exit with its status.
// The workbench, opened in headless Chromium with a payload naming the extension under development and
// the tests module, makes the host run the tests and then calls window.codeAutomationExit(code): that
// code is our exit status. (The host process itself exits 0 even when tests fail; a browser must listen.)
// usage (from scripts/test-integration.sh): node scripts/host/run-host-tests.mjs [testsModule]
//   env: RELAY_HOST (current | 1.96: which VS Code, see code-server.mjs), RELAY_EXTENSION_DIR (the extension
//        folder to load, default the repo; test-all.sh passes the packaged .vsix's contents),
//        TEST_TIMEOUT_MS (default 300000), VERBOSE=1 (all console output), KEEP_RUN=1 (keep the run dir)
//        anything else exported reaches the tests: the host inherits code-server's environment.
/* global process, console, performance, setTimeout -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import path from 'node:path';
import util from 'node:util';
import { REPO, EXTENSION, HOST, startCodeServer, workbenchUrl, launchChromium } from './code-server.mjs';

const testsPath = path.resolve(process.argv[2] || path.join(REPO, 'out/test/integration/index.js'));
// The extension under development: Relay Chat, from the repo or its package (RELAY_EXTENSION_DIR). The web
// workbench takes one; other extensions the tests need (e.g. a test-only consumer under test/fixtures/)
// go in `alongside`, installed next to it (startCodeServer's `extensions`).
const devPath = EXTENSION;
// A test-only extension that uses Relay Chat's models through vscode.lm (test/integration/lm.test.ts).
const alongside = [path.join(REPO, 'test/fixtures/lm-consumer')];
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300_000);
const verbose = !!process.env.VERBOSE;
const t0 = performance.now();
const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
const log = (...a) => console.log(`[host-runner ${secs()}s]`, ...a);

const server = await startCodeServer({ env: { RELAY_IT_HOST: 'code-server', RELAY_IT_VSCODE: HOST.vscode }, extensions: alongside });
log(`code-server ${HOST.codeServer} (VS Code ${HOST.vscode}) up on ${server.url} in ${server.startMs} ms (state: ${server.runDir})`);
log(`extension under test: ${devPath}${alongside.length ? `; installed beside it: ${alongside.join(', ')}` : ''}`);
let exitCode = 2;
let browser;
let sawSummary = false;
try {
  browser = await launchChromium();
  const { page } = browser;
  let exited;
  const done = new Promise((resolve) => { exited = resolve; });
  await page.exposeFunction('codeAutomationExit', (code) => exited(Number(code)));

  // The host's console output (mocha's spec lines, the extension's own logging) reaches the page console
  // through the workbench's log service, as ('%c INFO', css, format, ...args): print it formatted.
  // Those lines carry no "[Extension Host]" label in test mode, so the workbench's own log-service chatter
  // (pinned versions) is dropped by pattern; plain workbench console messages show only with VERBOSE.
  // 1.96.4 adds its gallery query (open-vsx.org, unreachable here), CodeExpectedError stacks (cancelled
  // requests) and a file watch on an untitled editor that its browser side refuses (not ours: Relay Chat
  // watches no files; 1.96's own extension host asks when a test opens an untitled document).
  const chatter = new RegExp('^(' + [
    'Resolv(ing|ed) connection token', 'Creating a socket', 'Updating additional builtin extensions cache',
    '\\[(reconnection-grace-time|Service Worker|AgentHost:[^\\]]*|AccountPolicyGate)\\]',
    'Error: Timed out waiting for authentication provider', 'Failed: getaddrinfo ENOTFOUND',
    '\\[network\\] #\\d+: https://open-vsx\\.org/', 'CodeExpectedError\\b',
    "Error: Unable to resolve filesystem provider with relative file path 'untitled:",
  ].join('|') + ')');
  let queue = Promise.resolve(); // jsonValue() is async: chain the handlers to keep lines in order
  page.on('console', (msg) => { queue = queue.then(async () => {
    let args;
    try { args = await Promise.all(msg.args().map((a) => a.jsonValue())); } catch { args = [msg.text()]; }
    const fromLogService = typeof args[0] === 'string' && /^%c\s*(TRACE|DEBUG|INFO|WARN|ERR)/.test(args[0]);
    const text = util.format(...(fromLogService ? args.slice(2) : args));
    if (/^\d+ passed, \d+ failed/.test(text)) sawSummary = true;
    if (verbose) console.log(`  [${msg.type()}]`, fromLogService ? text : `(workbench) ${text}`);
    else if (fromLogService && !chatter.test(text)) console.log(text);
  }); });
  page.on('pageerror', (e) => log('page error:', e.message));

  const url = await workbenchUrl(server.url, { folder: server.workspace, devPath, testsPath });
  if (verbose) log('url:', url);
  const timeout = new Promise((r) => setTimeout(r, timeoutMs, 'timeout').unref());
  const result = await Promise.race([page.goto(url).then(() => done), timeout]);
  if (result === 'timeout') { log(`timed out after ${timeoutMs} ms (server log: ${server.logFile})`); exitCode = 124; }
  else {
    // The exit call and the last console lines travel different ways: let the closing line arrive.
    for (let i = 0; i < 30 && !sawSummary; i++) await new Promise((r) => setTimeout(r, 100));
    await queue;
    exitCode = result;
    log('extension host finished the tests, exit code', exitCode);
  }
} catch (e) {
  log('runner error:', e.stack || e.message);
} finally {
  await browser?.close();
  await server.stop({ keepRunDir: exitCode !== 0 }); // keep logs of a failed run
  if (exitCode !== 0) log('server log kept:', server.logFile);
}
log(`done in ${secs()} s, exit ${exitCode}`);
process.exit(exitCode);
