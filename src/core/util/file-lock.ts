import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** A lock older than this is left over: a holder keeps it for one read and one write (milliseconds), and a crashed holder is found at once by its pid. */
export const STALE_LOCK_MS = 10_000;

export interface FileLockOptions {
  /** How long to wait for a live holder before giving up with an error (default: until its lock is stale). */
  waitMs?: number;
}

/**
 * Runs `work` while holding `<file>.lock`, a lock shared by every process on this machine (every VS Code
 * window): the lock file is created exclusively, so one holder at a time. A lock whose process is gone,
 * or older than STALE_LOCK_MS (a holder that hung or crashed), is broken. Waiters retry every few
 * milliseconds; nothing polls while nobody waits. The chat store and the shared state file use it.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const lock = `${file}.lock`;
  const token = `${process.pid} ${randomUUID()}`;
  await acquire(lock, token, options.waitMs === undefined ? Infinity : Date.now() + options.waitMs);
  try {
    return await work();
  } finally {
    // Only our own: if ours was broken as stale, the lock there now is someone else's.
    if ((await fs.readFile(lock, 'utf8').catch(() => '')) === token) await fs.rm(lock, { force: true });
  }
}

async function acquire(lock: string, token: string, deadline: number): Promise<void> {
  let unreadableSince: number | undefined;
  for (;;) {
    try {
      await fs.writeFile(lock, token, { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const held = await readLock(lock);
    if (held === 'gone') continue; // released meanwhile: try again at once
    if (held instanceof Error) {
      // There but unreadable (no permission, a folder in its place, a file being deleted on Windows): not
      // ours to break. Waited for like a live lock, then given up with the cause instead of spinning.
      unreadableSince ??= Date.now();
      if (Date.now() > deadline || Date.now() - unreadableSince > STALE_LOCK_MS) throw new Error(`${lock} cannot be used: ${held.message}`);
    } else if (isStale(held)) {
      await breakLock(lock, held.token);
      continue;
    } else if (Date.now() > deadline) {
      throw new Error(`${lock} is held by another window`);
    }
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 10));
  }
}

/** The lock's token and age; 'gone' when it was released meanwhile; the error when it cannot be read. */
async function readLock(lock: string): Promise<{ token: string; mtimeMs: number } | 'gone' | Error> {
  try {
    const [token, stat] = await Promise.all([fs.readFile(lock, 'utf8'), fs.stat(lock)]);
    return { token, mtimeMs: stat.mtimeMs };
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : (e as Error);
  }
}

function isStale(held: { token: string; mtimeMs: number }): boolean {
  if (Date.now() - held.mtimeMs > STALE_LOCK_MS) return true;
  // An empty token: its holder is between creating and writing it, alive.
  const pid = Number(held.token.split(' ')[0]);
  return Number.isInteger(pid) && pid > 0 && held.token !== '' && !alive(pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process, alive
  }
}

/**
 * Moves the stale lock aside (a rename: only one breaker gets it) and checks that what it moved is the
 * stale lock it read: if another breaker had already replaced it with a live one, that one is put back.
 */
async function breakLock(lock: string, staleToken: string): Promise<void> {
  const aside = `${lock}.${randomUUID()}.stale`;
  try {
    await fs.rename(lock, aside);
  } catch {
    return;
  }
  if ((await fs.readFile(aside, 'utf8').catch(() => staleToken)) !== staleToken) await fs.link(aside, lock).catch(() => undefined);
  await fs.rm(aside, { force: true });
}
