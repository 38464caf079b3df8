import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { adoptChat, clone, mergeChats, same } from './chat-merge';
import { withFileLock } from '../util/file-lock';
import { isStoredChat, type StoredChat } from './stored-chat';

export interface LoadResult {
  chats: StoredChat[];
  /** Files that could not be read as a chat: skipped, never fatal. */
  corrupt: string[];
  /** The folder itself could not be created or read: no chats were loaded (and saving will fail too). */
  unreadable?: Error;
}

/** What re-reading one chat file found (another window wrote or deleted it). */
export type RereadResult =
  | { kind: 'unchanged' }
  /** The live chat now holds the other windows' changes (its own unsaved ones kept). */
  | { kind: 'merged'; chat: StoredChat }
  /** A chat this window did not have: another window started it. */
  | { kind: 'new'; chat: StoredChat }
  | { kind: 'deleted' };

const FILE = /^chat-([\w-]{1,64})\.json$/;
let tmpSerial = 0;

/** The chat id a file name in the chats folder stands for, if it is a chat file. */
export function chatIdOf(fileName: string): string | undefined {
  return FILE.exec(fileName)?.[1];
}

/**
 * Chats as one JSON file each in a folder (the extension's storage), shared by every window. Writes are
 * atomic (a temporary file renamed over the old one), so a crash mid-write leaves the previous version,
 * not a torn file. While an answer streams, `save` is called often and coalesced to one write per
 * `throttleMs`.
 *
 * Several windows write the same chats: each save is a three-way merge (chat-merge.ts) of this window's
 * chat, the version it last read or wrote (its base) and the file on disk, done under a lock on that
 * file (util/file-lock.ts), so no window's message is lost to another's save. The merged chat is written and
 * adopted into the caller's chat object, so memory matches disk.
 */
export class ChatStore {
  private readonly pending = new Map<string, { chat: StoredChat; timer: NodeJS.Timeout }>();
  /** Per chat, the version this store last read or wrote: what its own changes are relative to. Never changed in place. */
  private readonly bases = new Map<string, StoredChat>();
  /** Per chat, the file this store last wrote: while it is still there, it is the base, not read again. */
  private readonly written = new Map<string, string>();
  /** Per chat, the file as this store last read or wrote it: a re-read of that same file reads nothing. */
  private readonly seen = new Map<string, string>();
  private writing: Promise<unknown> = Promise.resolve();
  private writeErrorListener: (error: Error) => void = () => undefined;
  private mergedListener: (chat: StoredChat) => void = () => undefined;

  constructor(readonly dir: string, private readonly throttleMs = 250) {}

  /**
   * Hears about failed writes nobody awaits (the coalesced ones `save` schedules), so none is an
   * unhandled rejection; `saveNow`, `flush` and `delete` reject instead.
   */
  onWriteError(listener: (error: Error) => void): void {
    this.writeErrorListener = listener;
  }

  /** Hears about a save that brought another window's changes into a chat (the panel shows them). */
  onMerged(listener: (chat: StoredChat) => void): void {
    this.mergedListener = listener;
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
        // Taken before reading: a change after it makes the first catch-up re-read (see reread) read again.
        const stamp = await fileStamp(path.join(this.dir, name));
        const value = await this.read(path.join(this.dir, name));
        if (!value) continue; // deleted by another window meanwhile
        this.seen.set(value.id, stamp);
        // An answer still "streaming" on disk was cut by a crash or reload: it is kept, marked stopped.
        // The base is the chat as loaded, so this window never writes that mark over an answer another
        // window is still streaming (its next save wins, and a re-read brings it here).
        for (const m of value.messages) if (m.state === 'streaming') m.state = 'stopped';
        this.bases.set(value.id, clone(value));
        chats.push(value);
      } catch {
        corrupt.push(name);
      }
    }
    chats.sort((a, b) => b.updatedAt - a.updatedAt);
    return { chats, corrupt };
  }

  /** The ids of the chat files in the folder now (none when it cannot be read). */
  async ids(): Promise<string[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names.map((name) => FILE.exec(name)?.[1]).filter((id): id is string => id !== undefined);
  }

  /**
   * Another window changed (or deleted) chat `id`'s file: brings its changes into `live`, this window's
   * chat (undefined when it has none), keeping this window's unsaved changes. Runs after this store's
   * writes, never during one. An unreadable file is left alone (the next save replaces it).
   */
  reread(id: string, live: StoredChat | undefined): Promise<RereadResult> {
    return this.queue(async (): Promise<RereadResult> => {
      // This store's own write (the watch reports those too), or the file as loaded: nothing to read.
      const stamp = await fileStamp(this.file(id));
      if (this.seen.get(id) === stamp) return { kind: 'unchanged' };
      this.seen.set(id, stamp);
      let disk: StoredChat | undefined;
      try {
        disk = await this.read(this.file(id));
      } catch {
        return { kind: 'unchanged' };
      }
      const base = this.bases.get(id);
      if (!disk) {
        if (!base) return { kind: 'unchanged' };
        // Forgotten: if this window still writes the chat (an answer streaming into it), the save
        // finds no base and no file, and writes the chat whole again.
        this.bases.delete(id);
        this.written.delete(id);
        this.seen.delete(id);
        return { kind: 'deleted' };
      }
      if (!live) {
        this.bases.set(id, clone(disk));
        return { kind: 'new', chat: disk };
      }
      if (base && same(base, disk)) return { kind: 'unchanged' };
      const changed = adoptChat(live, mergeChats(base, live, disk));
      this.bases.set(id, disk);
      return changed ? { kind: 'merged', chat: live } : { kind: 'unchanged' };
    });
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
    this.bases.delete(id);
    this.written.delete(id);
    this.seen.delete(id);
    await this.queue(() => withFileLock(this.file(id), () => fs.rm(this.file(id), { force: true })));
  }

  private async flushOne(id: string): Promise<void> {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    await this.write(entry.chat);
  }

  /**
   * Merges `live` with the file under the file's lock and writes the result, then adopts the result
   * into `live` (what `live` gained during the write is kept: it is saved next time).
   */
  private write(live: StoredChat): Promise<void> {
    const file = this.file(live.id);
    return this.queue(async () => {
      const mine = clone(live);
      await fs.mkdir(this.dir, { recursive: true });
      const merged = await withFileLock(file, async () => {
        const base = this.bases.get(live.id);
        const unchanged = base && this.written.get(live.id) === await fileStamp(file);
        const result = mergeChats(base, mine, unchanged ? base : await this.readOrNothing(file));
        // Unique per write: two stores (windows) saving the same chat must not share a temporary file.
        const tmp = `${file}.${process.pid}.${++tmpSerial}.tmp`;
        await fs.writeFile(tmp, JSON.stringify(result), 'utf8');
        await fs.rename(tmp, file);
        const stamp = await fileStamp(file);
        this.written.set(live.id, stamp);
        this.seen.set(live.id, stamp);
        return result;
      });
      this.bases.set(live.id, merged);
      // Since `mine` was taken, `live` may have changed (an answer streams on): those changes stay.
      if (!same(merged, mine) && adoptChat(live, mergeChats(mine, live, merged))) this.mergedListener(live);
    });
  }

  /** One after another: writes and re-reads of this store never interleave. */
  private queue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writing.catch(() => undefined).then(work);
    this.writing = run;
    return run;
  }

  /** The chat in `file`; undefined when there is no file; throws when it is not a chat. */
  private async read(file: string): Promise<StoredChat | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const value: unknown = JSON.parse(text);
    if (!isStoredChat(value)) throw new Error('not a chat');
    return value;
  }

  /** A file that is not a chat (corrupt, or from elsewhere) is written over, as before merging existed. */
  private readOrNothing(file: string): Promise<StoredChat | undefined> {
    return this.read(file).catch((e: NodeJS.ErrnoException) => {
      if (e instanceof SyntaxError || e.message === 'not a chat') return undefined;
      throw e;
    });
  }

  private file(id: string): string {
    if (!/^[\w-]{1,64}$/.test(id)) throw new Error(`invalid chat id ${id}`);
    return path.join(this.dir, `chat-${id}.json`);
  }
}

/** What tells one version of a file from another: each save renames a new file in (a new inode). */
async function fileStamp(file: string): Promise<string> {
  const s = await fs.stat(file, { bigint: true }).catch(() => undefined);
  return s ? `${s.ino}:${s.size}:${s.mtimeNs}` : 'none';
}
