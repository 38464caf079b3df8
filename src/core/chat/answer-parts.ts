import type { AnswerStats } from './stored-chat';

/**
 * The stats of an answer made of parts (a dropped answer and its continuation): what both parts cost.
 * Tokens and cost add up; estimated if either part was; the time to the first token is the first part's
 * (when the user first saw text), the speed and the transport the latest part's.
 */
export function addAnswerStats(before: AnswerStats, part: AnswerStats): AnswerStats {
  const sum = (a: number | undefined, b: number | undefined) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  const promptTokens = sum(before.promptTokens, part.promptTokens);
  const cachedPromptTokens = sum(before.cachedPromptTokens, part.cachedPromptTokens);
  const reasoningTokens = sum(before.reasoningTokens, part.reasoningTokens);
  const costUsd = sum(before.costUsd, part.costUsd);
  const ttftMs = before.ttftMs ?? part.ttftMs;
  const provider = part.provider ?? before.provider;
  const transport = part.transport ?? before.transport;
  return {
    completionTokens: before.completionTokens + part.completionTokens,
    estimated: before.estimated || part.estimated,
    ...(promptTokens !== undefined ? { promptTokens } : {}),
    ...(cachedPromptTokens !== undefined ? { cachedPromptTokens } : {}),
    ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
    ...(costUsd !== undefined ? { costUsd } : {}),
    ...(ttftMs !== undefined ? { ttftMs } : {}),
    ...(part.tokensPerSecond !== undefined ? { tokensPerSecond: part.tokensPerSecond } : {}),
    ...(provider !== undefined ? { provider } : {}),
    ...(transport !== undefined ? { transport } : {}),
  };
}
