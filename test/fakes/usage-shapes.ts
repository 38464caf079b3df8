// Usage objects in the shapes relays send (scenario field `usageShape`), to try cached prompt tokens and
// reasoning tokens end to end. The counts are fixed, so a test can work out the cost by hand.

/**
 * `openai-cached`: prompt_tokens with prompt_tokens_details.cached_tokens (part of them);
 * `anthropic`: input_tokens without the cache, cache_read_input_tokens and cache_creation_input_tokens beside it;
 * `deepseek`: prompt_cache_hit_tokens + prompt_cache_miss_tokens = prompt_tokens;
 * `reasoning`: completion_tokens_details.reasoning_tokens (part of completion_tokens, beyond the text sent);
 * `openai-reasoning-cached`: both details, as OpenAI's reasoning models report them.
 */
export type UsageShape = 'openai-cached' | 'anthropic' | 'deepseek' | 'reasoning' | 'openai-reasoning-cached';

/** The prompt's tokens in every cached shape, and the part of them from the cache. */
export const SHAPE_PROMPT_TOKENS = 2000;
export const SHAPE_CACHED_TOKENS = 1536;
/** In `anthropic`: the part written to the cache (counted as ordinary prompt tokens). */
export const SHAPE_CACHE_WRITE_TOKENS = 128;
/** In `reasoning`: the tokens spent reasoning, added to the answer's. */
export const SHAPE_REASONING_TOKENS = 64;

/** The usage object for an answer of `completionTokens` text tokens; without a shape, the plain OpenAI one. */
export function usageObject(completionTokens: number, shape?: UsageShape): Record<string, unknown> {
  const prompt = SHAPE_PROMPT_TOKENS;
  const cached = SHAPE_CACHED_TOKENS;
  switch (shape) {
    case 'openai-cached':
      return { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens, prompt_tokens_details: { cached_tokens: cached } };
    case 'anthropic':
      return { input_tokens: prompt - cached - SHAPE_CACHE_WRITE_TOKENS, cache_read_input_tokens: cached, cache_creation_input_tokens: SHAPE_CACHE_WRITE_TOKENS, output_tokens: completionTokens };
    case 'deepseek':
      return { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens, prompt_cache_hit_tokens: cached, prompt_cache_miss_tokens: prompt - cached };
    case 'reasoning': {
      const completion = completionTokens + SHAPE_REASONING_TOKENS;
      return { prompt_tokens: 12, completion_tokens: completion, total_tokens: 12 + completion, completion_tokens_details: { reasoning_tokens: SHAPE_REASONING_TOKENS } };
    }
    case 'openai-reasoning-cached': {
      const completion = completionTokens + SHAPE_REASONING_TOKENS;
      return {
        prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion,
        prompt_tokens_details: { cached_tokens: cached }, completion_tokens_details: { reasoning_tokens: SHAPE_REASONING_TOKENS },
      };
    }
    default:
      return { prompt_tokens: 12, completion_tokens: completionTokens, total_tokens: 12 + completionTokens };
  }
}
