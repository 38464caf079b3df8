// The package a user installs: `npm run package` builds relay-chat.vsix (production bundle), code-server
// installs it with --install-extension, and in the workbench it activates (status bar) and answers a
// command. No development path: this is the shipped .vsix alone.
/* global process, console -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO, startCodeServer, launchChromium, workbenchUrl, openWorkbench, runCommand } from './workbench.mjs';

const out = path.join(REPO, 'test-results');
fs.mkdirSync(out, { recursive: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-vsix-'));
const vsix = path.join(dir, 'relay-chat.vsix');
let ok = false;
let server;
let browser;
try {
  execFileSync('node', ['esbuild.js', '--production'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '-o', vsix], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const size = fs.statSync(vsix).size;
  console.log(`  - packaged relay-chat.vsix: ${(size / 1024).toFixed(0)} KiB`);
  // What ships: the allowlist in .vscodeignore, nothing else.
  const files = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const must of ['dist/extension.js', 'dist/webview.js', 'package.nls.ja.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.ja.json', 'media/walkthrough/set-key.md', 'README.md', 'LICENSE']) {
    if (!files.includes(must)) throw new Error(`the .vsix lacks ${must}: ${files.join(', ')}`);
  }
  const stray = files.filter((f) => /^(src|test|bench|scripts|node_modules|out|\.tools)\/|\.map$|\.ts$/.test(f));
  if (stray.length) throw new Error(`the .vsix ships files it should not: ${stray.join(', ')}`);
  console.log(`  - contents: ${files.length} files, allowlist respected`);
  server = await startCodeServer({ vsix, smokeTestDriver: false });
  browser = await launchChromium();
  const { page } = browser;
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace }));
  // onStartupFinished activation: the status bar item appears with the default model.
  await page.locator('.statusbar-item', { hasText: 'gpt-4.1' }).first().waitFor({ timeout: 30_000 });
  console.log('  - installed .vsix activated (status bar shows the model)');
  await runCommand(page, 'Relay Chat: Show Logs');
  await page.locator('.part.panel .view-lines', { hasText: 'activated in' }).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(out, 'vsix-installed.png') });
  ok = true;
  console.log('vsix e2e: passed');
} catch (e) {
  console.log('vsix e2e: FAILED:', e.message);
  await browser?.page.screenshot({ path: path.join(out, 'vsix-fail.png') }).catch(() => {});
} finally {
  await browser?.close();
  await server?.stop({ keepRunDir: !ok });
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
