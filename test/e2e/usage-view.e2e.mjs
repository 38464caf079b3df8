// UI test of the panel's Usage view in the real workbench: "Relay Chat: Show Usage" from the palette
// reveals the panel with the Usage view open, Back returns to the chat with its draft, and screenshots
// of the view in the dark and light themes (test-results/usage-*.png; with RELAY_SCREENSHOTS also
// docs/images/usage-view-*.png). Until the usage service is wired into the extension, the numbers are
// the fixture of test/unit/usage-fixture.ts, delivered to the webview as the host's `usage` message.
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/usage-view.e2e.mjs
/* global window, MessageEvent, requestAnimationFrame -- browser globals inside frame.evaluate callbacks */
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, DARK_MODERN, workbenchUrl, openWorkbench, runCommand, findFrame, readmeShot, uiTest, widenSideBar, setTheme } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { realisticUsage } = require(path.join(REPO, 'out/test/unit/usage-fixture.js'));

const painted = (frame) => frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** The side bar only (where the panel is): small files, the view at the size a user sees it. */
async function sideBarShot(page, shot, file) {
  const clip = await page.locator('.part.sidebar').boundingBox();
  await page.screenshot({ path: shot(file), clip });
  await readmeShot(page, file, { clip });
}

const settings = { 'relayChat.baseUrl': 'http://127.0.0.1:9/v1', 'workbench.colorTheme': DARK_MODERN };
await uiTest('usage-view', { server: { settings } }, async ({ page, server, shot, step }) => {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));
  await runCommand(page, 'Relay Chat: Open Chat');
  const frame = await findFrame(page, '.composer textarea');
  await frame.locator('.composer textarea').fill('a draft I have not sent');
  await page.keyboard.press('Escape'); // leave the panel; the command must reveal it
  await runCommand(page, 'Relay Chat: Show Usage');
  await frame.locator('.usage-view').waitFor({ state: 'visible', timeout: 15_000 });
  if (await frame.locator('.composer').isVisible()) throw new Error('the chat shows under the Usage view');
  step('Relay Chat: Show Usage reveals the panel with the Usage view open');

  await widenSideBar(page, 520);
  await frame.evaluate((usage) => window.dispatchEvent(new MessageEvent('message', { data: { type: 'usage', usage } })), realisticUsage());
  await frame.locator('.usage-chart svg .day').nth(29).waitFor({ state: 'attached' });
  // Hover a day, as a user looking at the chart would: its numbers show over the bar.
  const bars = await frame.locator('.usage-chart svg').boundingBox();
  await page.mouse.move(bars.x + bars.width * (25.5 / 30), bars.y + bars.height - 4);
  await frame.locator('.usage-tip').waitFor({ state: 'visible' });
  await painted(frame);
  await sideBarShot(page, shot, 'usage-view-dark.png');
  await setTheme(page, frame, 'Light Modern', 'light');
  await painted(frame);
  await sideBarShot(page, shot, 'usage-view-light.png');
  step('screenshots usage-view-dark.png, usage-view-light.png');

  await frame.locator('.usage-view .toolbar button').first().click();
  await frame.locator('.composer textarea').waitFor({ state: 'visible' });
  const draft = await frame.locator('.composer textarea').inputValue();
  if (draft !== 'a draft I have not sent') throw new Error(`the draft came back as "${draft}"`);
  step('Back returns to the chat with its draft');
});
