import type { SharedStore } from './shared-state-file';

/**
 * Which states hold for every VS Code window, and why. Each window has its own extension host and its
 * own copy of globalState (code-server keeps it per window page), so what must hold everywhere lives in
 * the SharedStateFile in the global storage folder:
 *
 * - `snoozedUntil` (shared): the user snoozes "inline completions", not one window's; the snooze ends by
 *   itself at the same moment everywhere, and Resume in one window resumes all.
 * - `allowedMonth` (shared): "Allow for This Month" is about the user's money, not a window: the other
 *   windows' inline completions resume and the question is not asked again there.
 * - `warnedMonth` (shared) plus a claim marker per month: the 80 % warning is shown by ONE window, even
 *   when two cross 80 % at the same moment (the exclusive marker decides, not the value).
 * - `keyChanged` (shared): a key set or removed in one window ends the other windows' no-key and
 *   rejected-key pauses even where the host does not announce another window's SecretStorage change.
 * - `requestQuirks` (shared): the request fields each endpoint + model refused (QuirkMemory). A relay's
 *   refusal holds for every window; learnt in one, the others send the next request right the first time.
 *
 * Not here: `completions.enabled` is a setting (VS Code already shares it); the keys themselves are in
 * SecretStorage. Rate-limit and offline pauses stay per window on purpose: each window learns them from
 * its own requests, ends them by itself, and one window's Retry-After or network trouble (a different
 * proxy, a remote window) says nothing certain about another's; the daily and monthly budget pauses
 * follow the shared usage store, which every window reads.
 */
export const SHARED_KEYS = {
  snoozedUntil: 'relayChat.completionsSnoozedUntil',
  allowedMonth: 'relayChat.budget.allowedMonth',
  warnedMonth: 'relayChat.budget.warnedMonth',
  keyChanged: 'relayChat.keyChanged',
  requestQuirks: 'relayChat.requestQuirks',
} as const;

/** Keys earlier versions kept in globalState (moved once into the shared file). */
export const LEGACY_GLOBAL_STATE_KEYS = [SHARED_KEYS.snoozedUntil, SHARED_KEYS.allowedMonth, SHARED_KEYS.warnedMonth];

/** The longest snooze: a bigger number (typed, or found in the file) is cut to this. */
export const MAX_SNOOZE_MS = 24 * 60 * 60_000;

/** A stored snooze end still in the future, capped at a day from now; anything else is no snooze. */
export function activeSnooze(value: unknown, now: number): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= now) return undefined;
  return Math.min(value, now + MAX_SNOOZE_MS);
}

/** Where earlier versions kept these values (VS Code's globalState). */
export interface LegacyStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): unknown;
}

/**
 * Moves what an earlier version left in globalState into the shared file, once: the old value is
 * removed after the move; a value the shared file already holds (another window moved it, or set it
 * since) wins. Returns the keys moved.
 */
export async function moveLegacyState(from: LegacyStore, to: SharedStore, keys: readonly string[] = LEGACY_GLOBAL_STATE_KEYS): Promise<string[]> {
  const moved: string[] = [];
  for (const key of keys) {
    const old = from.get<unknown>(key);
    if (old === undefined) continue;
    if (to.get(key) === undefined) {
      await to.set(key, old);
      moved.push(key);
    }
    await from.set(key, undefined);
  }
  return moved;
}
