// Issue 4: conversations in a real extension host: streaming, stop, retry, edit, history on disk,
// Explain Selection, and (issue 16) another window writing the same chats. The panel's rendering is tested in
// a real browser (test/e2e/chat.e2e.mjs).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ChatStore } from '../../src/core/chat/chat-store';
import type { StoredChat, StoredMessage } from '../../src/core';
import { ChatController } from '../../src/vscode/chat/chat-controller';
import { PanelActions } from '../../src/vscode/chat/panel-actions';
import type { HostToWebview } from '../../src/shared/protocol';
import { FakeRelay } from '../fakes/fake-relay';
import { SAMPLE_TEXT, tokenize } from '../fakes/scenario';
import { api, resetSettings, setSettings, until, withFallback, recorder } from './helpers';

const KEY = 'test-chat-key-0123456789';

describe('Relay Chat panel: conversations', function () {
  this.timeout(30_000);
  let relay: FakeRelay;
  let chat: ChatController;
  let folder: string;
  let rec: ReturnType<typeof recorder>;

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
    await resetSettings(['baseUrl', 'transport', 'model', 'fallbackProviders']);
    await relay.close();
  });
  beforeEach(() => {
    rec = recorder();
    chat.attach(rec.surface);
    chat.newChat();
    relay.defaultScenario = {};
  });

  const lastAssistant = () => [...chat.active.messages].reverse().find((m) => m.role === 'assistant');
  const onDisk = (id: string) => JSON.parse(fs.readFileSync(path.join(folder, `chat-${id}.json`), 'utf8')) as { messages: { text: string; state: string }[] };

  it('streams an answer as deltas of new text only, and saves the chat', async () => {
    await chat.send('こんにちは');
    const answer = lastAssistant();
    assert.strictEqual(answer?.text, SAMPLE_TEXT);
    assert.strictEqual(answer?.state, 'complete');
    const deltas = rec.posted.filter((m): m is Extract<HostToWebview, { type: 'delta' }> => m.type === 'delta');
    assert.ok(deltas.length >= 1);
    assert.strictEqual(deltas.map((d) => d.text ?? '').join(''), SAMPLE_TEXT, 'the deltas add up to the answer');
    const end = rec.posted.find((m) => m.type === 'end');
    assert.ok(end?.type === 'end' && end.stats && end.stats.completionTokens > 0 && end.stats.costUsd !== undefined, JSON.stringify(end));
    assert.strictEqual(relay.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
    await until(() => fs.existsSync(path.join(folder, `chat-${chat.active.id}.json`)) && onDisk(chat.active.id).messages[1]?.state === 'complete');
    assert.strictEqual(onDisk(chat.active.id).messages[1]?.text, SAMPLE_TEXT);
  });

  it('writes a partial answer to disk while it streams', async () => {
    relay.defaultScenario = { delayMs: 60 };
    const sending = chat.send('slow please');
    await until(() => (lastAssistant()?.text.length ?? 0) > 6);
    await until(() => {
      const file = path.join(folder, `chat-${chat.active.id}.json`);
      return fs.existsSync(file) && (onDisk(chat.active.id).messages[1]?.text.length ?? 0) > 0;
    });
    const partial = onDisk(chat.active.id).messages[1];
    assert.strictEqual(partial?.state, 'streaming');
    assert.ok(SAMPLE_TEXT.startsWith(partial?.text ?? 'x') && (partial?.text.length ?? 0) < SAMPLE_TEXT.length);
    await sending;
  });

  for (const transport of ['sse', 'websocket'] as const) {
    it(`Stop ends the answer at once, closes the ${transport} request and keeps the partial text`, async () => {
      await setSettings({ transport });
      try {
        relay.defaultScenario = { delayMs: 50 }; // about 1.5 s of answer
        const sending = chat.send('stop me');
        await until(() => (lastAssistant()?.text.length ?? 0) > 3);
        const request = relay.requests.length - 1; // the POST, or the WebSocket message
        chat.stop();
        await sending;
        // The relay saw the client leave while it was still answering: Stop did not wait for the end.
        const first = await relay.disconnects.firstOf(request);
        assert.ok(first !== 'ended' && first.beforeEnd, `the relay saw the ${transport} request closed mid-answer`);
        const answer = lastAssistant();
        assert.strictEqual(answer?.state, 'stopped');
        assert.ok((answer?.text.length ?? 0) > 0 && (answer?.text.length ?? 0) < SAMPLE_TEXT.length);
        assert.ok(!chat.busy);
      } finally {
        await setSettings({ transport: 'sse' });
      }
    });
  }

  it('shows a failure inline with its fix, then Retry replaces the answer', async () => {
    relay.requireKey = 'a-different-key-000';
    await chat.send('hello?');
    const failed = lastAssistant();
    assert.strictEqual(failed?.state, 'error');
    assert.deepStrictEqual(failed?.error?.actions, ['setApiKey', 'testConnection']);
    assert.ok(!failed?.error?.message.includes(KEY));
    relay.requireKey = undefined;
    await chat.handle({ type: 'retry', messageId: failed?.id ?? '' });
    assert.strictEqual(chat.active.messages.length, 2);
    assert.strictEqual(lastAssistant()?.text, SAMPLE_TEXT);
  });

  it('edit and resend replaces everything after the edited message', async () => {
    await chat.send('first question');
    await chat.send('second question');
    const first = chat.active.messages[0];
    await chat.handle({ type: 'edit', requestId: 'r1', messageId: first?.id ?? '', text: 'first, edited' });
    await chat.whenIdle();
    assert.deepStrictEqual(chat.active.messages.map((m) => m.role), ['user', 'assistant']);
    assert.strictEqual(chat.active.messages[0]?.text, 'first, edited');
    const sent = relay.requests.at(-1)?.body?.messages as { content: string }[];
    assert.deepStrictEqual(sent.map((m) => m.content), ['first, edited']);
  });

  it('sends the whole conversation, and lists, switches and deletes chats', async () => {
    await chat.send('one');
    await chat.send('two');
    const sent = relay.requests.at(-1)?.body?.messages as { role: string }[];
    assert.deepStrictEqual(sent.map((m) => m.role), ['user', 'assistant', 'user']);
    const firstId = chat.active.id;
    chat.newChat();
    await chat.send('other chat');
    const secondId = chat.active.id;
    await chat.handle({ type: 'switchChat', chatId: firstId });
    assert.strictEqual(chat.active.id, firstId);
    await chat.handle({ type: 'deleteChat', chatId: secondId });
    await until(() => !fs.existsSync(path.join(folder, `chat-${secondId}.json`)));
    const list = rec.posted.filter((m) => m.type === 'chats').at(-1);
    assert.ok(list?.type === 'chats' && !list.chats.some((c) => c.id === secondId) && list.chats.some((c) => c.id === firstId));
  });

  it('says when the relay stalls (no bytes for 5 s), then the answer can be stopped', async () => {
    relay.defaultScenario = { stallAfter: 3 };
    const sending = chat.send('stall');
    await until(() => rec.posted.some((m) => m.type === 'phase' && m.phase === 'stalled'), 9000);
    chat.stop();
    await sending;
    assert.strictEqual(lastAssistant()?.state, 'stopped');
  });

  it('skips a corrupt chat file with a warning and keeps the others', async () => {
    await chat.send('keep me');
    await chat.whenIdle();
    const kept = chat.active.id;
    await new ChatStore(folder).saveNow({ ...chat.active, version: 1, createdAt: 0, transport: 'sse' });
    fs.writeFileSync(path.join(folder, 'chat-corrupt0001.json'), '{ not json');
    const logged: unknown[][] = [];
    const shown: string[] = [];
    const showWarning = vscode.window.showWarningMessage;
    vscode.window.showWarningMessage = ((message: string) => (shown.push(message), Promise.resolve(undefined))) as typeof showWarning;
    try {
      // A second controller on the same folder: what the next window sees.
      const reloaded = new ChatController(new ChatStore(folder), undefined as never, { debug() {}, info() {}, warn: (...a: unknown[]) => logged.push(a), error() {} });
      await reloaded.handle({ type: 'ready' });
      assert.ok(reloaded.active.id, 'a chat is active');
      const { chats } = await new ChatStore(folder).load();
      assert.ok(chats.some((c) => c.id === kept), 'the good chat is still there');
      assert.deepStrictEqual(shown, ['Relay Chat skipped 1 chat file(s) it could not read. The other chats are fine.'], 'the user is told, once');
      assert.deepStrictEqual(logged.map((a) => a[1]), [{ files: ['chat-corrupt0001.json'] }], 'the log names the file');
    } finally {
      vscode.window.showWarningMessage = showWarning;
      fs.rmSync(path.join(folder, 'chat-corrupt0001.json'));
    }
  });

  it('attaches the selection with its path and lines', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'a = 1\nb = 2\nc = 3\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 2, 5);
    await new PanelActions(rec.surface.post).handle({ type: 'attach', requestId: 'r2', kind: 'selection' });
    const attached = rec.posted.find((m) => m.type === 'attachment');
    assert.ok(attached?.type === 'attachment');
    assert.deepStrictEqual({ ...attached.attachment, path: '' }, { kind: 'selection', path: '', language: 'python', text: 'b = 2\nc = 3', startLine: 2, endLine: 3 });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('inserts a code block at the cursor', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'before\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await new PanelActions(rec.surface.post).handle({ type: 'insertCode', code: 'const x = 1;' });
    assert.strictEqual(doc.getText(), 'before\nconst x = 1;');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Explain Selection sends the selection with file, language, context and answer language, in a new chat', async () => {
    const folderUri = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folderUri, 'the test host opens a workspace folder');
    const file = vscode.Uri.joinPath(folderUri, 'explain-me.ts');
    await vscode.workspace.fs.writeFile(file, Buffer.from('import x from "y";\n\nexport function add(a: number, b: number) {\n  return a + b;\n}\n\nconsole.log(add(1, 2));\n'));
    const editor = await vscode.window.showTextDocument(file);
    editor.selection = new vscode.Selection(2, 0, 4, 1);
    await chat.send('an earlier question');
    const before = chat.active.id;
    await vscode.commands.executeCommand('relayChat.explainSelection');
    await chat.whenIdle();
    assert.notStrictEqual(chat.active.id, before, 'a new chat');
    const user = chat.active.messages[0];
    assert.match(user?.text ?? '', /Explain lines 3–5 of explain-me\.ts/);
    assert.strictEqual(user?.attachments?.[0]?.kind, 'selection');
    const prompt = (relay.requests.at(-1)?.body?.messages as { content: string }[])[0]?.content ?? '';
    assert.match(prompt, /lines 3-5 of `explain-me\.ts` \(typescript\)/);
    assert.match(prompt, /Answer in English\./);
    assert.match(prompt, /export function add/);
    assert.match(prompt, /Surrounding code, for context only/);
    assert.strictEqual(lastAssistant()?.text, SAMPLE_TEXT);
    // Explain opened the panel: wait for its webview's handshake, so it does not take over later tests' recorder.
    const a = await api();
    await until(() => a.panelOpenMs() !== undefined, 15_000);
    console.log(`    panel open: ${a.panelOpenMs()} ms from resolve to ready`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('tells the panel when the model setting changes', async () => {
    await vscode.commands.executeCommand('relayChat.selectModel', 'deepseek-v3.2');
    await until(() => rec.posted.some((m) => m.type === 'model' && m.model === 'deepseek-v3.2'));
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
  });

  it('says which provider answered when the primary failed', async () => {
    await withFallback(relay, 'test-backup-key-0123456789', async () => {
      await chat.send('anyone there?');
      assert.strictEqual(lastAssistant()?.text, SAMPLE_TEXT);
      assert.strictEqual(lastAssistant()?.stats?.provider, 'backup');
      assert.ok(rec.posted.some((m) => m.type === 'phase' && m.phase === 'reconnecting'));
    });
  });

  // Issue 16, many windows: another window (a second ChatStore on the same chats folder, as a second VS
  // Code window's extension host has) writes, renames and deletes chats; this window's panel follows
  // without a reload, and neither window's messages are lost.
  describe('another window writes the same chats', () => {
    let serial = 0;
    const storedChat = (id: string) => JSON.parse(fs.readFileSync(path.join(folder, `chat-${id}.json`), 'utf8')) as StoredChat;
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
      const from = rec.posted.length;
      const answering = chat.send('second question here');
      await until(() => (chat.active.messages.at(-1)?.text.length ?? 0) > 5);
      const theirs = turn('other');
      other.chat.messages.push(...theirs);
      other.chat.title = 'renamed in the other window';
      await other.store.saveNow(other.chat);
      await answering;
      await chat.whenIdle();
      await until(() => storedChat(id).messages.length === 6 && storedChat(id).messages.every((m) => m.state === 'complete'));
      const ids = storedChat(id).messages.map((m) => m.id);
      assert.deepStrictEqual(ids.filter((m) => m.startsWith('other-')), theirs.map((m) => m.id), 'the other window\'s turn is on disk');
      assert.deepStrictEqual(chat.active.messages.map((m) => m.id), ids, 'this window holds what is on disk');
      assert.strictEqual(storedChat(id).title, 'renamed in the other window');
      assert.ok(shown((c) => c.id === id && c.messages.some((m) => m.id === theirs[0]!.id)), 'the panel showed the other window\'s turn');
      const since = rec.posted.slice(from);
      const ended = since.findIndex((m) => m.type === 'end');
      const shownAgain = since.flatMap((m, i) => (m.type === 'chat' && m.chat.id === id ? [i] : []));
      assert.ok(shownAgain.length > 0 && shownAgain.every((i) => i > ended), `shown again after this window's answer ended, not under it (end ${ended}, chat ${shownAgain.join()})`);
      // The other window saves again from what it held: this window's second turn stays.
      other.chat.messages.push(...turn('other'));
      await other.store.saveNow(other.chat);
      assert.strictEqual(storedChat(id).messages.length, 8);
      assert.ok(storedChat(id).messages.some((m) => m.text === 'second question here'), 'this window\'s turn survived the other\'s save');
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

    it('an answer another window streams into the chat on screen is shown when it appears and when it ends, not at each write', async () => {
      await chat.send('watch this');
      const id = chat.active.id;
      const other = await otherWindowOpens(id);
      const [question, answer] = turn('other');
      const theirs: StoredMessage = { ...answer!, text: '', state: 'streaming' };
      other.chat.messages.push(question!, theirs);
      const from = rec.posted.length;
      const renders = () => rec.posted.slice(from).filter((m) => m.type === 'chat' && m.chat.id === id);
      for (const piece of ['途中', 'まで', '書いた', '答え']) {
        theirs.text += piece;
        await other.store.saveNow(other.chat);
        await until(() => chat.active.messages.at(-1)?.text === theirs.text);
      }
      assert.strictEqual(renders().length, 1, 'shown once while it streams there');
      const first = renders()[0];
      assert.ok(first?.type === 'chat' && first.chat.messages.at(-1)?.state === 'stopped', 'as far as it got, not as streaming here (the composer stays free)');
      theirs.state = 'complete';
      await other.store.saveNow(other.chat);
      await until(() => renders().length === 2);
      const last = renders()[1];
      assert.ok(last?.type === 'chat' && last.chat.messages.at(-1)?.state === 'complete' && last.chat.messages.at(-1)?.text === '途中まで書いた答え');
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
      await until(() => fs.existsSync(path.join(folder, `chat-${id}.json`)) && storedChat(id).messages[1]?.state === 'complete');
      assert.strictEqual(storedChat(id).messages[1]?.text, SAMPLE_TEXT);
    });
  });
});
