// UI test, issue 16: two VS Code windows on one code-server — two workbench pages, each with its own
// extension host, sharing the global storage where chats live. Both open the newest chat at start and
// send in it (the second while the first's answer still streams); each window's history list shows
// the chat the other starts, without a reload; the chat file holds both windows' turns, and each
// window's panel shows them. Before issue 16 the later save dropped the other window's turn. Then the
// states that hold for all windows: a snooze in one window pauses the other's inline completions and
// Resume in the other ends it in both; and each window's Usage view counts both windows' answers.
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/two-windows.e2e.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, workbenchUrl, openWorkbench, openChatPanel, runCommand, uiTest } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));
const { SAMPLE_TEXT, tokenize } = require(path.join(REPO, 'out/test/fakes/scenario.js'));

/** Opens a window on `folder` with the chat panel; returns its page and the panel's frame. */
async function openWindow(page, server, folder) {
  await openWorkbench(page, await workbenchUrl(server.url, { folder, devPath: EXTENSION }));
  return openChatPanel(page);
}

/** Sends `text` and waits until its answer ended (its stats show). */
async function sendAndWait(frame, text, { wait = true } = {}) {
  const before = await frame.locator('.message.assistant').count();
  await frame.locator('.composer textarea').fill(text);
  await frame.locator('.composer textarea').press('Enter');
  await frame.locator('.message.user', { hasText: text }).waitFor({ timeout: 15_000 });
  const answer = frame.locator('.message.assistant').nth(before);
  if (wait) await answer.locator('.footer .stats').waitFor({ timeout: 30_000 });
  return answer;
}

async function newChat(frame) {
  await frame.locator('.toolbar button[aria-label="New chat"]').click();
  await frame.locator('.message').first().waitFor({ state: 'detached', timeout: 10_000 });
}

async function historyShows(frame, title) {
  const history = frame.locator('.history');
  if (!await history.isVisible()) await frame.locator('.toolbar button[aria-label="Chat history"]').click();
  await history.locator('.item', { hasText: title }).waitFor({ timeout: 15_000 });
  await frame.locator('.toolbar button[aria-label="Chat history"]').click(); // closed again
}

const chatFiles = (server) => {
  const dir = path.join(server.runDir, 'user-data/User/globalStorage/relay-chat.relay-chat/chats');
  return fs.readdirSync(dir).filter((f) => /^chat-[\w-]+\.json$/.test(f)).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
};

const relay = await FakeRelay.start();
const settings = { 'relayChat.baseUrl': relay.baseUrl };
await uiTest('two-windows', { server: { settings }, cleanup: () => relay.close() }, async ({ page, server, shot, step }) => {
  const secondFolder = path.join(server.runDir, 'workspace-two');
  fs.mkdirSync(secondFolder, { recursive: true });

  // Window 1 starts the newest chat; window 2 opens after, on it (both open the newest chat at start).
  relay.defaultScenario = { delayMs: 5 };
  const one = await openWindow(page, server, server.workspace);
  await sendAndWait(one, 'window one starts the chat');
  const page2 = await page.context().newPage();
  const two = await openWindow(page2, server, secondFolder);
  await two.locator('.message.user', { hasText: 'window one starts the chat' }).waitFor({ timeout: 15_000 });
  step('two windows, two extension hosts: window 2 opened on the newest chat, window 1\'s');

  // Both send in it: window 2 while window 1's answer still streams.
  relay.defaultScenario = { tokens: tokenize(SAMPLE_TEXT), delayMs: 60 };
  const streaming = await sendAndWait(one, 'question from window one', { wait: false });
  await streaming.locator('.markdown').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
  await sendAndWait(two, 'question from window two');
  await streaming.locator('.footer .stats').waitFor({ timeout: 30_000 });
  // The chat file holds both windows' turns and the three whole answers (once the last save landed).
  const expectedUsers = ['window one starts the chat', 'question from window one', 'question from window two'];
  const onDisk = () => chatFiles(server).find((c) => c.messages.some((m) => m.text === expectedUsers[0]));
  const whole = (chat) => expectedUsers.every((text) => chat.messages.some((m) => m.role === 'user' && m.text === text))
    && chat.messages.filter((m) => m.role === 'assistant' && m.state === 'complete' && m.text === SAMPLE_TEXT).length === 3;
  for (const deadline = Date.now() + 15_000; !whole(onDisk());) {
    if (Date.now() > deadline) throw new Error(`the chat file lost a turn: ${JSON.stringify(onDisk().messages.map((m) => [m.role, m.state, m.text.slice(0, 30)]))}`);
    await page.waitForTimeout(100);
  }
  // Each panel shows the other window's turn (window 1 after its answer ended).
  await one.locator('.message.user', { hasText: 'question from window two' }).waitFor({ timeout: 15_000 });
  await two.locator('.message.user', { hasText: 'question from window one' }).waitFor({ timeout: 15_000 });
  const shared = onDisk();
  await page.screenshot({ path: shot('two-windows-one.png') });
  await page2.screenshot({ path: shot('two-windows-two.png') });
  step(`both windows sent in the newest chat; the file holds both turns and three whole answers (${shared.messages.length} messages); each panel shows them`);

  // A chat started in either window joins the other's history list, without a reload.
  relay.defaultScenario = { delayMs: 5 };
  await newChat(two);
  await sendAndWait(two, 'a new chat from window two');
  await historyShows(one, 'a new chat from window two');
  await newChat(one);
  await sendAndWait(one, 'a new chat from window one');
  await historyShows(two, 'a new chat from window one');
  step('each window\'s history list shows the chat the other started, without a reload');

  // A snooze in window 1 holds in window 2; Resume in window 2 ends it in window 1 too.
  const snoozed = (p) => p.locator('.statusbar-item', { hasText: 'snoozed' }).first();
  await runCommand(page, 'Relay Chat: Snooze Inline Completions…', { asks: true });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: '15 minutes' }).first().click();
  await snoozed(page).waitFor({ timeout: 15_000 });
  await snoozed(page2).waitFor({ timeout: 15_000 });
  await runCommand(page2, 'Relay Chat: Resume Inline Completions');
  await snoozed(page2).waitFor({ state: 'detached', timeout: 15_000 });
  await snoozed(page).waitFor({ state: 'detached', timeout: 15_000 });
  step('a snooze in window 1 paused window 2\'s inline completions; Resume in window 2 ended it in both');

  // Both windows' five answers are counted once each, and each window's Usage view shows all five.
  for (const [p, frame] of [[page, one], [page2, two]]) {
    await frame.locator('.toolbar button[aria-label="Usage and cost"]').click();
    const row = frame.locator('.usage-table tr', { hasText: 'gpt-4.1' }).filter({ has: frame.locator('td', { hasText: /^5$/ }) }).first();
    try {
      await row.waitFor({ timeout: 15_000 });
    } catch {
      throw new Error(`the month's gpt-4.1 row in ${p === page ? 'window 1' : 'window 2'}: ${JSON.stringify(await frame.locator('.usage-table tr', { hasText: 'gpt-4.1' }).first().locator('td').allInnerTexts())}`);
    }
    await frame.locator('.usage-view .toolbar button').first().click();
  }
  step('each window\'s Usage view counts both windows\' five answers');
});
