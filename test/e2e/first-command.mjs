// The README's first command, run as a newcomer runs it: `bash scripts/start.sh` from the repository,
// with the environment of a plain shell (none of the variables the test command or scripts/env.sh set),
// until it says Relay Chat is running; then a real browser opens the URL it printed, asks the chat
// panel a question and waits for the fake relay's streamed answer to finish; then Ctrl+C (SIGINT) stops
// it, and nothing it started may still hold its ports. A broken first command fails the test command.
// The demo profile lives in .tools/demo: a developer's own is moved aside for the run and put back.
// usage: node test/e2e/first-command.mjs    (test-all.sh runs it once, on the current host)
/* global process, console, setTimeout, clearTimeout -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO, launchChromium } from '../../scripts/host/code-server.mjs';
import { openWorkbench, openChatPanel } from './workbench.mjs';

const PORTS = [8080, 8181]; // start.sh's defaults: the workbench and the fake relay
const TOOLS = path.join(REPO, '.tools');
const DEMO = path.join(TOOLS, 'demo');
const OUT = path.join(REPO, 'test-results');
const log = (s) => console.log(`  - ${s}`);

/** Whether something listens on the loopback port. */
const listening = (port) => new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

/**
 * A plain shell's environment: this process runs under `npm test`, which sourced scripts/env.sh and
 * added npm's own variables. Keep the machine's (its CA bundle for the registry, its proxy, its locale);
 * drop npm's, the project's tool variables (env.sh) and any RELAY_* setting, and take the project's Node 24
 * and node_modules/.bin off PATH, so start.sh must find or set up everything itself.
 */
function newcomerEnv() {
  const added = /^(npm_|RELAY_|VSCODE_HOST_TOOLS$|NODE24_HOME$|NODE$|INIT_CWD$|PORT$|FAKE_RELAY_PORT$|TMPDIR$)/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !added.test(k)));
  env.PATH = (process.env.PATH ?? '').split(':').filter((dir) => dir && !dir.startsWith(TOOLS) && !dir.includes('node_modules')).join(':');
  return env;
}

/** Resolves with the URL start.sh prints once code-server serves the workbench; rejects if it exits first. */
function started(child, output) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('start.sh printed no URL within 20 minutes')), 20 * 60_000);
    const onData = (chunk) => {
      output.write(chunk);
      text += chunk.toString();
      const url = /Relay Chat is running in VS Code: (http\S+)/.exec(text)?.[1];
      if (url) { clearTimeout(timer); resolve(url); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`start.sh exited (${signal ?? `code ${code}`}) before Relay Chat was running; its last lines:\n${text.split('\n').slice(-15).join('\n')}`));
    });
  });
}

let ok = false;
let child;
let browser;
let setAside;
fs.mkdirSync(OUT, { recursive: true });
const output = fs.createWriteStream(path.join(OUT, 'first-command-start.log'));
try {
  for (const port of PORTS) {
    if (await listening(port)) throw new Error(`port ${port} is in use before the test: stop what holds it (a start.sh of your own?) and run again`);
  }
  if (fs.existsSync(DEMO)) {
    setAside = `${DEMO}.before-first-command-test`;
    fs.rmSync(setAside, { recursive: true, force: true });
    fs.renameSync(DEMO, setAside);
    log(`your demo profile is set aside in ${path.relative(REPO, setAside)} for the run`);
  }
  const t0 = Date.now();
  // Its own process group, so that the signal reaches bash alone, as Ctrl+C in a terminal reaches the script.
  child = spawn('bash', ['scripts/start.sh'], { cwd: REPO, env: newcomerEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await started(child, output);
  log(`start.sh served ${url} after ${((Date.now() - t0) / 1000).toFixed(0)} s (output: test-results/first-command-start.log)`);

  browser = await launchChromium();
  const { page } = browser;
  await openWorkbench(page, url, { timeout: 120_000 });
  const frame = await openChatPanel(page, { timeout: 60_000 });
  await frame.locator('.composer textarea').fill('What does the first command do?');
  await frame.locator('.composer textarea').press('Enter');
  const answer = frame.locator('.message.assistant').last();
  await answer.locator('.footer .stats').waitFor({ timeout: 120_000 });
  const text = await answer.locator('.markdown').innerText();
  // The demo relay's answer (test/fakes/demo) is Markdown with a code block; an error or an empty answer is not.
  if (text.length < 200 || !(await answer.locator('pre code').count())) throw new Error(`the answer is not the demo relay's: ${JSON.stringify(text.slice(0, 300))}`);
  if (await answer.locator('.error').count()) throw new Error(`the answer ended in an error: ${await answer.locator('.error').innerText()}`);
  log(`one streamed answer in the panel: ${text.length} characters, stats "${await answer.locator('.footer .stats').innerText()}"`);
  await page.screenshot({ path: path.join(OUT, 'first-command.png') });
  await browser.close();
  browser = undefined;

  // Ctrl+C: start.sh stops the fake relay and code-server it started.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGINT');
  await exited;
  child = undefined;
  for (const port of PORTS) {
    for (let i = 0; await listening(port); i++) {
      if (i === 50) throw new Error(`port ${port} is still in use after start.sh stopped: it left a process running`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  log('Ctrl+C stopped start.sh and everything it started');
  ok = true;
} catch (e) {
  console.log(`first-command: FAILED: ${e.message}`);
  await browser?.page.screenshot({ path: path.join(OUT, 'first-command-fail.png') }).catch(() => {});
} finally {
  await browser?.close();
  if (child) {
    try { process.kill(child.pid, 'SIGINT'); } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 2000));
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  output.end();
  if (setAside) {
    fs.rmSync(DEMO, { recursive: true, force: true });
    fs.renameSync(setAside, DEMO);
  }
}
console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
process.exit(ok ? 0 : 1);
