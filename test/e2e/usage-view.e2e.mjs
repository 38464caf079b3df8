// UI test of the panel's Usage view in the real workbench: "Relay Chat: Show Usage" from the palette
// reveals the panel with the Usage view open, Back returns to the chat with its draft, and screenshots
// of the view in the dark and light themes (test-results/usage-*.png; with RELAY_SCREENSHOTS also
// docs/images/usage-view-*.png, with the realistic month of test/unit/support/usage-fixture.ts delivered as the
// host's `usage` message). Then the real counts: a question the fake relay answers shows in the view,
// and with the month past a tiny budget the next question asks first (Send This Once sends, Cancel keeps
// the question in the box).
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/usage-view.e2e.mjs
/* global window, MessageEvent, requestAnimationFrame -- browser globals inside frame.evaluate callbacks */
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, DARK_MODERN, workbenchUrl, openWorkbench, openChatPanel, runCommand, readmeShot, uiTest, widenSideBar, setTheme } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { realisticUsage } = require(path.join(REPO, 'out/test/unit/support/usage-fixture.js'));
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));

const painted = (frame) => frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** The side bar only (where the panel is): small files, the view at the size a user sees it. */
async function sideBarShot(page, shot, file) {
  const clip = await page.locator('.part.sidebar').boundingBox();
  await page.screenshot({ path: shot(file), clip });
  await readmeShot(page, file, { clip });
}

const relay = await FakeRelay.start();
// One answer of the fake relay (about 20 tokens of gpt-4.1) costs more than this budget.
const BUDGET = 0.00005;
const settings = { 'relayChat.baseUrl': relay.baseUrl, 'relayChat.budget.monthlyUsd': BUDGET, 'workbench.colorTheme': DARK_MODERN };

/** Sends `text` from the composer and waits for its answer's stats. */
async function askAndWait(frame, text) {
  const before = await frame.locator('.message.assistant .footer .stats').count();
  await frame.locator('.composer textarea').fill(text);
  await frame.locator('.composer textarea').press('Enter');
  await frame.locator('.message.assistant .footer .stats').nth(before).waitFor({ timeout: 20_000 });
}

/** VS Code's modal dialog (drawn in the workbench in a browser) with `text`; returns it. */
async function dialog(page, text) {
  const box = page.locator('.monaco-dialog-box', { hasText: text });
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  return box;
}

await uiTest('usage-view', { server: { settings }, cleanup: () => relay.close() }, async ({ page, server, shot, step }) => {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));
  const frame = await openChatPanel(page);
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

  // Real counts from the host: the answer just received is in today's totals and the month's table.
  await setTheme(page, frame, 'Dark Modern', 'dark');
  await askAndWait(frame, '合計の求め方は？');
  await frame.locator('.toolbar button[aria-label="Usage and cost"]').click();
  // (The fixture's numbers were on screen before: wait for the host's own, one request.)
  const row = frame.locator('.usage-table tr', { hasText: 'gpt-4.1' }).filter({ has: frame.locator('td', { hasText: /^1$/ }) }).first();
  try {
    await row.waitFor({ timeout: 15_000 });
  } catch {
    throw new Error(`the month's gpt-4.1 row: ${JSON.stringify(await frame.locator('.usage-table tr', { hasText: 'gpt-4.1' }).first().locator('td').allInnerTexts())}`);
  }
  const cells = await row.locator('td').allInnerTexts();
  await frame.locator('.usage-chart svg .day').nth(29).waitFor({ state: 'attached' });
  await painted(frame);
  await sideBarShot(page, shot, 'usage-view-real.png');
  step(`the answer is counted in the Usage view: gpt-4.1 ${JSON.stringify(cells)} (usage-view-real.png)`);
  await frame.locator('.usage-view .toolbar button').first().click();

  // The month is past the budget now: the next question asks first.
  await frame.locator('.composer textarea').fill('もう一つ質問です');
  await frame.locator('.composer textarea').press('Enter');
  let box = await dialog(page, 'past your budget');
  await page.screenshot({ path: shot('usage-budget-ask.png') });
  await box.locator('a.monaco-button, button', { hasText: 'Send This Once' }).click();
  await frame.locator('.message.assistant .footer .stats').nth(1).waitFor({ timeout: 20_000 });
  step('past the budget, the next question asked first; Send This Once sent it (usage-budget-ask.png)');

  await frame.locator('.composer textarea').fill('three');
  await frame.locator('.composer textarea').press('Enter');
  box = await dialog(page, 'past your budget');
  await box.locator('a.monaco-button, button', { hasText: 'Cancel' }).click();
  await frame.locator('.flash', { hasText: 'Not sent' }).waitFor({ timeout: 10_000 });
  const kept = await frame.locator('.composer textarea').inputValue();
  if (kept !== 'three') throw new Error(`after Cancel the box holds "${kept}"`);
  if ((await frame.locator('.message.assistant').count()) !== 2) throw new Error('Cancel sent the question anyway');
  step('Cancel sent nothing: the question stays in the box, and the panel says why');
});
