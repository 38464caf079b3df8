// Issue 9: the relay's models in VS Code's own chat. Another extension (test/fixtures/lm-consumer, loaded
// next to Relay Chat by scripts/host/run-host-tests.mjs) uses them through vscode.lm, across the host
// as VS Code's chat or any extension would. On a host without the provider API (VS Code < 1.104) the
// suite checks instead that Relay Chat works as before and says nothing about it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AnswerRecord } from '../../src/vscode/answer-recorder';
import type { RelayChatApi } from '../../src/vscode/extension';
import { FakeRelay } from '../fakes/fake-relay';
import { tokenize } from '../fakes/scenario';
import { api, LM_CONSUMER, lmConsumer, resetSettings, setSettings, until, withFallback } from './helpers';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the reference count, from the library the extension ships
const countO200k = (text: string): number => (require('gpt-tokenizer/encoding/o200k_base') as { countTokens(t: string): number }).countTokens(text);

const VENDOR = 'relay-chat';
const KEY = 'test-lm-key-0123456789';
/** Three-byte kana, hanzi and full-width punctuation, four-byte emoji, a ZWJ-free flag and a skin tone. */
const TEXT = '日本語の回答です。中文回答：你好，世界！Emoji 🙂👍🏽🇯🇵 — おしまい。';
/** Relay Chat asks the user before another extension's requests spend their key; the tests answer here. */
const ACCESS = 'languageModels.extensionAccess';
const LONG = `${'長い回答が続きます。这是一个很长的回答。🙂 '.repeat(12)}おわり`;

interface ModelView { id: string; name: string; vendor: string; family: string; version: string; maxInputTokens: number }
interface Answer {
  text: string;
  pieces: string[];
  cancelled: boolean;
  error?: { isLanguageModelError: boolean; name: string; code: string; message: string };
}
interface Consumer {
  hostTakesProviders: boolean;
  models(selector: { vendor?: string; id?: string }): Promise<ModelView[]>;
  ask(vendor: string, id: string, messages: [string, string][], options?: { cancelAfterChars?: number; tools?: vscode.LanguageModelChatTool[]; token?: vscode.CancellationToken; modelOptions?: Record<string, unknown> }): Promise<Answer>;
  countTokens(vendor: string, id: string, text: string): Promise<number>;
}

/** The host lets extensions contribute models: VS Code 1.104 and later (checked as Relay Chat checks it). */
const hostTakesProviders = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

describe(`vscode.lm: the relay's models outside the panel (VS Code ${vscode.version}, provider API ${hostTakesProviders ? 'present' : 'absent'})`, function () {
  this.timeout(60_000);
  let relay: FakeRelay;
  let relayChat: RelayChatApi;
  let consumer: Consumer;
  const records: AnswerRecord[] = [];
  let recording: vscode.Disposable;

  before(async () => {
    relay = await FakeRelay.start();
    relay.models = [...relay.models, 'my-local-model'];
    relay.modelFields = { 'gpt-4.1': { name: 'GPT-4.1 (relay)', context_length: 200_000, top_provider: { max_completion_tokens: 10_000 } } };
    relayChat = await api();
    recording = relayChat.answers.onDidRecord((r) => records.push(r));
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse' });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
    await setSettings({ [ACCESS]: { [LM_CONSUMER]: true } });
    consumer = await lmConsumer<Consumer>();
    assert.strictEqual(consumer.hostTakesProviders, hostTakesProviders);
  });
  after(async () => {
    recording.dispose();
    await resetSettings(['baseUrl', 'transport', 'model', 'fallbackProviders', ACCESS]);
    await relay.close();
  });
  beforeEach(() => {
    records.length = 0;
  });

  /** The last chat request (a POST, or a WebSocket message) in relay.requests. */
  const lastChatRequest = () => relay.requests.map((r) => Array.isArray(r.body?.messages)).lastIndexOf(true);
  const chatRequests = () => relay.requests.filter((r) => Array.isArray(r.body?.messages)).length;

  if (hostTakesProviders) {
    it('lists the relay\'s models under the Relay Chat vendor, with the limits the relay reports, else the published ones', async () => {
      const models = await consumer.models({ vendor: VENDOR });
      assert.deepStrictEqual(models.map((m) => m.id).sort(), [...relay.models].sort());
      const byId = new Map(models.map((m) => [m.id, m]));
      // Reported by the relay: a 200k window with answers up to 10k leaves 190k for the prompt.
      assert.deepStrictEqual(byId.get('gpt-4.1'), { id: 'gpt-4.1', name: 'GPT-4.1 (relay)', vendor: VENDOR, family: 'gpt-4.1', version: 'gpt-4.1', maxInputTokens: 190_000 });
      // Published: Claude Sonnet 4.5 has 200k with answers up to 64k.
      assert.strictEqual(byId.get('claude-sonnet-4.5')?.maxInputTokens, 136_000);
      // Unknown anywhere: the cautious default (32k window, 4k answers).
      assert.strictEqual(byId.get('my-local-model')?.maxInputTokens, 28_672);
    });

    for (const transport of ['sse', 'websocket'] as const) {
      it(`streams an answer over ${transport} with Japanese, Chinese and emoji intact, however the bytes were split, with the panel's key`, async () => {
        await setSettings({ transport });
        try {
          // SSE: one byte per write, so every multi-byte character is cut across chunks; both: each emoji's
          // UTF-16 halves in separate JSON strings.
          // Paced like a model (10 ms a token): all at once, the host may hand the caller one piece.
          relay.script({ tokens: tokenize(TEXT), split: 'byte', splitSurrogates: true, delayMs: 10 });
          const answer = await consumer.ask(VENDOR, 'gpt-4.1', [['user', '日本語で答えて'], ['assistant', 'はい。'], ['user', '中文也可以吗？🙂']]);
          assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
          assert.strictEqual(answer.text, TEXT);
          assert.ok(answer.pieces.length > 1, 'it arrived in pieces, as it streamed');
          const request = relay.requests[lastChatRequest()];
          assert.strictEqual(request?.transport, transport);
          assert.strictEqual(request?.headers.authorization, `Bearer ${KEY}`, 'the key from Relay Chat\'s secret storage');
          assert.strictEqual(request?.body?.model, 'gpt-4.1');
          assert.deepStrictEqual(request?.body?.messages, [
            { role: 'user', content: '日本語で答えて' }, { role: 'assistant', content: 'はい。' }, { role: 'user', content: '中文也可以吗？🙂' },
          ]);
        } finally {
          await setSettings({ transport: 'sse' });
        }
      });
    }

    it('sends the caller\'s answer cap, temperature and stop sequences to the relay, which applies (and bills) them', async () => {
      relay.script({ tokens: tokenize(TEXT) });
      const answer = await consumer.ask(VENDOR, 'gpt-4.1', [['user', 'briefly']], { modelOptions: { max_tokens: 64, temperature: 0.2, stop: ['###'] } });
      assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
      const body = relay.requests[lastChatRequest()]?.body;
      assert.strictEqual(body?.max_tokens, 64);
      assert.strictEqual(body?.temperature, 0.2);
      assert.deepStrictEqual(body?.stop, ['###']);
    });

    it('cancelling mid-answer closes the request: the relay sees the client leave before the answer ended', async () => {
      relay.script({ tokens: tokenize(LONG), delayMs: 40 }); // about 3 s of answer
      const answer = await consumer.ask(VENDOR, 'gpt-4.1', [['user', 'a long one, please']], { cancelAfterChars: 4 });
      assert.ok(answer.cancelled);
      assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
      assert.ok(answer.text.length >= 4 && answer.text.length < LONG.length && LONG.startsWith(answer.text), answer.text);
      const first = await relay.disconnects.firstOf(lastChatRequest());
      assert.ok(first !== 'ended' && first.beforeEnd, 'the relay saw the request closed while it was still answering');
    });

    it('goes through the panel\'s client: when the relay keeps failing, the fallback provider answers', async () => {
      await withFallback(relay, 'test-lm-backup-key-0123456789', async (backup) => {
        backup.script({ tokens: tokenize(TEXT) });
        const answer = await consumer.ask(VENDOR, 'gpt-4.1', [['user', 'anyone there?']]);
        assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
        assert.strictEqual(answer.text, TEXT);
        assert.ok(relay.requests.filter((r) => Array.isArray(r.body?.messages)).length > 1, 'the relay was retried before falling back');
        assert.strictEqual(backup.requests.at(-1)?.headers.authorization, 'Bearer test-lm-backup-key-0123456789');
        assert.strictEqual(records.at(-1)?.stats.provider, 'backup');
      });
    });

    it('counts each answer\'s tokens and cost where the panel counts its own, the same way', async () => {
      const tokens = tokenize(TEXT);
      relay.script({ tokens }, { tokens });
      await consumer.ask(VENDOR, 'gpt-4.1', [['user', 'cost?']]);
      await relayChat.chat.send('cost?');
      assert.deepStrictEqual(records.map((r) => r.origin), ['lm', 'panel']);
      const [lm, panel] = records as [AnswerRecord, AnswerRecord];
      assert.strictEqual(lm.requestedBy, LM_CONSUMER);
      assert.strictEqual(lm.model, 'gpt-4.1');
      assert.ok((lm.stats.costUsd ?? 0) > 0, 'priced from relayChat.pricing');
      const counted = ({ completionTokens, promptTokens, estimated, costUsd, transport }: AnswerRecord['stats']) => ({ completionTokens, promptTokens, estimated, costUsd, transport });
      assert.deepStrictEqual(counted(lm.stats), counted(panel.stats));
    });

    it('counts tokens with the model\'s own encoding where it is public (o200k for GPT-4.1), else a measured estimate that errs high', async () => {
      // OpenAI's o200k_base, as gpt-tokenizer (the library Relay Chat ships) counts it.
      assert.strictEqual(await consumer.countTokens(VENDOR, 'gpt-4.1', TEXT), countO200k(TEXT));
      assert.strictEqual(await consumer.countTokens(VENDOR, 'gpt-4.1', '日本語'), 2);
      // Claude has no public tokenizer: estimated, never below o200k's count of the same text.
      assert.ok(await consumer.countTokens(VENDOR, 'claude-sonnet-4.5', TEXT) >= countO200k(TEXT));
    });

    it('without a key for the relay, the error says which command sets it, and nothing is sent', async () => {
      const before = relay.requests.length;
      await setSettings({ baseUrl: 'http://relay.example.invalid:9/v1' });
      try {
        // The list cannot be read without a key: the chosen model is offered, and asking it says why not.
        assert.deepStrictEqual((await consumer.models({ vendor: VENDOR })).map((m) => m.id), ['gpt-4.1']);
        const answer = await consumer.ask(VENDOR, 'gpt-4.1', [['user', 'hello?']]);
        assert.ok(answer.error?.isLanguageModelError, JSON.stringify(answer.error));
        assert.strictEqual(answer.error.code, 'NoPermissions');
        assert.match(answer.error.message, /No API key is set for http:\/\/relay\.example\.invalid:9\. Run "Relay Chat: Set API Key"/);
        assert.strictEqual(relay.requests.length, before);
      } finally {
        await setSettings({ baseUrl: relay.baseUrl });
      }
    });

    it('a request that must call a tool is refused with a clear error for a model that calls none, before anything is sent', async () => {
      const before = chatRequests();
      const answer = await consumer.ask(VENDOR, 'my-local-model', [['user', 'use the tool']], { tools: [{ name: 'lookup', description: 'looks things up' }] });
      assert.ok(answer.error?.isLanguageModelError, JSON.stringify(answer.error));
      assert.match(answer.error.message, /my-local-model cannot call tools/);
      assert.strictEqual(chatRequests(), before);
    });

    describe('another extension spends the relay key only once the user allowed it', () => {
      afterEach(async () => {
        await setSettings({ [ACCESS]: { [LM_CONSUMER]: true } });
      });

      /** How many lines of the Relay Chat log about the consumer include `text`. */
      const logged = (text: string) => {
        const log = path.join(relayChat.logUri.fsPath, 'Relay Chat.log');
        return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(`${LM_CONSUMER} ${text}`)).length : 0;
      };
      /** Relay Chat put the question about the consumer to the user. */
      const questionsAsked = () => logged('asks to use the relay\'s models');

      it('refused in the setting: NoPermissions naming the setting, no question, and nothing sent', async () => {
        await setSettings({ [ACCESS]: { [LM_CONSUMER]: false } });
        const before = chatRequests();
        const asked = questionsAsked();
        relay.script({ tokens: tokenize(TEXT) });
        const answer = await consumer.ask(VENDOR, 'gpt-4.1', [['user', 'spend their credit, please']]);
        assert.ok(answer.error?.isLanguageModelError, JSON.stringify(answer.error));
        assert.strictEqual(answer.error.code, 'NoPermissions');
        assert.match(answer.error.message, /Relay Chat test: vscode\.lm consumer \(relay-chat-tests\.lm-consumer\) may not use Relay Chat's models/);
        assert.match(answer.error.message, /relayChat\.languageModels\.extensionAccess/);
        assert.strictEqual(answer.text, '');
        assert.strictEqual(chatRequests(), before, 'the relay saw no request');
        assert.deepStrictEqual(records, [], 'nothing counted');
        assert.strictEqual(questionsAsked(), asked, 'a remembered answer is not asked again');
      });

      it('not yet decided: the request waits for the user\'s answer with nothing sent, and the caller\'s cancel ends it', async () => {
        await setSettings({ [ACCESS]: {} });
        const before = chatRequests();
        const asked = questionsAsked();
        relay.script({ tokens: tokenize(TEXT) });
        const caller = new vscode.CancellationTokenSource();
        try {
          const pending = consumer.ask(VENDOR, 'gpt-4.1', [['user', 'may I?']], { token: caller.token });
          // The notification (which the test cannot click) is open once the log says the user is being asked.
          await until(() => questionsAsked() > asked, 15_000);
          assert.strictEqual(chatRequests(), before, 'nothing goes to the relay while the question is open');
          const cancelledBefore = logged('cancelled its request while the user was being asked');
          caller.cancel();
          const answer = await pending;
          // Relay Chat itself stopped waiting (not only the host's stream for the caller).
          await until(() => logged('cancelled its request while the user was being asked') > cancelledBefore, 15_000);
          assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
          assert.strictEqual(answer.text, '');
          assert.strictEqual(chatRequests(), before, 'the cancelled request was never sent');
          assert.deepStrictEqual(records, [], 'nothing counted');
        } finally {
          caller.dispose();
        }
      });
    });
  } else {
    it('Relay Chat activates, its panel answers, it offers no models, and nothing says anything about it', async () => {
      assert.deepStrictEqual(await consumer.models({ vendor: VENDOR }), []);
      relay.script({ tokens: tokenize(TEXT) });
      await relayChat.chat.send('こんにちは');
      const answer = relayChat.chat.active.messages.at(-1);
      assert.strictEqual(answer?.state, 'complete');
      assert.strictEqual(answer?.text, TEXT);
      assert.deepStrictEqual(records.map((r) => r.origin), ['panel']);
      // Activation wrote its line; nothing before or after it warns about the missing API.
      const log = path.join(relayChat.logUri.fsPath, 'Relay Chat.log');
      await until(() => fs.existsSync(log) && /activated in/.test(fs.readFileSync(log, 'utf8')));
      const complaints = fs.readFileSync(log, 'utf8').split('\n').filter((l) => /\[(warning|error)\]/.test(l) && /language model|vscode\.lm|provider API/i.test(l));
      assert.deepStrictEqual(complaints, []);
    });
  }
});
