// Issue 21: the relay's models in agent mode. The test consumer (test/fixtures/lm-consumer) runs an
// agent's loop through vscode.lm as VS Code's agent mode does: it offers its tool, receives the
// model's call, runs the tool through vscode.lm.invokeTool, sends the result back, and reads the
// final answer. The fake relay streams the calls in fragments and checks the conversation it gets
// the way OpenAI's API does (test/fakes).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AnswerRecord } from '../../src/vscode/answer-recorder';
import type { RelayChatApi } from '../../src/vscode/extension';
import * as fs from 'fs';
import * as path from 'path';
import { SHARED_KEYS, normaliseBaseUrl, quirkKey, readLearnedQuirks, withQuirk } from '../../src/core';
import { SharedStateFile } from '../../src/core/util/shared-state-file';
import { FakeRelay } from '../fakes/fake-relay';
import { tokenize } from '../fakes/scenario';
import { api, LM_CONSUMER, lmConsumer, resetSettings, setSettings, until } from './helpers';

const VENDOR = 'relay-chat';
const ACCESS = 'languageModels.extensionAccess';
const KEY = 'test-agent-key-0123456789';
const QUERY = '東京の天気 🌤️';
const FINAL = 'ツールの結果によると、東京は晴れです ☀️👍🏽 以上です。';
/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Part { kind: 'text' | 'toolCall'; text?: string; callId?: string; name?: string; input?: Record<string, unknown>; at: number }
interface Step { parts: Part[]; cancelled?: boolean; error?: { isLanguageModelError: boolean; code: string; message: string } }
interface Consumer {
  TOOL: string;
  toolRuns: { input: Record<string, unknown>; at: number }[];
  lookupResult(input: { query: string }): string;
  agentLoop(vendor: string, id: string, question: string, options?: { maxSteps?: number; cancelInStep?: number; toolMode?: vscode.LanguageModelChatToolMode }): Promise<{ steps: Step[] }>;
  askAboutImage(vendor: string, id: string, question: string, bytes: Uint8Array, mimeType: string): Promise<{ text: string; error?: Step['error'] }>;
  capabilities(vendor: string, id: string): Promise<{ toolCalling: boolean; imageInput: boolean } | undefined>;
  countAgentTurn(vendor: string, id: string): Promise<{ text: number; assistant: number; result: number; resultText: number }>;
}

const hostTakesProviders = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

describe(`vscode.lm in agent mode: tool calls and images (VS Code ${vscode.version})`, function () {
  this.timeout(60_000);
  let relay: FakeRelay;
  let relayChat: RelayChatApi;
  let consumer: Consumer;
  const records: AnswerRecord[] = [];
  let recording: vscode.Disposable;

  before(async () => {
    relay = await FakeRelay.start();
    relay.models = ['gpt-4.1', 'my-local-model', 'text-only-relay', 'ollama-gemma', 'other-window-model'];
    // The relay's own list says this one takes neither tools nor images, whatever its family.
    relay.modelFields = { 'text-only-relay': { supported_parameters: ['max_tokens'], architecture: { input_modalities: ['text'] } }, 'ollama-gemma': { capabilities: ['tools'] }, 'other-window-model': { capabilities: ['tools'] } };
    relayChat = await api();
    recording = relayChat.answers.onDidRecord((r) => records.push(r));
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse', [ACCESS]: { [LM_CONSUMER]: true } });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    consumer = await lmConsumer<Consumer>();
  });
  after(async () => {
    recording.dispose();
    await resetSettings(['baseUrl', 'transport', ACCESS]);
    await relay.close();
  });
  beforeEach(() => {
    records.length = 0;
    consumer.toolRuns.length = 0;
  });

  const chatBodies = () => relay.requests.filter((r) => Array.isArray(r.body?.messages)).map((r) => r.body as Record<string, unknown>);
  const callStep = (args = JSON.stringify({ query: QUERY })) => ({ tokens: ['調べます', '。'], toolCalls: [{ id: 'call_tokyo', name: consumer.TOOL, arguments: args }], delayMs: 5 });

  if (!hostTakesProviders) {
    it('the host has no provider API: no relay model is offered, for tools or otherwise', async () => {
      assert.deepStrictEqual(await vscode.lm.selectChatModels({ vendor: VENDOR }), []);
    });
    return;
  }

  it('offers each model with tools and images as the relay\'s list says, else as its family is known to', async () => {
    assert.deepStrictEqual(await consumer.capabilities(VENDOR, 'gpt-4.1'), { toolCalling: true, imageInput: true });
    assert.deepStrictEqual(await consumer.capabilities(VENDOR, 'text-only-relay'), { toolCalling: false, imageInput: false });
    assert.deepStrictEqual(await consumer.capabilities(VENDOR, 'my-local-model'), { toolCalling: false, imageInput: false });
    assert.deepStrictEqual(await consumer.capabilities(VENDOR, 'ollama-gemma'), { toolCalling: true, imageInput: false });
  });

  for (const transport of ['sse', 'websocket'] as const) {
    it(`runs an agent's loop over ${transport}: the call streamed in fragments reaches the tool whole, its result goes back, the answer comes, each step counted`, async () => {
      await setSettings({ transport });
      try {
        relay.script(callStep(), { tokens: tokenize(FINAL), delayMs: 5 });
        const before = chatBodies().length;
        relay.writes = []; // logs each argument fragment's time: the overhead below is a figure, not asserted
        const { steps } = await consumer.agentLoop(VENDOR, 'gpt-4.1', `${QUERY}を調べて`);
        const writes = relay.writes;
        relay.writes = undefined;
        assert.strictEqual(steps.length, 2, JSON.stringify(steps));
        const [first, second] = steps as [Step, Step];
        assert.strictEqual(first.error, undefined, JSON.stringify(first.error));
        // The text as it streamed (in pieces), then the call.
        assert.deepStrictEqual(first.parts.map((p) => p.kind).filter((k, i, all) => k !== all[i - 1]), ['text', 'toolCall']);
        assert.strictEqual(first.parts.map((p) => p.text ?? '').join(''), '調べます。');
        assert.deepStrictEqual(consumer.toolRuns.map((r) => r.input), [{ query: QUERY }], 'the tool ran once, with the input intact');
        const lastFragment = relay.toolCallWrites.filter((w) => w.last).at(-1)?.at ?? NaN;
        const lastToken = writes.at(-1)?.at ?? NaN; // the final answer's last text token
        console.log(`      through the host (${transport}): the call reached the caller ${(first.parts.find((p) => p.kind === 'toolCall')?.at ?? NaN) - lastFragment} ms after the relay wrote its last fragment; the answer's last token ${(second.parts.at(-1)?.at ?? NaN) - lastToken} ms after it was written`);
        assert.strictEqual(second.error, undefined, JSON.stringify(second.error));
        assert.strictEqual(second.parts.map((p) => p.text ?? '').join(''), FINAL);

        const [ask, answer] = chatBodies().slice(before) as [Record<string, unknown>, Record<string, unknown>];
        const tools = ask.tools as { type: string; function: { name: string; parameters: { required: string[] } } }[];
        assert.strictEqual(tools[0]?.type, 'function');
        assert.strictEqual(tools[0]?.function.name, consumer.TOOL);
        assert.deepStrictEqual(tools[0]?.function.parameters.required, ['query'], 'the tool\'s JSON schema');
        assert.strictEqual(ask.tool_choice, undefined, 'auto is the default: not sent');
        assert.deepStrictEqual((answer.messages as unknown[]).slice(1), [
          { role: 'assistant', content: '調べます。', tool_calls: [{ id: 'call_tokyo', type: 'function', function: { name: consumer.TOOL, arguments: JSON.stringify({ query: QUERY }) } }] },
          { role: 'tool', tool_call_id: 'call_tokyo', content: consumer.lookupResult({ query: QUERY }) },
        ]);
        assert.strictEqual(relay.requests.filter((r) => Array.isArray(r.body?.messages)).at(-1)?.transport, transport);
        await until(() => records.length === 2);
        assert.deepStrictEqual(records.map((r) => [r.origin, r.requestedBy]), [['lm', LM_CONSUMER], ['lm', LM_CONSUMER]]);
        assert.ok(records.every((r) => r.stats.completionTokens > 0 && (r.stats.costUsd ?? 0) > 0), 'each step is counted and priced');
      } finally {
        await setSettings({ transport: 'sse' });
      }
    });
  }

  it('hands on several calls of one answer in order, and sends their results back in that order', async () => {
    relay.script({ tokens: [], toolCalls: [{ id: 'a', name: consumer.TOOL, arguments: '{"query":"一"}' }, { id: 'b', name: consumer.TOOL, arguments: '{"query":"二 🙂"}' }] }, { tokens: ['done'] });
    const before = chatBodies().length;
    const { steps } = await consumer.agentLoop(VENDOR, 'gpt-4.1', 'two lookups');
    assert.deepStrictEqual(steps[0]?.parts.map((p) => [p.kind, p.callId]), [['toolCall', 'a'], ['toolCall', 'b']]);
    assert.deepStrictEqual(consumer.toolRuns.map((r) => r.input.query), ['一', '二 🙂']);
    const messages = chatBodies()[before + 1]?.messages as { role: string; tool_call_id?: string; content: unknown }[];
    assert.deepStrictEqual(messages.slice(1).map((m) => [m.role, m.tool_call_id]), [['assistant', undefined], ['tool', 'a'], ['tool', 'b']]);
    assert.strictEqual(messages[1]?.content, null, 'an assistant turn of calls only has no text');
  });

  it('a call whose arguments are not JSON ends the answer with a LanguageModelError: no call reaches the caller, no tool runs', async () => {
    relay.script(callStep('{"query": "東京'));
    const { steps } = await consumer.agentLoop(VENDOR, 'gpt-4.1', 'broken call');
    assert.strictEqual(steps.length, 1);
    assert.ok(steps[0]?.error?.isLanguageModelError, JSON.stringify(steps[0]));
    assert.match(steps[0].error.message, new RegExp(`gpt-4\\.1 called the tool ${consumer.TOOL} with arguments that are not valid JSON`));
    assert.ok(steps[0].parts.every((p) => p.kind === 'text'), 'no half call was handed on');
    assert.deepStrictEqual(consumer.toolRuns, []);
  });

  it('cancelling mid-loop closes that step\'s request: the relay sees the client leave before its answer ended', async () => {
    relay.script(callStep(), { tokens: tokenize(FINAL.repeat(8)), delayMs: 40 });
    const before = relay.requests.length;
    const { steps } = await consumer.agentLoop(VENDOR, 'gpt-4.1', 'cancel the second step', { cancelInStep: 1 });
    assert.strictEqual(steps.length, 2);
    assert.ok(steps[1]?.cancelled);
    assert.strictEqual(consumer.toolRuns.length, 1);
    const second = relay.requests.map((r, i) => (i >= before && Array.isArray(r.body?.messages) ? i : -1)).filter((i) => i >= 0)[1] as number;
    const first = await relay.disconnects.firstOf(second);
    assert.ok(first !== 'ended' && first.beforeEnd, 'the relay saw the request closed while it was still answering');
  });

  it('sends an image as a data URL to a model that reads images', async () => {
    relay.script({ tokens: tokenize('赤い点です 🔴') });
    const answer = await consumer.askAboutImage(VENDOR, 'gpt-4.1', 'この画像は？', PNG, 'image/png');
    assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
    assert.strictEqual(answer.text, '赤い点です 🔴');
    const content = (chatBodies().at(-1)?.messages as { content: unknown }[])[0]?.content;
    assert.deepStrictEqual(content, [{ type: 'text', text: 'この画像は？' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` } }]);
  });

  it('refuses an image for a model without vision, and tools a model cannot call when they are required: clearly, nothing sent or billed', async () => {
    const before = chatBodies().length;
    const image = await consumer.askAboutImage(VENDOR, 'text-only-relay', 'この画像は？', PNG, 'image/png');
    assert.ok(image.error?.isLanguageModelError, JSON.stringify(image));
    assert.match(image.error.message, /text-only-relay reads text only: remove the image, or pick a model that reads images\. Nothing was sent\./);
    const { steps } = await consumer.agentLoop(VENDOR, 'my-local-model', 'use the tool', { toolMode: vscode.LanguageModelChatToolMode.Required });
    assert.match(steps[0]?.error?.message ?? '', /my-local-model cannot call tools/);
    assert.strictEqual(chatBodies().length, before, 'the relay saw nothing');
    assert.deepStrictEqual(records, [], 'nothing billed');
  });

  it('a relay that refuses tools for a model: the error says so, and the model is offered without tools from then on', async () => {
    relay.script({ status: 400, body: { error: { message: 'registry.ollama.ai/library/gemma:2b does not support tools', type: 'api_error' } } });
    const { steps } = await consumer.agentLoop(VENDOR, 'ollama-gemma', 'use the tool');
    assert.match(steps[0]?.error?.message ?? '', /The relay does not let ollama-gemma call tools\. It is offered without tools from now on/);
    assert.match(steps[0]?.error?.message ?? '', /does not support tools/, 'in the relay\'s words');
    await until(async () => (await consumer.capabilities(VENDOR, 'ollama-gemma'))?.toolCalling === false, 15_000);
    // Asked with tools again (not required): sent without them, and the model answers in text.
    relay.script({ tokens: ['plain'] });
    const again = await consumer.agentLoop(VENDOR, 'ollama-gemma', 'use the tool');
    assert.strictEqual(again.steps[0]?.error, undefined);
    assert.strictEqual(chatBodies().at(-1)?.tools, undefined);
  });

  it('counts an agent\'s turn as it will be sent: the call\'s name and arguments, the result, and each message\'s framing', async () => {
    const counts = await consumer.countAgentTurn(VENDOR, 'gpt-4.1');
    // o200k: the arguments {"query":"東京の天気 🌤️"} alone are more than ten tokens; the frame is 3 + the role.
    assert.ok(counts.assistant >= counts.text + 15, JSON.stringify(counts));
    assert.ok(counts.result >= counts.resultText + 4, JSON.stringify(counts));
  });

  it('a refusal of tools learnt in another window: this window lists its models again by itself, the model without tools', async () => {
    assert.strictEqual((await consumer.capabilities(VENDOR, 'other-window-model'))?.toolCalling, true);
    // VS Code's chat does not ask for the list again by itself (and tells other extensions only when the
    // ids change): the provider must say it changed. The log line comes from that listing, unasked.
    const log = path.join(relayChat.logUri.fsPath, 'Relay Chat.log');
    const said = () => fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('other-window-model is offered to VS Code\'s chat without tools from now on');
    // Another window's extension host: a SharedStateFile on the same global storage folder.
    const otherWindow = new SharedStateFile(path.join(path.dirname(relayChat.chatFolder), 'shared'));
    try {
      const learnt = readLearnedQuirks(otherWindow.get(SHARED_KEYS.requestQuirks));
      await otherWindow.set(SHARED_KEYS.requestQuirks, withQuirk(learnt, quirkKey(normaliseBaseUrl(relay.baseUrl), 'other-window-model'), 'no_tools'));
      await until(said, 15_000);
      assert.strictEqual((await consumer.capabilities(VENDOR, 'other-window-model'))?.toolCalling, false);
    } finally {
      otherWindow.dispose();
    }
  });

  it('a relay\'s "context length exceeded" reaches the caller as a LanguageModelError saying so', async () => {
    relay.script({ status: 400, body: { error: { message: 'This model\'s maximum context length is 1047576 tokens. However, your messages resulted in 1200000 tokens.', type: 'invalid_request_error', code: 'context_length_exceeded' } } });
    const { steps } = await consumer.agentLoop(VENDOR, 'gpt-4.1', 'a very long conversation');
    assert.ok(steps[0]?.error?.isLanguageModelError);
    assert.match(steps[0].error.message, /The conversation is longer than the context window of gpt-4\.1/);
    assert.match(steps[0].error.message, /maximum context length is 1047576 tokens/);
  });
});
