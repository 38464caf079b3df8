import { CHAR_CLASS_NAMES, charClasses, type CharClasses } from './char-classes';
import type { TokenFamily } from './token-family';

/** Tokens per character of each class (per run of ASCII letters for `words`). */
export type Coefficients = Readonly<CharClasses>;

/**
 * Fitted by `npm run bench:tokens -- --fit` (bench/tokens/fit.ts) on half of the bench's corpus, each
 * family against its public tokenizer (Gemma 3 for Gemini's vocabulary, DeepSeek-V3, Qwen3): a rate
 * per character class by least squares, then scaled to count about 5% over the reference on average,
 * with no fitted conversation more than 1% low (a low count ends in the relay's "context length exceeded";
 * a high one wastes the window an agent trims its context to). Claude's reference is Anthropic's
 * Claude 2 tokenizer times 1.1: none is published for Claude 3 or later, which count more. `other`
 * (and OpenAI models whose encoding failed to load) is fitted to the highest of all references, text
 * by text, Llama 3's included. The bench reports the errors on the held-out half.
 */
export const COEFFICIENTS: Readonly<Record<Exclude<TokenFamily, 'o200k' | 'cl100k'>, Coefficients>> = {
  claude: {letters: 0.053, digits: 0.779, spaces: 0.076, punctuation: 0.663, words: 1.081, cjk: 1.109, kana: 1.204, hangul: 1.588, emoji: 6.094, mixed: 0.912, other: 0.979},
  gemini: {letters: 0.109, digits: 1.346, spaces: 0.116, punctuation: 0.665, words: 0.545, cjk: 0.666, kana: 0.666, hangul: 0.767, emoji: 1.666, mixed: 0.895, other: 0.666},
  deepseek: {letters: 0.052, digits: 0.717, spaces: 0.29, punctuation: 0.554, words: 0.66, cjk: 0.661, kana: 0.688, hangul: 0.83, emoji: 2.278, mixed: 0.877, other: 0.626},
  qwen: {letters: 0.052, digits: 1.286, spaces: 0.304, punctuation: 0.463, words: 0.638, cjk: 0.659, kana: 0.679, hangul: 0.873, emoji: 1.561, mixed: 0.897, other: 0.625},
  other: {letters: 0.052, digits: 1.261, spaces: 0.201, punctuation: 0.576, words: 0.808, cjk: 0.942, kana: 1.098, hangul: 1.365, emoji: 5.205, mixed: 0.853, other: 0.849},
};

/** An estimate from character classes, rounded up: never 0 for a text that is not empty. */
export function estimateWith(coefficients: Coefficients, text: string): number {
  if (!text) return 0;
  const classes = charClasses(text);
  let sum = 0;
  for (const name of CHAR_CLASS_NAMES) sum += classes[name] * coefficients[name];
  return Math.max(1, Math.ceil(sum));
}
