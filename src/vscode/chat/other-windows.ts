import type { StoredChat } from '../../core';
import type { AnswerRunner } from './answer-runner';
import type { ChatDisk } from './chat-disk';
import type { ChatList } from './chat-list';
import type { ChatScreen } from './chat-screen';
import type { SyncTarget } from './chat-sync';

/** What this window does with the chats other windows start, change or delete (ChatSync finds them). */
export class OtherWindows implements SyncTarget {
  constructor(private readonly list: ChatList, private readonly screen: ChatScreen, private readonly runner: AnswerRunner, private readonly disk: ChatDisk) {}

  chat(id: string): StoredChat | undefined {
    return this.list.get(id);
  }

  ids(): string[] {
    return this.list.ids();
  }

  added(chat: StoredChat): void {
    if (this.list.has(chat.id)) return this.merged(chat);
    this.list.add(chat);
    this.screen.showList();
  }

  /** The chat on screen is shown again, but never under an answer streaming into it: after it. */
  merged(chat: StoredChat): void {
    // An answer streaming in another window changes the file every 250 ms: the panel shows it when it
    // appears and when it ends, not at each of its writes.
    if (chat.id !== this.list.activeId || this.screen.showsAsIs(chat)) return this.screen.showList();
    if (this.runner.streamingChatId === chat.id || this.runner.between) this.screen.deferChat();
    else this.screen.showChat();
  }

  deleted(id: string): void {
    // An answer streaming into it is not lost: the chat stays here, and the answer's next save (the
    // store forgot the chat's base) writes the file again with everything this window holds.
    if (this.runner.streamingChatId === id) {
      this.disk.save(this.list.get(id) ?? this.list.active);
      return;
    }
    this.list.delete(id);
    if (this.list.activeId !== id) return this.screen.showList();
    this.list.leave(id);
    this.screen.showChat();
  }
}
