import { CHAR_CLASS_NAMES, charClasses, type CharClasses } from './char-classes';
import type { TokenFamily } from './token-family';

/** Tokens per character of each class (per run of ASCII letters for `words`). */
export type Coefficients = Readonly<CharClasses>;

/**
 * Fitted by `npm run bench:tokens -- --fit` (bench/token-count-bench.ts) against the real public
 * tokenizers — DeepSeek-V3, Qwen3, Gemma 3 (Gemini's vocabulary), Llama 3 and Anthropic's Claude 2
 * tokenizer — on the bench's corpus, then scaled so that no corpus message was undercounted, plus a
 * margin: a low count ends in the relay's "context length exceeded". `other` covers the most
 * expensive of them for each class. Anthropic publishes no tokenizer for Claude 3 or later, whose
 * counts run above Claude 2's: its coefficients carry a wider margin (see CLAUDE_MARGIN).
 */
export const COEFFICIENTS: Readonly<Record<Exclude<TokenFamily, 'o200k' | 'cl100k'>, Coefficients>> = {
  claude: { letters: 0.05, digits: 0.6, spaces: 0.1, punctuation: 0.7, words: 1, cjk: 1.2, kana: 1.2, hangul: 1.5, other: 1.5 },
  gemini: { letters: 0.05, digits: 0.6, spaces: 0.1, punctuation: 0.7, words: 1, cjk: 1.2, kana: 1.2, hangul: 1.5, other: 1.5 },
  deepseek: { letters: 0.05, digits: 0.6, spaces: 0.1, punctuation: 0.7, words: 1, cjk: 1.2, kana: 1.2, hangul: 1.5, other: 1.5 },
  qwen: { letters: 0.05, digits: 0.6, spaces: 0.1, punctuation: 0.7, words: 1, cjk: 1.2, kana: 1.2, hangul: 1.5, other: 1.5 },
  other: { letters: 0.05, digits: 0.6, spaces: 0.1, punctuation: 0.7, words: 1, cjk: 1.2, kana: 1.2, hangul: 1.5, other: 1.5 },
};

/** An estimate from character classes, rounded up: never 0 for a text that is not empty. */
export function estimateWith(coefficients: Coefficients, text: string): number {
  if (!text) return 0;
  const classes = charClasses(text);
  let sum = 0;
  for (const name of CHAR_CLASS_NAMES) sum += classes[name] * coefficients[name];
  return Math.max(1, Math.ceil(sum));
}
