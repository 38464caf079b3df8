/** Token limits of one model: its whole context window and the longest answer it may give. */
export interface ModelLimits {
  contextLength: number;
  maxOutputTokens: number;
}

/**
 * Published limits of widely relayed model families, for relays whose model list carries none (most
 * do not). Matched on the start of the name without a vendor prefix, longest first, so
 * `openai/gpt-4.1-mini` and `gpt-4.1-2025-04-14` are both `gpt-4.1`.
 */
const KNOWN: Record<string, ModelLimits> = {
  'gpt-4.1': { contextLength: 1_047_576, maxOutputTokens: 32_768 },
  'gpt-4o': { contextLength: 128_000, maxOutputTokens: 16_384 },
  'gpt-5': { contextLength: 400_000, maxOutputTokens: 128_000 },
  o3: { contextLength: 200_000, maxOutputTokens: 100_000 },
  'o4-mini': { contextLength: 200_000, maxOutputTokens: 100_000 },
  'claude-sonnet-4': { contextLength: 200_000, maxOutputTokens: 64_000 },
  'claude-haiku-4': { contextLength: 200_000, maxOutputTokens: 64_000 },
  'claude-opus-4': { contextLength: 200_000, maxOutputTokens: 32_000 },
  'gemini-2.5': { contextLength: 1_048_576, maxOutputTokens: 65_536 },
  'deepseek-chat': { contextLength: 128_000, maxOutputTokens: 8_192 },
  'deepseek-v3': { contextLength: 128_000, maxOutputTokens: 8_192 },
  'deepseek-reasoner': { contextLength: 128_000, maxOutputTokens: 65_536 },
};

/**
 * For a model nobody told us about: small enough for most models a relay or a local server (Ollama,
 * LM Studio) serves. Too small only makes VS Code trim a long conversation sooner; too large would
 * make the relay refuse it.
 */
export const DEFAULT_LIMITS: Readonly<ModelLimits> = { contextLength: 32_768, maxOutputTokens: 4_096 };

/**
 * The entry of `table` for the family `model` belongs to: the longest key the name (without a vendor
 * prefix) is, or starts with before a separator, so `gpt-4.1` does not match `gpt-4.10`.
 */
export function familyEntry<T>(table: Readonly<Record<string, T>>, model: string): T | undefined {
  const name = model.toLowerCase().replace(/^.*\//, '');
  const key = Object.keys(table).sort((a, b) => b.length - a.length)
    .find((k) => name === k || (name.startsWith(k) && /^[-.:_@]/.test(name.slice(k.length))));
  return key ? table[key] : undefined;
}

/** The published limits of the family `model` belongs to, if we know them. */
export function knownLimits(model: string): ModelLimits | undefined {
  return familyEntry(KNOWN, model);
}
