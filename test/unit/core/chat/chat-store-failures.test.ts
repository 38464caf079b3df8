// The chat history when the disk misbehaves.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mock } from 'node:test';
import { ChatStore } from '../../../../src/core/chat/chat-store';
import type { StoredChat } from '../../../../src/core/chat/stored-chat';
import { chatView } from '../../../../src/vscode/chat/chat-mapping';

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
