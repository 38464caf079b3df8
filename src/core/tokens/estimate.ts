import { CHAR_CLASS_NAMES, charClasses, type CharClasses } from './char-classes';
import type { TokenFamily } from './token-family';

/** Tokens per character of each class (per run of ASCII letters for `words`). */
export type Coefficients = Readonly<CharClasses>;

/**
 * Fitted by `npm run bench:tokens -- --fit` (bench/token-count-bench.ts) against the real public
 * tokenizers (DeepSeek-V3, Qwen3, Gemma 3 for Gemini's vocabulary, Llama 3, Anthropic's Claude 2
 * tokenizer) on the bench's corpus, then scaled so that no corpus text was undercounted, plus 3
 * percent: a low count ends in the relay's "context length exceeded". ENVELOPE is the highest of
 * every family's coefficient for each class, for `other` and for Claude: Anthropic publishes no
 * tokenizer for Claude 3 or later, whose counts are known to run above Claude 2's.
 */
const ENVELOPE: Coefficients = { letters: 0.121, digits: 2.203, spaces: 0.377, punctuation: 0.747, words: 1.098, cjk: 1.409, kana: 1.543, hangul: 1.987, emoji: 3.223, other: 0.902 };

export const COEFFICIENTS: Readonly<Record<Exclude<TokenFamily, 'o200k' | 'cl100k'>, Coefficients>> = {
  claude: ENVELOPE,
  gemini: { letters: 0.112, digits: 2.148, spaces: 0.29, punctuation: 0.722, words: 0.905, cjk: 0.84, kana: 0.84, hangul: 0.944, emoji: 2.099, other: 0.84 },
  deepseek: { letters: 0.112, digits: 1.657, spaces: 0.347, punctuation: 0.718, words: 0.778, cjk: 0.889, kana: 0.834, hangul: 1.144, emoji: 2.085, other: 0.834 },
  qwen: { letters: 0.101, digits: 2.104, spaces: 0.377, punctuation: 0.545, words: 0.618, cjk: 0.845, kana: 0.753, hangul: 1.056, emoji: 1.882, other: 0.753 },
  other: ENVELOPE,
};

/** An estimate from character classes, rounded up: never 0 for a text that is not empty. */
export function estimateWith(coefficients: Coefficients, text: string): number {
  if (!text) return 0;
  const classes = charClasses(text);
  let sum = 0;
  for (const name of CHAR_CLASS_NAMES) sum += classes[name] * coefficients[name];
  return Math.max(1, Math.ceil(sum));
}
