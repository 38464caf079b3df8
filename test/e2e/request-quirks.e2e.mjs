// UI test of a relay that refuses a request field for a model, in the real workbench: the first
// question gets its answer (the relay saw one refused request and one adapted one), the second is
// right the first time, and after a window reload (a new extension host) so is the third.
// The relay here is vLLM-style, refusing `stream_options`, the one such field the panel sends.
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/request-quirks.e2e.mjs
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, DARK_MODERN, workbenchUrl, openWorkbench, workbenchReady, openChatPanel, runCommand, uiTest, shownText } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));
const { SAMPLE_TEXT } = require(path.join(REPO, 'out/test/fakes/scenario.js'));

const relay = await FakeRelay.start();
relay.defaultScenario = { refuse: { style: 'vllm', fields: ['stream_options'] }, delayMs: 10 };
const settings = { 'relayChat.baseUrl': relay.baseUrl, 'relayChat.model': 'gpt-4.1', 'workbench.colorTheme': DARK_MODERN };

/** The chat requests the relay received since `from`: whether each asked for usage. */
const asked = (from) => relay.requests.slice(from).filter((r) => r.body?.messages).map((r) => Boolean(r.body.stream_options));

/** Sends `text` and waits for its answer, whole. */
async function askAndWait(frame, text) {
  const before = await frame.locator('.message.assistant .footer .stats').count();
  await frame.locator('.composer textarea').fill(text);
  await frame.locator('.composer textarea').press('Enter');
  const answer = frame.locator('.message.assistant').nth(before);
  await answer.locator('.footer .stats').waitFor({ timeout: 20_000 });
  const shown = await shownText(answer.locator('.markdown'));
  if (shown !== SAMPLE_TEXT) throw new Error(`the answer shows: ${shown}`);
}

await uiTest('request-quirks', { server: { settings }, cleanup: () => relay.close() }, async ({ page, server, step }) => {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));
  let frame = await openChatPanel(page);
  let from = relay.requests.length;
  await askAndWait(frame, '最初の質問');
  if (asked(from).join() !== 'true,false') throw new Error(`the relay saw ${JSON.stringify(asked(from))}, not one refused request then one without stream_options`);
  step('the first question: one refused request, one adapted, the answer shown');

  from = relay.requests.length;
  await askAndWait(frame, '二つ目の質問');
  if (asked(from).join() !== 'false') throw new Error(`the second question sent ${JSON.stringify(asked(from))}`);
  step('the second question: right the first time');

  await runCommand(page, 'Developer: Reload Window');
  await workbenchReady(page);
  frame = await openChatPanel(page);
  from = relay.requests.length;
  await askAndWait(frame, 'リロード後の質問');
  if (asked(from).join() !== 'false') throw new Error(`after the reload the question sent ${JSON.stringify(asked(from))}`);
  step('after a window reload: right the first time');
});
