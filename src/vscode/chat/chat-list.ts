import * as vscode from 'vscode';
import type { StoredChat } from '../../core';
import type { ChatSummary } from '../../shared/protocol';
import { readSettings } from '../settings';
import { chatSummary } from './chat-mapping';
import { newId } from './new-id';

/** This window's chats, and the one on screen (a new, empty one when there is none). */
export class ChatList {
  private readonly chats = new Map<string, StoredChat>();
  private onScreen = '';

  /** The chat on screen. */
  get active(): StoredChat {
    let chat = this.chats.get(this.onScreen);
    if (!chat) {
      chat = this.create();
      this.onScreen = chat.id;
    }
    return chat;
  }

  get activeId(): string {
    return this.onScreen;
  }

  /** The chats read from disk; the first (the most recent) is on screen. */
  load(chats: StoredChat[]): void {
    for (const c of chats) this.chats.set(c.id, c);
    this.onScreen = chats[0]?.id ?? '';
  }

  get(id: string): StoredChat | undefined {
    return this.chats.get(id);
  }

  has(id: string): boolean {
    return this.chats.has(id);
  }

  ids(): string[] {
    return [...this.chats.keys()];
  }

  add(chat: StoredChat): void {
    this.chats.set(chat.id, chat);
  }

  delete(id: string): void {
    this.chats.delete(id);
  }

  open(id: string): void {
    this.onScreen = id;
  }

  openNew(): void {
    this.onScreen = this.create().id;
  }

  /** A deleted chat that was on screen gives way to the most recently updated one. */
  leave(id: string): void {
    if (this.onScreen === id) this.onScreen = [...this.chats.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.id ?? '';
  }

  /** The history list, most recent first. A new, empty chat is not listed until something was said in it. */
  summaries(): ChatSummary[] {
    return [...this.chats.values()].filter((c) => c.messages.length).sort((a, b) => b.updatedAt - a.updatedAt).map(chatSummary);
  }

  private create(): StoredChat {
    const now = Date.now();
    const chat: StoredChat = { version: 1, id: newId(), title: vscode.l10n.t('New chat'), createdAt: now, updatedAt: now, model: readSettings().model, messages: [] };
    this.chats.set(chat.id, chat);
    return chat;
  }
}
