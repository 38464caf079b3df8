import * as fs from 'node:fs';
import * as path from 'node:path';
import { dayOf } from '../util/calendar';
import { readUsageRecord, type UsageRecord } from './usage-record';
import { add, emptyTotals } from './usage-report';
import { UsageTally, type RunningTotals } from './usage-tally';

/** Lines of a usage file that could not be read: skipped (the rest of the file counts), kept on disk, reported. */
export interface SkippedLines {
  /** The file's name, e.g. usage-2026-11.jsonl. */
  file: string;
  /** How many lines of it were skipped. */
  count: number;
  /** The first few of them (1-based line numbers). */
  lines: number[];
}

export interface UsageStoreOptions {
  now?: () => number;
  /** How long records gather before one write (ms). */
  batchMs?: number;
  /** A batch could not be written (it stays pending and goes with the next) or read back (it is counted until a read succeeds). */
  onError?: (error: Error) => void;
}

const FILE = /^usage-(\d{4}-\d{2})\.jsonl$/;
/** Months read: this one and the one before (the last 30 days reach into it). */
const MONTHS_READ = 2;
/** Line numbers kept per file for the report (the count is exact). */
const LINES_NAMED = 5;

export const usageFileName = (month: string): string => `usage-${month}.jsonl`;

interface FileState {
  /** Bytes read so far, up to the end of the last whole line. */
  offset: number;
  /** The file read (a file replaced under the same name is read afresh). */
  ino: number;
  /** Lines read so far (for the line numbers of skipped ones). */
  lines: number;
  records: UsageRecord[];
  tally: UsageTally;
  skipped: SkippedLines;
}

/** What one read found in one file: the lines added since the last read (or the whole file, when `fresh`). */
interface FileRead {
  fresh: boolean;
  ino: number;
  offset: number;
  lines: number;
  records: UsageRecord[];
  skippedLines: number[];
}

const freshState = (name: string, ino: number): FileState => ({ offset: 0, ino, lines: 0, records: [], tally: new UsageTally(), skipped: { file: name, count: 0, lines: [] } });

/**
 * Usage records on disk, safe across windows: one append-only JSON-lines file per month. Each batch
 * is written with a single `write` on a file opened with O_APPEND, so appends from several windows
 * never interleave or overwrite each other; reads take only the bytes added since the last read and
 * only whole lines (another window's write may be in progress). A line that cannot be read is skipped
 * and reported, and every other line still counts: one bad record never costs the month. Running
 * totals (see UsageTally) are kept as records come, for the budgets and the status bar.
 */
export class UsageStore {
  private readonly files = new Map<string, FileState>();
  /** This window's records not yet written. */
  private pending: UsageRecord[] = [];
  /** Written, not yet read back: still counted here, never written again; the next read takes them in from the file. */
  private appended: UsageRecord[] = [];
  /**
   * Reads and writes run one at a time, in order: a read never overlaps this window's write, so the
   * first read that can see a batch is one that started after it, and takes it out of `appended`
   * in the same turn it counts it from the file (never twice, never not at all).
   */
  private chain: Promise<unknown> = Promise.resolve();
  /** A read or a write waiting to start: calls meanwhile join it. */
  private queuedRead: Promise<boolean> | undefined;
  private queuedWrite: Promise<void> | undefined;
  private lastWrite: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly skippedListeners = new Set<(file: string, lines: number[]) => void>();
  /** Bumped at every change of the counts: the running totals are worked out again only after one. */
  private version = 0;
  private cached: { version: number; day: string; totals: RunningTotals } | undefined;

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

  /** Lines of `file` that could not be read were skipped in this read (their 1-based numbers). */
  onSkipped(listener: (file: string, lines: number[]) => void): () => void {
    this.skippedListeners.add(listener);
    return () => this.skippedListeners.delete(listener);
  }

  /** The usage files read that have lines that could not be read, and how many. */
  get skipped(): SkippedLines[] {
    return [...this.files.values()].filter((f) => f.skipped.count > 0).map((f) => ({ ...f.skipped, lines: [...f.skipped.lines] }));
  }

  /**
   * Today's totals (all and by source) and this month's up to today, this window's records not yet
   * read back included: a few dozen additions whatever the number of records, and none when nothing
   * changed since the last call. Rolls over by itself at local midnight and on the 1st.
   */
  totals(now = this.now()): Readonly<RunningTotals> {
    const day = dayOf(now);
    if (this.cached?.version === this.version && this.cached.day === day) return this.cached.totals;
    const month = day.slice(0, 7);
    const totals: RunningTotals = { month, day, today: emptyTotals(), todayBySource: {}, monthTotals: emptyTotals() };
    for (const state of this.files.values()) {
      state.tally.addDay(day, totals.today, totals.todayBySource);
      state.tally.addMonth(month, day, totals.monthTotals);
    }
    for (const r of this.unread()) {
      if (r.day === day) {
        add(totals.today, r);
        add((totals.todayBySource[r.source] ??= emptyTotals()), r);
      }
      if (r.day.startsWith(month) && r.day <= day) add(totals.monthTotals, r);
    }
    this.cached = { version: this.version, day, totals };
    return totals;
  }

  /** Every record of the months read, this window's ones not yet read back included. */
  records(): UsageRecord[] {
    const out: UsageRecord[] = [];
    // Not push(...records): a month can hold more records than a call takes arguments.
    for (const state of this.files.values()) for (const r of state.records) out.push(r);
    for (const r of this.unread()) out.push(r);
    return out;
  }

  private *unread(): Iterable<UsageRecord> {
    yield* this.appended;
    yield* this.pending;
  }

  /** Counts a record now; it is written with the others of its batch. */
  add(record: UsageRecord): void {
    this.pending.push(record);
    // A failed write keeps the batch pending (still counted here) for the next one.
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flush().catch((e: Error) => this.options.onError?.(e)), this.batchMs);
      // The batch timer alone keeps no process alive (the extension flushes at deactivation).
      this.flushTimer.unref?.();
    }
    this.changed();
  }

  /**
   * Writes what is pending (one write per month file), then reads it back with whatever other windows
   * wrote. Rejects when a write or the read-back failed: what was not written stays pending for the
   * next flush; what was written is never written again.
   */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.pending.length) return this.lastWrite;
    if (!this.queuedWrite) {
      // The batch is what is pending when the write starts: records added meanwhile go with it.
      const written = this.enqueue(() => {
        this.queuedWrite = undefined;
        return this.append(this.pending.slice());
      });
      // A read queued before the write cannot see it: the read-back is a new read, after the write.
      this.queuedRead = undefined;
      const readBack = this.refresh();
      const done = Promise.allSettled([written, readBack]).then(([w, r]) => {
        if (w.status === 'rejected') throw w.reason;
        if (r.status === 'rejected') throw r.reason;
      });
      this.queuedWrite = done;
      this.lastWrite = done.catch(() => undefined);
    }
    return this.queuedWrite;
  }

  /** Reads the bytes added to this and last month's files since the last read. True when anything changed. */
  refresh(): Promise<boolean> {
    this.queuedRead ??= this.enqueue(() => {
      this.queuedRead = undefined;
      return this.readAll();
    });
    return this.queuedRead;
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.chain.then(step);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async readAll(): Promise<boolean> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const months = monthsBack(this.now(), MONTHS_READ);
    const reads: [string, FileRead | 'gone'][] = [];
    for (const month of months) {
      const name = usageFileName(month);
      const read = await this.readNew(name, this.files.get(name));
      if (read) reads.push([name, read]);
    }
    // Applied in one turn, with this window's records written before the read started (all of
    // `appended`: writes and reads take turns) leaving `appended`: counted once, from the file.
    const settled = this.appended.length > 0;
    this.appended = [];
    let changed = false;
    for (const name of this.files.keys()) {
      if (!months.some((m) => usageFileName(m) === name)) changed = this.files.delete(name) || changed;
    }
    const skipped: [string, number[]][] = [];
    for (const [name, read] of reads) {
      changed = true;
      if (read === 'gone') {
        this.files.delete(name);
        continue;
      }
      let state = this.files.get(name);
      if (!state || read.fresh) this.files.set(name, (state = freshState(name, read.ino)));
      state.offset = read.offset;
      state.lines = read.lines;
      for (const r of read.records) {
        state.records.push(r);
        state.tally.add(r);
      }
      if (read.skippedLines.length) {
        state.skipped.count += read.skippedLines.length;
        state.skipped.lines.push(...read.skippedLines.slice(0, Math.max(0, LINES_NAMED - state.skipped.lines.length)));
        skipped.push([name, read.skippedLines]);
      }
    }
    if (changed || settled) this.changed();
    for (const [name, lines] of skipped) for (const listener of this.skippedListeners) listener(name, lines);
    return changed;
  }

  /** The lines added to the file since `known` was read, 'gone' when it no longer exists, undefined when nothing changed. */
  private async readNew(name: string, known: FileState | undefined): Promise<FileRead | 'gone' | undefined> {
    const file = path.join(this.dir, name);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return known ? 'gone' : undefined;
      throw e;
    }
    try {
      const stat = await handle.stat();
      const fresh = !known || known.ino !== stat.ino || stat.size < known.offset;
      const offset = fresh ? 0 : known.offset;
      const lineBase = fresh ? 0 : known.lines;
      const nothing: FileRead = { fresh, ino: stat.ino, offset, lines: lineBase, records: [], skippedLines: [] };
      if (stat.size === offset) return fresh ? nothing : undefined;
      const buffer = Buffer.alloc(stat.size - offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      // Only whole lines: another window's write may be under way (it ends with its newline).
      const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      if (end === 0) return fresh ? nothing : undefined;
      const lines = buffer.subarray(0, end).toString('utf8').split('\n').slice(0, -1);
      const read: FileRead = { ...nothing, offset: offset + end, lines: lineBase + lines.length };
      for (const [i, line] of lines.entries()) {
        // An empty line is a gap a repaired torn write left (see append), not a record.
        if (!line.trim()) continue;
        const record = parseLine(line);
        if (record) read.records.push(record);
        else read.skippedLines.push(lineBase + i + 1);
      }
      return read;
    } finally {
      await handle.close();
    }
  }

  /**
   * Appends `batch` to its month files. Each month's records leave `pending` for `appended` as soon as
   * their write succeeds, even when another month's fails (that one's stay pending and are tried
   * again): a record is written once.
   */
  private async append(batch: UsageRecord[]): Promise<void> {
    if (!batch.length) return;
    await fs.promises.mkdir(this.dir, { recursive: true });
    const byMonth = new Map<string, UsageRecord[]>();
    for (const r of batch) {
      const name = usageFileName(r.day.slice(0, 7));
      const records = byMonth.get(name);
      if (records) records.push(r);
      else byMonth.set(name, [r]);
    }
    let failure: unknown;
    for (const [name, records] of byMonth) {
      try {
        await this.appendTo(name, records.map((r) => JSON.stringify(r) + '\n').join(''));
      } catch (e) {
        failure ??= e;
        continue;
      }
      const written = new Set(records);
      this.pending = this.pending.filter((r) => !written.has(r));
      for (const r of records) this.appended.push(r);
    }
    if (failure !== undefined) throw failure;
  }

  private async appendTo(name: string, text: string): Promise<void> {
    const handle = await fs.promises.open(path.join(this.dir, name), 'a+');
    try {
      // A line left without its newline (a write cut off by a crash) would swallow this batch's
      // first record: start on a line of its own. (If it was a write still under way, an empty
      // line results, which readers skip.)
      const data = Buffer.from((await endsTorn(handle)) ? `\n${text}` : text, 'utf8');
      // One write call: with O_APPEND the kernel puts it at the end whole, whatever other windows append.
      const { bytesWritten } = await handle.write(data, 0, data.length);
      if (bytesWritten !== data.length) throw new Error(`short write to ${name}: ${bytesWritten} of ${data.length} bytes`);
    } finally {
      // Once the write is done the records are in the file: a failed close must not write them again.
      await handle.close().catch(() => undefined);
    }
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    this.listeners.clear();
    this.skippedListeners.clear();
  }

  private changed(): void {
    this.version++;
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

/** Whether the file's last byte is something other than a newline. */
async function endsTorn(handle: fs.promises.FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/** Whether a file name in the folder is a usage file (a watcher's filter). */
export const isUsageFile = (name: string): boolean => FILE.test(name);
