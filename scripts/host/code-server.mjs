// A throwaway code-server (a real VS Code server: extensions run in its Node extension host, the same
// host and API a desktop user's extension gets) and headless Debian Chromium to open its workbench.
// Shared by the integration runner (run-host-tests.mjs) and the UI tests (test/e2e/).
// Tools come from scripts/setup-tools.sh; run under its Node 24 (source scripts/env.sh).
/* global process, fetch, performance, setTimeout -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS = process.env.RELAY_TOOLS || path.join(REPO, '.tools');
const CS_ENTRY = path.join(process.env.CS_DIR || path.join(TOOLS, 'code-server'), 'node_modules/code-server/out/node/entry.js');

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
 * first with `--install-extension`, as a user would. `extensionFolders` (unpacked extensions) are copied
 * into the extensions dir, which the server scans on its first start: installed as if from a .vsix.
 * @param {{ env?: Record<string,string>, args?: string[], smokeTestDriver?: boolean, settings?: Record<string,unknown>, vsix?: string, extensionFolders?: string[] }} [opts]
 */
export async function startCodeServer({ env = {}, args = [], smokeTestDriver = true, settings = {}, vsix, extensionFolders = [] } = {}) {
  if (process.versions.node.split('.')[0] !== '24') throw new Error(`code-server needs Node 24, this is ${process.version}: source scripts/env.sh`);
  if (!fs.existsSync(CS_ENTRY)) throw new Error(`no code-server at ${CS_ENTRY}: run scripts/setup-tools.sh`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-code-server-'));
  const dir = (p) => { fs.mkdirSync(path.join(runDir, p), { recursive: true }); return path.join(runDir, p); };
  const userData = dir('user-data'), workspace = dir('workspace'), tmp = dir('tmp');
  fs.writeFileSync(path.join(dir('user-data/User'), 'settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const logFile = path.join(runDir, 'server.log');
  const port = await freePort();
  for (const folder of extensionFolders) {
    const { publisher, name, version } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    fs.cpSync(folder, path.join(dir('extensions'), `${publisher}.${name}-${version}`), { recursive: true });
  }
  if (vsix) {
    const installed = spawnSync(process.execPath, [CS_ENTRY, '--user-data-dir', userData, '--extensions-dir', dir('extensions'),
      '--config', path.join(runDir, 'config.yaml'), '--install-extension', vsix], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
    if (installed.status !== 0) throw new Error(`--install-extension ${vsix} failed:\n${installed.stdout}${installed.stderr}`);
  }
  const t0 = performance.now();
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [CS_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', userData, '--extensions-dir', dir('extensions'),
    '--config', path.join(runDir, 'config.yaml'), // else it writes ~/.config/code-server/config.yaml
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    // Without it the built workbench ignores the payload's extensionDevelopmentPath/extensionTestsPath.
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
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
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
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
