// UI test of the chat panel in a real browser against the fake relay, as a user would: the answer
// arrives in visible steps, Esc stops it, Retry, reload the window and find the chat again, Explain
// Selection from the editor's context menu, CJK intact, an XSS corpus that executes nothing, the
// welcome of an empty chat and what its buttons do, the demo relay's Markdown answer, and
// screenshots in the dark and light themes (test-results/chat-*.png: look at them; with
// RELAY_SCREENSHOTS also the README's, see workbench.mjs).
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/chat.e2e.mjs
/* global document, window, MutationObserver, requestAnimationFrame -- browser globals inside frame.evaluate callbacks */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, DARK_MODERN, workbenchUrl, openWorkbench, workbenchReady, openChatPanel, runCommand, findFrame, readmeShot, uiTest, widenSideBar, setTheme, shownText } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));
const { SAMPLE_TEXT, tokenize } = require(path.join(REPO, 'out/test/fakes/scenario.js'));
const { demoScenario } = require(path.join(REPO, 'out/test/fakes/demo/index.js'));
const { continuingReply } = require(path.join(REPO, 'out/test/fakes/continuation.js'));

/** An answer that drops inside its code block: continued, the block must stay one. */
const DROPPED_ANSWER = [
  '合計を求めるには `reduce` を使います:', '', '```ts', 'export function total(prices: number[]): number {',
  '  return prices.reduce((sum, p) => sum + p, 0);', '}', '```', '', 'これで 合計 が返ります。', '',
].join('\n');


/** Model output that tries every trick we know to run script in the panel. */
const XSS = [
  'Testing: <script>window.__xss = "script"</script>\n\n',
  '<img src=x onerror="window.__xss = \'img\'">\n\n',
  '<svg onload="window.__xss = \'svg\'"></svg>\n\n',
  '<iframe src="javascript:window.__xss=\'iframe\'"></iframe>\n\n',
  '<details open ontoggle="window.__xss = \'details\'">x</details>\n\n',
  '[click me](javascript:window.__xss=\'link\')\n\n',
  '[mixed case](JaVaScRiPt:window.__xss=\'case\')\n\n',
  '[entity](&#106;avascript:window.__xss=\'entity\')\n\n',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n\n',
  '<javascript:window.__xss=\'autolink\'>\n\n',
  '![tracker](https://tracker.invalid/pixel.png)\n\n',
  '[ref link][r]\n\n[r]: javascript:window.__xss=\'ref\'\n\n',
  '<a href="javascript:window.__xss=\'anchor\'">anchor</a>\n\n',
  '`<script>inline code stays text</script>`\n\n',
  'Safe [https link](https://example.com/docs) stays a link.\n',
];


/**
 * Records the text length of the newest answer now and at every DOM change that alters it (no
 * sampling): `stopRecordingLengths` returns them.
 */
async function recordAnswerLengths(frame) {
  await frame.evaluate(() => {
    const lengths = [];
    window.__lengths = lengths;
    const record = () => {
      const answers = document.querySelectorAll('.message.assistant .markdown');
      const n = answers[answers.length - 1]?.textContent.length ?? 0;
      if (lengths.at(-1) !== n) lengths.push(n);
    };
    record();
    window.__lengthsObserver = new MutationObserver(record);
    window.__lengthsObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function stopRecordingLengths(frame) {
  return frame.evaluate(() => {
    window.__lengthsObserver.disconnect();
    return window.__lengths;
  });
}

/** Resolves once the browser painted twice: what a screenshot then shows is settled. */
const painted = (frameOrPage) => frameOrPage.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** The welcome of an empty chat: its three things to try (titles, keys, buttons). */
async function checkWelcome(frame) {
  const welcome = frame.locator('.messages .welcome');
  await welcome.waitFor({ timeout: 10_000 });
  const seen = {
    tries: await welcome.locator('.try strong').allInnerTexts(),
    keys: (await welcome.locator('kbd').allInnerTexts()).join('+'),
    buttons: await welcome.locator('button').allInnerTexts(),
  };
  const expected = { tries: ['Ask a question', 'Explain Selection', 'Inline suggestions'], keys: 'Ctrl+Alt+E', buttons: ['Try an example question', 'Explain the selection now', 'Turn on or off…'] };
  if (JSON.stringify(seen) !== JSON.stringify(expected)) throw new Error(`welcome: ${JSON.stringify(seen)}`);
  // The keys and the status bar's icon stand where the sentences name them.
  const explain = await welcome.locator('.try p').nth(1).innerText();
  if (!explain.includes('press Ctrl+Alt+E, or right-click')) throw new Error(`welcome: ${explain}`);
  if (!await welcome.locator('.try p').nth(2).locator('.codicon-sparkle').count()) throw new Error('welcome: no status bar icon in the inline suggestions sentence');
  return welcome;
}

/** Sends `text` with Enter and returns the new assistant message's locator. */
async function ask(frame, text) {
  const before = await frame.locator('.message.assistant').count();
  await frame.locator('.composer textarea').fill(text);
  await frame.locator('.composer textarea').press('Enter');
  const answer = frame.locator('.message.assistant').nth(before);
  await answer.waitFor({ timeout: 15_000 });
  return answer;
}

const relay = await FakeRelay.start();
const settings = { 'relayChat.baseUrl': relay.baseUrl, 'workbench.colorTheme': DARK_MODERN };
await uiTest('chat', { server: { settings }, cleanup: () => relay.close() }, async ({ page, server, shot, step }) => {
  fs.writeFileSync(path.join(server.workspace, 'hello.ts'), 'export function greet(name: string): string {\n  return `こんにちは, ${name}!`;\n}\n');
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));
  let frame = await openChatPanel(page);
  step('panel open, composer focused: ' + await frame.evaluate(() => document.activeElement?.tagName));

  // 0. A newcomer's empty chat names the three things to try, each with a button.
  await checkWelcome(frame);
  await painted(frame);
  await page.screenshot({ path: shot('chat-welcome-dark.png') });
  step('the empty chat welcomes: ask, Explain Selection (Ctrl+Alt+E), inline suggestions (chat-welcome-dark.png)');

  // 1. The answer arrives in several visible steps, CJK and emoji intact.
  relay.script({ delayMs: 45 });
  await recordAnswerLengths(frame);
  const first = await ask(frame, '日本語で説明してください 🙂');
  await first.locator('.footer .stats').waitFor({ timeout: 15_000 });
  const lengths = await stopRecordingLengths(frame);
  const rendered = await shownText(first.locator('.markdown'));
  if (rendered !== SAMPLE_TEXT) throw new Error(`CJK text not intact:\n${rendered}\n!=\n${SAMPLE_TEXT}`);
  const visibleSteps = lengths.filter((n) => n > 0 && n < SAMPLE_TEXT.length).length;
  if (visibleSteps < 3) throw new Error(`the answer appeared in ${visibleSteps} partial steps (${lengths.join(' → ')}), not streamed`);
  step(`streamed in ${visibleSteps} visible partial steps; CJK + emoji intact; stats: "${await first.locator('.footer .stats').innerText()}"`);

  // 2. Esc stops an answer mid-way; the partial text stays.
  relay.script({ delayMs: 120, tokens: tokenize(SAMPLE_TEXT.repeat(3)) });
  const second = await ask(frame, 'A long answer, please');
  await frame.waitForFunction(() => (document.querySelectorAll('.message.assistant .markdown')[1]?.textContent.length ?? 0) > 10, undefined, { timeout: 15_000 });
  const request = relay.requests.length - 1; // the POST, or the WebSocket message
  await frame.locator('.composer textarea').press('Escape');
  await second.locator('.phase.stopped').waitFor({ timeout: 5000 });
  await recordAnswerLengths(frame);
  const stoppedText = await shownText(second.locator('.markdown'));
  // The relay saw the request closed while it still had most of the answer to send: nothing more can come.
  const closed = await relay.disconnects.firstOf(request);
  if (closed === 'ended' || !closed.beforeEnd) throw new Error('Esc did not close the request: the relay sent the whole answer');
  if ((await stopRecordingLengths(frame)).length > 1 || (await shownText(second.locator('.markdown'))) !== stoppedText) throw new Error('text kept arriving after Stop');
  if (!stoppedText.length || stoppedText.length >= SAMPLE_TEXT.length * 3) throw new Error(`unexpected partial text after Stop: ${stoppedText.length} chars`);
  step(`Esc stopped the answer after ${stoppedText.length} characters; it stays`);

  // 3. Retry on the stopped answer streams a complete one in its place.
  relay.script({ delayMs: 10 });
  const stoppedId = await second.getAttribute('data-id');
  await second.locator('.footer button[aria-label="Retry"]').click();
  // The stopped answer is replaced by a new message element that streams the full answer.
  await frame.locator(`[data-id="${stoppedId}"]`).waitFor({ state: 'detached', timeout: 10_000 });
  const retried = frame.locator('.message.assistant').nth(1);
  await retried.locator('.footer .stats').waitFor({ timeout: 15_000 });
  if ((await shownText(retried.locator('.markdown'))) !== SAMPLE_TEXT) throw new Error('Retry did not produce the full answer');
  step('Retry replaced the stopped answer with a complete one');

  // 4. The XSS corpus executes nothing and leaves nothing executable in the DOM.
  relay.script({ tokens: XSS.flatMap((part) => part.match(/[\s\S]{1,7}/g)) });
  const hostile = await ask(frame, 'Show me some HTML');
  await hostile.locator('.footer .stats').waitFor({ timeout: 15_000 });
  // No wait for scripts to run: the verdict requires that nothing able to run (element, handler, link) exists.
  const verdict = await frame.evaluate(() => {
    const root = document.querySelectorAll('.message.assistant')[2];
    const all = [...root.querySelectorAll('*')];
    return {
      xss: window.__xss,
      scripts: root.querySelectorAll('script, iframe, svg, img, object, embed').length,
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 80)),
      badLinks: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '').filter((h) => !/^(https?:|mailto:)/i.test(h)),
      links: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      text: root.querySelector('.markdown').innerText,
    };
  });
  if (verdict.xss !== undefined || dialogs.length || verdict.scripts || verdict.handlers.length || verdict.badLinks.length) {
    throw new Error(`XSS corpus: ${JSON.stringify({ ...verdict, dialogs })}`);
  }
  if (!verdict.text.includes('<script>inline code stays text</script>')) throw new Error('code text was altered');
  // The image became a plain link (nothing is loaded); every javascript:/data: trick became text.
  if (JSON.stringify(verdict.links) !== JSON.stringify(['https://tracker.invalid/pixel.png', 'https://example.com/docs'])) throw new Error(`links: ${JSON.stringify(verdict.links)}`);
  // Clicking the remaining link asks first (a modal from the host), it never navigates the panel.
  await hostile.locator('a[href="https://example.com/docs"]').click();
  await page.locator('.monaco-dialog-box', { hasText: 'Open this link' }).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: shot('chat-link-consent.png') });
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Cancel' }).click();
  await page.locator('.monaco-dialog-box').waitFor({ state: 'detached', timeout: 5000 });
  step(`XSS corpus: nothing ran (${XSS.length} tricks), no handlers or unsafe links; the one https link asks before opening`);
  await hostile.scrollIntoViewIfNeeded();
  // The panel starts in the dark theme the settings name (else the switch below would prove nothing).
  await frame.locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 5000 });
  await page.screenshot({ path: shot('chat-dark.png') });

  // 5. Light theme: the panel follows VS Code's theme without a reload.
  await setTheme(page, frame, 'Light Modern', 'light');
  await first.scrollIntoViewIfNeeded();
  await painted(frame);
  await page.screenshot({ path: shot('chat-light.png') });
  step('light theme applied live; screenshots chat-dark.png, chat-light.png');

  // 6. Reload the window: the chat is still there.
  await runCommand(page, 'Developer: Reload Window');
  await workbenchReady(page);
  frame = await openChatPanel(page);
  await frame.locator('.message.user', { hasText: '日本語で説明してください' }).waitFor({ timeout: 20_000 });
  await frame.locator('.message.assistant .markdown', { hasText: SAMPLE_TEXT.slice(0, 12) }).first().waitFor({ timeout: 10_000 });
  step('after a window reload the chat is back, answers included');

  // 7. Explain Selection from the editor's context menu, in a new chat.
  relay.script({ delayMs: 5 });
  await runCommand(page, 'Go to File...', { asks: true });
  await page.keyboard.type('hello.ts');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hello.ts' }).first().click();
  const editor = page.locator('.monaco-editor .view-lines', { hasText: 'greet' }).first();
  await editor.waitFor({ timeout: 15_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await editor.click({ button: 'right' });
  const item = page.locator('.context-view .action-label', { hasText: 'Explain Selection' }).first();
  await item.waitFor({ timeout: 10_000 });
  await page.screenshot({ path: shot('chat-context-menu.png') });
  await item.click();
  frame = await findFrame(page, '.composer textarea');
  await frame.locator('.message.user', { hasText: 'Explain lines 1–3 of hello.ts' }).waitFor({ timeout: 15_000 });
  await frame.locator('.message.assistant .footer .stats').first().waitFor({ timeout: 15_000 });
  const sent = relay.requests.at(-1)?.body?.messages?.at(-1)?.content ?? '';
  if (!/`hello\.ts` \(typescript\)/.test(sent) || !/greet/.test(sent)) throw new Error(`explain prompt: ${sent.slice(0, 300)}`);
  await page.screenshot({ path: shot('chat-explain.png') });
  step('Explain Selection from the context menu: new chat, prompt has the file, language and code');

  // 8. New Chat while an answer streams: that answer stops (kept, marked stopped), the new chat's
  // composer offers Send, and a message sent at once gets its answer.
  await frame.locator('.toolbar button[aria-label="New chat"]').click();
  await frame.locator('.messages .empty').waitFor({ timeout: 10_000 });
  relay.script({ delayMs: 120, tokens: tokenize(SAMPLE_TEXT.repeat(3)) });
  const streaming = await ask(frame, 'One more long answer, please');
  await streaming.locator('.markdown', { hasText: SAMPLE_TEXT.slice(0, 4) }).waitFor({ timeout: 10_000 });
  const sendButton = frame.locator('.composer button[aria-label="Send"]');
  const stopButton = frame.locator('.composer button[aria-label="Stop"]');
  await stopButton.waitFor({ state: 'visible', timeout: 5000 });
  await frame.locator('.toolbar button[aria-label="New chat"]').click();
  await frame.locator('.messages .empty').waitFor({ timeout: 10_000 });
  await sendButton.waitFor({ state: 'visible', timeout: 5000 });
  if (await stopButton.isVisible()) throw new Error('the new chat shows Stop for an answer in another chat');
  relay.script({ delayMs: 5 });
  const afterNew = await ask(frame, '新しいチャットですぐに質問');
  await afterNew.locator('.footer .stats').waitFor({ timeout: 15_000 });
  if ((await shownText(afterNew.locator('.markdown'))) !== SAMPLE_TEXT) throw new Error('the message sent right after New Chat got no full answer');
  await sendButton.waitFor({ state: 'visible', timeout: 5000 });
  await page.screenshot({ path: shot('chat-new-while-streaming.png') });
  await frame.locator('.toolbar button[aria-label="Chat history"]').click();
  await frame.locator('.history .item', { hasText: 'One more long answer' }).click();
  await frame.locator('.message.assistant .phase.stopped').waitFor({ timeout: 10_000 });
  step('New Chat while streaming: the answer stopped and kept; the new chat sent at once and was answered (chat-new-while-streaming.png)');

  // 9. The welcome's buttons do what they say, and the demo relay's answer renders every Markdown element.
  await frame.locator('.toolbar button[aria-label="New chat"]').click();
  let welcome = await checkWelcome(frame);
  await painted(frame);
  await page.screenshot({ path: shot('chat-welcome-light.png') });
  await welcome.locator('button', { hasText: 'Turn on or off…' }).click();
  await page.locator('.quick-input-widget', { hasText: 'Relay Chat inline completions' }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape');
  step('welcome (light, chat-welcome-light.png): "Turn on or off…" opens the inline suggestions menu');
  relay.script(demoScenario({ tokenMs: 2 }));
  await welcome.locator('button', { hasText: 'Explain the selection now' }).click();
  await frame.locator('.message.user', { hasText: 'Explain lines 1–3 of hello.ts' }).waitFor({ timeout: 15_000 });
  const explained = frame.locator('.message.assistant').first();
  await explained.locator('.footer .stats').waitFor({ timeout: 30_000 });
  await explained.locator('.markdown table', { hasText: 'greet' }).waitFor({ timeout: 5000 });
  step('welcome: "Explain the selection now" explained the selection of hello.ts in a new chat');

  await setTheme(page, frame, 'Dark Modern', 'dark');
  await widenSideBar(page, 700);
  await frame.locator('.toolbar button[aria-label="New chat"]').click();
  welcome = await checkWelcome(frame);
  await painted(frame);
  await readmeShot(page, 'welcome.png');
  await welcome.locator('button', { hasText: 'Try an example question' }).click();
  const example = await frame.locator('.composer textarea').inputValue();
  if (example !== 'What can you do in this editor? Show me an example.') throw new Error(`the example question: ${example}`);
  relay.script(demoScenario());
  await recordAnswerLengths(frame);
  await frame.locator('.composer textarea').press('Enter');
  const demo = frame.locator('.message.assistant').first();
  await demo.locator('.footer .stats').waitFor({ timeout: 60_000 });
  const steps = (await stopRecordingLengths(frame)).length;
  const elements = await demo.evaluate((el) => ({
    heading: el.querySelectorAll('.markdown h2, .markdown h3').length,
    list: el.querySelectorAll('.markdown ol > li').length,
    code: el.querySelectorAll('.markdown pre code .hljs-keyword').length,
    table: el.querySelectorAll('.markdown table tr').length,
  }));
  if (!elements.heading || elements.list < 3 || !elements.code || elements.table < 5) throw new Error(`demo answer rendered ${JSON.stringify(elements)}`);
  // As much of the answer as the window holds, down to its stats.
  await demo.locator('.footer .stats').scrollIntoViewIfNeeded();
  await painted(frame);
  await page.screenshot({ path: shot('chat-demo-answer.png') });
  await readmeShot(page, 'chat-demo-answer.png');
  step(`the example question got the demo answer in ${steps} visible steps: ${JSON.stringify(elements)} (chat-demo-answer.png)`);

  // 8. An answer drops inside its code block: the text stays, Continue finishes it as one answer with one block.
  await frame.locator('.toolbar button[aria-label="New chat"]').click();
  await frame.locator('.message').first().waitFor({ state: 'detached', timeout: 10_000 });
  relay.script({ reply: continuingReply(DROPPED_ANSWER, 'fence'), resetAfter: 50, delayMs: 15 }, { reply: continuingReply(DROPPED_ANSWER, 'fence'), delayMs: 15 });
  const dropped = await ask(frame, '合計の求め方は？');
  const goOn = dropped.locator('.status button.continue');
  await goOn.waitFor({ timeout: 15_000 });
  const partial = await dropped.locator('.markdown').innerText();
  await painted(frame);
  await page.screenshot({ path: shot('chat-dropped.png') });
  await goOn.click();
  await dropped.locator('.status .phase').first().waitFor({ timeout: 15_000 });
  // The end: no phase or button left under the answer, and the composer can send again.
  await frame.waitForFunction(() => !document.querySelector('.message.assistant .status *') && document.querySelector('.message.assistant .markdown')?.textContent.includes('これで'), undefined, { timeout: 15_000 });
  const continued = await dropped.evaluate((el) => ({ blocks: el.querySelectorAll('.markdown pre').length, code: el.querySelector('.markdown pre code')?.textContent ?? '', text: el.querySelector('.markdown')?.textContent ?? '' }));
  const expectedCode = DROPPED_ANSWER.split('```ts\n')[1].split('```')[0];
  if (continued.blocks !== 1 || continued.code !== expectedCode) throw new Error(`continued answer: ${JSON.stringify(continued)}`);
  if (!continued.text.includes('これで 合計 が返ります。') || (await frame.locator('.message.assistant').count()) !== 1) throw new Error(`continued answer: ${JSON.stringify(continued)}`);
  await painted(frame);
  await page.screenshot({ path: shot('chat-continued.png') });
  step(`dropped after ${partial.length} characters; Continue finished it as one answer with one code block (chat-dropped.png, chat-continued.png)`);
});
