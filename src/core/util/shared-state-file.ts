import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { withFileLock } from './file-lock';
import { watchFolder } from './watch-folder';

/** What a SharedStateFile tells its owner. */
export interface SharedStateOptions {
  /** A file that could not be read (corrupt, too big) or written: reported, never fatal. */
  onError?(error: Error): void;
  /** How long a write waits for another process's lock before it gives up (default 8 s). */
  lockWaitMs?: number;
}

/** A key-value store shared by every process that opens the same folder. */
export interface SharedStore {
  get<T>(key: string): T | undefined;
  /** `undefined` removes the key. Resolves once the value is on disk. */
  set(key: string, value: unknown): Promise<void>;
  /** Keys whose value another process changed (this process's own set() is not announced). */
  onChange(listener: (keys: string[]) => void): () => void;
  /** True for exactly one caller across all processes, ever (until the marker is removed). */
  claim(name: string): boolean;
}

const FILE = 'state.json';
/** A state file is a few hundred bytes; anything this big was not written by us. */
const MAX_BYTES = 1 << 20;
const CLAIM_NAME = /^[A-Za-z0-9._-]{1,100}$/;

type Values = Record<string, unknown>;

/**
 * A small JSON object kept in one file that several processes (VS Code windows: each has its own
 * extension host) read and write at once. Writes change one key under a short lock: read the file,
 * merge, write a temporary file, rename it over the old one — so two processes writing different keys
 * never lose each other's value, and a reader never sees half a file. The folder is watched (fs.watch,
 * no polling), so another process's change arrives at once. A corrupt or oversized file is reported
 * and read as empty (its content is set aside at the next write), never fatal.
 */
export class SharedStateFile implements SharedStore {
  readonly file: string;
  private values: Values = {};
  /** Values this process is writing: a read of the disk made before the write lands must not undo them. */
  private readonly pending = new Map<string, unknown>();
  private writes: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(keys: string[]) => void>();
  private watcher: fs.FSWatcher | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private reportedContent: string | undefined;

  /** Reads the file now (synchronously: a few hundred bytes, and the first get() must be right). */
  constructor(readonly folder: string, private readonly options: SharedStateOptions = {}) {
    this.file = path.join(folder, FILE);
    try {
      fs.mkdirSync(folder, { recursive: true });
      this.values = this.parse(fs.existsSync(this.file) ? fs.readFileSync(this.file, 'utf8') : '{}');
    } catch (e) {
      this.report(e as Error);
    }
  }

  get<T>(key: string): T | undefined {
    return (this.pending.has(key) ? this.pending.get(key) : this.values[key]) as T | undefined;
  }

  set(key: string, value: unknown): Promise<void> {
    this.pending.set(key, value);
    const write = this.writes.then(() => this.write(key, value));
    this.writes = write.catch(() => undefined);
    return write.finally(() => {
      if (this.pending.get(key) === value) this.pending.delete(key);
    });
  }

  onChange(listener: (keys: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  claim(name: string): boolean {
    if (!CLAIM_NAME.test(name)) throw new Error(`Invalid claim name: ${JSON.stringify(name)}`);
    try {
      fs.closeSync(fs.openSync(path.join(this.folder, `claim-${name}`), 'wx'));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      // The folder cannot be written: this process cannot know, and doing it twice beats never.
      this.report(e as Error);
      return true;
    }
  }

  /** Starts following other processes' changes. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watchFolder(this.folder, (name) => name === FILE, () => void this.refresh(), (message) => this.report(new Error(message)));
  }

  /** Reads the file again and tells the listeners which keys changed. Never rejects. */
  refresh(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        this.update(await this.readDisk());
      } while (this.readAgain);
    })().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** Resolves when this process's writes are on disk. */
  flush(): Promise<void> {
    return this.writes;
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.listeners.clear();
  }

  private async write(key: string, value: unknown): Promise<void> {
    await this.locked(async () => {
      const current = await this.readDisk(true);
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      const temp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await fsp.writeFile(temp, JSON.stringify(next));
      await fsp.rename(temp, this.file).catch(async (e: Error) => {
        await fsp.rm(temp, { force: true });
        throw e;
      });
      this.update(next);
    }).catch((e: Error) => {
      const kept = { ...this.values };
      if (value === undefined) delete kept[key];
      else kept[key] = value;
      this.values = kept;
      this.report(new Error(`${this.file} could not be written (the value holds in this window only): ${e.message}`));
      throw e;
    });
  }

  /** The file's values; a corrupt file is reported and read as empty (and, under the lock, set aside). */
  private async readDisk(underLock = false): Promise<Values> {
    let text: string;
    try {
      const stat = await fsp.stat(this.file);
      text = stat.size > MAX_BYTES ? `(${stat.size} bytes)` : await fsp.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      if (underLock) throw e;
      this.report(e as Error);
      return { ...this.values };
    }
    const values = this.parse(text);
    if (underLock && values === CORRUPT) await fsp.rename(this.file, `${this.file}.corrupt`).catch(() => undefined);
    return values;
  }

  private parse(text: string): Values {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Values;
    } catch {
      // reported below
    }
    if (this.reportedContent !== text) {
      this.reportedContent = text;
      this.report(new Error(`${this.file} is not a JSON object; it is read as empty and set aside at the next write`));
    }
    return CORRUPT;
  }

  private update(next: Values): void {
    const keys = [...new Set([...Object.keys(this.values), ...Object.keys(next)])]
      .filter((k) => JSON.stringify(this.values[k]) !== JSON.stringify(next[k]));
    this.values = next === CORRUPT ? {} : next;
    const seen = keys.filter((k) => !this.pending.has(k));
    if (seen.length === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(seen);
      } catch (e) {
        this.report(e as Error);
      }
    }
  }

  /** Runs `work` holding the state file's lock (util/file-lock.ts): one window's read-merge-write at a time. */
  private locked(work: () => Promise<void>): Promise<void> {
    return withFileLock(path.join(this.folder, FILE), work, { waitMs: this.options.lockWaitMs ?? 8000 });
  }

  private report(error: Error): void {
    this.options.onError?.(error);
  }
}

/** The value a corrupt file reads as (one object, so the writer can tell "corrupt" from "empty"). */
const CORRUPT: Values = Object.freeze({}) as Values;

