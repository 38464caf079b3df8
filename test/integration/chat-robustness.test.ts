// Issue 8, the chat panel: New Chat or another chat while an answer streams, a chat history the disk
// will not keep, answers that may be cut off, and what deactivation leaves on disk. In the real
// extension host, against the fake relay; no unhandled rejection may escape any of it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { ChatStore } from '../../src/core/chat/chat-store';
import { RelayClient } from '../../src/core/client/client';
import type { StreamEvent } from '../../src/core/types';
import type { ChatRequest, HostToWebview } from '../../src/shared/protocol';
import type { ClientService } from '../../src/vscode/client-service';
import { ChatController } from '../../src/vscode/chat/chat-controller';
import { FakeRelay } from '../fakes/fake-relay';
import { SAMPLE_TEXT } from '../fakes/scenario';
import { api, resetSettings, setSettings, until, recorder } from './helpers';

const KEY = 'test-robust-key-0123456789';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const replyTo = (posted: HostToWebview[], requestId: string) => posted.find((m): m is Extract<HostToWebview, { type: 'reply' }> => m.type === 'reply' && m.requestId === requestId);

describe('Relay Chat panel: robustness', function () {
  this.timeout(30_000);
  let relay: FakeRelay;
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    relay = await FakeRelay.start();
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse' });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await resetSettings(['baseUrl', 'transport', 'model']);
    await relay.close();
  });
  beforeEach(() => {
    unhandled = [];
    relay.defaultScenario = {};
  });
  afterEach(async () => {
    await new Promise((r) => setTimeout(r, 50)); // a rejection is reported a turn after it happens
    assert.deepStrictEqual(unhandled.map(String), [], 'no unhandled rejection');
  });

  describe('New Chat and switching chats while an answer streams', () => {
    let chat: ChatController;
    let rec: ReturnType<typeof recorder>;
    const lastAssistant = () => [...chat.active.messages].reverse().find((m) => m.role === 'assistant');

    before(async () => (chat = (await api()).chat));
    beforeEach(() => {
      rec = recorder();
      chat.attach(rec.surface);
      chat.newChat();
    });
    after(() => chat.attach(undefined));

    /** Starts a slow answer, as the panel's Send does, and waits until some of it is on screen. */
    async function streamSlowly(text: string): Promise<{ sending: Promise<void> }> {
      relay.defaultScenario = { delayMs: 60 };
      const sending = chat.handle({ type: 'send', requestId: 'slow1', text, attachments: [] });
      await until(() => (lastAssistant()?.text.length ?? 0) > 3);
      relay.defaultScenario = {};
      return { sending }; // not the bare promise: returning it from here would wait for it
    }

    it('New Chat stops the answer (its text kept), and a message sent right after gets its answer', async () => {
      const { sending } = await streamSlowly('a long answer please');
      const before = chat.active;
      const interrupted = lastAssistant();
      const actions: ChatRequest[] = [{ type: 'newChat' }, { type: 'send', requestId: 'next1', text: 'next question', attachments: [] }];
      // As the webview posts them: one after the other, without waiting for the first.
      await Promise.all(actions.map((m) => chat.handle(m)));
      await sending;
      assert.deepStrictEqual(replyTo(rec.posted, 'next1'), { type: 'reply', requestId: 'next1', ok: true });
      assert.notStrictEqual(chat.active.id, before.id, 'a new chat');
      assert.strictEqual(lastAssistant()?.text, SAMPLE_TEXT);
      assert.strictEqual(lastAssistant()?.state, 'complete');
      assert.strictEqual(interrupted?.state, 'stopped');
      assert.ok((interrupted?.text.length ?? 0) > 0 && (interrupted?.text.length ?? 0) < SAMPLE_TEXT.length, interrupted?.text);
      // The old answer's end names its own chat: the panel showing the new chat leaves its composer alone.
      const ended = rec.posted.find((m) => m.type === 'end' && m.messageId === interrupted?.id);
      assert.ok(ended?.type === 'end' && ended.chatId === before.id && ended.state === 'stopped', JSON.stringify(ended));
      assert.ok(!chat.busy);
    });

    it('opening another chat stops the answer, and sending there works at once', async () => {
      await chat.send('an earlier chat');
      const earlier = chat.active.id;
      chat.newChat();
      const { sending } = await streamSlowly('another long answer');
      const streamingIn = chat.active.id;
      const interrupted = lastAssistant();
      await Promise.all([
        chat.handle({ type: 'switchChat', chatId: earlier }),
        chat.handle({ type: 'send', requestId: 'next2', text: 'back here', attachments: [] }),
      ]);
      await sending;
      assert.deepStrictEqual(replyTo(rec.posted, 'next2'), { type: 'reply', requestId: 'next2', ok: true });
      assert.strictEqual(chat.active.id, earlier);
      assert.deepStrictEqual(chat.active.messages.map((m) => m.text).slice(-2), ['back here', SAMPLE_TEXT]);
      assert.strictEqual(interrupted?.state, 'stopped');
      const ended = rec.posted.find((m) => m.type === 'end' && m.messageId === interrupted?.id);
      assert.ok(ended?.type === 'end' && ended.chatId === streamingIn, JSON.stringify(ended));
    });

    it('an answer that ends without a finish reason says it may be cut off, in the panel and on disk', async () => {
      // The core marks such an end `incomplete` (issue 8, "Streams end well").
      relay.defaultScenario = { finishReason: null };
      await chat.send('cut me off');
      const answer = lastAssistant();
      assert.strictEqual(answer?.text, SAMPLE_TEXT);
      const ended = rec.posted.find((m) => m.type === 'end' && m.messageId === answer?.id);
      assert.ok(ended?.type === 'end' && ended.incomplete === true, JSON.stringify(ended));
      const folder = (await api()).chatFolder;
      await until(() => (JSON.parse(fs.readFileSync(path.join(folder, `chat-${chat.active.id}.json`), 'utf8')) as { messages: { incomplete?: boolean }[] }).messages[1]?.incomplete === true);
    });

    for (const transport of ['sse', 'websocket'] as const) {
      it(`a model that will not stream (one JSON completion) answers whole and complete over ${transport}`, async () => {
        await setSettings({ transport });
        try {
          relay.defaultScenario = { wholeJson: true };
          const sent = relay.requests.length;
          await chat.send('answer in one piece');
          const answer = lastAssistant();
          assert.strictEqual(answer?.text, SAMPLE_TEXT);
          assert.strictEqual(answer?.state, 'complete');
          assert.strictEqual(relay.requests.slice(sent).filter((r) => r.body?.messages).at(-1)?.transport, transport);
          const deltas = rec.posted.filter((m) => m.type === 'delta' && m.messageId === answer?.id);
          assert.strictEqual(deltas.length, 1, 'one chunk, one delta');
          const ended = rec.posted.find((m) => m.type === 'end' && m.messageId === answer?.id);
          assert.ok(ended?.type === 'end' && !ended.incomplete && ended.stats?.completionTokens === 20, JSON.stringify(ended));
        } finally {
          await setSettings({ transport: 'sse' });
        }
      });
    }

    it('closing (deactivation) stops the answer in flight and has it on disk, final, when it resolves', async () => {
      const { sending } = await streamSlowly('stream while VS Code closes');
      const folder = (await api()).chatFolder;
      await chat.close();
      const onDisk = JSON.parse(fs.readFileSync(path.join(folder, `chat-${chat.active.id}.json`), 'utf8')) as { messages: { text: string; state: string }[] };
      assert.strictEqual(onDisk.messages[1]?.state, 'stopped');
      assert.strictEqual(onDisk.messages[1]?.text, lastAssistant()?.text);
      await sending;
    });
  });

  describe('a chat history the disk will not keep', () => {
    let dir: string;
    let warnings: string[];
    let controllers: ChatController[];
    const client = () => new RelayClient({ providers: [{ id: 'default', baseUrl: relay.baseUrl, apiKey: KEY }] });
    const service = (c: { streamChat: RelayClient['streamChat'] } = client()) => ({ use: (work: (x: never) => Promise<unknown>) => work(c as never) }) as unknown as ClientService;

    /** A controller on `folder` with the panel open (its `ready` answered). */
    async function openPanel(folder: string, relayService = service()) {
      const rec = recorder();
      const controller = new ChatController(new ChatStore(folder, 20), relayService, quiet, (m) => warnings.push(m));
      controllers.push(controller);
      controller.attach(rec.surface);
      await controller.handle({ type: 'ready' });
      const init = rec.posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init', 'the panel opens');
      return { controller, rec, init };
    }

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-robust-'));
      warnings = [];
      controllers = [];
    });
    afterEach(() => {
      controllers.forEach((c) => c.dispose());
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a file where the chats folder should be: one clear message, the panel opens and answers', async () => {
      const folder = path.join(dir, 'chats');
      fs.writeFileSync(folder, 'not a folder');
      const { controller, rec } = await openPanel(folder);
      assert.strictEqual(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0] ?? '', /cannot open its chat history .*is not a folder/);
      assert.ok(warnings[0]?.includes(folder), 'names the folder');
      await controller.handle({ type: 'send', requestId: 'q1', text: 'still works?', attachments: [] });
      assert.deepStrictEqual(replyTo(rec.posted, 'q1')?.ok, true);
      assert.strictEqual(controller.active.messages[1]?.text, SAMPLE_TEXT);
      assert.strictEqual(warnings.length, 1, 'the same cause is not announced again for every write');
    });

    it('the folder stops being writable mid-session: told once, the answer and the chat stay', async () => {
      const folder = path.join(dir, 'chats');
      const { controller, rec } = await openPanel(folder);
      assert.deepStrictEqual(warnings, []);
      fs.rmSync(folder, { recursive: true });
      fs.writeFileSync(folder, 'the disk changed under us');
      relay.defaultScenario = { delayMs: 5 }; // coalesced writes while it streams fail too
      await controller.handle({ type: 'send', requestId: 'q2', text: 'save me', attachments: [] });
      await controller.handle({ type: 'send', requestId: 'q3', text: 'and me', attachments: [] });
      assert.deepStrictEqual(controller.active.messages.map((m) => m.state), ['complete', 'complete', 'complete', 'complete']);
      assert.strictEqual(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0] ?? '', /could not save the chat .*is not a folder/);
      assert.ok(rec.posted.some((m) => m.type === 'end' && m.state === 'complete'));
      await controller.close();
    });

    it('an unreadable chat file: a warning naming how many, the other chats open', async () => {
      const folder = path.join(dir, 'chats');
      const { controller } = await openPanel(folder);
      await controller.send('keep me');
      await controller.close();
      fs.writeFileSync(path.join(folder, 'chat-torn0001.json'), '{"version":1,"id":"torn0001","messa');
      fs.mkdirSync(path.join(folder, 'chat-adir0001.json'));
      const { init } = await openPanel(folder);
      assert.deepStrictEqual(warnings, ['Relay Chat skipped 2 chat file(s) it could not read. The other chats are fine.']);
      assert.deepStrictEqual(init.chats.map((c) => c.title), ['keep me']);
      assert.strictEqual(init.chat.messages[1]?.text, SAMPLE_TEXT);
    });

    it('the "may be cut off" note is sent with the end and comes back with the chat after a reload', async () => {
      const folder = path.join(dir, 'chats');
      // A client whose answer ends as the core reports a stream without any finish reason.
      const cutClient = {
        async *streamChat(): AsyncGenerator<StreamEvent> {
          yield { type: 'text', text: 'half an ans' };
          yield { type: 'done', finishReason: null, aborted: false, incomplete: true };
        },
      } as unknown as RelayClient;
      const { controller, rec } = await openPanel(folder, service(cutClient));
      await controller.send('cut me off');
      const answer = controller.active.messages[1];
      const ended = rec.posted.find((m) => m.type === 'end' && m.messageId === answer?.id);
      assert.ok(ended?.type === 'end' && ended.incomplete === true && ended.state === 'complete', JSON.stringify(ended));
      await controller.close();
      const { init } = await openPanel(folder);
      assert.strictEqual(init.chat.messages[1]?.incomplete, true);
      assert.strictEqual(init.chat.messages[1]?.text, 'half an ans');
    });
  });
});
