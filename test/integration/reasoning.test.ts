// A model's reasoning in a real extension host, in every shape a relay sends it (the fake relay's
// `reasoningAs`): the stored answer's `text` is the answer only and `reasoning` holds the thinking, on
// disk too, and the next request sends the answer back without it. Through vscode.lm, callers get the answer only.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ChatController } from '../../src/vscode/chat/chat-controller';
import { FakeRelay } from '../fakes/fake-relay';
import type { ReasoningShape } from '../fakes/reasoning-shapes';
import { api, LM_CONSUMER, lmConsumer, recorder, resetSettings, setSettings, until } from './helpers';

const KEY = 'test-reasoning-key-0123456789';
const THINKING = ['The user ', 'greets me. ', '日本語で', '考える🙂\n', 'Then answer.'];
const ANSWER = ['こんにちは', '！', ' How can ', 'I help?'];
const SHAPES: ReasoningShape[] = ['reasoning_content', 'reasoning', 'reasoning_details', 'think', 'thinkClose'];
const ACCESS = 'languageModels.extensionAccess';

describe('reasoning, whatever shape it arrives in', function () {
  this.timeout(30_000);
  let relay: FakeRelay;
  let chat: ChatController;
  let folder: string;

  before(async () => {
    relay = await FakeRelay.start();
    const a = await api();
    chat = a.chat;
    folder = a.chatFolder;
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse', [ACCESS]: { [LM_CONSUMER]: true } });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
  });
  after(async () => {
    chat.attach(undefined);
    await resetSettings(['baseUrl', 'transport', 'model', ACCESS]);
    await relay.close();
  });

  for (const shape of SHAPES) {
    for (const whole of shape === 'reasoning_details' || shape === 'thinkClose' ? [false, true] : [false]) {
      it(`keeps ${shape} reasoning${whole ? ' (one whole JSON answer)' : ''} out of the stored answer, on disk, and out of the next request`, async () => {
        const rec = recorder();
        chat.attach(rec.surface);
        chat.newChat();
        relay.defaultScenario = { reasoning: THINKING, reasoningAs: shape, tokens: ANSWER, wholeJson: whole, delayMs: whole ? 0 : 5 };
        await chat.send('hello');
        const answer = chat.active.messages.at(-1);
        assert.strictEqual(answer?.state, 'complete');
        assert.strictEqual(answer?.text, ANSWER.join(''));
        assert.strictEqual(answer?.reasoning, THINKING.join(''));
        // Streamed: the panel was sent reasoning before the answer's end (the Reasoning block filled live).
        const firstEnd = rec.posted.findIndex((m) => m.type === 'end');
        assert.ok(rec.posted.slice(0, firstEnd).some((m) => (m.type === 'delta' && m.reasoning) || m.type === 'rewrite'), 'reasoning reached the panel');
        const file = path.join(folder, `chat-${chat.active.id}.json`);
        const stored = () => JSON.parse(fs.readFileSync(file, 'utf8')) as { messages: { text: string; reasoning?: string; state: string }[] };
        await until(() => fs.existsSync(file) && stored().messages[1]?.state === 'complete');
        assert.deepStrictEqual([stored().messages[1]?.text, stored().messages[1]?.reasoning], [ANSWER.join(''), THINKING.join('')]);
        relay.defaultScenario = {};
        await chat.send('again');
        const sent = JSON.stringify(relay.requests.at(-1)?.body?.messages);
        assert.ok(sent.includes(ANSWER.join('')) && !sent.includes('greets') && !sent.includes('think>'), sent);
      });
    }
  }

  it('gives a vscode.lm caller the answer only, for <think> and reasoning_details models', async function () {
    const hostTakesProviders = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';
    if (!hostTakesProviders) return; // VS Code < 1.104: no provider API to ask through (lm.test.ts says so)
    const consumer = await lmConsumer<{ ask(vendor: string, id: string, messages: [string, string][]): Promise<{ text: string }> }>();
    for (const shape of ['think', 'reasoning_details'] as const) {
      relay.script({ reasoning: THINKING, reasoningAs: shape, tokens: ANSWER, delayMs: 5 });
      const answer = await consumer.ask('relay-chat', 'gpt-4.1', [['user', 'hello']]);
      assert.strictEqual(answer.text, ANSWER.join(''), shape);
    }
  });
});
