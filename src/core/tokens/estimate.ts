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
  claude: {letters: 0.053, digits: 0.778, spaces: 0.077, punctuation: 0.663, words: 1.08, cjk: 1.109, kana: 1.204, hangul: 1.587, emoji: 6.102, mixed: 0.912, other: 0.978},
  gemini: {letters: 0.114, digits: 1.348, spaces: 0.12, punctuation: 0.663, words: 0.521, cjk: 0.667, kana: 0.667, hangul: 0.767, emoji: 1.669, mixed: 0.897, other: 0.667},
  deepseek: {letters: 0.052, digits: 0.718, spaces: 0.302, punctuation: 0.548, words: 0.649, cjk: 0.664, kana: 0.688, hangul: 0.826, emoji: 2.32, mixed: 0.879, other: 0.626},
  qwen: {letters: 0.052, digits: 1.286, spaces: 0.299, punctuation: 0.466, words: 0.643, cjk: 0.658, kana: 0.68, hangul: 0.875, emoji: 1.563, mixed: 0.897, other: 0.625},
  other: {letters: 0.052, digits: 1.26, spaces: 0.205, punctuation: 0.574, words: 0.804, cjk: 0.943, kana: 1.098, hangul: 1.363, emoji: 5.233, mixed: 0.854, other: 0.848},
};

/** An estimate from character classes, rounded up: never 0 for a text that is not empty. */
export function estimateWith(coefficients: Coefficients, text: string): number {
  if (!text) return 0;
  const classes = charClasses(text);
  let sum = 0;
  for (const name of CHAR_CLASS_NAMES) sum += classes[name] * coefficients[name];
  return Math.max(1, Math.ceil(sum));
}
