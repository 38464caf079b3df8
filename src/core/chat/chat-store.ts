import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isStoredChat, type StoredChat } from './stored-chat';

export interface LoadResult {
  chats: StoredChat[];
  /** Files that could not be read as a chat: skipped, never fatal. */
  corrupt: string[];
  /** The folder itself could not be created or read: no chats were loaded (and saving will fail too). */
  unreadable?: Error;
}

const FILE = /^chat-([\w-]{1,64})\.json$/;
let tmpSerial = 0;

/**
 * Chats as one JSON file each in a folder (the extension's storage). Writes are atomic (a temporary
 * file renamed over the old one), so a crash mid-write leaves the previous version, not a torn file.
 * While an answer streams, `save` is called often and coalesced to one write per `throttleMs`.
 */
export class ChatStore {
  private readonly pending = new Map<string, { chat: StoredChat; timer: NodeJS.Timeout }>();
  private writing: Promise<void> = Promise.resolve();
  private writeErrorListener: (error: Error) => void = () => undefined;

  constructor(readonly dir: string, private readonly throttleMs = 250) {}

  /**
   * Hears about failed writes nobody awaits (the coalesced ones `save` schedules), so none is an
   * unhandled rejection; `saveNow`, `flush` and `delete` reject instead.
   */
  onWriteError(listener: (error: Error) => void): void {
    this.writeErrorListener = listener;
  }

  /** Never rejects: an unusable folder is reported in `unreadable`, a bad file in `corrupt`. */
  async load(): Promise<LoadResult> {
    const chats: StoredChat[] = [];
    const corrupt: string[] = [];
    let names: string[];
    try {
      await fs.mkdir(this.dir, { recursive: true });
      names = await fs.readdir(this.dir);
    } catch (e) {
      return { chats, corrupt, unreadable: e as Error };
    }
    for (const name of names) {
      if (!FILE.test(name)) continue;
      try {
        const value: unknown = JSON.parse(await fs.readFile(path.join(this.dir, name), 'utf8'));
        if (!isStoredChat(value)) throw new Error('not a chat');
        // An answer still "streaming" on disk was cut by a crash or reload: it is kept, marked stopped.
        for (const m of value.messages) if (m.state === 'streaming') m.state = 'stopped';
        chats.push(value);
      } catch {
        corrupt.push(name);
      }
    }
    chats.sort((a, b) => b.updatedAt - a.updatedAt);
    return { chats, corrupt };
  }

  /** Saves soon (coalesced); `flush` or `saveNow` to be sure it is on disk. */
  save(chat: StoredChat): void {
    const entry = this.pending.get(chat.id);
    if (entry) {
      entry.chat = chat;
      return;
    }
    const timer = setTimeout(() => this.flushOne(chat.id).catch((e: Error) => this.writeErrorListener(e)), this.throttleMs);
    this.pending.set(chat.id, { chat, timer });
  }

  async saveNow(chat: StoredChat): Promise<void> {
    const entry = this.pending.get(chat.id);
    if (entry) {
      clearTimeout(entry.timer);
      this.pending.delete(chat.id);
    }
    await this.write(chat);
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flushOne(id)));
    // An earlier write's failure was reported to whoever started it.
    await this.writing.catch(() => undefined);
  }

  async delete(id: string): Promise<void> {
    const entry = this.pending.get(id);
    if (entry) clearTimeout(entry.timer);
    this.pending.delete(id);
    await this.writing.catch(() => undefined);
    await fs.rm(this.file(id), { force: true });
  }

  private async flushOne(id: string): Promise<void> {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    await this.write(entry.chat);
  }

  /** Writes one after another: two renames of the same file must not race. */
  private write(chat: StoredChat): Promise<void> {
    const json = JSON.stringify(chat);
    this.writing = this.writing.catch(() => undefined).then(async () => {
      await fs.mkdir(this.dir, { recursive: true });
      // Unique per write: two stores (windows) saving the same chat must not share a temporary file.
      const tmp = `${this.file(chat.id)}.${process.pid}.${++tmpSerial}.tmp`;
      await fs.writeFile(tmp, json, 'utf8');
      await fs.rename(tmp, this.file(chat.id));
    });
    return this.writing;
  }

  private file(id: string): string {
    if (!/^[\w-]{1,64}$/.test(id)) throw new Error(`invalid chat id ${id}`);
    return path.join(this.dir, `chat-${id}.json`);
  }
}
