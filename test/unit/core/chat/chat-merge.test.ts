// Saving one chat from several windows: the three-way merge (this window's chat, the version it last
// read or wrote, the file now), the lock around it, and a store following another store's changes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChatFolderWatch } from '../../../../src/core/chat/chat-folder-watch';
import { adoptChat, mergeChats } from '../../../../src/core/chat/chat-merge';
import { ChatStore } from '../../../../src/core/chat/chat-store';
import { ChatSync } from '../../../../src/vscode/chat/chat-sync';
import { STALE_LOCK_MS, withFileLock } from '../../../../src/core/util/file-lock';
import type { StoredChat, StoredMessage } from '../../../../src/core/chat/stored-chat';

const msg = (id: string, text = id, extra: Partial<StoredMessage> = {}): StoredMessage => ({ id, role: id.startsWith('u') ? 'user' : 'assistant', text, state: 'complete', ...extra });
const chatOf = (messages: StoredMessage[], extra: Partial<StoredChat> = {}): StoredChat => ({ version: 1, id: 'c', title: 'title', createdAt: 1, updatedAt: 10, model: 'm', messages, ...extra });
const ids = (c: StoredChat) => c.messages.map((m) => m.id);

describe('chat merge', () => {
  const base = chatOf([msg('u1'), msg('a1')]);

  it('keeps both windows\' new turns, each block in its order, the later writer\'s after', () => {
    const mine = chatOf([...base.messages, msg('u-mine'), msg('a-mine')]);
    const theirs = chatOf([...base.messages, msg('u-theirs'), msg('a-theirs')]);
    assert.deepEqual(ids(mergeChats(base, mine, theirs)), ['u1', 'a1', 'u-theirs', 'a-theirs', 'u-mine', 'a-mine']);
  });

  it('an updated message: this window\'s change wins for it, the other window\'s for the others', () => {
    const mine = chatOf([msg('u1'), msg('a1', 'a1 streamed on')]);
    const theirs = chatOf([msg('u1', 'u1 edited there'), msg('a1')]);
    const merged = mergeChats(base, mine, theirs);
    assert.deepEqual(merged.messages.map((m) => m.text), ['u1 edited there', 'a1 streamed on']);
  });

  it('messages this window removed (Retry, Edit) stay removed; what the other window added stays', () => {
    const mine = chatOf([msg('u1'), msg('a1-retried')]);
    const theirs = chatOf([...base.messages, msg('u2'), msg('a2')]);
    assert.deepEqual(ids(mergeChats(base, mine, theirs)), ['u1', 'u2', 'a2', 'a1-retried']);
  });

  it('a message this window removed but the other window changed since is kept (its text is nobody\'s to drop)', () => {
    const mine = chatOf([msg('u1')]);
    const theirs = chatOf([msg('u1'), msg('a1', 'a1 and more')]);
    assert.deepEqual(ids(mergeChats(base, mine, theirs)), ['u1', 'a1']);
  });

  it('a message the other window removed is dropped, unless this window changed it', () => {
    const theirs = chatOf([msg('u1')]);
    assert.deepEqual(ids(mergeChats(base, chatOf([msg('u1'), msg('a1')]), theirs)), ['u1']);
    assert.deepEqual(ids(mergeChats(base, chatOf([msg('u1'), msg('a1', 'still streaming here')]), theirs)), ['u1', 'a1']);
  });

  it('title and model: a rename here wins; a rename there is taken when this window did not rename', () => {
    assert.equal(mergeChats(base, chatOf(base.messages, { title: 'mine' }), chatOf(base.messages, { title: 'theirs' })).title, 'mine');
    const merged = mergeChats(base, chatOf(base.messages), chatOf(base.messages, { title: 'renamed there', model: 'other', updatedAt: 99 }));
    assert.deepEqual([merged.title, merged.model, merged.updatedAt], ['renamed there', 'other', 99]);
  });

  it('a file deleted by another window while this one still writes the chat: written whole again', () => {
    const mine = chatOf([...base.messages, msg('a2', 'streaming', { state: 'streaming' })]);
    assert.deepEqual(mergeChats(base, mine, undefined), mine);
  });

  it('adopting the merged chat keeps this window\'s message objects (an answer streams into one)', () => {
    const live = chatOf([msg('u1'), msg('a1', 'partial', { state: 'streaming' })]);
    const streaming = live.messages[1];
    const changed = adoptChat(live, chatOf([msg('u0'), msg('u1', 'edited'), msg('a1', 'partial', { state: 'streaming' })], { title: 'new' }));
    assert.equal(changed, true);
    assert.deepEqual([ids(live), live.title, live.messages[1]?.text], [['u0', 'u1', 'a1'], 'new', 'edited']);
    assert.equal(live.messages[2], streaming, 'the same object');
  });
});

describe('chat store: one chat, several stores', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-chat-merge-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = () => path.join(dir, 'chat-c.json');
  const onDisk = () => JSON.parse(fs.readFileSync(file(), 'utf8')) as StoredChat;

  async function twoWindows(): Promise<[ChatStore, StoredChat, ChatStore, StoredChat]> {
    fs.writeFileSync(file(), JSON.stringify(chatOf([msg('u1'), msg('a1')])));
    const a = new ChatStore(dir, 1);
    const b = new ChatStore(dir, 1);
    const [loadedA, loadedB] = await Promise.all([a.load(), b.load()]);
    return [a, loadedA.chats[0]!, b, loadedB.chats[0]!];
  }

  it('two stores in one process saving the same chat at once, 30 turns each: none lost', async () => {
    const [a, chatA, b, chatB] = await twoWindows();
    const turns = (store: ChatStore, chat: StoredChat, who: string) => (async () => {
      for (let i = 0; i < 30; i++) {
        chat.messages.push(msg(`u-${who}${i}`), msg(`a-${who}${i}`));
        await store.saveNow(chat);
      }
    })();
    await Promise.all([turns(a, chatA, 'a'), turns(b, chatB, 'b')]);
    const saved = ids(onDisk());
    assert.equal(saved.length, 2 + 120);
    for (const who of ['a', 'b']) {
      assert.deepEqual(saved.filter((id) => /^[ua]-/.test(id) && id[2] === who), Array.from({ length: 30 }, (_, i) => [`u-${who}${i}`, `a-${who}${i}`]).flat());
    }
    assert.deepEqual(ids(chatB), saved.filter((id) => ids(chatB).includes(id)), 'memory follows disk');
  });

  it('a store re-reading the file takes the other window\'s turns and keeps its own unsaved ones', async () => {
    const [a, chatA, b, chatB] = await twoWindows();
    chatA.messages.push(msg('u-a'));
    await a.saveNow(chatA);
    chatB.messages.push(msg('a-unsaved', 'streaming here', { state: 'streaming' }));
    const result = await b.reread('c', chatB);
    assert.equal(result.kind, 'merged');
    assert.deepEqual(ids(chatB), ['u1', 'a1', 'u-a', 'a-unsaved']);
    assert.equal((await b.reread('c', chatB)).kind, 'unchanged', 'nothing new the second time');
    await b.saveNow(chatB);
    assert.deepEqual(ids(onDisk()), ['u1', 'a1', 'u-a', 'a-unsaved']);
  });

  it('a chat started or deleted in another window is reported as such', async () => {
    const [a, chatA, b, chatB] = await twoWindows();
    const fresh = { ...chatOf([msg('u9')]), id: 'fresh' };
    await a.saveNow(fresh);
    const started = await b.reread('fresh', undefined);
    assert.deepEqual([started.kind, started.kind === 'new' && ids(started.chat)], ['new', ['u9']]);
    await a.delete(chatA.id);
    assert.equal((await b.reread('c', chatB)).kind, 'deleted');
    assert.equal(fs.existsSync(file()), false);
  });

  it('breaks a lock left by a process that is gone, and one older than the stale limit', async () => {
    const [a, chatA] = await twoWindows();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(`${file()}.lock`, `${gone} left-over`);
    chatA.messages.push(msg('u2'));
    await a.saveNow(chatA);
    assert.deepEqual(ids(onDisk()), ['u1', 'a1', 'u2']);

    fs.writeFileSync(`${file()}.lock`, `${process.pid} hung`);
    const old = (Date.now() - STALE_LOCK_MS - 1000) / 1000;
    fs.utimesSync(`${file()}.lock`, old, old);
    chatA.messages.push(msg('u3'));
    await a.saveNow(chatA);
    assert.deepEqual(ids(onDisk()), ['u1', 'a1', 'u2', 'u3']);
    assert.equal(fs.existsSync(`${file()}.lock`), false, 'released');
  });

  it('a lock that is there but cannot be read (a folder in its place) is given up with its cause, not spun on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-lock-'));
    const target = path.join(dir, 'state.json');
    fs.mkdirSync(`${target}.lock`);
    let ran = false;
    await assert.rejects(withFileLock(target, async () => { ran = true; }, { waitMs: 50 }), /state\.json\.lock cannot be used: EISDIR/);
    assert.equal(ran, false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the folder watch reports the chats another store wrote or deleted (never a lock or temporary file), in bursts', async () => {
    const [a, chatA] = await twoWindows();
    const reported = new Set<string>();
    let heard: () => void = () => undefined;
    const watch = new ChatFolderWatch(dir, (changed) => {
      changed.forEach((id) => reported.add(id));
      heard();
    }, (e) => assert.fail(e));
    const until = async (check: () => boolean) => {
      while (!check()) await new Promise<void>((resolve) => (heard = resolve));
    };
    try {
      chatA.messages.push(msg('u2'));
      await a.saveNow(chatA);
      await a.saveNow({ ...chatOf([msg('u1')]), id: 'second' });
      await until(() => reported.has('c') && reported.has('second'));
      reported.clear();
      await a.delete('second');
      await until(() => reported.has('second'));
      assert.deepEqual([...reported], ['second']);
    } finally {
      watch.dispose();
    }
  });

  it('what another window changed while this one loaded (before its watch started) is caught up at the start', async () => {
    const [a, chatA, b] = await twoWindows();
    // Window b loaded; before its watch starts, window a adds a turn to the chat and starts another.
    chatA.messages.push(msg('u2'));
    await a.saveNow(chatA);
    await a.saveNow({ ...chatOf([msg('u1')]), id: 'second' });
    const mine = new Map<string, StoredChat>([['c', (await new ChatStore(dir).load()).chats.find((c) => c.id === 'c')!]]);
    mine.get('c')!.messages.pop(); // b's copy as it loaded it, before a's turn
    const seen: string[] = [];
    let heard: () => void = () => undefined;
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const sync = new ChatSync(b, {
      chat: (id) => mine.get(id),
      ids: () => [...mine.keys()],
      added: (chat) => (seen.push(`added ${chat.id}`), heard()),
      merged: (chat) => (seen.push(`merged ${chat.id} ${ids(chat).join(',')}`), heard()),
      deleted: (id) => (seen.push(`deleted ${id}`), heard()),
    }, quiet);
    try {
      sync.start();
      while (seen.length < 2) await new Promise<void>((resolve) => (heard = resolve));
      assert.deepEqual(seen.sort(), ['added second', 'merged c u1,a1,u2']);
    } finally {
      sync.dispose();
    }
  });
});
