import * as fs from 'node:fs';
import { chatIdOf } from './chat-store';

/** A burst of writes (a rename then a change, several chats at once) is one report, at most this late. */
export const CHAT_WATCH_DEBOUNCE_MS = 150;

/**
 * Watches the chats folder for files other windows write, rename over or delete (fs.watch: inotify,
 * FSEvents or ReadDirectoryChangesW; no polling), and reports the chat ids that changed, a burst at a
 * time. This window's own writes are reported too: the store's re-read finds them unchanged.
 */
export class ChatFolderWatch {
  private watcher: fs.FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly ids = new Set<string>();

  /** Throws when the folder cannot be watched (the caller says so; chats still work, without following other windows). */
  constructor(dir: string, private readonly changed: (ids: string[]) => void, onError: (error: Error) => void, private readonly debounceMs = CHAT_WATCH_DEBOUNCE_MS) {
    this.watcher = fs.watch(dir, (_event, name) => {
      const id = name ? chatIdOf(String(name)) : undefined;
      if (id) this.note(id);
    });
    this.watcher.on('error', onError);
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = undefined;
    clearTimeout(this.timer);
  }

  private note(id: string): void {
    this.ids.add(id);
    // Not pushed back by later events: an answer streaming in another window writes every 250 ms.
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const ids = [...this.ids];
      this.ids.clear();
      if (this.watcher) this.changed(ids);
    }, this.debounceMs);
  }
}
