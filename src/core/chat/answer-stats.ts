import type { AnswerStats } from './stored-chat';
import type { Usage } from '../types';
import { costUsd, type Price } from '../usage/price';
import { modelFamily } from '../usage/pricing';

/**
 * A rough token count when the relay reports no usage: about one token per CJK character and one
 * per four other characters (BPE tokenizers give Han/kana roughly a token each). Shown as estimated.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) cjk++;
  }
  const other = text.length - cjk;
  return Math.max(text ? 1 : 0, Math.round(cjk + other / 4));
}

export interface AnswerTiming {
  startedAt: number;
  firstTokenAt?: number;
  endedAt: number;
}

/** One request's token counts: the relay's where it gave them, the rest estimated (and then marked so). */
export interface TokenCounts {
  /** Undefined only when the relay gave none and the prompt's text is not known. */
  promptTokens?: number;
  /** The part of promptTokens the relay said came from its prompt cache; only with the relay's own prompt count. */
  cachedTokens?: number;
  completionTokens: number;
  estimated: boolean;
}

/**
 * The counts of one request from the relay's usage (counts it could not be trusted with are absent,
 * see readUsage) and the texts. A relay's total without its parts is split with the estimate of the
 * part whose text is known (the prompt's when given: the answer may hold reasoning nobody saw). A
 * request without usage and without text is still counted (the prompt's estimate), never dropped.
 */
export function tokenCounts(usage: Usage | undefined, completionText: string, promptText?: string): TokenCounts {
  let prompt = usage?.promptTokens;
  let completion = usage?.completionTokens;
  const total = usage?.totalTokens;
  const estimated = !usage || usage.estimated === true || prompt === undefined || completion === undefined;
  if (total !== undefined) {
    if (prompt === undefined && completion !== undefined) prompt = Math.max(0, total - completion);
    else if (completion === undefined && prompt !== undefined) completion = Math.max(0, total - prompt);
    else if (prompt === undefined && completion === undefined) {
      if (promptText !== undefined) completion = total - (prompt = Math.min(total, estimateTokens(promptText)));
      else prompt = total - (completion = Math.min(total, estimateTokens(completionText)));
    }
  }
  completion ??= estimateTokens(completionText);
  // Reasoning is part of the answer's tokens: an estimate from the visible text must not bill less.
  if (usage?.reasoningTokens !== undefined && usage.reasoningTokens > completion) completion = usage.reasoningTokens;
  if (prompt === undefined && promptText !== undefined) prompt = estimateTokens(promptText);
  const cached = usage?.promptTokens !== undefined ? usage.cachedPromptTokens : undefined;
  return {
    ...(prompt !== undefined ? { promptTokens: prompt } : {}),
    ...(cached !== undefined && prompt !== undefined && cached <= prompt ? { cachedTokens: cached } : {}),
    completionTokens: completion, estimated,
  };
}

/**
 * Tokens, time to first token, tokens per second and cost of one answer. Without the relay's usage the
 * tokens are estimated from the answer's text and, when given, the request's (`promptText`).
 */
export function answerStats(text: string, usage: Usage | undefined, timing: AnswerTiming, price: Price | undefined, promptText?: string): AnswerStats {
  const { promptTokens, cachedTokens, completionTokens, estimated } = tokenCounts(usage, text, promptText);
  const stats: AnswerStats = { completionTokens, estimated };
  if (promptTokens !== undefined) stats.promptTokens = promptTokens;
  if (cachedTokens !== undefined) stats.cachedPromptTokens = cachedTokens;
  if (usage?.reasoningTokens !== undefined) stats.reasoningTokens = usage.reasoningTokens;
  if (timing.firstTokenAt !== undefined) {
    stats.ttftMs = Math.round(timing.firstTokenAt - timing.startedAt);
    const seconds = (timing.endedAt - timing.firstTokenAt) / 1000;
    if (seconds > 0.05 && completionTokens > 1) stats.tokensPerSecond = Math.round((completionTokens / seconds) * 10) / 10;
  }
  if (price) stats.costUsd = costUsd(price, promptTokens, completionTokens, cachedTokens);
  return stats;
}

/** A table's prices by lower-case name and by family, first entry first (tables are built once and not changed). */
const indexes = new WeakMap<Record<string, Price>, { byName: Map<string, Price>; byFamily: Map<string, Price> }>();

function indexOf(pricing: Record<string, Price>) {
  let index = indexes.get(pricing);
  if (!index) {
    index = { byName: new Map(), byFamily: new Map() };
    for (const [name, price] of Object.entries(pricing)) {
      if (!index.byName.has(name.toLowerCase())) index.byName.set(name.toLowerCase(), price);
      if (!index.byFamily.has(modelFamily(name))) index.byFamily.set(modelFamily(name), price);
    }
    indexes.set(pricing, index);
  }
  return index;
}

/**
 * The price for a model: its exact name first (any case), then the first entry of the same family
 * (`openai/gpt-4.1`, `gpt-4.1-2025-04-14` and `GPT-4.1` are gpt-4.1; `gpt-4.1-mini` is not; see
 * modelFamily). Undefined when nothing matches: the model is unpriced, never priced as a cousin.
 */
export function priceFor(model: string, pricing: Record<string, Price>): Price | undefined {
  const { byName, byFamily } = indexOf(pricing);
  return byName.get(model.toLowerCase()) ?? byFamily.get(modelFamily(model));
}
