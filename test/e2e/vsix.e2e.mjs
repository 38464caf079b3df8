// The package a user installs: `npm run package` builds relay-chat.vsix (production bundle), code-server
// installs it with --install-extension, and in the workbench it activates (status bar) and answers a
// command. No development path: this is the shipped .vsix alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO, workbenchUrl, openWorkbench, runCommand, uiTest } from './workbench.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-vsix-'));
const vsix = path.join(dir, 'relay-chat.vsix');

/** Builds and checks the package a user installs; the server then installs it with --install-extension. */
async function packageVsix({ step }) {
  execFileSync('node', ['esbuild.js', '--production'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '-o', vsix], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const size = fs.statSync(vsix).size;
  step(`packaged relay-chat.vsix: ${(size / 1024).toFixed(0)} KiB`);
  // What ships: the allowlist in .vscodeignore, nothing else.
  const files = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const must of ['dist/extension.js', 'dist/transports.js', 'dist/webview.js', 'package.nls.ja.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.ja.json', 'media/walkthrough/set-key.md', 'README.md', 'LICENSE']) {
    if (!files.includes(must)) throw new Error(`the .vsix lacks ${must}: ${files.join(', ')}`);
  }
  const stray = files.filter((f) => /^(src|test|bench|scripts|node_modules|out|\.tools)\/|\.map$|\.ts$/.test(f));
  if (stray.length) throw new Error(`the .vsix ships files it should not: ${stray.join(', ')}`);
  step(`contents: ${files.length} files, allowlist respected`);
  return { vsix };
}

await uiTest('vsix', { server: { smokeTestDriver: false }, prepare: packageVsix, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }, async ({ page, server, shot, step }) => {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace }));
  // onStartupFinished activation: the status bar item appears with the default model.
  await page.locator('.statusbar-item', { hasText: 'gpt-4.1' }).first().waitFor({ timeout: 30_000 });
  step('installed .vsix activated (status bar shows the model)');
  await runCommand(page, 'Relay Chat: Show Logs');
  await page.locator('.part.panel .view-lines', { hasText: 'activated in' }).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: shot('vsix-installed.png') });
});
