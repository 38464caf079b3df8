/**
 * Which tokenizer a model's prompt is counted with. `o200k` and `cl100k` are OpenAI's published
 * encodings (counted exactly); the others have no tokenizer we can ship and are estimated
 * (estimate.ts): `claude`, `gemini` (Gemma's vocabulary), `deepseek`, `qwen`, and `other` for the
 * rest (Llama, Mistral, GLM, Kimi, unknown names), which is estimated high enough for any of them.
 */
export type TokenFamily = 'o200k' | 'cl100k' | 'claude' | 'gemini' | 'deepseek' | 'qwen' | 'other';

export const TOKEN_FAMILIES: readonly TokenFamily[] = ['o200k', 'cl100k', 'claude', 'gemini', 'deepseek', 'qwen', 'other'];

/** The families counted with a real BPE encoding; the rest are estimated from character classes. */
export type EncodingName = 'o200k' | 'cl100k';

export function isEncoding(family: TokenFamily): family is EncodingName {
  return family === 'o200k' || family === 'cl100k';
}

// Checked in order against the name without its vendor prefix (`openai/gpt-4.1` -> `gpt-4.1`).
// gpt-4o, 4.1, 4.5, 5.x, the o-series and gpt-oss use o200k; `gpt-4-1106-preview` is a gpt-4 (cl100k):
// the `(?!\d)` keeps its `-1106` from reading as 4.1.
const RULES: readonly (readonly [RegExp, TokenFamily])[] = [
  [/^(chatgpt-4o|gpt-4o|gpt-4[.-][15](?!\d)|gpt-[5-9]|o[1-9](?![\d.])|gpt-oss|codex|computer-use)/, 'o200k'],
  [/^(gpt-4|gpt-3[.-]?5|gpt-35|text-embedding-(3|ada))/, 'cl100k'],
  [/claude/, 'claude'],
  [/gemini|gemma/, 'gemini'],
  [/deepseek/, 'deepseek'],
  [/qwen|qwq/, 'qwen'],
];

/** The token family of a model id as a relay names it: vendor prefix, dates and suffixes allowed. */
export function tokenFamily(model: string): TokenFamily {
  const lower = model.trim().toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  for (const [pattern, family] of RULES) if (pattern.test(name)) return family;
  // A prefix may name the vendor where the id does not (`anthropic/sonnet-4`, `google/learnlm`).
  if (/(^|\/)anthropic\//.test(lower)) return 'claude';
  if (/(^|\/)google\//.test(lower)) return 'gemini';
  return 'other';
}
