// UI test: a long answer (about 400,000 characters: headings, prose in three scripts, lists and code,
// with the mouse resting over the panel as a reader's would) streams to the end in the real panel.
// The footer must appear within 1.2× the stream's own duration (from the relay's first token to its
// last, the relay's clock), and the answer's DOM must equal the same answer rendered at once (the
// window is reloaded, and the chat from history is rendered whole). Before the panel kept its blocks
// in chunks the browser skips off screen, each frame cost more than the last and the panel fell
// further behind the stream with every token (test-results/long-answer-end.png: look at it).
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/long-answer.e2e.mjs
/* global process, document, performance, MutationObserver, window -- Node globals, and browser ones inside frame.evaluate callbacks */
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, workbenchUrl, openWorkbench, workbenchReady, openChatPanel, runCommand, uiTest } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));

const SECTIONS = Number(process.env.LONG_SECTIONS ?? 1400);
/** Goal: the footer within this many times the stream's own duration. */
const FOOTER_WITHIN = 1.2;

/** One section of the answer, as the model's tokens (a line each: a fast model's pace in characters). */
function section(n) {
  return [
    `## 手順 ${n}\n`, '\n', `Step ${n}: the relay streams **chunks** and the panel renders them as they arrive. `,
    '日本語の説明と中文的解释が混ざります。', 'See `streamChat()` for details.\n', '\n',
    '- first item\n', `- second item 二番目 ${n}\n`, '\n',
    '```ts\n', `export function step${n}(a: number): number {\n`, '  return a * 2; // 二倍\n', '}\n', '```\n', '\n',
  ];
}
const tokens = Array.from({ length: SECTIONS }, (_, n) => section(n)).flat();
const answer = tokens.join('');

const relay = await FakeRelay.start();
const settings = { 'relayChat.baseUrl': relay.baseUrl, 'relayChat.timeouts.idleSeconds': 300 };
await uiTest('long-answer', { server: { settings }, cleanup: () => relay.close() }, async ({ page, server, shot, step }) => {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));
  let frame = await openChatPanel(page);
  // The mouse over the answer: the browser hit-tests it again after every scroll to the end.
  const box = await (await frame.frameElement()).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);

  await frame.evaluate(() => {
    window.__footerAt = undefined;
    new MutationObserver((_, observer) => {
      if (!document.querySelector('.message.assistant .footer .stats')) return;
      window.__footerAt = performance.timeOrigin + performance.now();
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  });
  relay.writes = [];
  relay.script({ tokens, delayMs: 1 });
  await frame.locator('.composer textarea').fill('Write the whole runbook, every step.');
  await frame.locator('.composer textarea').press('Enter');
  const footer = frame.locator('.message.assistant .footer .stats');
  await frame.waitForFunction(() => window.__footerAt !== undefined, null, { timeout: 600_000, polling: 1000 });
  const footerAt = await frame.evaluate(() => window.__footerAt);
  const writes = relay.writes;
  relay.writes = undefined;
  const streamMs = writes.at(-1).at - writes[0].at;
  const footerMs = footerAt - writes[0].at;
  step(`${answer.length} characters streamed in ${(streamMs / 1000).toFixed(1)} s; footer after ${(footerMs / 1000).toFixed(1)} s (${(footerMs / streamMs).toFixed(2)}× the stream)`);
  if (footerMs > FOOTER_WITHIN * streamMs) throw new Error(`the footer came ${(footerMs / streamMs).toFixed(2)}× the stream's duration after its first token (goal ≤ ${FOOTER_WITHIN}×): the panel fell behind`);
  await footer.waitFor({ timeout: 5000 });
  // The panel followed the answer to its end (the footer is in view).
  const left = await frame.locator('.messages').evaluate((l) => l.scrollHeight - l.scrollTop - l.clientHeight);
  if (left > 40) throw new Error(`the panel stopped following the answer: ${left} px below the view`);
  await page.screenshot({ path: shot('long-answer-end.png') });

  const markdown = frame.locator('.message.assistant .markdown');
  const streamed = await markdown.evaluate((e) => e.innerHTML);
  const shown = await markdown.evaluate((e) => e.textContent.length);
  if (!streamed.includes(`手順 ${SECTIONS - 1}`) || shown < answer.length * 0.9) throw new Error(`the panel shows ${shown} characters of ${answer.length}`);

  // The same answer rendered at once: from history after a reload.
  await runCommand(page, 'Developer: Reload Window');
  await workbenchReady(page);
  frame = await openChatPanel(page);
  await frame.locator('.message.assistant .footer .stats').waitFor({ timeout: 30_000 });
  const whole = await frame.locator('.message.assistant .markdown').evaluate((e) => e.innerHTML);
  if (whole !== streamed) {
    const at = [...whole].findIndex((c, i) => c !== streamed[i]);
    throw new Error(`the streamed answer's DOM differs from the whole answer's at ${at}: …${streamed.slice(at - 80, at + 80)}… vs …${whole.slice(at - 80, at + 80)}…`);
  }
  step(`the streamed DOM equals the answer rendered whole after a reload (${whole.length} characters of HTML)`);

  // A code block's buttons act through the message's one listener: Open in New Editor opens the last block.
  await frame.locator('.message.assistant pre').last().scrollIntoViewIfNeeded();
  await frame.locator('.message.assistant .code-tools').last().locator('button[aria-label="Open in new editor"]').click();
  await page.locator('.monaco-editor .view-lines', { hasText: `step${SECTIONS - 1}(a: number)` }).first().waitFor({ timeout: 15_000 });
  step('Open in new editor on the last code block opens its code');
});
