import type { AnswerRunner } from './answer-runner';
import type { ChatDisk } from './chat-disk';
import type { ChatList } from './chat-list';
import type { ChatScreen } from './chat-screen';

/**
 * Which chat is on screen: New Chat, opening one from the history, deleting one. An answer streaming
 * in a chat that leaves the screen is stopped (its text so far is kept), so the composer is always
 * ready to send.
 */
export class ChatNavigation {
  constructor(private readonly list: ChatList, private readonly screen: ChatScreen, private readonly runner: AnswerRunner, private readonly disk: ChatDisk) {}

  /** A fresh chat on screen (the one on screen, if nothing was said in it yet). */
  newChat(): void {
    this.runner.stop();
    if (this.list.active.messages.length === 0) return this.screen.showChat();
    this.list.openNew();
    this.screen.showChat();
  }

  switchChat(chatId: string): void {
    if (!this.list.has(chatId)) return;
    this.runner.stopOutside(chatId);
    this.list.open(chatId);
    this.screen.showChat();
  }

  async deleteChat(chatId: string): Promise<void> {
    await this.runner.stopIn(chatId);
    this.list.delete(chatId);
    await this.disk.delete(chatId);
    this.list.leave(chatId);
    this.screen.showChat();
  }
}
