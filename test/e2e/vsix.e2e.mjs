// The package a user installs: the production relay-chat.vsix (scripts/host/package-vsix.mjs, or the one
// test-all.sh built, RELAY_VSIX), installed by code-server with --install-extension; in the workbench it
// activates (status bar) and answers a command. No development path: this is the shipped .vsix alone,
// on the host RELAY_HOST names (current or 1.96).
/* global process -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { workbenchUrl, openWorkbench, runCommand, uiTest } from './workbench.mjs';
import { packageVsix } from '../../scripts/host/package-vsix.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-vsix-'));

/** The package (built here unless RELAY_VSIX names one) and a check of what it ships; the server then installs it. */
async function prepare({ step }) {
  const vsix = process.env.RELAY_VSIX ? path.resolve(process.env.RELAY_VSIX) : packageVsix(dir).vsix;
  step(`relay-chat.vsix: ${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB`);
  // What ships: the allowlist in .vscodeignore, nothing else (read from the package itself).
  const files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n')
    .filter((f) => f.startsWith('extension/') && !f.endsWith('/')).map((f) => f.slice('extension/'.length));
  // (vsce stores README.md as readme.md and LICENSE as LICENSE.txt)
  for (const must of ['package.json', 'dist/extension.js', 'dist/transports.js', 'dist/webview.js', 'package.nls.ja.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.ja.json', 'media/walkthrough/set-key.md', 'readme.md', 'LICENSE.txt']) {
    if (!files.includes(must)) throw new Error(`the .vsix lacks ${must}: ${files.join(', ')}`);
  }
  const stray = files.filter((f) => /^(src|test|bench|scripts|node_modules|out|\.tools)\/|\.map$|\.ts$/.test(f));
  if (stray.length) throw new Error(`the .vsix ships files it should not: ${stray.join(', ')}`);
  step(`contents: ${files.length} files, allowlist respected`);
  return { vsix };
}

await uiTest('vsix', { server: { smokeTestDriver: false }, prepare, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }, async ({ page, server, shot, step }) => {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace }));
  // onStartupFinished activation: the status bar item appears with the default model.
  await page.locator('.statusbar-item', { hasText: 'gpt-4.1' }).first().waitFor({ timeout: 30_000 });
  step('installed .vsix activated (status bar shows the model)');
  await runCommand(page, 'Relay Chat: Show Logs');
  await page.locator('.part.panel .view-lines', { hasText: 'activated in' }).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: shot('vsix-installed.png') });
});
