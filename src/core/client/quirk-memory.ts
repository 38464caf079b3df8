import { SUPERSEDES, isQuirk, type Quirk } from './quirks';

/** What was learnt, by endpoint + model (`quirkKey`): the form it is stored in. */
export type LearnedQuirks = Record<string, Quirk[]>;

/**
 * Where learnt quirks outlive the process (the extension: one globalState key). `save` is given only
 * what was just learnt, so that it can merge it into what is stored now (another window may have
 * learnt something else meanwhile) instead of writing this process's whole view over it.
 */
export interface QuirkStore {
  load(): LearnedQuirks | Promise<LearnedQuirks>;
  save(key: string, quirk: Quirk): void | Promise<void>;
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
  private readonly loaded: Promise<void>;

  constructor(private readonly store?: QuirkStore, private readonly onError: (e: unknown) => void = () => undefined) {
    this.loaded = this.load();
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
      try {
        void Promise.resolve(this.store.save(key, quirk)).catch(this.onError);
      } catch (e) {
        this.onError(e);
      }
    }
    return true;
  }

  private async load(): Promise<void> {
    if (!this.store) return;
    try {
      const stored = readLearnedQuirks(await this.store.load());
      // Anything learnt while loading stays: stored first, then this process's own.
      let merged = stored;
      for (const [key, quirks] of Object.entries(this.learned)) for (const q of quirks) merged = withQuirk(merged, key, q);
      this.learned = merged;
    } catch (e) {
      this.onError(e);
    }
  }
}
