/**
 * What a model costs, US dollars per million tokens; without `input`, prompt tokens cost nothing.
 * `cachedInput` is the rate of prompt tokens the relay served from its prompt cache (OpenAI's cached
 * input, Anthropic's cache read, DeepSeek's cache hit); without it they cost `input` like the rest.
 */
export interface Price {
  input?: number;
  output: number;
  cachedInput?: number;
}

/**
 * The US dollars a request costs at `price`: the one cost formula (an answer's stats and a usage
 * record agree to the last bit). `cachedTokens` is the part of `promptTokens` read from the prompt
 * cache: (prompt − cached)·input + cached·(cachedInput ?? input) + completion·output. Unknown prompt
 * tokens add nothing; a cached count above the prompt's is held to the prompt's.
 */
export function costUsd(price: Price, promptTokens: number | undefined, completionTokens: number, cachedTokens = 0): number {
  let prompt = 0;
  if (promptTokens !== undefined) {
    // A cached count that is not a number is none: every prompt token at the full rate.
    const cached = Number.isFinite(cachedTokens) ? Math.min(Math.max(cachedTokens, 0), promptTokens) : 0;
    const input = price.input ?? 0;
    const cachedRate = price.cachedInput ?? input;
    // Without a cache hit this is promptTokens · input, bit for bit as before cached prices existed.
    prompt = (promptTokens - cached) * input + (cached > 0 ? cached * cachedRate : 0);
  }
  return (completionTokens * price.output + prompt) / 1e6;
}
