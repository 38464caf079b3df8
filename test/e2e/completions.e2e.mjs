// UI test of inline completions in a real browser, as a user would: typing in an editor shows ghost
// text streamed from the fake relay, typing through it keeps it without a request, Tab accepts, Esc
// dismisses, a line end offers the next line; the demo relay's everyday code comes as a line, then as a block; a missing key gives
// one notice and a paused status bar, not a storm of popups.
// Screenshots: test-results/completions-*.png (look at them; with RELAY_SCREENSHOTS also the README's).
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/completions.e2e.mjs
/* global setTimeout, document -- Node globals are not declared for .mjs test files; document inside page.evaluate callbacks */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, DARK_MODERN, QUICK_INPUT, workbenchUrl, openWorkbench, runCommand, readmeShot, waitForNotification, uiTest } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));
const { loadCorpus } = require(path.join(REPO, 'out/test/fakes/completion/index.js'));
const { snippetCompletion } = require(path.join(REPO, 'out/test/fakes/demo/index.js'));
const { DEFAULT_RHYTHM } = require(path.join(REPO, 'out/src/core/completion/typing-rhythm.js'));

/**
 * That something did NOT happen (no request, no second notice) has no event to await: wait out the
 * longest debounce the engine ever uses, plus a margin for the request to leave. Only for absences.
 */
const pastLongestDebounce = (page) => page.waitForTimeout(DEFAULT_RHYTHM.maxMs + 150);

const FILE = 'todo-store.ts';
const original = loadCorpus().find((f) => f.name === FILE).text;
const lines = original.split('\n');
// Two statement lines to retype: their text goes, their indentation stays.
const holes = lines.map((l, i) => [l, i]).filter(([l]) => /^\s+\S.*;$/.test(l) && l.trim().length > 16).slice(1, 3).map(([l, i]) => ({ index: i, text: l }));
// And one line gone entirely: at the end of the line above it, the suggestion is the next line.
const gone = lines.findIndex((l) => l.trim() === 'todo.dueAt = dueAt;');
const withHoles = lines.map((l, i) => (holes.some((h) => h.index === i) ? l.slice(0, l.length - l.trimStart().length) : l)).filter((_, i) => i !== gone).join('\n');

const relay = await FakeRelay.start();
relay.completion.firstTokenMs = 250;
relay.completion.tokenMs = 15;
relay.completion.fallback = snippetCompletion; // the demo's (scripts/start.sh) answers outside the corpus
const settings = {
  'relayChat.baseUrl': relay.baseUrl, 'relayChat.completions.model': 'deepseek-v3.2',
  'workbench.colorTheme': DARK_MODERN, 'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false, 'editor.autoClosingBrackets': 'never', 'editor.autoClosingQuotes': 'never',
};
const ghost = '.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text';
/** A file outside the corpus: the demo relay's snippets (test/fakes/demo) continue it. */
const MATH = [
  '// Small helpers. Type the first line of a function and Relay Chat suggests the rest.', '',
  '// Say hello.', 'export function greet(name: string): string {', '  return `Hello, ${name}!`;', '}', '',
  '// Keep a value between a lower and an upper bound.', 'export function clamp(value: number, min: number, max: number): number {',
  '  return Math.min(Math.max(value, min), max);', '}', '', '// Add two numbers.', '',
].join('\n');

await uiTest('completions', { server: { settings }, cleanup: () => relay.close() }, async ({ page, server, shot, step }) => {
  const file = path.join(server.workspace, FILE);
  fs.writeFileSync(file, withHoles);
  fs.writeFileSync(path.join(server.workspace, 'math.ts'), MATH);
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));
  await page.locator('.statusbar-item', { hasText: 'gpt-4.1' }).first().waitFor({ timeout: 30_000 });

  await runCommand(page, 'Go to File...', { asks: true });
  await page.keyboard.type(FILE);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.monaco-editor textarea').first();
  await editor.waitFor();

  const goTo = async (hole) => {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${hole.index + 1}:${hole.text.length - hole.text.trimStart().length + 1}`);
    await page.keyboard.press('Enter');
  };

  // 1. Type the missing line at a person's pace until ghost text appears (VS Code asks after an edit;
  //    the first keystrokes in a freshly opened editor are sometimes not offered to providers).
  const [first, second] = holes;
  const code = first.text.trimStart();
  await goTo(first);
  let typed = 0;
  for (;;) {
    await page.keyboard.type(code[typed++], { delay: 0 });
    const shown = await page.locator(ghost).first().waitFor({ timeout: typed < 3 ? 150 : 4000 }).then(() => true, () => false);
    if (shown) break;
    if (typed >= 6) {
      throw new Error(`no ghost text after "${code.slice(0, typed)}"; the relay got ${relay.completionLog.length} completion request(s): ${JSON.stringify(relay.completionLog.map((l) => [l.route, l.text, l.clientAborted]))}`);
    }
  }
  const shownText = (await page.locator(ghost).allInnerTexts()).join('');
  step(`ghost text after typing "${code.slice(0, typed)}": "${shownText}"`);
  await page.screenshot({ path: shot('completions-ghost.png') });
  const requestsBefore = relay.completionLog.length;

  // 2. Type through it: the suggestion stays, no new request.
  await page.keyboard.type(code.slice(typed, typed + 3), { delay: 120 });
  await page.locator(ghost).first().waitFor({ timeout: 5000 });
  await pastLongestDebounce(page); // a request would have gone out by now
  if (relay.completionLog.length !== requestsBefore) throw new Error(`typing through sent ${relay.completionLog.length - requestsBefore} request(s)`);
  step('typed 3 more characters through the suggestion: still shown, no request');

  // 3. Tab accepts: the line is whole again.
  await page.keyboard.press('Tab');
  await page.locator(ghost).first().waitFor({ state: 'detached', timeout: 5000 });
  await page.keyboard.press('Control+S');
  await waitFor(() => fs.readFileSync(file, 'utf8').split('\n')[first.index] === first.text, 'the accepted line saved');
  step(`Tab accepted: line ${first.index + 1} reads "${first.text.trim()}"`);

  // 4. Esc dismisses a suggestion.
  await goTo(second);
  await page.keyboard.type(second.text.trimStart().slice(0, 3), { delay: 120 });
  await page.locator(ghost).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Escape');
  await page.locator(ghost).first().waitFor({ state: 'detached', timeout: 5000 });
  step('Esc dismissed the second suggestion');

  // 4a. A next-line suggestion: at the end of the line above the missing one, Trigger Inline Suggestion asks, and the
  //     ghost text is the next line; Tab puts it under the cursor's line.
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${gone}:${lines[gone - 1].length + 1}`);
  await page.keyboard.press('Enter');
  const asked = relay.completionLog.length;
  await runCommand(page, 'Trigger Inline Suggestion');
  await waitForGhost(page, 'todo.dueAt = dueAt;').catch((e) => {
    throw new Error(`${e.message}; the relay got ${JSON.stringify(relay.completionLog.slice(asked).map((l) => [l.route, l.stop, l.text, l.clientAborted]))}`);
  });
  await page.screenshot({ path: shot('completions-next-line.png') });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+S');
  await waitFor(() => fs.readFileSync(file, 'utf8').includes(`${lines[gone - 1]}\n${lines[gone]}\n`), 'the accepted next line saved');
  step(`next line: at the end of "${lines[gone - 1].trim()}", Tab put "${lines[gone].trim()}" below it (completions-next-line.png)`);

  // 4b. Outside the corpus, the demo relay continues everyday code: the rest of a line, then a block.
  await runCommand(page, 'Go to File...', { asks: true });
  await page.keyboard.type('math.ts');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'math.ts' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'Small helpers' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Control+B'); // the side bar away: the editor (and its screenshot) gets the room
  await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 5000 });
  await page.keyboard.press('Control+End');
  await page.keyboard.type('export function add(', { delay: 60 });
  await waitForGhost(page, 'b: number): number {');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitForGhost(page, 'return a + b;');
  await page.screenshot({ path: shot('completions-demo-block.png') });
  await readmeShot(page, 'inline-suggestion.png');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+S');
  const math = path.join(server.workspace, 'math.ts');
  await waitFor(() => fs.readFileSync(math, 'utf8').includes('export function add(a: number, b: number): number {\n  return a + b;\n}'), 'the accepted function saved');
  step('demo relay: "export function add(" got its signature, then its body as a block (completions-demo-block.png)');

  // 5. A new user picks a relay's endpoint before setting its key: one notice, a paused status bar, no storm.
  await runCommand(page, 'Relay Chat: Select Endpoint', { asks: true });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'OpenAI' }).first().click();
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  await waitFor(() => fs.readFileSync(path.join(server.runDir, 'user-data/User/settings.json'), 'utf8').includes('api.openai.com'), 'the endpoint saved');
  await page.keyboard.press('End');
  for (const chunk of [' // a', 'b', 'c', 'd']) {
    await page.keyboard.type(chunk, { delay: 80 });
    await pastLongestDebounce(page); // each burst of typing would be its own request
  }
  await waitForNotification(page, 'no API key is set');
  await page.locator('.statusbar-item', { hasText: 'no API key' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.type('efgh', { delay: 150 });
  await pastLongestDebounce(page); // a second notice would be up by now
  await page.screenshot({ path: shot('completions-no-key.png') });
  await runCommand(page, 'Notifications: Show Notifications');
  const count = await page.locator('.notifications-center .notification-list-item', { hasText: 'no API key is set' }).count();
  if (count !== 1) throw new Error(`${count} "no API key" notices`);
  step('missing key: one notice and "no API key" in the status bar after 8 keystrokes');
});

/** Waits until the ghost text shown contains `text` (it comes as one element per token, spaces as no-break spaces). */
async function waitForGhost(page, text) {
  const shown = () => page.evaluate((selector) => [...document.querySelectorAll(selector)].map((e) => e.textContent).join('').replace(/\s+/g, ' '), ghost);
  await page.waitForFunction(([selector, wanted]) => [...document.querySelectorAll(selector)].map((e) => e.textContent).join('').replace(/\s+/g, ' ').includes(wanted), [ghost, text], { timeout: 15_000 })
    .catch(async (e) => { throw new Error(`no ghost text "${text}"; shown: ${JSON.stringify(await shown())}`, { cause: e }); });
}

async function waitFor(check, what, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
