// The package a user installs: the production relay-chat.vsix (scripts/host/package-vsix.mjs, or the one
// test-all.sh built, RELAY_VSIX), checked for both registries as `npm run package` does (manifest, icon,
// README, the allowlist, size; ovsx and vsce read it), installed by code-server with --install-extension;
// in the workbench it activates (status bar) and answers a command. No development path: this is the
// shipped .vsix alone, on the host RELAY_HOST names (current or 1.96).
/* global process -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageAndCheck } from '../../scripts/package.mjs';
import { workbenchUrl, openWorkbench, runCommand, uiTest } from './workbench.mjs';
import { packageVsix } from '../../scripts/host/package-vsix.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-vsix-'));

/** The package (built and checked here unless RELAY_VSIX names one, which is checked); the server then installs it. */
async function prepare({ step }) {
  const vsix = process.env.RELAY_VSIX ? path.resolve(process.env.RELAY_VSIX) : (await packageVsix(dir)).vsix;
  const { summary } = await packageAndCheck({ check: vsix });
  step(summary);
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
