import type { ChatRequest } from '../types';

/** The parts of a chat request a caller of an editor's language-model API may set through its model options. */
export type LmRequestOptions = Pick<ChatRequest, 'maxTokens' | 'temperature' | 'stop'>;

/**
 * Reads the caller's `modelOptions` (a free-form object: each API user spells them its own way) into
 * what the relay applies on its side. An answer cap matters most: relays bill every token they
 * generate, and many keep generating after the client hangs up, so a caller's limit must reach the
 * relay as `max_tokens` before the request is sent. Values of the wrong type are left out, not guessed at.
 */
export function lmRequestOptions(modelOptions: { readonly [name: string]: unknown } | undefined): LmRequestOptions {
  const options: LmRequestOptions = {};
  if (!modelOptions) return options;
  const cap = firstPositiveInteger(modelOptions, ['max_tokens', 'maxTokens', 'max_completion_tokens', 'max_output_tokens', 'maxOutputTokens']);
  if (cap !== undefined) options.maxTokens = cap;
  const temperature = modelOptions.temperature;
  if (typeof temperature === 'number' && Number.isFinite(temperature) && temperature >= 0) options.temperature = temperature;
  const stop = modelOptions.stop;
  if (typeof stop === 'string' && stop) options.stop = [stop];
  else if (Array.isArray(stop) && stop.length && stop.every((s) => typeof s === 'string' && s)) options.stop = stop as string[];
  return options;
}

function firstPositiveInteger(options: { readonly [name: string]: unknown }, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = options[name];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}
