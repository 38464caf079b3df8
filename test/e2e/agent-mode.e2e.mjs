// UI test of the relay's models in VS Code's own chat (vscode.lm), as a user with no GitHub account
// would drive it: a question in Ask mode is answered by a relay model, then in Agent mode the
// relay's tool-calling model (fake-tools, picked in the model picker) calls one of the chat's built-in
// tools, list_dir of the workspace; the chat runs it and the tool's result (the workspace's files) goes
// back to the relay in the next request, whose answer the chat shows. Only on hosts with Copilot Chat built in
// (hosts.json builtinChat; scripts/test-e2e.sh runs it there only): 1.96.4 has no chat of its own.
// Screenshots: test-results/agent-mode-*.png (look at them).
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/agent-mode.e2e.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, EXTENSION, HOST, DARK_MODERN, workbenchUrl, openWorkbench, runCommand, uiTest } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));
const { TOOL_MODEL_FIELDS } = require(path.join(REPO, 'out/test/fakes/tool-presets.js'));
const { SAMPLE_TEXT } = require(path.join(REPO, 'out/test/fakes/scenario.js'));

if (!HOST.builtinChat) throw new Error(`VS Code ${HOST.vscode} has no chat of its own to drive (hosts.json: no builtinChat); scripts/test-e2e.sh does not run this test there`);

const relay = await FakeRelay.start();
// Listed as `npm run fake-relay` lists them: with their capabilities, so Agent mode offers fake-tools.
relay.models.push(...Object.keys(TOOL_MODEL_FIELDS));
Object.assign(relay.modelFields, TOOL_MODEL_FIELDS);
const settings = {
  'relayChat.baseUrl': relay.baseUrl, 'workbench.colorTheme': DARK_MODERN,
  // The harness turns VS Code's AI features off; this test is about them. Anonymous access lets the
  // built-in Copilot Chat run without a GitHub sign-in: with no Copilot token (api.github.com is out
  // of reach) it serves its chat with the other vendors' models, here the relay's.
  'chat.disableAIFeatures': false, 'chat.allowAnonymousAccess': true,
};

/** A file in the workspace that the listing must name. */
const FILE = '天気メモ-🌤️.md';

/**
 * One turn of the agent loop (fake relay scenario): asked with tools, the model calls list_dir on
 * `folder`; given the tool's result, it answers quoting it. Queued for both requests of the turn.
 */
function listWorkspace(folder) {
  return {
    delayMs: 20,
    perRequest: (request) => {
      const last = request.messages.at(-1);
      if (last?.role === 'tool') return { tokens: ['一覧: ', String(last.content).slice(0, 120), ' 完了。'] };
      return { tokens: ['見てみます', '… 🔍'], toolCalls: [{ name: 'list_dir', arguments: JSON.stringify({ path: folder }) }] };
    },
  };
}

const chatView = '.interactive-session';
const input = `${chatView} .interactive-input-part .monaco-editor .view-lines`;
const responses = `${chatView} .interactive-response`;

/** The relay's chat requests (WebSocket messages or SSE POSTs) from index `from` on, as parsed bodies. */
const chatRequests = (from = 0) => relay.requests.slice(from).filter((r) => r.body && typeof r.body === 'object' && Array.isArray(r.body.messages)).map((r) => r.body);

/** Types `text` into the chat's input and sends it. */
async function ask(page, text) {
  await page.locator(input).first().click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Picks `model` (its name as the relay lists it) in the chat's model picker, through its search box. */
async function pickModel(page, name) {
  await page.locator(`${chatView} .model-picker-split`).first().click();
  const search = page.locator('.action-widget input').first();
  await search.fill(name);
  await page.locator('.action-widget .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`${chatView} .model-picker-split`, { hasText: name }).first().waitFor({ timeout: 10_000 });
}

await uiTest('agent-mode', { server: { settings }, cleanup: () => relay.close() }, async ({ page, server, shot, step }) => {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));

  // 1. Ask mode, plain text. On a fresh profile VS Code keeps the built-in Copilot Chat disabled until
  //    the first question; its Auto model then picks one of the relay's.
  await runCommand(page, 'Chat: Open Chat (Ask)');
  await ask(page, 'Say hello');
  await page.locator(responses, { hasText: SAMPLE_TEXT }).first().waitFor({ timeout: 60_000 });
  const first = chatRequests();
  if (first.length !== 1 || first[0].tools) throw new Error(`Ask mode sent ${JSON.stringify(first.map((b) => [b.model, b.tools?.length]))}`);
  await page.screenshot({ path: shot('agent-mode-ask.png') });
  step(`Ask mode: ${first[0].model} answered through the relay, no tools sent (agent-mode-ask.png)`);

  // 2. Agent mode with fake-tools picked. Its preset calls the first tool offered, which is Copilot's
  //    create_directory (refused: not an absolute path); this turn asks for list_dir of the workspace
  //    instead, a tool that runs without a confirmation and whose result shows that it ran.
  fs.writeFileSync(path.join(server.workspace, FILE), '');
  relay.script(listWorkspace(server.workspace), listWorkspace(server.workspace));
  await runCommand(page, 'Chat: Open Chat (Agent)');
  await pickModel(page, 'fake-tools');
  const before = relay.requests.length;
  await ask(page, 'このフォルダには何がある？');
  await page.locator(responses, { hasText: '完了' }).first().waitFor({ timeout: 60_000 });
  const [call, answer, ...more] = chatRequests(before);
  if (!call || !answer || more.length) throw new Error(`expected two requests (the call, then its result), got ${chatRequests(before).length}`);
  if (call.model !== 'fake-tools' || !call.tools?.length) throw new Error(`the first request: model ${call.model}, ${call.tools?.length ?? 0} tools`);
  if (!call.tools.some((t) => t.function.name === 'list_dir')) throw new Error(`no list_dir among the tools offered: ${call.tools.map((t) => t.function.name)}`);
  const asked = answer.messages.findLast((m) => m.role === 'assistant')?.tool_calls?.[0];
  const result = answer.messages.at(-1);
  if (asked?.function?.name !== 'list_dir') throw new Error(`the next request carries no call of list_dir: ${JSON.stringify(asked)}`);
  if (result.role !== 'tool' || result.tool_call_id !== asked.id || !String(result.content ?? '').includes(FILE)) {
    throw new Error(`the call's result did not reach the relay: ${JSON.stringify(result).slice(0, 500)}`);
  }
  // The steps are folded under "Completed N steps"; opened, they show the tool's run: "Read workspace".
  await page.locator(responses).last().getByText(/^Completed \d+ steps?/).click();
  await page.locator(`${responses} .chat-tool-invocation-part`, { hasText: /^Read\s*workspace$/ }).last().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: shot('agent-mode-tool-call.png') });
  step(`Agent mode: fake-tools called list_dir among ${call.tools.length} tools; its result reached the relay: ${JSON.stringify(String(result.content).slice(0, 120))} (agent-mode-tool-call.png)`);
});
