// The chat history when the disk misbehaves, and the chat format between disk and panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mock } from 'node:test';
import { ChatStore } from '../../../../src/core/chat/chat-store';
import type { StoredChat } from '../../../../src/core/chat/stored-chat';
import { isHostToWebview } from '../../../../src/shared/protocol';
import { chatView, messageView } from '../../../../src/vscode/chat/chat-mapping';

const chat = (id: string, text: string): StoredChat => ({
  version: 1, id, title: 't', createdAt: 1, updatedAt: 2, model: 'gpt-4.1',
  messages: [{ id: 'm1', role: 'user', text: 'hi', state: 'complete' }, { id: 'm2', role: 'assistant', text, state: 'streaming' }],
});

describe('chat store: failures and flushing', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-chats-'))));
  afterEach(() => {
    mock.timers.reset();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('flush writes a coalesced save at once, before its timer would (what deactivation awaits)', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const store = new ChatStore(dir, 250);
    store.save(chat('f', 'first'));
    store.save(chat('f', 'first and last'));
    // The throttle timer never fires: the clock is fake and never advanced.
    await store.flush();
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'chat-f.json'), 'utf8')) as StoredChat;
    assert.equal(saved.messages[1]?.text, 'first and last');
  });

  it('reports a failed coalesced write to its listener, never as an unhandled rejection', async () => {
    const folder = path.join(dir, 'chats');
    fs.writeFileSync(folder, 'a file where the folder should be');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const store = new ChatStore(folder, 5);
      const failed = new Promise<Error>((resolve) => store.onWriteError(resolve));
      store.save(chat('w', 'lost?'));
      const error = await failed;
      assert.match((error as NodeJS.ErrnoException).code ?? '', /^(EEXIST|ENOTDIR)$/);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(unhandled, []);
      await assert.rejects(store.saveNow(chat('w', 'awaited')), 'an awaited write still rejects');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('loads nothing, without throwing, from a folder it cannot use, and says why', async () => {
    const folder = path.join(dir, 'chats');
    fs.writeFileSync(folder, '');
    const { chats, corrupt, unreadable } = await new ChatStore(folder).load();
    assert.deepEqual([chats, corrupt], [[], []]);
    assert.match((unreadable as NodeJS.ErrnoException | undefined)?.code ?? '', /^(EEXIST|ENOTDIR)$/);
  });

  it('a later flush, write or delete does not fail again with an earlier write\'s error', async () => {
    const folder = path.join(dir, 'chats');
    fs.writeFileSync(folder, '');
    const store = new ChatStore(folder);
    await assert.rejects(store.saveNow(chat('a', 'x')));
    // Nothing is pending: that failure was its caller's to hear, not flush's (deactivation) again.
    await store.flush();
    fs.rmSync(folder);
    await store.saveNow(chat('a', 'y'));
    await store.delete('a');
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('keeps the "may be cut off" mark of an answer across a reload', async () => {
    const store = new ChatStore(dir);
    const c = chat('i', 'half an answer');
    c.messages[1] = { ...c.messages[1]!, state: 'complete', incomplete: true };
    await store.saveNow(c);
    const [loaded] = (await new ChatStore(dir).load()).chats;
    assert.equal(loaded?.messages[1]?.incomplete, true);
    assert.equal(chatView(loaded!).messages[1]?.incomplete, true, 'the panel gets it with the chat');
  });
});

describe('chat format: disk to panel', () => {
  it('maps a stored message to the view field by field, dropping fixes this version does not know', () => {
    const view = messageView({
      id: 'a1', role: 'assistant', text: 'x', state: 'error', incomplete: true, model: 'm',
      error: { message: 'boom', actions: ['retry', 'launchRockets'] },
      stats: { completionTokens: 3, estimated: true },
      attachments: [{ kind: 'selection', path: 'a.ts', language: 'typescript', text: 'y', startLine: 1, endLine: 2 }],
    });
    assert.deepEqual(view, {
      id: 'a1', role: 'assistant', text: 'x', state: 'error', incomplete: true, model: 'm',
      error: { message: 'boom', actions: ['retry'] }, stats: { completionTokens: 3, estimated: true },
      attachments: [{ kind: 'selection', path: 'a.ts', language: 'typescript', text: 'y', startLine: 1, endLine: 2 }],
    });
    assert.equal('incomplete' in messageView({ id: 'a2', role: 'assistant', text: '', state: 'complete' }), false);
  });

  it('the panel accepts an end that says "may be cut off" and drops a malformed one', () => {
    const end = { type: 'end', chatId: 'c1', messageId: 'm1', state: 'complete' };
    assert.equal(isHostToWebview({ ...end, incomplete: true }), true);
    assert.equal(isHostToWebview(end), true);
    assert.equal(isHostToWebview({ ...end, incomplete: 'yes' }), false);
    assert.equal(isHostToWebview({ ...end, state: 'finished' }), false);
    assert.equal(isHostToWebview({ ...end, error: { message: 'x', actions: ['launchRockets'] } }), false);
    const message = { id: 'm1', role: 'assistant', text: 'x', state: 'complete' };
    assert.equal(isHostToWebview({ type: 'message', chatId: 'c1', message: { ...message, incomplete: true } }), true);
    assert.equal(isHostToWebview({ type: 'message', chatId: 'c1', message: { ...message, incomplete: 1 } }), false);
  });
});
