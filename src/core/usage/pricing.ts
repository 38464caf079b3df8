import type { Price } from '../chat/answer-stats';

/**
 * Default prices, US dollars per million tokens (input = prompt, output = completion), as the model
 * makers publish them for direct API use (standard tier, no cache hits):
 * OpenAI https://openai.com/api/pricing/ (gpt-4.1 $2 / $8), Anthropic https://www.anthropic.com/pricing#api
 * (Claude Sonnet 4.5 $3 / $15 up to 200K prompt tokens), Google https://ai.google.dev/gemini-api/docs/pricing
 * (Gemini 2.5 Flash $0.30 / $2.50 for text), DeepSeek https://api-docs.deepseek.com/quick_start/pricing
 * (V3.2: $0.28 cache miss / $0.42). Relays resell at these or below; users set their relay's own.
 */
export const DEFAULT_PRICING: Readonly<Record<string, Price>> = {
  'gpt-4.1': { input: 2, output: 8 },
  'claude-sonnet-4.5': { input: 3, output: 15 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'deepseek-v3.2': { input: 0.28, output: 0.42 },
};

/** What is wrong with one `relayChat.pricing` entry. */
export type PricingProblemKind = 'not-object' | 'output' | 'input' | 'unknown-key';

export interface PricingProblem {
  /** The entry's model name, as the user wrote it. */
  model: string;
  kind: PricingProblemKind;
  /** For 'unknown-key': the key that is not `input` or `output`. */
  key?: string;
  /** An English sentence (the extension shows its own translation). */
  message: string;
}

export interface PricingReading {
  /** The defaults with every valid user entry over them. */
  prices: Record<string, Price>;
  problems: PricingProblem[];
}

const EXPECTED = 'expected { "input": <USD per million prompt tokens>, "output": <USD per million completion tokens> }, numbers >= 0';

const isRate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Reads the `relayChat.pricing` setting: the user's entries are merged over the defaults (adding one
 * model keeps the others priced). Each malformed entry is named in a problem and left out; the valid
 * ones still apply. An entry with a stray key still applies its rates (the key is reported).
 */
export function readPricing(value: unknown): PricingReading {
  const prices: Record<string, Price> = { ...DEFAULT_PRICING };
  const problems: PricingProblem[] = [];
  if (value === undefined || value === null) return { prices, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ model: '', kind: 'not-object', message: `relayChat.pricing must be an object of model names to prices: ${EXPECTED}` });
    return { prices, problems };
  }
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    const problem = (kind: PricingProblemKind, detail: string, key?: string) =>
      problems.push({ model, kind, ...(key !== undefined ? { key } : {}), message: `relayChat.pricing "${model}": ${detail}; ${EXPECTED}` });
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problem('not-object', `the price is ${JSON.stringify(entry) ?? String(entry)}, not an object`);
      continue;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) if (key !== 'input' && key !== 'output') problem('unknown-key', `"${key}" is not a price field`, key);
    if (!isRate(e.output)) {
      problem('output', e.output === undefined ? '"output" is missing' : `"output" is ${JSON.stringify(e.output)}`);
      continue;
    }
    if (e.input !== undefined && !isRate(e.input)) {
      problem('input', `"input" is ${JSON.stringify(e.input)}`);
      continue;
    }
    prices[model] = { output: e.output, ...(e.input !== undefined ? { input: e.input as number } : {}) };
  }
  return { prices, problems };
}
