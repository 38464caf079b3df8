// The public entry of the Relay Chat core: plain Node, no VS Code. See docs/core-api.md.
import { RelayClient } from './client/client';
import type { ChatMessage, ClientOptions, KeySource, StreamEvent, TransportChoice } from './types';

export { RelayClient, type HealthReport } from './client/client';
export * from './errors';
export * from './types';
export { normaliseBaseUrl, normaliseApiKey, isPlaceholderKey, webSocketUrl } from './client/endpoint';
export { nearestModels, publishedPrices, readModelDetails, readModelList, readPublishedPrice, type ModelDetails } from './client/models';
export { diagnose, type DiagnosticReport, type DiagnosticStep, type StepId, type StepOutcome } from './client/diagnose';
export { Redactor } from './client/redact';
export { QuirkMemory, quirkKey, readLearnedQuirks, sharedQuirkStore, withQuirk, type LearnedQuirks, type QuirkStore } from './client/quirk-memory';
export { QUIRKS, type Quirk } from './client/quirks';
export { backoffDelay, parseRetryAfter } from './client/retry';
export { SETTING_DEFAULTS, type SettingDefaults } from './client/defaults';
export { ChatStore, chatIdOf, type LoadResult, type RereadResult } from './chat/chat-store';
export { ChatFolderWatch } from './chat/chat-folder-watch';
export type { AnswerStats, ChatAttachment, StoredChat, StoredError, StoredMessage, StoredMessageState } from './chat/stored-chat';
export { chatMessages, conversationMessages, explainPrompt, type ExplainRequest } from './chat/prompts';
export { chatTitle } from './chat/chat-title';
export { AutoContinue } from './chat/auto-continue';
export {
  CompletionEngine, type CompletionEngineOptions, type CompletionSettings, type CompletionTrace, type Clock, type Suggestion, type SuggestionSource,
} from './completion/engine';
export type { CompletionClient } from './completion/routed-stream';
export { CONTEXT_WINDOW, wantsBlock, type CompletionContext, type Cursor } from './completion/context';
export type { CompletionMode } from './completion/route-memory';
export type { CompletionRoute } from './completion/request-shape';
export { CREDIT_RETRY_MS, type CompletionState, type PauseReason } from './completion/pause-state';
export type { KeyValueStore } from './util/key-value-store';
export { dayOf } from './util/calendar';
export { AutoModelChoice, pickCompletionModel, type AutoModelDeps } from './completion/model-choice';
export { SharedStateFile, type SharedStateOptions, type SharedStore } from './util/shared-state-file';
export { watchFolder } from './util/watch-folder';
export { LEGACY_GLOBAL_STATE_KEYS, MAX_SNOOZE_MS, SHARED_KEYS, activeSnooze, moveLegacyState, type LegacyStore } from './util/shared-state-keys';
export { cleanCompletion } from './completion/clean';
export { answerStats, estimateTokens, priceFor, tokenCounts, type AnswerTiming, type TokenCounts } from './chat/answer-stats';
export { costUsd, type Price } from './usage/price';
export { AnswerMeter } from './chat/answer-meter';
export { addAnswerStats } from './chat/answer-parts';
export { CONTINUE_INSTRUCTION, continuationMessages, stitchAnswer } from './chat/continuation';
export { ContinuationStitcher } from './chat/continuation-stitcher';
export { isDroppedAnswer } from './chat/dropped-answer';
export { ThinkTagSplitter, type ThinkPart } from './chat/think-tags';
export { AnswerText, type AnswerTextChange } from './chat/answer-text';
export { RelayPrices } from './usage/relay-prices';
export { DEFAULT_PRICING, modelFamily, pricingTable, readPricing, type PricingProblem, type PricingProblemKind, type PricingReading } from './usage/pricing';
export {
  USAGE_SOURCES, completionRequest, readUsageRecord, usageRecord, type CountedRequest, type RequestRecord, type UsageRecord, type UsageSourceKind,
} from './usage/usage-record';
export { MAX_REQUEST_TOKENS, tokenCount } from './usage/token-count';
export type { RunningTotals } from './usage/usage-tally';
export { UsageStore, isUsageFile, usageFileName, type SkippedLines, type UsageStoreOptions } from './usage/usage-store';
export { REPORT_DAYS, emptyTotals, lastDays, usageReport, type UsageDay, type UsageLine, type UsageReport, type UsageTotals } from './usage/usage-report';
export { BUDGET_WARN_AT, BudgetGate, OPEN_GATE, budgetLevel, type BudgetAnswer, type BudgetGateDeps, type BudgetLevel, type BudgetStore, type RequestGate, type Spending } from './usage/budget';
export { chatModelInfo, type ChatModelInfo, type LimitsSource } from './lm/model-info';
export { lmRequestOptions, type LmRequestOptions } from './lm/model-options';
export { lmChatMessages, lmTurnText, type LmAccepts, type LmConversion, type LmPart, type LmTurn, type LmUnsupported } from './lm/messages';
export { toolCallInput, type ToolCallInput, type ToolCallProblem } from './lm/tool-call-input';
export { isContextExceeded } from './lm/context-exceeded';
export { AnswerOnly } from './lm/answer-only';
export { DEFAULT_EXCLUDE, ExcludedFiles, PROFILE_SCHEME, type Exclusion, type FileToSend, type InvalidGlob } from './privacy/excluded-files';
export { EDITOR_CHAT_INITIATORS, LmAccessGate, UNNAMED_CALLER, lmAccess, type AccessAnswer, type AccessGateDeps, type Admission, type LmAccess, type RememberedAccess } from './lm/access';
export { TOKEN_FAMILIES, tokenFamily, type TokenFamily } from './tokens/token-family';
export { estimateCounter, tokenCounterFor, type TokenCounter } from './tokens/token-counter';
export { countMessageTokens, countRequestTokens, countToolTokens } from './tokens/message-tokens';
export { imageSize, type ImageSize } from './tokens/image-size';
export { imageTokens } from './tokens/image-tokens';
export { loadedEncodings } from './tokens/encoding';

export interface StreamChatOptions extends Omit<ClientOptions, 'providers' | 'transport'> {
  baseUrl: string;
  apiKey?: KeySource;
  model: string;
  messages: ChatMessage[];
  transport?: TransportChoice;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  temperature?: number;
  maxTokens?: number;
}

/**
 * One-shot streaming chat completion. For many requests create a RelayClient once and reuse it
 * (it keeps WebSocket connections and what it learnt about the endpoint).
 *
 *   for await (const event of streamChat({ baseUrl, apiKey, model, messages, signal })) {
 *     if (event.type === 'text') process.stdout.write(event.text);
 *   }
 */
export async function* streamChat(options: StreamChatOptions): AsyncGenerator<StreamEvent, void, undefined> {
  const { baseUrl, apiKey, model, messages, transport, signal, headers, temperature, maxTokens, ...clientOptions } = options;
  const client = new RelayClient({
    ...clientOptions,
    providers: [{ id: 'default', baseUrl, ...(apiKey !== undefined ? { apiKey } : {}), ...(headers ? { headers } : {}) }],
    ...(transport ? { transport } : {}),
  });
  try {
    yield* client.streamChat({
      model, messages,
      ...(signal ? { signal } : {}),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
    });
  } finally {
    client.close();
  }
}
