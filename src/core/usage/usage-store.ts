import * as fs from 'node:fs';
import * as path from 'node:path';
import { readUsageRecord, type UsageRecord } from './usage-record';

/** A usage file that could not be read, moved aside (never deleted) so counting goes on in a fresh one. */
export interface SetAsideFile {
  /** The file's name as it was, e.g. usage-2026-11.jsonl. */
  file: string;
  /** Where it is now (full path). */
  movedTo: string;
  /** The first line that could not be read (1-based). */
  line: number;
}

export interface UsageStoreOptions {
  now?: () => number;
  /** How long records gather before one write (ms). */
  batchMs?: number;
  /** A batch could not be written (it stays pending and goes with the next). */
  onError?: (error: Error) => void;
}

const FILE = /^usage-(\d{4}-\d{2})\.jsonl$/;
/** Months read: this one and the one before (the last 30 days reach into it). */
const MONTHS_READ = 2;

export const usageFileName = (month: string): string => `usage-${month}.jsonl`;

interface FileState {
  /** Bytes read so far, up to the end of the last whole line. */
  offset: number;
  /** The file read (a set-aside file is replaced by a new one under the same name). */
  ino: number;
  records: UsageRecord[];
}

/**
 * Usage records on disk, safe across windows: one append-only JSON-lines file per month. Each batch
 * is written with a single `write` on a file opened with O_APPEND, so appends from several windows
 * never interleave or overwrite each other; reads take only the bytes added since the last read and
 * only whole lines (another window's write may be in progress). A file that cannot be read is renamed
 * aside, never deleted or reset, and reported.
 */
export class UsageStore {
  private readonly files = new Map<string, FileState>();
  private pending: UsageRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** Reads run one at a time; calls while one waits to start join it. */
  private readChain: Promise<unknown> = Promise.resolve();
  private queuedRead: Promise<boolean> | undefined;
  private queuedSettled: (() => void)[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  readonly setAside: SetAsideFile[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly setAsideListeners = new Set<(file: SetAsideFile) => void>();

  private readonly now: () => number;
  private readonly batchMs: number;

  constructor(readonly dir: string, private readonly options: UsageStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.batchMs = options.batchMs ?? 200;
  }

  /** Counts changed (this window's or another's). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onSetAside(listener: (file: SetAsideFile) => void): () => void {
    this.setAsideListeners.add(listener);
    return () => this.setAsideListeners.delete(listener);
  }

  /** Every record of the months read, this window's unwritten ones included. */
  records(): UsageRecord[] {
    const out: UsageRecord[] = [];
    for (const state of this.files.values()) out.push(...state.records);
    out.push(...this.pending);
    return out;
  }

  /** Counts a record now; it is written with the others of its batch. */
  add(record: UsageRecord): void {
    this.pending.push(record);
    // A failed write keeps the batch pending (still counted here) for the next one.
    this.flushTimer ??= setTimeout(() => void this.flush().catch((e: Error) => this.options.onError?.(e)), this.batchMs);
    this.changed();
  }

  /** Writes what is pending (one write per month file), then reads it back with whatever other windows wrote. */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending.slice();
    if (!batch.length) return this.writing;
    const written = this.writing.then(async () => {
      await this.append(batch);
      // Read back before the batch leaves `pending`, in the same turn, so it is never counted twice or not at all.
      await this.refresh(() => (this.pending = this.pending.filter((r) => !batch.includes(r))));
    });
    this.writing = written.catch(() => undefined);
    return written;
  }

  /**
   * Reads the bytes added to this and last month's files since the last read. `settled` runs in the
   * same turn the new records are taken in. True when anything changed.
   */
  refresh(settled?: () => void): Promise<boolean> {
    if (settled) this.queuedSettled.push(settled);
    if (!this.queuedRead) {
      const read = this.readChain.then(() => {
        this.queuedRead = undefined;
        return this.readAll(this.queuedSettled.splice(0));
      });
      this.queuedRead = read;
      this.readChain = read.catch(() => undefined);
    }
    return this.queuedRead;
  }

  private async readAll(settled: (() => void)[]): Promise<boolean> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const months = monthsBack(this.now(), MONTHS_READ);
    const updates: [string, FileState][] = [];
    for (const month of months) {
      const name = usageFileName(month);
      const next = await this.readNew(name, this.files.get(name));
      if (next) updates.push([name, next]);
    }
    for (const name of this.files.keys()) if (!months.some((m) => usageFileName(m) === name)) this.files.delete(name);
    for (const [name, state] of updates) this.files.set(name, state);
    for (const done of settled) done();
    if (updates.length || settled.length) this.changed();
    return updates.length > 0;
  }

  /** The file's state with the lines added since `known`, or undefined when nothing changed. */
  private async readNew(name: string, known: FileState | undefined): Promise<FileState | undefined> {
    const file = path.join(this.dir, name);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return known ? { offset: 0, ino: 0, records: [] } : undefined;
      throw e;
    }
    try {
      const stat = await handle.stat();
      const fresh = !known || known.ino !== stat.ino || stat.size < known.offset;
      const base: FileState = fresh ? { offset: 0, ino: stat.ino, records: [] } : known;
      if (stat.size === base.offset) return fresh ? base : undefined;
      const buffer = Buffer.alloc(stat.size - base.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, base.offset);
      // Only whole lines: another window's write may be under way (it ends with its newline).
      const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      if (end === 0) return fresh ? base : undefined;
      const lines = buffer.subarray(0, end).toString('utf8').split('\n').slice(0, -1);
      const records: UsageRecord[] = [];
      for (const [i, line] of lines.entries()) {
        const record = parseLine(line);
        if (!record) {
          await this.setFileAside(file, name, stat.ino, base.records.length + i + 1);
          // The name now holds a new file (this window's or another's next write) or none yet.
          return (await this.readNew(name, undefined)) ?? { offset: 0, ino: 0, records: [] };
        }
        records.push(record);
      }
      return { offset: base.offset + end, ino: stat.ino, records: base.records.concat(records) };
    } finally {
      await handle.close();
    }
  }

  /**
   * Moves an unreadable file aside (the counts in it stay there for the user) and starts the month
   * afresh. Another window may have set it aside already (then the name holds a new file): moved only
   * if it is still the file read.
   */
  private async setFileAside(file: string, name: string, ino: number, line: number): Promise<void> {
    const current = await fs.promises.stat(file).catch(() => undefined);
    if (current?.ino === ino) {
      const movedTo = `${file}.unreadable-${stamp(this.now())}`;
      await fs.promises.rename(file, movedTo);
      const aside: SetAsideFile = { file: name, movedTo, line };
      this.setAside.push(aside);
      for (const listener of this.setAsideListeners) listener(aside);
    }
  }

  private async append(batch: UsageRecord[]): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const byMonth = new Map<string, string>();
    for (const r of batch) {
      const name = usageFileName(r.day.slice(0, 7));
      byMonth.set(name, (byMonth.get(name) ?? '') + JSON.stringify(r) + '\n');
    }
    for (const [name, text] of byMonth) {
      const data = Buffer.from(text, 'utf8');
      const handle = await fs.promises.open(path.join(this.dir, name), 'a');
      try {
        // One write call: with O_APPEND the kernel puts it at the end whole, whatever other windows append.
        const { bytesWritten } = await handle.write(data, 0, data.length);
        if (bytesWritten !== data.length) throw new Error(`short write to ${name}: ${bytesWritten} of ${data.length} bytes`);
      } finally {
        await handle.close();
      }
    }
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    this.listeners.clear();
    this.setAsideListeners.clear();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function parseLine(line: string): UsageRecord | undefined {
  try {
    return readUsageRecord(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/** This month and the `count - 1` before it, as YYYY-MM, local time. */
export function monthsBack(now: number, count: number): string[] {
  const d = new Date(now);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = new Date(d.getFullYear(), d.getMonth() - i, 1);
    out.push(`${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** Whether a file name in the folder is a usage file (a watcher's filter). */
export const isUsageFile = (name: string): boolean => FILE.test(name);
