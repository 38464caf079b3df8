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
  if (!isEncoding(family)) return estimateCounter(family);
  try {
    return encodedCounter(family, await loadEncoding(family));
  } catch {
    return estimateCounter(family);
  }
}

/** Counts by estimate: for a family without a tokenizer, or an encoding that failed to load. */
export function estimateCounter(family: TokenFamily): TokenCounter {
  // OpenAI's families fall back on `other`, which is fitted to count high for any tokenizer.
  const coefficients = isEncoding(family) ? COEFFICIENTS.other : COEFFICIENTS[family];
  return { family, exact: false, count: (text) => estimateWith(coefficients, text) };
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
