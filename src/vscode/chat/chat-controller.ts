import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { AutoContinue, ContinuationStitcher, chatTitle, continuationMessages, conversationMessages, type AnswerStats, type ChatAttachment, type ChatStore, type Logger, type StoredChat, type StoredMessage } from '../../core';
import type { Attachment, ChatRequest, HostToWebview } from '../../shared/protocol';
import type { ClientService } from '../client-service';
import { BudgetDeclined, OPEN_GATE, type RequestGate } from '../usage/budget-prompt';
import { readSettings } from '../settings';
import { chatSummary, chatView, messageView, storedAttachment } from './chat-mapping';
import { StorageNotice } from './storage-notice';
import { ChatSync } from './chat-sync';
import { StreamSession } from './stream-session';
import { uiStrings } from './strings';

const newId = () => randomUUID().replace(/-/g, '').slice(0, 16);

/** A request the controller took on; the answer it started (an object: a bare promise would be awaited). */
interface Accepted {
  answered: Promise<void>;
}

/** Where the panel's messages go; the view registers itself when its webview is ready. */
export interface ChatSurface {
  post(message: HostToWebview): void;
  reveal(): Promise<void>;
}

const showWarning = (message: string): void => void vscode.window.showWarningMessage(message);

/**
 * Conversations: the active one, the list, streaming answers into them and writing them to disk as
 * they stream (a partial answer survives a crash or reload). One answer streams at a time, and only
 * in the chat on screen: New Chat or opening another chat stops it (its text so far is kept), so the
 * composer is always ready to send.
 */
export class ChatController implements vscode.Disposable {
  private readonly chats = new Map<string, StoredChat>();
  private activeId = '';
  private session: StreamSession | undefined;
  /** The answer `session` streams; settles after its last write. */
  private answering: Promise<void> | undefined;
  private surface: ChatSurface | undefined;
  private readonly loaded: Promise<void>;
  private readonly notice: StorageNotice;
  private readonly sync: ChatSync;
  /** Another window changed the chat on screen while an answer streamed into it: shown again after. */
  private viewStale = false;
  /** What the panel shows of the chat on screen (shownSignature): another window's change that alters none of it is not shown again. */
  private shown = '';
  /** For the benchmark: RELAY_CHAT_PERF=1 makes the webview keep its render timings. */
  readonly perf = process.env.RELAY_CHAT_PERF === '1';

  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly counted = new vscode.EventEmitter<{ model: string; stats: AnswerStats; source: 'chat' | 'explain' }>();
  private readonly autoContinue = new AutoContinue();
  /** Asked before each request is sent (the monthly budget: extension.ts sets the usage service). */
  requestGate: RequestGate = OPEN_GATE;
  /** An answer ended with something to count (extension.ts hands it to the AnswerRecorder). */
  readonly onDidCountAnswer = this.counted.event;

  constructor(private readonly store: ChatStore, private readonly service: ClientService, private readonly logger: Logger, warn: (message: string) => void = showWarning) {
    this.notice = new StorageNotice(store.dir, logger, warn);
    store.onWriteError((e) => this.notice.writeFailed(e));
    this.sync = new ChatSync(store, {
      chat: (id) => this.chats.get(id),
      ids: () => [...this.chats.keys()],
      added: (chat) => this.otherWindowAdded(chat),
      merged: (chat) => this.otherWindowChanged(chat),
      deleted: (id) => this.otherWindowDeleted(id),
    }, logger);
    this.loaded = this.load().then(() => this.sync.start());
    this.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('relayChat.model')) this.post({ type: 'model', model: readSettings().model });
    }));
  }

  get active(): StoredChat {
    let chat = this.chats.get(this.activeId);
    if (!chat) {
      chat = this.create();
      this.activeId = chat.id;
    }
    return chat;
  }

  /** True while an answer streams (tests and the Explain command wait on this). */
  get busy(): boolean {
    return this.session !== undefined;
  }

  attach(surface: ChatSurface | undefined): void {
    this.surface = surface;
  }

  async handle(message: ChatRequest): Promise<void> {
    await this.loaded;
    switch (message.type) {
      case 'ready': return this.sendInit();
      case 'send': return this.reply(message.requestId, () => this.accept(message.text, message.attachments.map(storedAttachment)));
      case 'stop': return this.session?.stop();
      case 'retry': return this.retry(message.messageId);
      case 'continue': return this.continueAnswer(message.messageId);
      case 'edit': return this.reply(message.requestId, () => this.acceptEdit(message.messageId, message.text));
      case 'newChat': return this.newChat();
      case 'switchChat': return this.switchChat(message.chatId);
      case 'deleteChat': return this.deleteChat(message.chatId);
      case 'fix': return message.action === 'retry' ? this.retryLast() : undefined; // other fixes are panel actions
    }
  }

  /** A user turn into the active chat, then its answer. `prompt` replaces what the model receives. */
  async send(text: string, attachments: Attachment[] = [], prompt?: string): Promise<void> {
    await (await this.accept(text, attachments.map(storedAttachment), prompt)).answered;
  }

  /** Checks and posts the user turn; resolves once accepted, with the answer still streaming. */
  private async accept(text: string, attachments: ChatAttachment[] = [], prompt?: string): Promise<Accepted> {
    await this.loaded;
    await this.readyToAnswer();
    if (!text.trim() && !attachments.length) throw new Error(vscode.l10n.t('Type a message first.'));
    await this.passBudget();
    const chat = this.active;
    const user: StoredMessage = { id: newId(), role: 'user', text, state: 'complete', ...(attachments.length ? { attachments } : {}), ...(prompt ? { prompt } : {}) };
    if (!chat.messages.length) chat.title = chatTitle(text, attachments);
    chat.messages.push(user);
    this.post({ type: 'message', chatId: chat.id, message: messageView(user) });
    return { answered: this.answer(chat) };
  }

  /** Starts a new chat and sends into it (Explain Selection). */
  async sendInNewChat(text: string, attachments: Attachment[], prompt: string): Promise<void> {
    await this.loaded;
    this.newChat();
    await this.send(text, attachments, prompt);
  }

  stop(): void {
    this.session?.stop();
  }

  async whenIdle(): Promise<void> {
    while (this.answering) await this.answering;
  }

  /** A fresh chat on screen. An answer still streaming in the old one is stopped (its text is kept). */
  newChat(): void {
    this.session?.stop();
    if (this.active.messages.length === 0) return this.sendChat();
    const chat = this.create();
    this.activeId = chat.id;
    this.sendChat();
  }

  /** Deactivation: the answer in flight is stopped and saved, and every pending write is on disk. */
  async close(): Promise<void> {
    this.session?.stop();
    await this.whenIdle();
    await this.store.flush().catch((e: Error) => this.notice.writeFailed(e));
  }

  dispose(): void {
    this.sync.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.counted.dispose();
    this.session?.stop();
    void this.store.flush().catch((e: Error) => this.notice.writeFailed(e));
  }

  private async load(): Promise<void> {
    const { chats, corrupt, unreadable } = await this.store.load();
    for (const c of chats) this.chats.set(c.id, c);
    this.activeId = chats[0]?.id ?? '';
    if (unreadable) this.notice.unreadable(unreadable);
    if (corrupt.length) this.notice.corrupt(corrupt);
  }

  /**
   * Nothing streams once this resolves. An answer already stopped (New Chat, another chat, Stop)
   * is waited for, never refused: its last write takes a moment. One still streaming is refused.
   */
  private async readyToAnswer(): Promise<void> {
    if (!(await this.free())) throw new Error(vscode.l10n.t('An answer is still streaming: stop it first.'));
  }

  /** Whether nothing streams: an answer already stopped is waited for (its last write takes a moment). */
  private async free(): Promise<boolean> {
    if (this.session?.stopped) await this.whenIdle();
    return !this.session;
  }

  /** Streams a new answer into `chat`, or continues `resumed`, its last answer, which dropped. */
  private answer(chat: StoredChat, resumed?: StoredMessage): Promise<void> {
    const answering = this.streamWithAutoContinue(chat, resumed).finally(() => {
      if (this.answering !== answering) return;
      this.answering = undefined;
      if (this.viewStale) this.sendChat();
    });
    this.answering = answering;
    return answering;
  }

  /** An answer that dropped may be continued once by itself (AutoContinue). */
  private async streamWithAutoContinue(chat: StoredChat, resumed?: StoredMessage): Promise<void> {
    const assistant = await this.stream(chat, resumed);
    if (!this.autoContinue.claim(assistant, chat, { enabled: readSettings().autoContinue, onScreen: this.activeId === chat.id })) return;
    if (!(await this.requestGate.admit())) return;
    this.logger.info('answer dropped: continuing it once by itself (relayChat.chat.autoContinue)');
    await this.stream(chat, assistant);
  }

  /** Continue a dropped answer: the model is asked to go on where it stopped; its text is stitched on. */
  private async continueAnswer(messageId: string): Promise<void> {
    if (!(await this.free())) return;
    const chat = this.active;
    const last = chat.messages.at(-1);
    if (!last || last.id !== messageId || last.role !== 'assistant' || !last.continuable || !last.text) return;
    if (!(await this.requestGate.admit())) return showWarning(new BudgetDeclined().message);
    await this.answer(chat, last);
  }

  /** Streams one request's answer; returns the message it streamed into (a new one, or `resumed`). */
  private async stream(chat: StoredChat, resumed?: StoredMessage): Promise<StoredMessage> {
    const settings = readSettings();
    // A continuation asks the model that wrote the beginning, even if the picker changed since.
    const model = resumed?.model ?? settings.model;
    chat.model = model;
    chat.transport = settings.transport;
    const earlier = resumed ? chat.messages.slice(0, -1) : [...chat.messages];
    // A user turn with a prompt of its own is an Explain (for the usage record).
    const source = earlier.at(-1)?.prompt !== undefined ? 'explain' : 'chat';
    const history = conversationMessages(earlier);
    const assistant: StoredMessage = resumed ?? { id: newId(), role: 'assistant', text: '', state: 'streaming', model };
    chat.updatedAt = Date.now();
    const before = resumed ? { state: resumed.state, error: resumed.error, incomplete: resumed.incomplete } : undefined;
    if (resumed) {
      resumed.state = 'streaming';
      delete resumed.error;
      delete resumed.incomplete;
      delete resumed.continuable;
      this.post({ type: 'resume', chatId: chat.id, messageId: resumed.id });
    } else {
      chat.messages.push(assistant);
      this.post({ type: 'message', chatId: chat.id, message: messageView(assistant) });
    }
    let saved: Promise<void> = Promise.resolve();
    const session = new StreamSession(chat.id, assistant, {
      post: (m) => this.post(m),
      changed: (final) => (final ? (saved = this.saveNow(chat)) : this.store.save(chat)),
      counted: (stats) => this.counted.fire({ model, stats, source }),
    }, settings.pricing, resumed && before ? { stitcher: new ContinuationStitcher(resumed.text), before } : undefined);
    this.session = session;
    this.post({ type: 'chats', chats: this.summaries() });
    const messages = resumed ? continuationMessages(history, resumed.text) : history;
    try {
      await this.service.use((client) => session.run(client, model, messages));
    } catch (e) {
      // Not a stream error (those end the session themselves): a bug or a config problem (no key).
      this.logger.error(`answer failed: ${(e as Error).message}`);
      assistant.state = 'error';
      assistant.error = { message: (e as Error).message, actions: ['showLogs'] };
      // A continuation that could not start keeps its text and stays continuable, as a stream error does.
      if (resumed) assistant.continuable = true;
      this.post({
        type: 'end', chatId: chat.id, messageId: assistant.id, state: 'error', error: { message: assistant.error.message, actions: ['showLogs'] },
        ...(resumed ? { continuable: true } : {}),
      });
      saved = this.saveNow(chat);
    } finally {
      this.session = undefined;
    }
    await saved;
    return assistant;
  }

  /** Never rejects: a failed write is told to the user once, and the chat stays in memory. */
  private async saveNow(chat: StoredChat): Promise<void> {
    try {
      await this.store.saveNow(chat);
      this.notice.writeSucceeded();
    } catch (e) {
      this.notice.writeFailed(e as Error);
    }
  }

  /** The budget question (past 100 % of the month); cancelled: nothing is sent and the text stays in the composer. */
  private async passBudget(): Promise<void> {
    if (!(await this.requestGate.admit())) throw new BudgetDeclined();
  }

  /** Retry a failed or stopped answer, or regenerate a finished one: it is replaced by a new one. */
  private async retry(messageId: string): Promise<void> {
    if (!(await this.free())) return;
    const chat = this.active;
    const isAnswer = (m: StoredMessage) => m.id === messageId && m.role === 'assistant';
    if (!chat.messages.some(isAnswer)) return;
    if (!(await this.requestGate.admit())) return showWarning(new BudgetDeclined().message);
    // Looked up again: another window's turns may have arrived while the budget was asked.
    const index = chat.messages.findIndex(isAnswer);
    if (index < 0) return;
    chat.messages.splice(index);
    this.sendChat();
    await this.answer(chat);
  }

  private async retryLast(): Promise<void> {
    const last = [...this.active.messages].reverse().find((m) => m.role === 'assistant');
    if (last) await this.retry(last.id);
  }

  /** Edit a sent message and resend: what came after it is replaced. */
  private async acceptEdit(messageId: string, text: string): Promise<Accepted> {
    await this.readyToAnswer();
    await this.passBudget();
    const chat = this.active;
    const index = chat.messages.findIndex((m) => m.id === messageId && m.role === 'user');
    if (index < 0) throw new Error('no such message');
    const edited = chat.messages[index] as StoredMessage;
    chat.messages.splice(index + 1);
    edited.text = text;
    delete edited.prompt;
    this.sendChat();
    return { answered: this.answer(chat) };
  }

  /** Opening another chat stops the answer streaming in this one (as New Chat does). */
  private switchChat(chatId: string): void {
    if (!this.chats.has(chatId)) return;
    if (this.session && this.session.chatId !== chatId) this.session.stop();
    this.activeId = chatId;
    this.sendChat();
  }

  private async deleteChat(chatId: string): Promise<void> {
    if (this.session?.chatId === chatId) {
      this.session.stop();
      await this.whenIdle();
    }
    this.chats.delete(chatId);
    await this.store.delete(chatId).catch((e: Error) => this.notice.writeFailed(e));
    if (this.activeId === chatId) this.activeId = [...this.chats.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.id ?? '';
    this.sendChat();
  }

  /** Replies once the request is accepted (or refused); an answer it started streams on after that. */
  private async reply(requestId: string, accept: () => Promise<Accepted | void>): Promise<void> {
    let accepted: Accepted | void;
    try {
      accepted = await accept();
    } catch (e) {
      this.post({ type: 'reply', requestId, ok: false, error: (e as Error).message });
      return;
    }
    this.post({ type: 'reply', requestId, ok: true });
    await accepted?.answered;
  }

  private create(): StoredChat {
    const now = Date.now();
    const chat: StoredChat = { version: 1, id: newId(), title: vscode.l10n.t('New chat'), createdAt: now, updatedAt: now, model: readSettings().model, messages: [] };
    this.chats.set(chat.id, chat);
    return chat;
  }

  private summaries() {
    // A new, empty chat is not listed until something was said in it.
    return [...this.chats.values()].filter((c) => c.messages.length).sort((a, b) => b.updatedAt - a.updatedAt).map(chatSummary);
  }

  private sendInit(): void {
    this.viewStale = false;
    this.post({ type: 'init', chat: this.activeView(), chats: this.summaries(), strings: uiStrings(), model: readSettings().model, perf: this.perf });
  }

  private sendChat(): void {
    this.viewStale = false;
    this.post({ type: 'chat', chat: this.activeView() });
    this.post({ type: 'chats', chats: this.summaries() });
  }

  private activeView() {
    this.shown = shownSignature(this.active);
    return chatView(this.active, this.session?.message.id);
  }

  private otherWindowAdded(chat: StoredChat): void {
    if (this.chats.has(chat.id)) return this.otherWindowChanged(chat);
    this.chats.set(chat.id, chat);
    this.post({ type: 'chats', chats: this.summaries() });
  }

  /** The chat on screen is shown again, but never under an answer streaming into it: after it. */
  private otherWindowChanged(chat: StoredChat): void {
    // An answer streaming in another window changes the file every 250 ms: the panel shows it when it
    // appears and when it ends, not at each of its writes.
    if (chat.id !== this.activeId || shownSignature(chat) === this.shown) return this.post({ type: 'chats', chats: this.summaries() });
    if (this.session?.chatId === chat.id || (this.answering && this.session === undefined)) {
      this.viewStale = true;
      this.post({ type: 'chats', chats: this.summaries() });
    } else {
      this.sendChat();
    }
  }

  private otherWindowDeleted(id: string): void {
    // An answer streaming into it is not lost: the chat stays here, and the answer's next save (the
    // store forgot the chat's base) writes the file again with everything this window holds.
    if (this.session?.chatId === id) {
      this.store.save(this.chats.get(id) ?? this.active);
      return;
    }
    this.chats.delete(id);
    if (this.activeId !== id) return this.post({ type: 'chats', chats: this.summaries() });
    this.activeId = [...this.chats.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.id ?? '';
    this.sendChat();
  }

  private post(message: HostToWebview): void {
    this.surface?.post(message);
  }
}

/** The chat as the panel shows it, but for the text of answers still streaming (in another window). */
function shownSignature(chat: StoredChat): string {
  return JSON.stringify([chat.id, chat.title, chat.messages.map((m) => (m.state === 'streaming' ? m.id : m))]);
}
