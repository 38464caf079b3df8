import * as vscode from 'vscode';
import type { StoredChat } from '../../core';
import type { ChatView, HostToWebview } from '../../shared/protocol';
import { readSettings } from '../settings';
import type { ChatList } from './chat-list';
import { chatView } from './chat-mapping';
import { uiStrings } from './strings';

/** Where the panel's messages go; the view registers itself when its webview is ready. */
export interface ChatSurface {
  post(message: HostToWebview): void;
  reveal(): Promise<void>;
}

/**
 * What the panel shows: the chat on screen, the history list and the model. The chat is sent again
 * whole when it changed, but never under an answer streaming into it: after it (`deferChat`).
 */
export class ChatScreen implements vscode.Disposable {
  private surface: ChatSurface | undefined;
  /** Another window changed the chat on screen while an answer streamed into it: shown again after. */
  private stale = false;
  /** What the panel shows of the chat on screen (shownSignature): another window's change that alters none of it is not shown again. */
  private shown = '';
  /** For the benchmark: RELAY_CHAT_PERF=1 makes the webview keep its render timings. */
  private readonly perf = process.env.RELAY_CHAT_PERF === '1';
  private readonly subscription: vscode.Disposable;

  /** `streamingHere`: the id of the answer this window streams, if any. */
  constructor(private readonly list: ChatList, private readonly streamingHere: () => string | undefined) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('relayChat.model')) this.post({ type: 'model', model: readSettings().model });
    });
  }

  attach(surface: ChatSurface | undefined): void {
    this.surface = surface;
  }

  post(message: HostToWebview): void {
    this.surface?.post(message);
  }

  /** Everything, to a webview that just loaded. */
  init(): void {
    this.stale = false;
    this.post({ type: 'init', chat: this.activeView(), chats: this.list.summaries(), strings: uiStrings(), model: readSettings().model, perf: this.perf });
  }

  /** The chat on screen, whole, and the list. */
  showChat(): void {
    this.stale = false;
    this.post({ type: 'chat', chat: this.activeView() });
    this.showList();
  }

  showList(): void {
    this.post({ type: 'chats', chats: this.list.summaries() });
  }

  /** The chat on screen changed under a streaming answer: the list now, the chat once the answer ended (`showIfStale`). */
  deferChat(): void {
    this.stale = true;
    this.showList();
  }

  showIfStale(): void {
    if (this.stale) this.showChat();
  }

  /** Whether the panel already shows `chat` as it is (but for the text of answers streaming in another window). */
  showsAsIs(chat: StoredChat): boolean {
    return shownSignature(chat) === this.shown;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private activeView(): ChatView {
    this.shown = shownSignature(this.list.active);
    return chatView(this.list.active, this.streamingHere());
  }
}

/** The chat as the panel shows it, but for the text of answers still streaming (in another window). */
function shownSignature(chat: StoredChat): string {
  return JSON.stringify([chat.id, chat.title, chat.messages.map((m) => (m.state === 'streaming' ? m.id : m))]);
}
