/** What a model costs, US dollars per million tokens; without `input`, prompt tokens cost nothing. */
export interface Price {
  input?: number;
  output: number;
}

/**
 * The US dollars `promptTokens` and `completionTokens` cost at `price`: the one cost formula (an
 * answer's stats and a usage record agree to the last bit). Unknown prompt tokens add nothing.
 */
export function costUsd(price: Price, promptTokens: number | undefined, completionTokens: number): number {
  return (completionTokens * price.output + (promptTokens !== undefined && price.input ? promptTokens * price.input : 0)) / 1e6;
}
