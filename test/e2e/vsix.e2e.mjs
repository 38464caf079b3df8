// The package a user installs: `npm run package` builds relay-chat.vsix (production bundle) and checks it
// for both registries, code-server installs it with --install-extension, and in the workbench it activates
// (status bar) and answers a command. No development path: this is the shipped .vsix alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageAndCheck } from '../../scripts/package.mjs';
import { workbenchUrl, openWorkbench, runCommand, uiTest } from './workbench.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-vsix-'));
const vsix = path.join(dir, 'relay-chat.vsix');

/**
 * Builds the package a user installs once and checks it for the Marketplace and Open VSX (scripts/vsix:
 * manifest, icon, README, the allowlist, size; ovsx and vsce read it); the server then installs that file.
 */
async function packageVsix({ step }) {
  const { summary } = await packageAndCheck({ out: vsix });
  step(summary);
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
