// UI smoke test: the built extension loads into code-server's workbench, its command runs from the
// command palette, and the extension then shows as running. Screenshots go to test-results/.
// usage: . scripts/env.sh && node esbuild.js && node test/e2e/smoke.e2e.mjs      (VERBOSE=1 for the browser console)
/* global process, console -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import fs from 'node:fs';
import path from 'node:path';
import { REPO, startCodeServer, launchChromium, workbenchUrl, openWorkbench, runCommand } from './workbench.mjs';

const out = path.join(REPO, 'test-results');
fs.mkdirSync(out, { recursive: true });
const shot = (name) => path.join(out, name);
fs.rmSync(shot('smoke-fail.png'), { force: true }); // no stale failure shot next to a passing run

const server = await startCodeServer();
const browser = await launchChromium();
const { page } = browser;
let ok = false;
try {
  // Only extensionDevelopmentPath: the extension loads as under development, no tests run.
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: REPO }));
  await runCommand(page, 'Relay Chat: Show Version', { beforeClick: () => page.screenshot({ path: shot('smoke-palette.png') }) });
  // The command only returns the version; had activation failed, an error notification would show.
  await page.waitForTimeout(1000);
  const notes = await page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
  if (notes.some((t) => /relayChat|not found|activat/i.test(t))) throw new Error(`error notification: ${notes.join(' | ')}`);
  // Proof it ran: the command activated the extension, so it is listed as running. The list is virtual
  // and ours (fastest activation) is last: focus it and press End. The row names the id when
  // the manifest has no icon/gallery data, so match either name.
  await runCommand(page, 'Developer: Show Running Extensions');
  await page.locator('.runtime-extensions-editor .monaco-list-row').first().click();
  await page.keyboard.press('End');
  const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
  await page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /relay-chat\.relay-chat|Relay Chat/ })
    .filter({ hasText: version }).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: shot('smoke.png') });
  ok = true;
  console.log('smoke e2e: passed; screenshots in test-results/');
} catch (e) {
  console.log('smoke e2e: FAILED:', e.message);
  await page.screenshot({ path: shot('smoke-fail.png') }).catch(() => {});
} finally {
  await browser.close();
  await server.stop({ keepRunDir: !ok });
}
process.exit(ok ? 0 : 1);
