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
  claude: {letters: 0.052, digits: 1.603, spaces: 0.339, punctuation: 0.54, words: 0.797, cjk: 1.094, kana: 1.205, hangul: 1.489, emoji: 4.965, mixed: 0.896, other: 0.977},
  gemini: {letters: 0.188, digits: 2.934, spaces: 0.302, punctuation: 0.456, words: 0, cjk: 0.653, kana: 0.653, hangul: 0.7, emoji: 1.633, mixed: 0.81, other: 0.653},
  deepseek: {letters: 0.077, digits: 1.708, spaces: 0.436, punctuation: 0.446, words: 0.414, cjk: 0.633, kana: 0.718, hangul: 0.797, emoji: 1.566, mixed: 0.844, other: 0.626},
  qwen: {letters: 0.106, digits: 2.325, spaces: 0.374, punctuation: 0.36, words: 0.334, cjk: 0.624, kana: 0.702, hangul: 0.853, emoji: 1.559, mixed: 0.835, other: 0.624},
  other: {letters: 0.052, digits: 1.89, spaces: 0.376, punctuation: 0.492, words: 0.638, cjk: 0.943, kana: 1.115, hangul: 1.321, emoji: 4.306, mixed: 0.853, other: 0.863},
};

/** An estimate from character classes, rounded up: never 0 for a text that is not empty. */
export function estimateWith(coefficients: Coefficients, text: string): number {
  if (!text) return 0;
  const classes = charClasses(text);
  let sum = 0;
  for (const name of CHAR_CLASS_NAMES) sum += classes[name] * coefficients[name];
  return Math.max(1, Math.ceil(sum));
}
