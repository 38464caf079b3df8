import type { AnswerStats, ChatAttachment, StoredChat, StoredError, StoredMessage } from '../../core';
import {
  isFixAction, type AnswerStats as StatsView, type Attachment, type ChatSummary, type ChatView, type ErrorView, type MessageView,
} from '../../shared/protocol';

// Between the chat format on disk (the core's StoredChat) and what the panel shows (the protocol's
// views). Fields are copied one by one: a field added to either side is a decision, not an accident.

export function attachmentView(a: ChatAttachment): Attachment {
  return { kind: a.kind, path: a.path, language: a.language, text: a.text, ...lines(a) };
}

export function storedAttachment(a: Attachment): ChatAttachment {
  return { kind: a.kind, path: a.path, language: a.language, text: a.text, ...lines(a) };
}

function lines(a: { startLine?: number; endLine?: number }): { startLine?: number; endLine?: number } {
  return { ...(a.startLine !== undefined ? { startLine: a.startLine } : {}), ...(a.endLine !== undefined ? { endLine: a.endLine } : {}) };
}

export function statsView(s: AnswerStats): StatsView {
  const { completionTokens, promptTokens, cachedPromptTokens, reasoningTokens, estimated, ttftMs, tokensPerSecond, costUsd, provider, transport } = s;
  return {
    completionTokens, estimated,
    ...(promptTokens !== undefined ? { promptTokens } : {}),
    ...(cachedPromptTokens !== undefined ? { cachedPromptTokens } : {}), ...(reasoningTokens !== undefined ? { reasoningTokens } : {}), ...(ttftMs !== undefined ? { ttftMs } : {}),
    ...(tokensPerSecond !== undefined ? { tokensPerSecond } : {}), ...(costUsd !== undefined ? { costUsd } : {}),
    ...(provider !== undefined ? { provider } : {}), ...(transport !== undefined ? { transport } : {}),
  };
}

/** Fixes this version does not know (a newer one wrote the file) are left out. */
export function errorView(e: StoredError): ErrorView {
  return { message: e.message, actions: e.actions.filter(isFixAction) };
}

export function messageView(m: StoredMessage): MessageView {
  return {
    id: m.id, role: m.role, text: m.text, state: m.state,
    ...(m.reasoning !== undefined ? { reasoning: m.reasoning } : {}),
    ...(m.attachments?.length ? { attachments: m.attachments.map(attachmentView) } : {}),
    ...(m.error ? { error: errorView(m.error) } : {}),
    ...(m.stats ? { stats: statsView(m.stats) } : {}),
    ...(m.model !== undefined ? { model: m.model } : {}),
    ...(m.prompt !== undefined ? { prompt: m.prompt } : {}),
    ...(m.incomplete ? { incomplete: true } : {}),
    ...(m.continuable ? { continuable: true } : {}),
  };
}

export function chatSummary(c: StoredChat): ChatSummary {
  return { id: c.id, title: c.title, updatedAt: c.updatedAt, model: c.model };
}

/**
 * `streamingHere`: the answer this window streams, if any. Another window's answer still streaming in
 * the file is shown as far as it got, as stopped: this panel cannot stop it, and its composer must stay
 * free. It is shown again whole when that window writes its end.
 */
export function chatView(c: StoredChat, streamingHere?: string): ChatView {
  return {
    ...chatSummary(c),
    messages: c.messages.map((m) => messageView(m.state === 'streaming' && m.id !== streamingHere ? { ...m, state: 'stopped' } : m)),
  };
}
