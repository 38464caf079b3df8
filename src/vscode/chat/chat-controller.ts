import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ChatStore, summaryOf, type StoredChat } from '../../core';
import { chatMessages } from '../../core';
import type { Logger } from '../../core';
import type { Attachment, HostToWebview, MessageView, WebviewToHost } from '../../shared/protocol';
import type { ClientService } from '../client-service';
import { runFix } from '../error-text';
import { readSettings } from '../settings';
import { readAttachment } from './attachments';
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

/**
 * Conversations: the active one, the list, streaming answers into them and writing them to disk as
 * they stream (a partial answer survives a crash or reload). One answer streams at a time.
 */
export class ChatController implements vscode.Disposable {
  private readonly chats = new Map<string, StoredChat>();
  private activeId = '';
  private session: StreamSession | undefined;
  private surface: ChatSurface | undefined;
  private readonly loaded: Promise<void>;
  /** For the benchmark: RELAY_CHAT_PERF=1 makes the webview keep its render timings. */
  readonly perf = process.env.RELAY_CHAT_PERF === '1';

  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly store: ChatStore, private readonly service: ClientService, private readonly logger: Logger) {
    this.loaded = this.load();
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

  async handle(message: WebviewToHost): Promise<void> {
    await this.loaded;
    switch (message.type) {
      case 'ready': return this.sendInit();
      case 'send': return this.reply(message.requestId, () => this.accept(message.text, message.attachments));
      case 'stop': return this.session?.stop();
      case 'retry': return this.retry(message.messageId);
      case 'edit': return this.reply(message.requestId, () => this.acceptEdit(message.messageId, message.text));
      case 'newChat': return this.newChat();
      case 'switchChat': return this.switchChat(message.chatId);
      case 'deleteChat': return this.deleteChat(message.chatId);
      case 'attach': return this.reply(message.requestId, async () => {
        const attachment = await readAttachment(message.kind);
        this.post({ type: 'attachment', attachment });
      });
      case 'copy': return void vscode.env.clipboard.writeText(message.text);
      case 'insertCode': return this.insertCode(message.code);
      case 'openCode': return void vscode.workspace.openTextDocument({ content: message.code, language: message.language || 'plaintext' }).then((d) => vscode.window.showTextDocument(d));
      case 'openLink': return this.openLink(message.href);
      case 'fix': return message.action === 'retry' ? this.retryLast() : runFix(message.action);
    }
  }

  /** A user turn into the active chat, then its answer. `prompt` replaces what the model receives. */
  async send(text: string, attachments: Attachment[] = [], prompt?: string): Promise<void> {
    await (await this.accept(text, attachments, prompt)).answered;
  }

  /** Checks and posts the user turn; resolves once accepted, with the answer still streaming. */
  private async accept(text: string, attachments: Attachment[] = [], prompt?: string): Promise<Accepted> {
    await this.loaded;
    if (this.session) throw new Error(vscode.l10n.t('An answer is still streaming: stop it first.'));
    if (!text.trim() && !attachments.length) throw new Error(vscode.l10n.t('Type a message first.'));
    const chat = this.active;
    const user: MessageView = { id: newId(), role: 'user', text, state: 'complete', ...(attachments.length ? { attachments } : {}), ...(prompt ? { prompt } : {}) };
    if (!chat.messages.length) chat.title = titleOf(text, attachments);
    chat.messages.push(user);
    this.post({ type: 'message', chatId: chat.id, message: user });
    return { answered: this.answer(chat) };
  }

  /** Starts a new chat and sends into it (Explain Selection). */
  async sendInNewChat(text: string, attachments: Attachment[], prompt: string): Promise<void> {
    await this.loaded;
    if (this.session) this.session.stop();
    await this.whenIdle();
    this.newChat();
    await this.send(text, attachments, prompt);
  }

  stop(): void {
    this.session?.stop();
  }

  async whenIdle(): Promise<void> {
    while (this.session) await new Promise((r) => setTimeout(r, 20));
  }

  newChat(): void {
    if (this.active.messages.length === 0) return this.sendChat();
    const chat = this.create();
    this.activeId = chat.id;
    this.sendChat();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.session?.stop();
    void this.store.flush();
  }

  private async load(): Promise<void> {
    const { chats, corrupt } = await this.store.load();
    for (const c of chats) this.chats.set(c.id, c);
    this.activeId = chats[0]?.id ?? '';
    if (corrupt.length) {
      this.logger.warn(`skipped ${corrupt.length} unreadable chat file(s)`, { files: corrupt });
      void vscode.window.showWarningMessage(vscode.l10n.t('Relay Chat skipped {0} chat file(s) it could not read. The other chats are fine.', corrupt.length));
    }
  }

  private async answer(chat: StoredChat): Promise<void> {
    const settings = readSettings();
    const model = settings.model;
    chat.model = model;
    chat.transport = settings.transport;
    const assistant: MessageView = { id: newId(), role: 'assistant', text: '', state: 'streaming', model };
    const history = chat.messages.filter((m) => m.state !== 'error' || m.role === 'user')
      .map((m) => ({ role: m.role, text: m.prompt ?? m.text, ...(m.prompt ? {} : m.attachments ? { attachments: m.attachments } : {}) }));
    chat.messages.push(assistant);
    chat.updatedAt = Date.now();
    this.post({ type: 'message', chatId: chat.id, message: assistant });
    const session = new StreamSession(chat.id, assistant, {
      post: (m) => this.post(m),
      changed: (final) => (final ? void this.store.saveNow(chat) : this.store.save(chat)),
    }, settings.pricing);
    this.session = session;
    this.post({ type: 'chats', chats: this.summaries() });
    try {
      await this.service.use((client) => session.run(client, model, chatMessages(history)));
    } catch (e) {
      // Not a stream error (those end the session themselves): a bug or a config problem.
      this.logger.error(`answer failed: ${(e as Error).message}`);
      assistant.state = 'error';
      assistant.error = { message: (e as Error).message, actions: ['showLogs'] };
      this.post({ type: 'end', chatId: chat.id, messageId: assistant.id, state: 'error', error: assistant.error });
      await this.store.saveNow(chat);
    } finally {
      this.session = undefined;
    }
  }

  /** Retry a failed or stopped answer, or regenerate a finished one: it is replaced by a new one. */
  private async retry(messageId: string): Promise<void> {
    if (this.session) return;
    const chat = this.active;
    const index = chat.messages.findIndex((m) => m.id === messageId && m.role === 'assistant');
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
    if (this.session) throw new Error(vscode.l10n.t('An answer is still streaming: stop it first.'));
    const chat = this.active;
    const index = chat.messages.findIndex((m) => m.id === messageId && m.role === 'user');
    if (index < 0) throw new Error('no such message');
    const edited = chat.messages[index] as MessageView;
    chat.messages.splice(index + 1);
    edited.text = text;
    delete edited.prompt;
    this.sendChat();
    return { answered: this.answer(chat) };
  }

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
    await this.store.delete(chatId);
    if (this.activeId === chatId) this.activeId = [...this.chats.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.id ?? '';
    this.sendChat();
  }

  private async insertCode(code: string): Promise<void> {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an editor to insert the code into.'));
      return;
    }
    await editor.edit((edit) => editor.selections.forEach((s) => edit.replace(s, code)));
  }

  /** Links from model output open only through VS Code, after the user agrees. */
  private async openLink(href: string): Promise<void> {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(href, true);
    } catch {
      return;
    }
    if (uri.scheme !== 'https' && uri.scheme !== 'http') return;
    const open = vscode.l10n.t('Open');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Open this link from the answer in your browser?\n{0}', uri.toString(true)), { modal: true }, open);
    if (choice === open) await vscode.env.openExternal(uri);
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
    return [...this.chats.values()].filter((c) => c.messages.length).sort((a, b) => b.updatedAt - a.updatedAt).map(summaryOf);
  }

  private sendInit(): void {
    this.post({ type: 'init', chat: this.active, chats: this.summaries(), strings: uiStrings(), model: readSettings().model, perf: this.perf });
  }

  private sendChat(): void {
    this.post({ type: 'chat', chat: this.active });
    this.post({ type: 'chats', chats: this.summaries() });
  }

  private post(message: HostToWebview): void {
    this.surface?.post(message);
  }
}

function titleOf(text: string, attachments: Attachment[]): string {
  const line = text.trim().split('\n')[0] ?? '';
  const base = line || attachments[0]?.path || '…';
  return base.length > 60 ? `${base.slice(0, 57)}…` : base;
}
