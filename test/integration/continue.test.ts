// Issue 10, Continue where it dropped: in the real extension host, against the fake relay, an answer that
// drops after text was shown keeps its text and offers Continue; continuing asks the model to go on and
// stitches what it sends on without the part it repeats, so the chat holds one answer equal to the one
// that never dropped. Over SSE and WebSocket, for each way an answer drops, for Explain Selection, across
// a fallback, and by itself with `relayChat.chat.autoContinue`.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONTINUE_INSTRUCTION } from '../../src/core/chat/continuation';
import type { AnswerStats, StoredChat, StoredMessage } from '../../src/core';
import type { HostToWebview } from '../../src/shared/protocol';
import type { ChatController } from '../../src/vscode/chat/chat-controller';
import { continuingReply, type OverlapWay } from '../fakes/continuation';
import { FakeRelay } from '../fakes/fake-relay';
import type { Scenario } from '../fakes/scenario';
import { api, resetSettings, setSettings, until, withFallback, recorder } from './helpers';

const KEY = 'test-continue-key-0123456789';

/** An answer with a heading, Japanese and Chinese, a code block and a list: drops inside each of them. */
const ANSWER = [
  '## 使い方 / 用法',
  '',
  'Relay Chat keeps what you received: 回答が途切れても、ここまでの内容は残ります。中文也一样。',
  '',
  '```ts',
  'export function total(prices: number[]): number {',
  '  return prices.reduce((sum, p) => sum + p, 0);',
  '}',
  '```',
  '',
  '- one thing',
  '- 二つ目のこと',
  '- 第三件事',
  '',
].join('\n');

describe('Relay Chat panel: Continue a dropped answer', function () {
  this.timeout(60_000);
  let relay: FakeRelay;
  let chat: ChatController;
  let folder: string;
  let rec: ReturnType<typeof recorder>;
  const counted: { model: string; stats: AnswerStats }[] = [];
  let countListener: vscode.Disposable;
  const last = (): StoredMessage => chat.active.messages.at(-1) as StoredMessage;
  const ends = () => rec.posted.filter((m): m is Extract<HostToWebview, { type: 'end' }> => m.type === 'end');

  before(async () => {
    relay = await FakeRelay.start();
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse' });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
    const exported = await api();
    chat = exported.chat;
    folder = exported.chatFolder;
    countListener = chat.onDidCountAnswer((c) => counted.push(c));
  });
  after(async () => {
    countListener.dispose();
    chat.attach(undefined);
    await resetSettings(['baseUrl', 'transport', 'model', 'chat.autoContinue', 'timeouts.idleSeconds']);
    await relay.close();
  });
  beforeEach(() => {
    rec = recorder();
    chat.attach(rec.surface);
    chat.newChat();
    counted.length = 0;
    relay.defaultScenario = {};
  });

  const ask = (text = 'How do I total prices?') => chat.handle({ type: 'send', requestId: `r${Date.now()}`, text, attachments: [] });
  const onDisk = (): StoredChat => JSON.parse(fs.readFileSync(path.join(folder, `chat-${chat.active.id}.json`), 'utf8')) as StoredChat;

  /** The first request drops as `drop` says after `after` tokens; the next one continues the way `way` says. */
  function dropThenContinue(drop: Partial<Scenario>, way: OverlapWay): void {
    relay.script({ reply: continuingReply(ANSWER, way), ...drop }, { reply: continuingReply(ANSWER, way) });
  }

  /** `parts`: the requests this answer took, the continuation included (each is counted). */
  async function continueAndCheck(panelSawTheEnd = true, parts = 2): Promise<void> {
    const dropped = last();
    const partial = dropped.text;
    assert.strictEqual(dropped.continuable, true, `the dropped answer offers Continue (${dropped.state}: ${dropped.error?.message ?? 'no error'})`);
    assert.ok(dropped.text.length > 0 && ANSWER.startsWith(dropped.text), 'the text so far is kept as it came');
    if (panelSawTheEnd) assert.strictEqual(ends().at(-1)?.continuable, true, 'the panel was told to show Continue');
    const requestsBefore = relay.requests.length;
    await chat.handle({ type: 'continue', messageId: dropped.id });
    const continuation = relay.requests.slice(requestsBefore).find((r) => r.body?.messages);
    const sent = continuation?.body?.messages as { role: string; content: string }[];
    assert.deepStrictEqual(sent.slice(-2), [{ role: 'assistant', content: partial }, { role: 'user', content: CONTINUE_INSTRUCTION }], 'the partial answer and the instruction were sent');
    assert.strictEqual(chat.active.messages.length, 2, 'one question, one answer');
    assert.strictEqual(last().id, dropped.id, 'the same answer went on');
    assert.strictEqual(last().text, ANSWER, 'the stitched answer equals the one that never dropped');
    assert.strictEqual(last().state, 'complete');
    assert.strictEqual(last().continuable, undefined);
    assert.ok(rec.posted.some((m) => m.type === 'resume' && m.messageId === dropped.id), 'the panel was told the answer streams on');
    const saved = onDisk().messages;
    assert.strictEqual(saved.length, 2);
    assert.strictEqual(saved[1]?.text, ANSWER, 'the stored chat holds one whole answer');
    assert.strictEqual(counted.length, parts, 'every part was counted');
    const tokens = counted.reduce((sum, c) => sum + c.stats.completionTokens, 0);
    assert.strictEqual(last().stats?.completionTokens, tokens, 'the answer shows the tokens of all its parts');
  }

  for (const transport of ['sse', 'websocket'] as const) {
    describe(`over ${transport}`, () => {
      before(() => setSettings({ transport }));
      after(() => setSettings({ transport: 'sse' }));

      // Token indexes: early, in the Japanese sentence, inside the code block, in the list.
      const points: [number, OverlapWay][] = [[3, 'exact'], [14, 'lastWord'], [30, 'lastWords'], [44, 'fence'], [52, 'line'], [70, 'lastWords']];
      for (const [after, way] of points) {
        it(`a reset after ${after} tokens, continued (${way})`, async () => {
          dropThenContinue({ resetAfter: after }, way);
          await ask();
          await continueAndCheck();
        });
      }

      it('an in-band upstream error mid-answer, continued', async () => {
        dropThenContinue({ inBandError: { after: 25, style: 'data', error: { message: 'upstream overloaded', type: 'server_error' } } }, 'lastWords');
        await ask();
        assert.strictEqual(last().state, 'error');
        await continueAndCheck();
      });

      it('an end without a finish reason, continued', async () => {
        relay.script({ reply: (r) => continuingReply(ANSWER, 'line')(r).slice(0, 90), finishReason: null }, { reply: continuingReply(ANSWER, 'line') });
        await ask();
        assert.strictEqual(last().incomplete, true);
        await continueAndCheck();
      });
    });
  }

  it('a WebSocket closed by the relay (1011) mid-answer, continued', async () => {
    await setSettings({ transport: 'websocket' });
    try {
      dropThenContinue({ closeAfter: { tokens: 33, code: 1011, reason: 'upstream gone' } }, 'lastWords');
      await ask();
      await continueAndCheck();
    } finally {
      await setSettings({ transport: 'sse' });
    }
  });

  it('a stall (nothing for the idle limit) mid-answer, continued', async () => {
    await setSettings({ 'timeouts.idleSeconds': 1 });
    try {
      dropThenContinue({ stallAfter: 20 }, 'lastWord');
      await ask();
      await continueAndCheck();
    } finally {
      await resetSettings(['timeouts.idleSeconds']);
    }
  });

  it('Stop is not a drop: a stopped answer offers no Continue', async () => {
    relay.script({ reply: continuingReply(ANSWER, 'exact'), delayMs: 40 });
    const sending = ask();
    await until(() => (last()?.role === 'assistant' && last().text.length > 10));
    chat.stop();
    await sending;
    await chat.whenIdle();
    assert.strictEqual(last().state, 'stopped');
    assert.strictEqual(last().continuable, undefined);
    const requests = relay.requests.length;
    await chat.handle({ type: 'continue', messageId: last().id });
    assert.strictEqual(relay.requests.length, requests, 'nothing was sent');
  });

  it('a continuation that cannot reach the relay keeps the text and still offers Continue', async () => {
    relay.script({ reply: continuingReply(ANSWER, 'exact'), resetAfter: 20 });
    await ask();
    const partial = last().text;
    relay.defaultScenario = { status: 502, body: { error: { message: 'bad gateway' } } };
    await chat.handle({ type: 'continue', messageId: last().id });
    assert.strictEqual(last().text, partial, 'nothing received was lost');
    assert.strictEqual(last().state, 'error');
    assert.strictEqual(last().continuable, true, 'Continue is still offered');
  });

  /** The answer dropped after 20 tokens; Continue fails as `fail` makes it; the text and Continue stay, and the reason shows. */
  async function continuationFails(fail: () => Promise<unknown> | void, stopped = false): Promise<void> {
    relay.script({ reply: continuingReply(ANSWER, 'exact'), resetAfter: 20 });
    await ask();
    const dropped = last();
    const partial = dropped.text;
    const droppedError = dropped.error?.message;
    await fail();
    assert.strictEqual(last().id, dropped.id);
    assert.strictEqual(last().text, partial, 'nothing received was lost');
    assert.strictEqual(last().state, 'error');
    assert.strictEqual(last().continuable, true, 'Continue is still offered');
    assert.strictEqual(ends().at(-1)?.continuable, true, 'the panel was told to show Continue again');
    assert.ok(ends().at(-1)?.error?.message, 'the panel says why');
    assert.strictEqual(onDisk().messages[1]?.continuable, true, 'and so does the chat on disk');
    // Stopped: the answer shows how it dropped, as before Continue; otherwise why the continuation failed.
    if (stopped) assert.strictEqual(last().error?.message, droppedError);
    else assert.notStrictEqual(last().error?.message, droppedError, 'the reason is the continuation\'s');
  }

  /** After the cause is gone, Continue finishes the answer (what was kept really was continuable). */
  async function fixedThenContinued(): Promise<void> {
    relay.defaultScenario = {};
    relay.script({ reply: continuingReply(ANSWER, 'exact') });
    await continueAndCheck(true, 2);
  }

  const refusals: [string, Partial<Scenario>][] = [
    ['a key the relay refuses (401)', { status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } } }],
    ['a forbidden request (403)', { status: 403, body: { error: { message: 'not allowed for this key', type: 'permission_error' } } }],
    ['a bad request (400)', { status: 400, body: { error: { message: 'context too long', type: 'invalid_request_error' } } }],
    ['an unknown model (404)', { status: 404, body: { error: { message: 'The model gpt-4.1 does not exist', code: 'model_not_found' } } }],
  ];
  for (const [name, refusal] of refusals) {
    it(`a continuation refused for ${name} keeps the text and Continue, and says why`, async () => {
      await continuationFails(async () => {
        relay.defaultScenario = refusal;
        await chat.handle({ type: 'continue', messageId: last().id });
      });
      await fixedThenContinued();
    });
  }

  it('a continuation after the key was removed keeps the text and Continue, and says why', async () => {
    // The fake relay is on localhost, where no key is needed: it asks for one here, as a relay would.
    relay.requireKey = KEY;
    try {
      await continuationFails(async () => {
        await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
        try {
          await chat.handle({ type: 'continue', messageId: last().id });
        } finally {
          await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
        }
      });
      await fixedThenContinued();
    } finally {
      relay.requireKey = undefined;
    }
  });

  it('a continuation stopped before its first token keeps the text and Continue, as the answer was', async () => {
    await continuationFails(async () => {
      relay.defaultScenario = { reply: continuingReply(ANSWER, 'exact'), firstByteDelayMs: 30_000 };
      const continuing = chat.handle({ type: 'continue', messageId: last().id });
      await until(() => rec.posted.some((m) => m.type === 'resume'));
      chat.stop();
      await continuing;
    }, true);
    await fixedThenContinued();
  });

  it('continues across a fallback: the primary drops, then refuses; the backup serves the rest', async () => {
    await withFallback(relay, 'backup-key-0123456789', async (backup) => {
      relay.defaultScenario = {};
      relay.script({ reply: continuingReply(ANSWER, 'lastWords'), resetAfter: 40 });
      await ask();
      relay.defaultScenario = { status: 503, body: { error: { message: 'overloaded' } } };
      backup.script({ reply: continuingReply(ANSWER, 'lastWords') });
      await continueAndCheck();
      assert.ok(backup.requests.some((r) => (r.body?.messages as { content: string }[] | undefined)?.at(-1)?.content === CONTINUE_INSTRUCTION), 'the backup got the continuation');
      assert.strictEqual(last().stats?.provider, 'backup', 'the answer says who finished it');
    });
  });

  it('Explain Selection: a dropped explanation is continued', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = 1;\nconst b = a + 1;\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 1, 16);
    dropThenContinue({ resetAfter: 30 }, 'lastWords');
    await vscode.commands.executeCommand('relayChat.explainSelection');
    await until(() => !chat.busy && last()?.role === 'assistant' && last().state !== 'streaming', 15_000);
    chat.attach(rec.surface); // the panel opened by Explain attached itself: take the recorder back
    await continueAndCheck(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('relayChat.chat.autoContinue', () => {
    before(() => setSettings({ 'chat.autoContinue': true }));
    after(() => resetSettings(['chat.autoContinue']));

    it('continues a dropped answer by itself, once', async () => {
      dropThenContinue({ resetAfter: 30 }, 'lastWords');
      await ask();
      await chat.whenIdle();
      assert.strictEqual(last().text, ANSWER);
      assert.strictEqual(last().state, 'complete');
      assert.strictEqual(counted.length, 2);
    });

    it('a continuation that drops too is left for the user: Continue is offered, not a second automatic one', async () => {
      relay.script({ reply: continuingReply(ANSWER, 'exact'), resetAfter: 20 }, { reply: continuingReply(ANSWER, 'exact'), resetAfter: 10 }, { reply: continuingReply(ANSWER, 'exact') });
      const before = relay.requests.length;
      await ask();
      await chat.whenIdle();
      assert.strictEqual(relay.requests.filter((r, i) => i >= before && r.body?.messages).length, 2, 'one automatic continuation only');
      assert.strictEqual(last().state, 'error');
      await continueAndCheck(true, 3);
    });
  });
});
