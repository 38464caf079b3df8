/** A suggestion found without a request, and how many typed characters it already accounts for. */
export interface CachedSuggestion {
  text: string;
  typed: number;
}

const WINDOW = { prefix: 600, suffix: 200 };
/**
 * How far back (in typed characters) a cached suggestion is still looked for: far enough to come back
 * to an answer after accepting a whole block of it (its next lines come from here).
 */
export const WALK_BACK = 400;

/**
 * Suggestions by the text around the cursor, least recently used dropped first. A lookup also walks
 * back up to WALK_BACK characters: a suggestion made there whose start the user has since typed is
 * still good for its rest (typing through it, or accepting a block word by word or line by line).
 */
export class SuggestionCache {
  private readonly entries = new Map<string, string>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 300) {}

  set(languageId: string, prefix: string, suffix: string, text: string): void {
    if (!text) return;
    const key = keyOf(languageId, prefix, suffix);
    this.entries.delete(key);
    this.entries.set(key, text);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get(languageId: string, prefix: string, suffix: string): CachedSuggestion | undefined {
    const tail = suffix.slice(0, WINDOW.suffix);
    const limit = Math.min(WALK_BACK, prefix.length);
    for (let back = 0; back <= limit; back++) {
      const key = keyOf(languageId, prefix.slice(0, prefix.length - back), tail);
      const text = this.entries.get(key);
      if (text === undefined) continue;
      const typed = prefix.slice(prefix.length - back);
      if (text.length > typed.length && text.startsWith(typed)) {
        this.entries.delete(key);
        this.entries.set(key, text);
        this.hits++;
        return { text: text.slice(typed.length), typed: back };
      }
    }
    this.misses++;
    return undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}

function keyOf(languageId: string, prefix: string, suffix: string): string {
  return `${languageId}\u0000${prefix.slice(-WINDOW.prefix)}\u0000${suffix.slice(0, WINDOW.suffix)}`;
}
