import type { AnswerStats } from '../shared/protocol';
import { t } from './dom';

/** The line under an answer: tokens (and the relay's breakdown of them), time to first token, speed, cost, who answered. */
export function statsLine(s: AnswerStats): string {
  const parts = [s.estimated ? t('tokensEstimated', s.completionTokens) : t('tokens', s.completionTokens)];
  // The relay's own breakdown, when it gave one: reasoning is part of the answer's tokens, the cache part of the prompt's.
  if (s.reasoningTokens) parts.push(t('reasoningTokens', s.reasoningTokens));
  if (s.cachedPromptTokens && s.promptTokens !== undefined) parts.push(t('cachedTokens', s.cachedPromptTokens, s.promptTokens));
  if (s.ttftMs !== undefined) parts.push(t('ttft', s.ttftMs < 1000 ? `${s.ttftMs} ms` : `${(s.ttftMs / 1000).toFixed(1)} s`));
  if (s.tokensPerSecond !== undefined) parts.push(t('speed', s.tokensPerSecond));
  if (s.costUsd !== undefined) parts.push(`$${s.costUsd < 0.01 ? s.costUsd.toFixed(4) : s.costUsd.toFixed(3)}`);
  if (s.provider) parts.push(t('answeredBy', s.provider));
  return parts.join(' · ');
}
