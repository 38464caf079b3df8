// Issue 16, many windows: in the real extension host, another window (a second ChatStore on the same
// chats folder, as a second VS Code window's extension host has) writes, renames and deletes chats;
// this window's panel follows without a reload, and neither window's messages are lost.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ChatStore } from '../../src/core/chat/chat-store';
import type { StoredChat } from '../../src/core';
import type { HostToWebview } from '../../src/shared/protocol';
import type { ChatController } from '../../src/vscode/chat/chat-controller';
import { FakeRelay } from '../fakes/fake-relay';
import { SAMPLE_TEXT, tokenize } from '../fakes/scenario';
import { api, resetSettings, setSettings, until, recorder } from './helpers';

const KEY = 'test-windows-key-0123456789';

describe('Relay Chat panel: another window writes the same chats', function () {
  this.timeout(30_000);
  let relay: FakeRelay;
  let chat: ChatController;
  let folder: string;
  let rec: ReturnType<typeof recorder>;
  let serial = 0;

  before(async () => {
    relay = await FakeRelay.start();
    const a = await api();
    chat = a.chat;
    folder = a.chatFolder;
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse' });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
  });
  after(async () => {
    chat.attach(undefined);
    await resetSettings(['baseUrl', 'transport', 'model']);
    await relay.close();
  });
  beforeEach(() => {
    rec = recorder();
    chat.attach(rec.surface);
    chat.newChat();
    relay.defaultScenario = {};
  });

  const onDisk = (id: string) => JSON.parse(fs.readFileSync(path.join(folder, `chat-${id}.json`), 'utf8')) as StoredChat;
  const listed = (id: string) => rec.posted.some((m) => m.type === 'chats' && m.chats.some((c) => c.id === id));
  const lastList = () => rec.posted.filter((m): m is Extract<HostToWebview, { type: 'chats' }> => m.type === 'chats').at(-1)?.chats ?? [];
  const shown = (predicate: (chat: Extract<HostToWebview, { type: 'chat' }>['chat']) => boolean) => rec.posted.some((m) => m.type === 'chat' && predicate(m.chat));
  /** The other window: its own store on the same folder, holding the chat as it read it. */
  async function otherWindowOpens(id: string): Promise<{ store: ChatStore; chat: StoredChat }> {
    const store = new ChatStore(folder);
    const { chats } = await store.load();
    const found = chats.find((c) => c.id === id);
    assert.ok(found, 'the other window sees the chat');
    return { store, chat: found };
  }
  const turn = (who: string) => [
    { id: `${who}-u${++serial}`, role: 'user' as const, text: `question from ${who}`, state: 'complete' as const },
    { id: `${who}-a${serial}`, role: 'assistant' as const, text: `answer for ${who}`, state: 'complete' as const },
  ];

  it('a chat started in another window joins the history list without a reload', async () => {
    const other = new ChatStore(folder);
    await other.load();
    const started: StoredChat = { version: 1, id: `other${Date.now()}`, title: '別のウィンドウ', createdAt: Date.now(), updatedAt: Date.now(), model: 'gpt-4.1', messages: turn('other') };
    await other.saveNow(started);
    await until(() => listed(started.id));
    assert.strictEqual(lastList().find((c) => c.id === started.id)?.title, '別のウィンドウ');
    await chat.handle({ type: 'switchChat', chatId: started.id });
    assert.deepStrictEqual(chat.active.messages.map((m) => m.id), started.messages.map((m) => m.id), 'and it opens');
  });

  it('both windows answer in the same chat at once: the file and both windows hold every turn', async () => {
    await chat.send('first question here');
    const id = chat.active.id;
    const other = await otherWindowOpens(id);
    // This window's answer streams slowly; the other window sends a turn while it does.
    relay.defaultScenario = { tokens: tokenize(SAMPLE_TEXT), delayMs: 40 };
    const answering = chat.send('second question here');
    await until(() => (chat.active.messages.at(-1)?.text.length ?? 0) > 5);
    const theirs = turn('other');
    other.chat.messages.push(...theirs);
    other.chat.title = 'renamed in the other window';
    await other.store.saveNow(other.chat);
    await answering;
    await chat.whenIdle();
    await until(() => onDisk(id).messages.length === 6 && onDisk(id).messages.every((m) => m.state === 'complete'));
    const ids = onDisk(id).messages.map((m) => m.id);
    assert.deepStrictEqual(ids.filter((m) => m.startsWith('other-')), theirs.map((m) => m.id), 'the other window\'s turn is on disk');
    assert.deepStrictEqual(chat.active.messages.map((m) => m.id), ids, 'this window holds what is on disk');
    assert.strictEqual(onDisk(id).title, 'renamed in the other window');
    assert.ok(shown((c) => c.id === id && c.messages.some((m) => m.id === theirs[0]!.id)), 'the panel showed the other window\'s turn');
    // The other window saves again from what it held: this window's second turn stays.
    other.chat.messages.push(...turn('other'));
    await other.store.saveNow(other.chat);
    assert.strictEqual(onDisk(id).messages.length, 8);
    assert.ok(onDisk(id).messages.some((m) => m.text === 'second question here'), 'this window\'s turn survived the other\'s save');
    assert.strictEqual(other.chat.messages.length, 8, 'the other window holds everything too');
  });

  it('a change to the chat on screen shows at once when nothing streams', async () => {
    await chat.send('look at this');
    const id = chat.active.id;
    const other = await otherWindowOpens(id);
    const theirs = turn('other');
    other.chat.messages.push(...theirs);
    await other.store.saveNow(other.chat);
    await until(() => shown((c) => c.id === id && c.messages.some((m) => m.id === theirs[1]!.id)));
    assert.strictEqual(chat.active.messages.length, 4);
  });

  it('a chat deleted in another window leaves the list; on screen, the panel shows the newest chat', async () => {
    await chat.send('soon deleted');
    const id = chat.active.id;
    assert.ok(listed(id));
    const other = await otherWindowOpens(id);
    await other.store.delete(id);
    await until(() => rec.posted.at(-1)?.type === 'chats' && !lastList().some((c) => c.id === id));
    assert.notStrictEqual(chat.active.id, id, 'another chat is on screen');
    assert.ok(rec.posted.some((m) => m.type === 'chat' && m.chat.id !== id), 'the panel was told');
  });

  it('a chat deleted in another window while an answer streams into it: the answer is kept and the file written again', async () => {
    relay.defaultScenario = { tokens: tokenize(SAMPLE_TEXT), delayMs: 40 };
    const answering = chat.send('keep my answer');
    await until(() => (chat.active.messages.at(-1)?.text.length ?? 0) > 5 && fs.existsSync(path.join(folder, `chat-${chat.active.id}.json`)));
    const id = chat.active.id;
    const other = await otherWindowOpens(id);
    await other.store.delete(id);
    await answering;
    await chat.whenIdle();
    assert.strictEqual(chat.active.id, id);
    await until(() => fs.existsSync(path.join(folder, `chat-${id}.json`)) && onDisk(id).messages[1]?.state === 'complete');
    assert.strictEqual(onDisk(id).messages[1]?.text, SAMPLE_TEXT);
  });
});
