import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChatStore } from '../../../../src/core/chat/chat-store';
import type { StoredChat } from '../../../../src/core/chat/stored-chat';
import { FakeClock, until } from '../../support/fake-clock';

const chat = (id: string, text = 'こんにちは', state: 'complete' | 'streaming' = 'complete'): StoredChat => ({
  version: 1, id, title: 't', createdAt: 1, updatedAt: Date.now(), model: 'gpt-4.1',
  messages: [{ id: 'm1', role: 'user', text: 'hi', state: 'complete' }, { id: 'm2', role: 'assistant', text, state }],
});

describe('chat store', () => {
  let dir: string;
  let clock: FakeClock | undefined;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-chats-'))));
  afterEach(() => {
    clock?.uninstall();
    clock = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saves and loads chats, newest first', async () => {
    const store = new ChatStore(dir);
    await store.saveNow({ ...chat('a'), updatedAt: 1 });
    await store.saveNow({ ...chat('b'), updatedAt: 2 });
    const { chats, corrupt } = await new ChatStore(dir).load();
    assert.deepEqual(chats.map((c) => c.id), ['b', 'a']);
    assert.deepEqual(corrupt, []);
    assert.equal(chats[0]?.messages[1]?.text, 'こんにちは');
  });

  it('coalesces saves while streaming, and flush writes the latest', async () => {
    const store = new ChatStore(dir, 50);
    for (let i = 1; i <= 20; i++) store.save(chat('s', 'あ'.repeat(i), 'streaming'));
    await store.flush();
    const { chats } = await new ChatStore(dir).load();
    assert.equal(chats[0]?.messages[1]?.text, 'あ'.repeat(20));
  });

  it('keeps a partial answer written mid-stream, marked stopped after a crash', async () => {
    clock = FakeClock.install();
    const store = new ChatStore(dir, 10);
    store.save(chat('p', '途中まで', 'streaming'));
    const file = path.join(dir, 'chat-p.json');
    clock.tick(10);
    await until(() => fs.existsSync(file), 'the throttled write reached the disk'); // then "the window died"
    const { chats } = await new ChatStore(dir).load();
    assert.equal(chats[0]?.messages[1]?.text, '途中まで');
    assert.equal(chats[0]?.messages[1]?.state, 'stopped');
  });

  it('skips corrupt files and names them, never throws', async () => {
    await new ChatStore(dir).saveNow(chat('ok'));
    fs.writeFileSync(path.join(dir, 'chat-broken.json'), '{"version":1,"id":');
    fs.writeFileSync(path.join(dir, 'chat-wrong.json'), JSON.stringify({ version: 1, id: 'x' }));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a chat file');
    const { chats, corrupt } = await new ChatStore(dir).load();
    assert.deepEqual(chats.map((c) => c.id), ['ok']);
    assert.deepEqual(corrupt.sort(), ['chat-broken.json', 'chat-wrong.json']);
  });

  it('deletes a chat, including a save still pending', async () => {
    clock = FakeClock.install();
    const store = new ChatStore(dir, 1000);
    await store.saveNow(chat('d'));
    store.save(chat('d', 'later'));
    await store.delete('d');
    clock.tick(1000); // when the pending save would have been written
    await store.flush();
    assert.deepEqual((await store.load()).chats, []);
  });

  it('refuses ids that could escape the folder', async () => {
    await assert.rejects(new ChatStore(dir).saveNow({ ...chat('x'), id: '../evil' }));
  });
});
