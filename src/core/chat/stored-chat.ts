// The chat format on disk: the core's own type, versioned, independent of the webview's protocol
// (src/shared/protocol.ts). The VS Code adapter maps between the two (src/vscode/chat/chat-mapping.ts),
// so a change to what the panel shows never silently changes what is written to the user's disk.

// Field names are part of the version 1 file format: add optional fields, never rename one.

/** Code the user attached to a turn, as sent to the model. */
export interface ChatAttachment {
  kind: 'selection' | 'file';
  text: string;
  /** Workspace-relative, as the user and the model saw it. */
  path: string;
  /** VS Code language id (fences the code in the prompt). */
  language: string;
  /** Lines of a selection, 1-based, inclusive. */
  startLine?: number;
  endLine?: number;
}

/** What one answer cost and how fast it came. */
export interface AnswerStats {
  completionTokens: number;
  /** True when counted from the text because the relay sent no usage. */
  estimated: boolean;
  promptTokens?: number;
  /** The part of promptTokens the relay served from its prompt cache, when it said so. */
  cachedPromptTokens?: number;
  /** The part of completionTokens the model spent reasoning, when the relay said so. */
  reasoningTokens?: number;
  costUsd?: number;
  ttftMs?: number;
  tokensPerSecond?: number;
  transport?: 'sse' | 'websocket';
  /** Set only when a fallback provider answered. */
  provider?: string;
}

export interface StoredError {
  message: string;
  /** Names of the fixes offered (the adapter keeps only the ones it knows). */
  actions: string[];
}

export type StoredMessageState = 'complete' | 'streaming' | 'stopped' | 'error';

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  reasoning?: string;
  state: StoredMessageState;
  attachments?: ChatAttachment[];
  error?: StoredError;
  stats?: AnswerStats;
  model?: string;
  /** What the model received for this turn when it differs from text + attachments (Explain). */
  prompt?: string;
  /** The answer ended without a finish reason: it may be cut off. */
  incomplete?: boolean;
  /** The answer dropped after text was shown (a reset, a stall, an upstream error…): it can be continued. */
  continuable?: boolean;
}

export interface StoredChat {
  version: 1;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  model: string;
  transport?: string;
  messages: StoredMessage[];
}

const STATES: readonly string[] = ['complete', 'streaming', 'stopped', 'error'];

function isMessage(v: unknown): v is StoredMessage {
  const m = v as StoredMessage;
  return typeof m === 'object' && m !== null && typeof m.id === 'string' && (m.role === 'user' || m.role === 'assistant')
    && typeof m.text === 'string' && STATES.includes(m.state)
    && (m.incomplete === undefined || typeof m.incomplete === 'boolean') && (m.continuable === undefined || typeof m.continuable === 'boolean')
    && (m.attachments === undefined || Array.isArray(m.attachments))
    && (m.error === undefined || (typeof m.error === 'object' && m.error !== null && typeof m.error.message === 'string' && Array.isArray(m.error.actions)));
}

export function isStoredChat(v: unknown): v is StoredChat {
  const c = v as StoredChat;
  return typeof c === 'object' && c !== null && c.version === 1 && typeof c.id === 'string' && typeof c.title === 'string'
    && typeof c.updatedAt === 'number' && typeof c.model === 'string' && Array.isArray(c.messages) && c.messages.every(isMessage);
}
