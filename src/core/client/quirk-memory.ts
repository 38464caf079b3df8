import { SUPERSEDES, isQuirk, type Quirk } from './quirks';
import type { SharedStore } from '../util/shared-state-file';
import { SHARED_KEYS } from '../util/shared-state-keys';

/** What was learnt, by endpoint + model (`quirkKey`): the form it is stored in. */
export type LearnedQuirks = Record<string, Quirk[]>;

/**
 * Where learnt quirks outlive the process (the extension: one key of the shared state file, see
 * sharedQuirkStore). `save` is given only
 * what was just learnt, so that it can merge it into what is stored now (another window may have
 * learnt something else meanwhile) instead of writing this process's whole view over it.
 */
export interface QuirkStore {
  load(): LearnedQuirks | Promise<LearnedQuirks>;
  save(key: string, quirk: Quirk): void | Promise<void>;
  /** Another process (window) stored something: `listener` reads it in. Returns the unsubscribe. */
  onChange?(listener: () => void): () => void;
}

/** The key of an endpoint (normalised base URL) and a model (the id as sent). */
export function quirkKey(baseUrl: string, model: string): string {
  return `${baseUrl} ${model}`;
}

/** `learned` with `quirk` added for `key` (and what it supersedes removed). Returns a new object. */
export function withQuirk(learned: LearnedQuirks, key: string, quirk: Quirk): LearnedQuirks {
  const had = learned[key] ?? [];
  const superseded = SUPERSEDES[quirk];
  const next = had.filter((q) => q !== quirk && q !== superseded);
  return { ...learned, [key]: [...next, quirk] };
}

/** What a store holds, read defensively: unknown quirks and malformed entries are left out. */
export function readLearnedQuirks(value: unknown): LearnedQuirks {
  const out: LearnedQuirks = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, quirks] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(quirks)) continue;
    let merged: LearnedQuirks = {};
    for (const q of quirks) if (isQuirk(q)) merged = withQuirk(merged, key, q);
    if (merged[key]?.length) out[key] = merged[key];
  }
  return out;
}

/**
 * What each endpoint + model refused, so that the next request is right the first time. Loaded from
 * the store once; each new quirk is saved as it is learnt. Without a store it lasts as long as the
 * object (the client's lifetime).
 */
export class QuirkMemory {
  private learned: LearnedQuirks = {};
  /** Quirks learnt here whose save has not finished: a reload of the store must not lose them. */
  private readonly unsaved = new Set<{ key: string; quirk: Quirk }>();
  private readonly loaded: Promise<void>;

  private readonly unsubscribe: () => void;

  constructor(private readonly store?: QuirkStore, private readonly onError: (e: unknown) => void = () => undefined) {
    this.loaded = this.load();
    // What another window learns applies here from its next request, not only after a reload.
    this.unsubscribe = store?.onChange?.(() => void this.load()) ?? (() => undefined);
  }

  /** Stops listening to the store (the extension's deactivation). */
  dispose(): void {
    this.unsubscribe();
  }

  /** Resolves once the stored quirks are in (at once without a store; a store that fails counts as empty). */
  ready(): Promise<void> {
    return this.loaded;
  }

  quirksFor(baseUrl: string, model: string): readonly Quirk[] {
    return this.learned[quirkKey(baseUrl, model)] ?? [];
  }

  /** Learns a quirk; false when it was known already (another request learnt it first). */
  learn(baseUrl: string, model: string, quirk: Quirk): boolean {
    const key = quirkKey(baseUrl, model);
    if (this.learned[key]?.includes(quirk)) return false;
    this.learned = withQuirk(this.learned, key, quirk);
    if (this.store) {
      const entry = { key, quirk };
      this.unsaved.add(entry);
      try {
        void Promise.resolve(this.store.save(key, quirk)).catch(this.onError).finally(() => this.unsaved.delete(entry));
      } catch (e) {
        this.unsaved.delete(entry);
        this.onError(e);
      }
    }
    return true;
  }

  private async load(): Promise<void> {
    if (!this.store) return;
    try {
      const stored = readLearnedQuirks(await this.store.load());
      // The store is the truth (another window may have learnt the opposite since); only what this
      // process learnt and has not yet written is laid over it.
      let merged = stored;
      for (const { key, quirk } of this.unsaved) merged = withQuirk(merged, key, quirk);
      this.learned = merged;
    } catch (e) {
      this.onError(e);
    }
  }
}

/**
 * Learnt quirks in the state file every window shares: what one window learns, the others apply from
 * their next request. Each save reads the key as it is now and adds only the new quirk, so two windows
 * learning different quirks keep both (unless both write within the same moment: then one quirk is
 * learnt again, at the cost of one more refused, unbilled request).
 */
export function sharedQuirkStore(shared: SharedStore): QuirkStore {
  return {
    load: () => readLearnedQuirks(shared.get(SHARED_KEYS.requestQuirks)),
    save: (key, quirk) => shared.set(SHARED_KEYS.requestQuirks, withQuirk(readLearnedQuirks(shared.get(SHARED_KEYS.requestQuirks)), key, quirk)),
    onChange: (listener) => shared.onChange((keys) => keys.includes(SHARED_KEYS.requestQuirks) && listener()),
  };
}
