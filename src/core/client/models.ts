import type { Price } from '../usage/price';
import { readCapabilities, type ModelCapabilities } from './model-capabilities';

/** What a relay's model list says about one model; the limits and the price only when it reports them. */
export interface ModelDetails extends ModelCapabilities {
  id: string;
  /** A display name, when the relay gives one besides the id (OpenRouter does). */
  name?: string;
  /** The whole context window, input and output together, in tokens. */
  contextLength?: number;
  /** The most tokens one answer may have. */
  maxOutputTokens?: number;
  /** What the relay says it charges, US dollars per million tokens. */
  price?: Price;
}

/**
 * Above this many US dollars per million tokens a published rate is taken for a mistake (the dearest
 * public models cost a few hundred): the model is then priced as if the relay had said nothing.
 */
const MAX_RATE_PER_MILLION = 1000;

/** A per-token rate as OpenRouter writes it ("0.000002", a decimal string; a number is read too), per million. */
function perMillion(v: unknown): number | undefined {
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string' || !/^\d+(\.\d+)?(e-?\d+)?$/i.test(text.trim())) return undefined;
  const rate = Number((Number(text) * 1e6).toPrecision(12)); // "0.000008" is 8, not 8.000000000000002
  return Number.isFinite(rate) && rate <= MAX_RATE_PER_MILLION ? rate : undefined;
}

/** OpenRouter's convention for a model offered at no charge: its id ends in `:free`. */
const isFreeModel = (id: string) => /:free$/i.test(id);

/**
 * The price a model list publishes for model `id`: OpenRouter's (and its imitators')
 * `pricing: { prompt: "0.000002", completion: "0.000008", input_cache_read: "0.0000005" }`, US dollars
 * per token (the cache-read rate is optional). Both main rates are
 * needed: a completion rate alone would make the prompt, nearly all of an inline completion's cost,
 * free. A rate of 0 is believed only for a model whose id says it is free (`…:free`): a relay that
 * lists a paid model at 0 would switch every budget off. Anything else — a missing rate, a 0 for a
 * paid model, a negative rate (OpenRouter's `-1` for its router, whose price depends on the model it
 * picks), text, an absurd number — is no price, and the defaults by family apply.
 */
export function readPublishedPrice(pricing: unknown, id: string): Price | undefined {
  if (!pricing || typeof pricing !== 'object') return undefined;
  const p = pricing as Record<string, unknown>;
  const input = perMillion(p.prompt);
  const output = perMillion(p.completion);
  if (input === undefined || output === undefined) return undefined;
  if ((input === 0 || output === 0) && !isFreeModel(id)) return undefined;
  // OpenRouter's cache-read rate, when listed. Trusted only up to the input rate: a cache read is a
  // discount, and a 0 for a paid model (as for the main rates) would make every cached token free.
  const cachedInput = perMillion(p.input_cache_read);
  const cached = cachedInput !== undefined && cachedInput <= input && (cachedInput > 0 || input === 0) ? { cachedInput } : {};
  return { input, output, ...cached };
}

/** The prices a model list publishes, by model id (see readPublishedPrice). */
export function publishedPrices(models: readonly ModelDetails[]): Record<string, Price> {
  return Object.fromEntries(models.flatMap((m) => (m.price ? [[m.id, m.price] as const] : [])));
}

const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined);

/**
 * One entry of a model list. Limits come under the names relays use: `context_length` (OpenRouter,
 * Together), `max_model_len` (vLLM), `context_window`, and for answers `max_output_tokens`,
 * `max_completion_tokens` or OpenRouter's `top_provider.max_completion_tokens`.
 */
function readDetails(item: unknown): ModelDetails | undefined {
  if (typeof item === 'string') return item ? { id: item } : undefined;
  if (!item || typeof item !== 'object') return undefined;
  const m = item as Record<string, unknown>;
  const id = m.id ?? m.name ?? m.model;
  if (typeof id !== 'string' || !id) return undefined;
  const top = (m.top_provider && typeof m.top_provider === 'object' ? m.top_provider : {}) as Record<string, unknown>;
  const contextLength = positive(m.context_length) ?? positive(m.max_model_len) ?? positive(m.context_window) ?? positive(top.context_length);
  const maxOutputTokens = positive(m.max_output_tokens) ?? positive(m.max_completion_tokens) ?? positive(top.max_completion_tokens);
  const name = typeof m.name === 'string' && m.name && m.name !== id ? m.name : undefined;
  const price = readPublishedPrice(m.pricing, id);
  return {
    id, ...(name ? { name } : {}), ...(contextLength ? { contextLength } : {}), ...(maxOutputTokens ? { maxOutputTokens } : {}), ...(price ? { price } : {}),
    ...readCapabilities(m),
  };
}

/** Reads the model list out of the shapes relays use: {data:[…]}, {models:[…]}, or a bare array; sorted by id. */
export function readModelDetails(value: unknown): ModelDetails[] {
  const v = value as { data?: unknown; models?: unknown } | unknown[] | undefined;
  const list = Array.isArray(v) ? v : Array.isArray(v?.data) ? v.data : Array.isArray(v?.models) ? v.models : [];
  const byId = new Map<string, ModelDetails>();
  for (const item of list) {
    const details = readDetails(item);
    if (details && !byId.has(details.id)) byId.set(details.id, details);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The model names of a list (see readModelDetails). */
export function readModelList(value: unknown): string[] {
  return readModelDetails(value).map((m) => m.id);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length] as number;
}

const simplify = (name: string) => name.toLowerCase().replace(/^[^/]+\//, '').replace(/[\s_.:]+/g, '-');

/** The available names closest to what the user asked for, best first. */
export function nearestModels(wanted: string, available: string[], count = 3): string[] {
  const target = simplify(wanted);
  return available
    .map((name) => {
      const candidate = simplify(name);
      const contains = candidate.includes(target) || target.includes(candidate);
      return { name, score: editDistance(target, candidate) - (contains ? 3 : 0) };
    })
    .filter((c) => c.score <= Math.max(4, Math.ceil(target.length * 0.6)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((c) => c.name);
}

/** A small time-limited cache of model lists per endpoint (and key). */
export class ModelCache {
  private readonly entries = new Map<string, { at: number; models: ModelDetails[] }>();

  constructor(private readonly ttlMs = 5 * 60_000) {}

  get(key: string, now = Date.now()): ModelDetails[] | undefined {
    const entry = this.entries.get(key);
    return entry && now - entry.at < this.ttlMs ? entry.models : undefined;
  }

  set(key: string, models: ModelDetails[], now = Date.now()): void {
    this.entries.set(key, { at: now, models });
  }

  clear(): void {
    this.entries.clear();
  }
}
