import type * as vscode from 'vscode';
import { ChatFolderWatch, type ChatStore, type Logger, type StoredChat } from '../../core';

/** What the controller does with other windows' changes. */
export interface SyncTarget {
  chat(id: string): StoredChat | undefined;
  /** The ids of this window's chats. */
  ids(): string[];
  /** Another window started this chat. */
  added(chat: StoredChat): void;
  /** Another window's changes were merged into this chat (by a re-read or by this window's save). */
  merged(chat: StoredChat): void;
  /** Another window deleted this chat. */
  deleted(id: string): void;
}

/**
 * Follows the other windows' chats: the chats folder is watched, each changed file re-read and merged
 * into this window's chats (its unsaved changes win for the messages they touch).
 */
export class ChatSync implements vscode.Disposable {
  private watch: ChatFolderWatch | undefined;
  private disposed = false;

  constructor(private readonly store: ChatStore, private readonly target: SyncTarget, private readonly logger: Logger) {
    store.onMerged((chat) => target.merged(chat));
  }

  /**
   * After the first load (the folder exists then). What other windows changed while this one loaded
   * (before the watch started) is caught up once: a file unchanged since it was loaded is not read again.
   */
  start(): void {
    if (this.disposed) return;
    try {
      this.watch = new ChatFolderWatch(this.store.dir, (ids) => void this.reread(ids),
        (e) => this.logger.warn(`chats folder watch stopped (other windows' chats show after a reload): ${e.message}`));
    } catch (e) {
      this.logger.warn(`chats folder cannot be watched (other windows' chats show after a reload): ${(e as Error).message}`);
    }
    void this.store.ids().then((onDisk) => this.reread([...new Set([...onDisk, ...this.target.ids()])]));
  }

  dispose(): void {
    this.disposed = true;
    this.watch?.dispose();
  }

  private async reread(ids: string[]): Promise<void> {
    for (const id of ids) {
      try {
        const result = await this.store.reread(id, this.target.chat(id));
        if (this.disposed) return;
        if (result.kind === 'new') this.target.added(result.chat);
        else if (result.kind === 'merged') this.target.merged(result.chat);
        else if (result.kind === 'deleted') this.target.deleted(id);
      } catch (e) {
        this.logger.warn(`re-reading chat ${id} failed: ${(e as Error).message}`);
      }
    }
  }
}
