import { encodingCounter } from './encoding';
import { COEFFICIENTS, estimateWith } from './estimate';
import { isEncoding, tokenFamily, type EncodingName, type TokenFamily } from './token-family';

/** Counts a model's tokens in a text; synchronous once made. */
export interface TokenCounter {
  readonly family: TokenFamily;
  /** true: counted with the model's own encoding; false: estimated from character classes. */
  readonly exact: boolean;
  count(text: string): number;
}

/**
 * The counter for a model. OpenAI models load their encoding here (once per process, shared by every
 * counter); if it cannot be loaded, the count is an estimate as for other families.
 */
export async function tokenCounterFor(model: string): Promise<TokenCounter> {
  const family = tokenFamily(model);
  if (!isEncoding(family)) return estimateCounter(family, newerTokenizerScale(model));
  try {
    return encodedCounter(family, await loadEncoding(family));
  } catch {
    return estimateCounter(family);
  }
}

/**
 * Claude Opus 4.7 and later count with a new tokenizer that Anthropic's migration guide puts at
 * "roughly 1.0–1.35×" the tokens of 4.6 (measured: about 1.45× on English prose, 1.13–1.33× on code,
 * 1.0× on Chinese, Japanese and Korean). Without a public tokenizer, the family's estimate is scaled
 * by the guide's upper figure: a count too low ends in "context length exceeded".
 */
const NEWER_TOKENIZERS: readonly (readonly [RegExp, number])[] = [[/claude-(?:opus|sonnet|haiku)-4[.-](?:[7-9]|\d{2})(?!\d)|claude-(?:opus|sonnet|haiku)-[5-9]/, 1.35]];

function newerTokenizerScale(model: string): number {
  const name = model.toLowerCase();
  return NEWER_TOKENIZERS.find(([pattern]) => pattern.test(name))?.[1] ?? 1;
}

/** Counts by estimate: for a family without a tokenizer, or an encoding that failed to load. */
export function estimateCounter(family: TokenFamily, scale = 1): TokenCounter {
  // OpenAI's families fall back on `other`, which is fitted to count high for any tokenizer.
  const coefficients = isEncoding(family) ? COEFFICIENTS.other : COEFFICIENTS[family];
  return { family, exact: false, count: (text) => (text ? Math.ceil(estimateWith(coefficients, text) * scale) : 0) };
}

function encodedCounter(family: EncodingName, count: (text: string) => number): TokenCounter {
  return { family, exact: true, count: (text) => (text ? count(text) : 0) };
}

// Deferred by a turn: the caller's await is where a few hundred milliseconds of loading may go.
const loading = new Map<EncodingName, Promise<(text: string) => number>>();

function loadEncoding(name: EncodingName): Promise<(text: string) => number> {
  let pending = loading.get(name);
  if (!pending) {
    pending = Promise.resolve().then(() => encodingCounter(name));
    // A failed load is tried again by the next counter, not remembered.
    pending.catch(() => loading.delete(name));
    loading.set(name, pending);
  }
  return pending;
}
