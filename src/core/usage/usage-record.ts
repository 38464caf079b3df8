import { estimateTokens, priceFor, type Price } from '../chat/answer-stats';
import { dayOf } from '../completion/usage-ledger';

/** What asked for tokens: the panel's chat, Explain Selection, an inline completion, or `vscode.lm`. */
export type UsageSourceKind = 'chat' | 'explain' | 'completion' | 'lm';

export const USAGE_SOURCES: readonly UsageSourceKind[] = ['chat', 'explain', 'completion', 'lm'];

/**
 * One answered request, as stored (one JSON line each). Field names are the file format: add
 * optional fields, never rename one.
 */
export interface UsageRecord {
  /** Epoch ms when it was counted. */
  at: number;
  /** Local calendar day of `at`, YYYY-MM-DD (the day the user saw it on). */
  day: string;
  source: UsageSourceKind;
  model: string;
  /** Host of the answering provider's base URL, or a fallback provider's id. */
  provider: string;
  promptTokens: number;
  completionTokens: number;
  /** USD, when the model has a price; absent when `unpriced`. */
  costUsd?: number;
  unpriced?: true;
  /** Some count is an estimate: the relay reported none, or flagged its own as estimated. */
  estimated: boolean;
}

export interface CountedRequest {
  source: UsageSourceKind;
  model: string;
  provider: string;
  /** Counts the relay reported or that were estimated already; missing ones are estimated from the texts. */
  promptTokens?: number;
  completionTokens?: number;
  estimated?: boolean;
  promptText?: string;
  completionText?: string;
}

/** A record for one request, priced from `pricing` (USD per million tokens). */
export function usageRecord(request: CountedRequest, pricing: Record<string, Price>, at: number): UsageRecord {
  const promptTokens = request.promptTokens ?? estimateTokens(request.promptText ?? '');
  const completionTokens = request.completionTokens ?? estimateTokens(request.completionText ?? '');
  const estimated = Boolean(request.estimated) || request.promptTokens === undefined || request.completionTokens === undefined;
  const price = priceFor(request.model, pricing);
  const record: UsageRecord = {
    at, day: dayOf(at), source: request.source, model: request.model, provider: request.provider, promptTokens, completionTokens, estimated,
  };
  if (price) record.costUsd = (promptTokens * (price.input ?? 0) + completionTokens * price.output) / 1e6;
  else record.unpriced = true;
  return record;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A record read back from disk, or undefined when the line is not one. */
export function readUsageRecord(value: unknown): UsageRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  if (!isCount(r.at) || typeof r.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.day)) return undefined;
  if (!USAGE_SOURCES.includes(r.source as UsageSourceKind) || typeof r.model !== 'string' || typeof r.provider !== 'string') return undefined;
  if (!isCount(r.promptTokens) || !isCount(r.completionTokens) || typeof r.estimated !== 'boolean') return undefined;
  if (r.costUsd !== undefined && !isCount(r.costUsd)) return undefined;
  const record: UsageRecord = {
    at: r.at, day: r.day, source: r.source as UsageSourceKind, model: r.model, provider: r.provider,
    promptTokens: r.promptTokens, completionTokens: r.completionTokens, estimated: r.estimated,
  };
  if (r.costUsd !== undefined) record.costUsd = r.costUsd;
  else record.unpriced = true;
  return record;
}
