/**
 * Inline completions want a cheap, fast model that writes code; the chat model is often neither.
 * Families in order of preference (a coding FIM model, then the cheap fast tiers the relays resell).
 */
const PREFERRED = [
  /codestral/i,
  /deepseek-(?:v3(?:\.\d)?|chat|coder)(?!.*reason)/i,
  /qwen.*coder/i,
  /gemini-[\d.]+-flash(?!-thinking)/i,
  /gpt-4\.1-(?:mini|nano)/i,
  /gpt-4o-mini/i,
  /claude-(?:3-5-|)haiku|haiku/i,
  /(?:mini|flash|lite|nano)(?!.*(?:reason|think))/i,
];

/** The completion model to use when none is set: the first preferred family the relay lists, else `fallback`. */
export function pickCompletionModel(available: string[], fallback: string): string {
  for (const family of PREFERRED) {
    const match = available.filter((m) => family.test(m)).sort((a, b) => a.length - b.length)[0];
    if (match) return match;
  }
  return fallback;
}

export interface AutoModelDeps {
  /** The relay's model names (GET /models); rejects when there is no key or the relay cannot be reached. */
  list(): Promise<string[]>;
  /** The chat model: used while nothing better is known, and when the list holds no preferred family. */
  chatModel(): string;
  /** Whether the automatic choice is in use (no completion model set): only then is a look-up worth a request. */
  inUse(): boolean;
  /** The choice changed (the status bar redraws). */
  changed?(): void;
  logger?: { info(message: string): void; warn(message: string): void };
}

/**
 * The completion model picked from the relay's list when none is set. A look-up that fails (no key
 * yet, the relay down) is not the last word: the choice is made again when the key is set or changed,
 * the base URL changes, or the relay is seen answering again — never by polling. Until a look-up
 * succeeds, completions use the chat model, as before.
 */
export class AutoModelChoice {
  /** The preferred model found in the list; null: the list holds none (the chat model it is). */
  private found: string | null | undefined;
  private looking: Promise<void> | undefined;
  private failed = false;
  /** Bumped by reset(): an answer for an older key or endpoint is dropped. */
  private generation = 0;

  constructor(private readonly deps: AutoModelDeps) {}

  /** The automatic completion model now; starts the first look-up. */
  get model(): string {
    if (this.found === undefined && !this.looking && !this.failed) void this.choose('first use');
    return this.found ?? this.deps.chatModel();
  }

  /** Still waiting for a list (the chat model is used meanwhile). */
  get pending(): boolean {
    return this.found === undefined;
  }

  /** The key or the endpoint changed: what was chosen may not hold; choose again (now, if in use). */
  reset(reason: string): Promise<void> {
    this.generation++;
    this.found = undefined;
    this.looking = undefined;
    this.failed = false;
    return this.deps.inUse() ? this.choose(reason) : Promise.resolve();
  }

  /** The relay answered something: if the last look-up failed, try again. */
  reachable(reason: string): Promise<void> {
    if (!this.failed || !this.deps.inUse()) return this.looking ?? Promise.resolve();
    return this.choose(reason);
  }

  private choose(reason: string): Promise<void> {
    const generation = ++this.generation;
    this.failed = false;
    this.looking = this.deps.list().then(
      (models) => {
        if (generation !== this.generation) return;
        const preferred = pickCompletionModel(models, '');
        this.found = preferred || null;
        this.deps.logger?.info(preferred
          ? `completion model chosen automatically (${reason}): ${preferred}, from ${models.length} models`
          : `completion model chosen automatically (${reason}): none of the ${models.length} models is a cheap fast family; using the chat model ${this.deps.chatModel()}`);
      },
      (e: Error) => {
        if (generation !== this.generation) return;
        this.failed = true;
        this.deps.logger?.warn(`completion model not chosen yet (${reason}): ${e.message}; using the chat model ${this.deps.chatModel()} until the key is set or the relay answers`);
      },
    ).finally(() => {
      if (generation !== this.generation) return;
      this.looking = undefined;
      this.deps.changed?.();
    });
    return this.looking;
  }
}
