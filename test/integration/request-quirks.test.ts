// Issue 20: a relay that refuses a request field for a model. Relay Chat asks again at once with the
// field adapted, and remembers it in the state file every window shares, so that the next request (in
// any window, and in the next session) is right the first time. The panel sends `stream_options` (never max_tokens or temperature); vscode.lm
// callers send their answer cap as `max_tokens`.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RelayChatApi } from '../../src/vscode/extension';
import { QuirkMemory, SHARED_KEYS, sharedQuirkStore } from '../../src/core';
import { FakeRelay } from '../fakes/fake-relay';
import { SAMPLE_TEXT } from '../fakes/scenario';
import { api, LM_CONSUMER, lmConsumer, recorder, resetSettings, setSettings } from './helpers';

const KEY = 'test-quirks-key-0123456789';
const VENDOR = 'relay-chat';
const ACCESS = 'languageModels.extensionAccess';
/** VS Code 1.104 and later take model providers (on older hosts lm.test.ts checks that nothing is offered). */
const hostTakesProviders = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

interface Consumer {
  hostTakesProviders: boolean;
  ask(vendor: string, id: string, messages: [string, string][], options?: { modelOptions?: Record<string, unknown> }): Promise<{ text: string; error?: unknown }>;
}

describe('request quirks: a relay refusing a field for a model', function () {
  this.timeout(60_000);
  let relay: FakeRelay;
  let relayChat: RelayChatApi;

  before(async () => {
    relay = await FakeRelay.start();
    relayChat = await api();
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse', [ACCESS]: { [LM_CONSUMER]: true } });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
  });
  after(async () => {
    relayChat.chat.attach(undefined);
    await relayChat.sharedState.set(SHARED_KEYS.requestQuirks, undefined);
    await resetSettings(['baseUrl', 'transport', 'model', ACCESS]);
    await relay.close();
  });
  beforeEach(() => {
    relay.requests.length = 0;
  });

  const stored = () => relayChat.sharedState.get<Record<string, string[]>>(SHARED_KEYS.requestQuirks) ?? {};
  const chatBodies = (model: string) => relay.requests.filter((r) => r.method === 'POST' && r.body?.model === model).map((r) => r.body ?? {});

  it('the chat panel: a refused request, then a good one; the answer shows; the next message is right the first time', async () => {
    relay.defaultScenario = { refuse: { style: 'openai', fields: ['stream_options'] } };
    try {
      const chat = relayChat.chat;
      chat.attach(recorder().surface);
      chat.newChat();
      await chat.send('こんにちは');
      const answer = [...chat.active.messages].reverse().find((m) => m.role === 'assistant');
      assert.strictEqual(answer?.state, 'complete', JSON.stringify(answer?.error));
      assert.strictEqual(answer?.text, SAMPLE_TEXT);
      const first = chatBodies('gpt-4.1');
      assert.strictEqual(first.length, 2, 'one refused request, one good one');
      assert.ok(first[0]?.stream_options, 'the first asked for usage');
      assert.strictEqual(first[1]?.stream_options, undefined, 'the second did not');
      await chat.send('もう一度');
      const all = chatBodies('gpt-4.1');
      assert.strictEqual(all.length, 3, 'the second message went right the first time');
      assert.strictEqual(all[2]?.stream_options, undefined);
      assert.deepStrictEqual(stored()[`${relay.baseUrl} gpt-4.1`], ['drop_stream_options'], 'kept in the shared state file');
      // The next session (or another window) reads it from there before its first request.
      const next = new QuirkMemory(sharedQuirkStore(relayChat.sharedState));
      await next.ready();
      assert.deepStrictEqual(next.quirksFor(relay.baseUrl, 'gpt-4.1'), ['drop_stream_options']);
      next.dispose();
    } finally {
      relay.defaultScenario = {};
    }
  });

  if (hostTakesProviders) it('vscode.lm with an answer cap: max_tokens refused, max_completion_tokens sent, and remembered', async () => {
    const consumer = await lmConsumer<Consumer>();
    relay.models = [...relay.models, 'o3-mini'];
    relay.defaultScenario = { refuse: { style: 'openai', fields: ['max_tokens'] } };
    try {
      const answer = await consumer.ask(VENDOR, 'o3-mini', [['user', 'briefly']], { modelOptions: { max_tokens: 64 } });
      assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
      assert.strictEqual(answer.text, SAMPLE_TEXT);
      const first = chatBodies('o3-mini');
      assert.strictEqual(first.length, 2, 'one refused request, one good one');
      assert.strictEqual(first[0]?.max_tokens, 64);
      assert.strictEqual(first[1]?.max_completion_tokens, 64);
      assert.strictEqual(first[1]?.max_tokens, undefined);
      await consumer.ask(VENDOR, 'o3-mini', [['user', 'again']], { modelOptions: { max_tokens: 64 } });
      const all = chatBodies('o3-mini');
      assert.strictEqual(all.length, 3, 'right the first time');
      assert.strictEqual(all[2]?.max_completion_tokens, 64);
      assert.deepStrictEqual(stored()[`${relay.baseUrl} o3-mini`], ['use_max_completion_tokens']);
    } finally {
      relay.defaultScenario = {};
    }
  });
});
