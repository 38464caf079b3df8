import { estimateTokens, priceFor, tokenCounts } from '../chat/answer-stats';
import type { Usage } from '../types';
import { dayOf } from '../util/calendar';
import { costUsd, type Price } from './price';
import { tokenCount } from './token-count';

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
  /** One of USAGE_SOURCES when written by this version; a newer version's source is kept as it is. */
  source: UsageSourceKind | (string & {});
  model: string;
  /** Host of the answering provider's base URL, or a fallback provider's id. */
  provider: string;
  promptTokens: number;
  /** The part of promptTokens the relay served from its prompt cache, when it reported one (priced at the cached-input rate). */
  cachedTokens?: number;
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
  /** Counts the relay reported or that were estimated already; missing (or untrustworthy) ones are estimated from the texts. */
  promptTokens?: number;
  /** The part of promptTokens the relay reported as cached; ignored without the relay's promptTokens. */
  cachedTokens?: number;
  completionTokens?: number;
  estimated?: boolean;
  promptText?: string;
  completionText?: string;
}

/** An inline completion request as the engine counts it (the relay's usage, and the texts for estimates). */
export interface RequestRecord {
  model: string;
  /** What the relay reported, when it did. */
  usage: Usage | undefined;
  promptText: string;
  completionText: string;
}

/** The counted request for an inline completion: the relay's counts where trusted, the rest estimated. */
export function completionRequest(request: RequestRecord, provider: string): CountedRequest {
  const counts = tokenCounts(request.usage, request.completionText, request.promptText);
  return {
    source: 'completion', model: request.model, provider, completionTokens: counts.completionTokens, estimated: counts.estimated, promptText: request.promptText,
    ...(counts.promptTokens !== undefined ? { promptTokens: counts.promptTokens } : {}), ...(counts.cachedTokens !== undefined ? { cachedTokens: counts.cachedTokens } : {}),
  };
}

/** A record for one request, priced from `pricing` (USD per million tokens). */
export function usageRecord(request: CountedRequest, pricing: Record<string, Price>, at: number): UsageRecord {
  const reportedPrompt = tokenCount(request.promptTokens);
  const reportedCompletion = tokenCount(request.completionTokens);
  const promptTokens = reportedPrompt ?? estimateTokens(request.promptText ?? '');
  const completionTokens = reportedCompletion ?? estimateTokens(request.completionText ?? '');
  const estimated = Boolean(request.estimated) || reportedPrompt === undefined || reportedCompletion === undefined;
  // A cached count is believed only as a part of the relay's own prompt count: else every prompt token costs the full rate.
  const reportedCached = reportedPrompt !== undefined ? tokenCount(request.cachedTokens) : undefined;
  const cachedTokens = reportedCached !== undefined && reportedCached <= promptTokens ? reportedCached : undefined;
  const price = priceFor(request.model, pricing);
  const record: UsageRecord = {
    at, day: dayOf(at), source: request.source, model: request.model, provider: request.provider, promptTokens, completionTokens, estimated,
  };
  if (cachedTokens !== undefined) record.cachedTokens = cachedTokens;
  if (price) record.costUsd = costUsd(price, promptTokens, completionTokens, cachedTokens);
  else record.unpriced = true;
  return record;
}

const isCost = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A record read back from disk, or undefined when the line is not one (then it is skipped and
 * reported, the rest of the file still counts). A newer version's line is read as far as it can be:
 * extra fields are ignored, an unknown source is kept, an optional field of another shape is left out.
 * What a count needs — when, which day, what, from where, how many tokens — must be there and sane.
 */
export function readUsageRecord(value: unknown): UsageRecord | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  const promptTokens = typeof r.promptTokens === 'number' ? tokenCount(r.promptTokens) : undefined;
  const completionTokens = typeof r.completionTokens === 'number' ? tokenCount(r.completionTokens) : undefined;
  if (!isCost(r.at) || typeof r.day !== 'string' || !DAY.test(r.day) || promptTokens === undefined || completionTokens === undefined) return undefined;
  if (typeof r.source !== 'string' || !r.source || typeof r.model !== 'string' || typeof r.provider !== 'string') return undefined;
  const record: UsageRecord = {
    at: r.at, day: r.day, source: r.source, model: r.model, provider: r.provider, promptTokens, completionTokens,
    // Unknown whether the counts were the relay's: say they may be estimates.
    estimated: typeof r.estimated === 'boolean' ? r.estimated : true,
  };
  const cachedTokens = typeof r.cachedTokens === 'number' ? tokenCount(r.cachedTokens) : undefined;
  if (cachedTokens !== undefined && cachedTokens <= promptTokens) record.cachedTokens = cachedTokens;
  if (isCost(r.costUsd)) record.costUsd = r.costUsd;
  else record.unpriced = true;
  return record;
}
