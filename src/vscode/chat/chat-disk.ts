import type { ChatStore, Logger, StoredChat } from '../../core';
import { StorageNotice } from './storage-notice';

/**
 * The chats on disk, through the core's store (one file a chat, shared by every window). A chat that
 * cannot be read or written is told to the user once (StorageNotice), never thrown: the panel keeps
 * working with the chats in memory.
 */
export class ChatDisk {
  private readonly notice: StorageNotice;

  constructor(private readonly store: ChatStore, logger: Logger, warn: (message: string) => void) {
    this.notice = new StorageNotice(store.dir, logger, warn);
    store.onWriteError((e) => this.notice.writeFailed(e));
  }

  /** The chats on disk, most recent first. */
  async load(): Promise<StoredChat[]> {
    const { chats, corrupt, unreadable } = await this.store.load();
    if (unreadable) this.notice.unreadable(unreadable);
    if (corrupt.length) this.notice.corrupt(corrupt);
    return chats;
  }

  /** As an answer streams: the store coalesces these to one write per interval. */
  save(chat: StoredChat): void {
    this.store.save(chat);
  }

  /** At once (an answer's end). Never rejects: a failed write is told to the user once, and the chat stays in memory. */
  async saveNow(chat: StoredChat): Promise<void> {
    try {
      await this.store.saveNow(chat);
      this.notice.writeSucceeded();
    } catch (e) {
      this.notice.writeFailed(e as Error);
    }
  }

  delete(id: string): Promise<void> {
    return this.store.delete(id).catch((e: Error) => this.notice.writeFailed(e));
  }

  /** Every pending write on disk. */
  flush(): Promise<void> {
    return this.store.flush().catch((e: Error) => this.notice.writeFailed(e));
  }
}
