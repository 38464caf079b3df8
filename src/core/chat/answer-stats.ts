import type { AnswerStats } from './stored-chat';
import type { Usage } from '../types';

export interface Price {
  /** US dollars per million tokens. */
  input?: number;
  output: number;
}

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
  if (prompt === undefined && promptText !== undefined) prompt = estimateTokens(promptText);
  return { ...(prompt !== undefined ? { promptTokens: prompt } : {}), completionTokens: completion, estimated };
}

/**
 * Tokens, time to first token, tokens per second and cost of one answer. Without the relay's usage the
 * tokens are estimated from the answer's text and, when given, the request's (`promptText`).
 */
export function answerStats(text: string, usage: Usage | undefined, timing: AnswerTiming, price: Price | undefined, promptText?: string): AnswerStats {
  const { promptTokens, completionTokens, estimated } = tokenCounts(usage, text, promptText);
  const stats: AnswerStats = { completionTokens, estimated };
  if (promptTokens !== undefined) stats.promptTokens = promptTokens;
  if (timing.firstTokenAt !== undefined) {
    stats.ttftMs = Math.round(timing.firstTokenAt - timing.startedAt);
    const seconds = (timing.endedAt - timing.firstTokenAt) / 1000;
    if (seconds > 0.05 && completionTokens > 1) stats.tokensPerSecond = Math.round((completionTokens / seconds) * 10) / 10;
  }
  if (price) {
    const cost = (completionTokens * price.output + (promptTokens !== undefined && price.input ? promptTokens * price.input : 0)) / 1e6;
    stats.costUsd = cost;
  }
  return stats;
}

/** The price for a model: exact name first, then without a vendor prefix (`openai/gpt-4.1`). */
export function priceFor(model: string, pricing: Record<string, Price>): Price | undefined {
  const lower = model.toLowerCase();
  const table = Object.entries(pricing).map(([k, v]) => [k.toLowerCase(), v] as const);
  return table.find(([k]) => k === lower)?.[1] ?? table.find(([k]) => k === lower.replace(/^[^/]+\//, ''))?.[1];
}
