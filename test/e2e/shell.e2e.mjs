// UI test of the extension shell, as a new user: set the key in the password box, pick a model the
// fake relay lists, run Test Connection, and read the status bar and the report. Screenshots go to
// test-results/ (shell-*.png): look at them (with RELAY_SCREENSHOTS also the README's).
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/shell.e2e.mjs
/* global URL, document -- Node globals in .mjs test files; document inside page.waitForFunction callbacks */
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, DARK_MODERN, workbenchUrl, openWorkbench, runCommand, findFrame, readmeShot, waitForNotification, uiTest } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));

const KEY = 'test-e2e-user-key-5566778899';

const relay = await FakeRelay.start();
relay.requireKey = KEY;
const settings = { 'relayChat.baseUrl': relay.baseUrl, 'workbench.colorTheme': DARK_MODERN };
await uiTest('shell', { server: { settings }, cleanup: () => relay.close() }, async ({ page, server, shot, step }) => {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));
  const status = page.locator('.statusbar-item', { hasText: 'gpt-4.1' }).first();
  await status.waitFor({ timeout: 30_000 });
  step(`status bar at start: "${(await status.innerText()).trim()}"`);

  // 1. The key, typed into the password box as a user would.
  await runCommand(page, 'Relay Chat: Set API Key', { asks: true });
  // The palette's input becomes the command's password box (the same widget, once the command runs).
  const input = page.locator('.quick-input-widget input[type="password"]');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  // The box names the host the key is for (and will be sent to), scheme and port included.
  const origin = new URL(relay.baseUrl).origin;
  await page.locator('.quick-input-widget', { hasText: `API Key for ${origin}` }).first().waitFor({ timeout: 5000 });
  step(`the key box names its host: ${origin}`);
  await input.fill('YOUR_API_KEY');
  await page.locator('.quick-input-widget', { hasText: 'placeholder' }).first().waitFor({ timeout: 5000 });
  step('a placeholder key is refused in the box itself');
  await input.fill(`  ${KEY} `);
  await page.keyboard.press('Enter');
  await waitForNotification(page, 'API key saved');
  step('key saved');

  // 2. The model, from the relay's list.
  await runCommand(page, 'Relay Chat: Select Model', { asks: true });
  const modelRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'deepseek-v3.2' }).first();
  await modelRow.waitFor({ timeout: 15_000 });
  await page.screenshot({ path: shot('shell-model-picker.png') });
  await modelRow.click();
  await page.locator('.statusbar-item', { hasText: 'deepseek-v3.2' }).first().waitFor({ timeout: 10_000 });
  step('model picked from the relay\'s list; the status bar shows it');

  // 3. Test Connection: the report opens in a Markdown preview.
  await runCommand(page, 'Relay Chat: Test Connection');
  const frame = await findFrame(page, 'table', { timeout: 30_000 });
  const report = await frame.locator('body').innerText();
  for (const expected of ['Connection test', 'ready to chat', 'Model list', 'WebSocket']) {
    if (!report.includes(expected)) throw new Error(`the report lacks "${expected}":\n${report}`);
  }
  if (report.includes(KEY)) throw new Error('the key appears in the report');
  await waitForNotification(page, 'connection OK');
  const auth = relay.requests.find((r) => r.transport === 'sse')?.headers.authorization;
  if (auth !== `Bearer ${KEY}`) throw new Error(`the relay got ${auth}`);
  await page.screenshot({ path: shot('shell-test-connection.png') });
  await readmeShot(page, 'test-connection.png');
  const bar = await page.locator('.part.statusbar').screenshot({ path: shot('shell-status-bar.png') });
  step(`report shown (${report.split('\n').length} lines), status bar: "${(await page.locator('.statusbar-item', { hasText: 'deepseek' }).first().innerText()).trim()}"`);
  void bar;

  // 4. A click on the status bar opens the Relay Chat menu.
  await page.locator('.statusbar-item', { hasText: 'deepseek-v3.2' }).first().click();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Test Connection' }).first().waitFor({ timeout: 10_000 });
  // A readable screenshot: the quick pick has finished fading in.
  await page.waitForFunction(() => document.querySelector('.quick-input-widget')?.getAnimations({ subtree: true }).every((a) => a.playState === 'finished') ?? false);
  await page.screenshot({ path: shot('shell-status-menu.png') });
  await page.keyboard.press('Escape');
  step('the status bar opens the menu (model, connection test, key, endpoint, logs, settings)');
});
