import type { Usage } from '../types';
import { tokenCount } from '../usage/token-count';

const record = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** How many prompt tokens a usage object counts, and how many of them came from the prompt cache. */
interface PromptCounts {
  prompt?: number;
  cached?: number;
}

/** An Anthropic cache field: absent or null is none; anything else must be a count that can be trusted. */
const cachePart = (v: unknown): number | undefined => (v === undefined || v === null ? 0 : tokenCount(v));

/**
 * The prompt's tokens and its cached part, from whichever shape the relay sent:
 * - OpenAI: `prompt_tokens` (all of them) and `prompt_tokens_details.cached_tokens` (part of them);
 *   the Responses API's `input_tokens` with `input_tokens_details.cached_tokens` alike.
 * - DeepSeek: `prompt_cache_hit_tokens` + `prompt_cache_miss_tokens` = `prompt_tokens`; hits are cached.
 * - Anthropic, passed through: `input_tokens` EXCLUDES `cache_read_input_tokens` and
 *   `cache_creation_input_tokens`, so the prompt is the three added up; cache reads are the cached part
 *   (cache writes are priced as ordinary input). A relay that mixes OpenAI's `prompt_tokens` with the
 *   cache fields may mean either: `prompt_tokens` is the total only when OpenAI's own cached count beside
 *   it confirms it (LiteLLM and OpenRouter send both); otherwise the cache parts are added to it, the
 *   dearer of the two readings.
 * A count that cannot be trusted (see tokenCount) never lowers the bill: an untrustworthy cached
 * count is dropped (every prompt token then costs the full input rate), and a prompt total that would
 * need an untrustworthy part is left unknown (then estimated from the text, never 0). A cached count
 * above the prompt's is not a cached count and is dropped.
 */
function promptCounts(u: Record<string, unknown>): PromptCounts {
  const openAi = u.prompt_tokens !== undefined && u.prompt_tokens !== null;
  const anthropic = (u.cache_read_input_tokens !== undefined && u.cache_read_input_tokens !== null)
    || (u.cache_creation_input_tokens !== undefined && u.cache_creation_input_tokens !== null);
  const details = record(u.prompt_tokens_details) ?? record(u.input_tokens_details);
  const reported = details ? tokenCount(details.cached_tokens) : undefined;
  let prompt = tokenCount(u.prompt_tokens ?? u.input_tokens);
  let cached: number | undefined;
  if (anthropic) {
    const read = cachePart(u.cache_read_input_tokens);
    const written = cachePart(u.cache_creation_input_tokens);
    if (read === undefined || written === undefined) {
      // Without every part the sum is unknown: Anthropic's input_tokens alone would under-count.
      if (!openAi) prompt = undefined;
    } else if (openAi && reported !== undefined && reported >= read) {
      cached = reported; // prompt_tokens is the whole prompt, as OpenAI's cached count beside it says
    } else {
      if (prompt !== undefined) prompt = tokenCount(prompt + read + written);
      cached = read;
    }
  } else if (u.prompt_cache_hit_tokens !== undefined) {
    cached = tokenCount(u.prompt_cache_hit_tokens);
    const miss = tokenCount(u.prompt_cache_miss_tokens);
    if (prompt === undefined && cached !== undefined && miss !== undefined) prompt = tokenCount(cached + miss);
  } else {
    cached = reported;
  }
  if (prompt === undefined || cached === undefined || cached > prompt) return prompt === undefined ? {} : { prompt };
  return { prompt, cached };
}

/**
 * The relay's usage object, with only the counts that can be trusted (see tokenCount). One without
 * trustworthy token counts (`{}`, only `total_tokens`, `-5`, `"abc"`, 1e12) still says the request was
 * billed: it comes through marked estimated, and the counter estimates what is missing from the text.
 */
export function readUsage(value: unknown): Usage | undefined {
  const u = record(value);
  if (!u) return undefined;
  const { prompt, cached } = promptCounts(u);
  const completion = tokenCount(u.completion_tokens ?? u.output_tokens);
  const total = tokenCount(u.total_tokens);
  const usage: Usage = {};
  if (prompt !== undefined) usage.promptTokens = prompt;
  if (cached !== undefined) usage.cachedPromptTokens = cached;
  if (completion !== undefined) usage.completionTokens = completion;
  if (prompt !== undefined && completion !== undefined) usage.totalTokens = prompt + completion;
  else if (total !== undefined && total >= (prompt ?? 0) + (completion ?? 0)) usage.totalTokens = total;
  const details = record(u.completion_tokens_details) ?? record(u.output_tokens_details);
  const reasoning = details ? tokenCount(details.reasoning_tokens) : undefined;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  if (u.estimated === true || prompt === undefined || completion === undefined) usage.estimated = true;
  return usage;
}
