import type { Price } from './price';

/**
 * Default prices, US dollars per million tokens (input = prompt, output = completion, cachedInput =
 * prompt tokens read from the prompt cache), as the model makers list them for direct API use
 * (standard tier), checked in late 2025. These are list prices: relays resell at these rates or below
 * (often well below), so a default never under-counts what a relay charges; users set their relay's own.
 */
export const DEFAULT_PRICING: Readonly<Record<string, Price>> = {
  // OpenAI, https://openai.com/api/pricing/ (GPT-4.1 family since 2025-04-14; GPT-4o mini since 2024-07-18;
  // cached input as listed there, checked 2025-11: a quarter of input for GPT-4.1, half for GPT-4o mini).
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  // Anthropic, https://www.anthropic.com/pricing#api (Sonnet 4.5, 2025-09-29: $3 / $15 up to 200K prompt
  // tokens; Haiku 4.5, 2025-10-15: $1 / $5). cachedInput is "cache hits & refreshes" (a tenth of input),
  // checked 2025-11; cache writes ($3.75 / $1.25) are priced as ordinary input.
  'claude-sonnet-4.5': { input: 3, cachedInput: 0.3, output: 15 },
  'claude-haiku-4.5': { input: 1, cachedInput: 0.1, output: 5 },
  // Google, https://ai.google.dev/gemini-api/docs/pricing (text input; 2.5 Flash GA 2025-06-17, 2.5 Flash-Lite GA 2025-07-22;
  // cachedInput is the context caching price for text, checked 2025-11; storage per hour is not counted).
  'gemini-2.5-flash': { input: 0.3, cachedInput: 0.03, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.01, output: 0.4 },
  // DeepSeek, https://api-docs.deepseek.com/quick_start/pricing (V3.2, since 2025-09-29: $0.28 cache miss,
  // $0.028 cache hit, $0.42 output, checked 2025-11; its API names deepseek-chat and deepseek-reasoner are
  // both V3.2, see MODEL_ALIASES).
  'deepseek-v3.2': { input: 0.28, cachedInput: 0.028, output: 0.42 },
};

/** API names that are another model's family (DeepSeek's two API names serve V3.2 at the same price). */
const MODEL_ALIASES: Readonly<Record<string, string>> = {
  'deepseek-chat': 'deepseek-v3-2',
  'deepseek-reasoner': 'deepseek-v3-2',
};

/**
 * The model a name means, for pricing: lower case, without a provider prefix (`openai/gpt-4.1`), a
 * release date (`-2025-04-14`, `-20250929`, `@20250929`) or `-latest`, dots and underscores as dashes
 * (`claude-sonnet-4.5` = `claude-sonnet-4-5`). Everything else stays: `gpt-4.1-mini` is not `gpt-4.1`,
 * and `:free` or `-preview` variants are their own models (unpriced unless the relay or user prices them).
 */
export function modelFamily(name: string): string {
  let family = families.get(name);
  if (family === undefined) {
    if (families.size >= 5000) families.clear(); // bounded: names come from relays' lists
    families.set(name, (family = familyOf(name)));
  }
  return family;
}

/** modelFamily's answers: a relay's list of hundreds of models is looked through on each price. */
const families = new Map<string, string>();

function familyOf(name: string): string {
  const family = name.trim().toLowerCase()
    .replace(/^.*\//, '')
    .replace(/@\d{8}$/, '')
    .replace(/[._\s]+/g, '-')
    .replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, '');
  return MODEL_ALIASES[family] ?? family;
}

/**
 * One table of prices with the precedence built in: the user's entries, then the relay's published
 * prices, then the defaults. A relay or default entry that a user entry would match (by name or
 * family) is left out, so priceFor's "exact name first, then family, in table order" always lets the
 * user's entry win; a relay's price for a model id comes before the defaults of its family.
 */
export function pricingTable(user: Readonly<Record<string, Price>>, relay: Readonly<Record<string, Price>> = {}, defaults: Readonly<Record<string, Price>> = DEFAULT_PRICING): Record<string, Price> {
  const table: Record<string, Price> = { ...user };
  const names = new Set(Object.keys(user).map((k) => k.toLowerCase()));
  const userFamilies = new Set(Object.keys(user).map(modelFamily));
  for (const layer of [relay, defaults]) {
    for (const [model, price] of Object.entries(layer)) {
      if (names.has(model.toLowerCase()) || userFamilies.has(modelFamily(model))) continue;
      names.add(model.toLowerCase());
      table[model] = price;
    }
  }
  return table;
}

/** What is wrong with one `relayChat.pricing` entry. */
export type PricingProblemKind = 'not-object' | 'output' | 'input' | 'cachedInput' | 'unknown-key';

export interface PricingProblem {
  /** The entry's model name, as the user wrote it. */
  model: string;
  kind: PricingProblemKind;
  /** For 'unknown-key': the key that is not `input`, `cachedInput` or `output`. */
  key?: string;
  /** An English sentence (the extension shows its own translation). */
  message: string;
}

export interface PricingReading {
  /** The defaults with every valid user entry over them (see pricingTable). */
  prices: Record<string, Price>;
  /** The user's valid entries alone. */
  entries: Record<string, Price>;
  problems: PricingProblem[];
}

const EXPECTED = 'expected { "input": <USD per million prompt tokens>, "output": <USD per million completion tokens> } and optionally "cachedInput": <USD per million cached prompt tokens>, numbers >= 0';

const PRICE_KEYS = new Set(['input', 'cachedInput', 'output']);

const isRate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Reads the `relayChat.pricing` setting: the user's entries are merged over the defaults (adding one
 * model keeps the others priced; an entry for a family replaces that family's default). Each malformed entry is named in a problem and left out; the valid
 * ones still apply. An entry with a stray key still applies its rates (the key is reported).
 */
export function readPricing(value: unknown): PricingReading {
  const entries: Record<string, Price> = {};
  const problems: PricingProblem[] = [];
  const reading = (): PricingReading => ({ prices: pricingTable(entries), entries, problems });
  if (value === undefined || value === null) return reading();
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ model: '', kind: 'not-object', message: `relayChat.pricing must be an object of model names to prices: ${EXPECTED}` });
    return reading();
  }
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    const problem = (kind: PricingProblemKind, detail: string, key?: string) =>
      problems.push({ model, kind, ...(key !== undefined ? { key } : {}), message: `relayChat.pricing "${model}": ${detail}; ${EXPECTED}` });
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problem('not-object', `the price is ${JSON.stringify(entry) ?? String(entry)}, not an object`);
      continue;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) if (!PRICE_KEYS.has(key)) problem('unknown-key', `"${key}" is not a price field`, key);
    if (!isRate(e.output)) {
      problem('output', e.output === undefined ? '"output" is missing' : `"output" is ${JSON.stringify(e.output)}`);
      continue;
    }
    if (e.input !== undefined && !isRate(e.input)) {
      problem('input', `"input" is ${JSON.stringify(e.input)}`);
      continue;
    }
    // A malformed cached rate could price cached tokens at anything: the entry waits for a fix, like a bad input rate.
    if (e.cachedInput !== undefined && !isRate(e.cachedInput)) {
      problem('cachedInput', `"cachedInput" is ${JSON.stringify(e.cachedInput)}`);
      continue;
    }
    entries[model] = {
      output: e.output, ...(e.input !== undefined ? { input: e.input as number } : {}), ...(e.cachedInput !== undefined ? { cachedInput: e.cachedInput as number } : {}),
    };
  }
  return reading();
}
