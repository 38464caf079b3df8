// The one message protocol between the extension host and the chat webview. Both sides import it;
// the webview may import nothing else from src/. Every message is validated on arrival (isX below):
// a webview is a web page, and the host treats what it sends as untrusted input.

/** A button's command: the fixes under an error, and the welcome's Explain Selection and inline-suggestions menu. */
export type FixAction = 'setApiKey' | 'selectModel' | 'testConnection' | 'retry' | 'showLogs' | 'openSettings' | 'explainSelection' | 'completionsMenu';
/** What the welcome of an empty chat offers to do: Explain Selection, and the inline suggestions menu (on/off). */
export type MessageRole = 'user' | 'assistant';
/** streaming: in progress (or interrupted by a crash, see `interrupted`); stopped: the user pressed Stop. */
export type MessageState = 'complete' | 'streaming' | 'stopped' | 'error';
export type StreamPhase = 'waiting' | 'streaming' | 'stalled' | 'reconnecting';

export interface Attachment {
  kind: 'selection' | 'file';
  /** Workspace-relative path, shown to the user and sent to the model. */
  path: string;
  language: string;
  /** 1-based line range of a selection. */
  startLine?: number;
  endLine?: number;
  text: string;
}

export interface AnswerStats {
  completionTokens: number;
  promptTokens?: number;
  /** The part of promptTokens served from the relay's prompt cache, when it said so. */
  cachedPromptTokens?: number;
  /** The part of completionTokens spent reasoning, when the relay said so. */
  reasoningTokens?: number;
  /** Tokens were estimated from the text (the relay reported no usage). */
  estimated: boolean;
  ttftMs?: number;
  tokensPerSecond?: number;
  costUsd?: number;
  /** The provider that answered, when a fallback was used. */
  provider?: string;
  transport?: 'sse' | 'websocket';
}

/** What asked for tokens: the panel's chat, Explain Selection, inline completions, or another extension through `vscode.lm`. */
export type UsageSourceKind = 'chat' | 'explain' | 'completion' | 'lm';

/** Counts for a period or for one model, provider or source in it. Costs in US dollars. */
export interface UsageTotals {
  requests: number;
  promptTokens: number;
  /** The part of promptTokens the relays served from their prompt caches (as they reported it). */
  cachedTokens: number;
  completionTokens: number;
  costUsd: number;
  /** Some of these counts are estimates (the relay reported no usage, or flagged its own as estimated). */
  estimated: boolean;
  /** Tokens of models that have no price in `relayChat.pricing`: counted, not in `costUsd`. */
  unpricedTokens: number;
  /** Requests of models without a price (their tokens are `unpricedTokens`): budgets cannot count them. */
  unpricedRequests: number;
}

export interface UsageLine extends UsageTotals {
  /** The model name, the provider (host of its base URL, or a fallback's id), or a UsageSourceKind. */
  key: string;
}

export interface UsageDay {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  /** Per model that day: cost and tokens (prompt + completion). */
  byModel: Record<string, { costUsd: number; tokens: number }>;
}

/** The Usage view's whole content; sent again whenever a count changes while the view is open. */
export interface UsageView {
  /** BCP 47 language of the host (for number and date formats). */
  locale: string;
  /** Local month, YYYY-MM. */
  month: string;
  today: UsageTotals;
  monthTotals: UsageTotals;
  /** The last 30 days, oldest first, every day present (empty ones too). */
  days: UsageDay[];
  byModel: UsageLine[];
  byProvider: UsageLine[];
  bySource: UsageLine[];
  /** `relayChat.budget.monthlyUsd` when set (> 0). */
  budget?: { monthlyUsd: number };
  /** Problems the user should fix (a malformed pricing entry, a usage file set aside), localised. */
  problems: string[];
}

export interface ErrorView {
  message: string;
  actions: FixAction[];
}

export interface MessageView {
  id: string;
  role: MessageRole;
  text: string;
  reasoning?: string;
  state: MessageState;
  attachments?: Attachment[];
  error?: ErrorView;
  stats?: AnswerStats;
  model?: string;
  /** What the model received for this turn when it differs from text + attachments (Explain). */
  prompt?: string;
  /** The answer ended without a finish reason: the panel says it may be cut off. */
  incomplete?: boolean;
  /** The answer dropped after text was shown: the panel offers Continue. */
  continuable?: boolean;
}

export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: number;
  model: string;
}

export interface ChatView extends ChatSummary {
  messages: MessageView[];
}

/** Words the webview shows, localised by the host (the webview has no l10n of its own). */
export type UiStrings = Record<string, string>;

export type HostToWebview =
  | { type: 'init'; chat: ChatView; chats: ChatSummary[]; strings: UiStrings; model: string; perf: boolean }
  | { type: 'chat'; chat: ChatView }
  | { type: 'chats'; chats: ChatSummary[] }
  | { type: 'model'; model: string }
  /** A new message appended to the active chat (the user's, or an empty assistant one that will stream). */
  | { type: 'message'; chatId: string; message: MessageView }
  /** Only the new text of a streaming answer: never the whole message again. */
  | { type: 'delta'; chatId: string; messageId: string; text?: string; reasoning?: string; perf?: DeltaTiming }
  | { type: 'phase'; chatId: string; messageId: string; phase: StreamPhase; detail?: string }
  | { type: 'end'; chatId: string; messageId: string; state: MessageState; stats?: AnswerStats; error?: ErrorView; incomplete?: boolean; continuable?: boolean }
  /** A dropped answer streams on (Continue): its text so far stays, new text follows as deltas. */
  | { type: 'resume'; chatId: string; messageId: string }
  /**
   * The streaming answer's whole text and reasoning, shown again once in place of what was shown: the
   * text so far was reasoning (a `</think>` came with no `<think>`). New text follows as deltas.
   */
  | { type: 'rewrite'; chatId: string; messageId: string; text: string; reasoning: string }
  | { type: 'attachment'; attachment: Attachment }
  | { type: 'reply'; requestId: string; ok: boolean; error?: string }
  | { type: 'focus' }
  /** The Usage view's content (only while it is open). */
  | { type: 'usage'; usage: UsageView }
  /** Open the Usage view (the Show Usage command). */
  | { type: 'showUsage' };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'send'; requestId: string; text: string; attachments: Attachment[] }
  | { type: 'stop' }
  | { type: 'retry'; messageId: string }
  /** Continue a dropped answer where it stopped. */
  | { type: 'continue'; messageId: string }
  | { type: 'edit'; requestId: string; messageId: string; text: string }
  | { type: 'newChat' }
  | { type: 'switchChat'; chatId: string }
  | { type: 'deleteChat'; chatId: string }
  | { type: 'attach'; requestId: string; kind: 'selection' | 'file' }
  | { type: 'copy'; text: string }
  | { type: 'insertCode'; code: string }
  | { type: 'openCode'; code: string; language: string }
  | { type: 'openLink'; href: string }
  | { type: 'fix'; action: FixAction }
  /** The Usage view opened or closed: the host sends `usage` now and on every change while it is open. */
  | { type: 'usageView'; open: boolean };

/** Benchmark mode only: when the host received the batch's last text and posted it (epoch ms, fractional). */
export interface DeltaTiming {
  receivedAt: number;
  postedAt: number;
}

/** Benchmark mode: a delta as the webview's message handler got it (`window.__relayPerfDeltas`). */
export interface DeltaSample extends DeltaTiming {
  /** Characters of the answer once this delta is appended. */
  chars: number;
  handledAt: number;
}

/** What the panel asks of the editor, clipboard, browser or commands: not about conversations. */
export type PanelAction = Extract<WebviewToHost, { type: 'copy' | 'insertCode' | 'openCode' | 'openLink' | 'attach' }>
  | { type: 'fix'; action: Exclude<FixAction, 'retry'> };
/** What the chat controller handles: conversations and their answers. */
export type ChatRequest = Exclude<WebviewToHost, PanelAction>;

const PANEL_ACTIONS: readonly string[] = ['copy', 'insertCode', 'openCode', 'openLink', 'attach'];

export function isPanelAction(m: WebviewToHost): m is PanelAction {
  return PANEL_ACTIONS.includes(m.type) || (m.type === 'fix' && m.action !== 'retry');
}

/** Webview timing samples for the benchmark (kept in `window.__relayPerf` only when `perf` is on). */
export interface PerfSample {
  /** When the text reached the DOM (epoch ms, fractional: performance.timeOrigin + performance.now()). */
  at: number;
  /** The start of the next animation frame after that (the earliest the text can be painted). */
  frameAt?: number;
  /** Characters of the answer in the DOM at that time. */
  chars: number;
  /** Main-thread milliseconds spent rendering this frame. */
  renderMs: number;
}

const FIX_ACTIONS: readonly string[] = ['setApiKey', 'selectModel', 'testConnection', 'retry', 'showLogs', 'openSettings', 'explainSelection', 'completionsMenu'];
const STATES: readonly string[] = ['complete', 'streaming', 'stopped', 'error'];

export const isFixAction = (v: unknown): v is FixAction => typeof v === 'string' && FIX_ACTIONS.includes(v);
const MAX_TEXT = 2_000_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is string => typeof v === 'string' && /^[\w-]{1,64}$/.test(v);

function isAttachment(v: unknown): v is Attachment {
  return isObj(v) && (v.kind === 'selection' || v.kind === 'file') && isStr(v.path, 4096) && isStr(v.language, 64) && isStr(v.text)
    && (v.startLine === undefined || typeof v.startLine === 'number') && (v.endLine === undefined || typeof v.endLine === 'number');
}

function isMessageView(v: unknown): v is MessageView {
  return isObj(v) && isId(v.id) && (v.role === 'user' || v.role === 'assistant') && isStr(v.text) && typeof v.state === 'string' && STATES.includes(v.state)
    && (v.incomplete === undefined || typeof v.incomplete === 'boolean') && (v.continuable === undefined || typeof v.continuable === 'boolean');
}

/** Host side: is this a well-formed message from the webview? Anything else is dropped. */
export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready': case 'stop': case 'newChat': return true;
    case 'send': return isId(v.requestId) && isStr(v.text) && Array.isArray(v.attachments) && v.attachments.length <= 20 && v.attachments.every(isAttachment);
    case 'retry': case 'continue': return isId(v.messageId);
    case 'edit': return isId(v.requestId) && isId(v.messageId) && isStr(v.text);
    case 'switchChat': case 'deleteChat': return isId(v.chatId);
    case 'attach': return isId(v.requestId) && (v.kind === 'selection' || v.kind === 'file');
    case 'copy': case 'insertCode': return isStr(v.type === 'copy' ? v.text : v.code);
    case 'openCode': return isStr(v.code) && isStr(v.language, 64);
    case 'openLink': return isStr(v.href, 8192);
    case 'fix': return isFixAction(v.action);
    case 'usageView': return typeof v.open === 'boolean';
    default: return false;
  }
}

const HOST_TYPES = new Set(['init', 'chat', 'chats', 'model', 'message', 'delta', 'phase', 'end', 'resume', 'rewrite', 'attachment', 'reply', 'focus', 'usage', 'showUsage']);

/** A count, token number or price: finite and not negative (NaN would draw nothing and say "NaN"). */
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isList = (v: unknown, max: number, item: (x: unknown) => boolean) => Array.isArray(v) && v.length <= max && v.every(item);

function isUsageTotals(v: unknown): v is UsageTotals {
  return isObj(v) && isAmount(v.requests) && isAmount(v.promptTokens) && isAmount(v.cachedTokens) && v.cachedTokens <= v.promptTokens && isAmount(v.completionTokens) && isAmount(v.costUsd)
    && typeof v.estimated === 'boolean' && isAmount(v.unpricedTokens)
    && isAmount(v.unpricedRequests) && Number.isInteger(v.unpricedRequests) && v.unpricedRequests <= v.requests;
}

const isUsageLine = (v: unknown): v is UsageLine => isObj(v) && isStr(v.key, 256) && isUsageTotals(v);

function isUsageDay(v: unknown): v is UsageDay {
  return isObj(v) && typeof v.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.day) && isObj(v.byModel)
    && Object.entries(v.byModel).every(([model, e]) => model.length <= 256 && isObj(e) && isAmount(e.costUsd) && isAmount(e.tokens));
}

/** The Usage view's content, checked to the last number: the view draws what passes and nothing else. */
export function isUsageView(v: unknown): v is UsageView {
  return isObj(v) && isStr(v.locale, 64) && typeof v.month === 'string' && /^\d{4}-\d{2}$/.test(v.month)
    && isUsageTotals(v.today) && isUsageTotals(v.monthTotals) && isList(v.days, 400, isUsageDay)
    && [v.byModel, v.byProvider, v.bySource].every((lines) => isList(lines, 1000, isUsageLine))
    && (v.budget === undefined || (isObj(v.budget) && isAmount(v.budget.monthlyUsd)))
    && isList(v.problems, 100, (p) => isStr(p, 4000));
}

/** Webview side: messages come only from the host, but a stray or malformed one must not break the panel. */
export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isObj(v) || typeof v.type !== 'string' || !HOST_TYPES.has(v.type)) return false;
  switch (v.type) {
    case 'delta': return isId(v.chatId) && isId(v.messageId) && (v.text === undefined || isStr(v.text)) && (v.reasoning === undefined || isStr(v.reasoning));
    case 'message': return isId(v.chatId) && isMessageView(v.message);
    case 'end': return isId(v.chatId) && isId(v.messageId) && typeof v.state === 'string' && STATES.includes(v.state)
      && (v.incomplete === undefined || typeof v.incomplete === 'boolean')
      && (v.error === undefined || (isObj(v.error) && isStr(v.error.message) && Array.isArray(v.error.actions) && v.error.actions.every(isFixAction)));
    case 'phase': case 'resume': return isId(v.chatId) && isId(v.messageId);
    case 'rewrite': return isId(v.chatId) && isId(v.messageId) && isStr(v.text) && isStr(v.reasoning);
    case 'usage': return isUsageView(v.usage);
    case 'init': case 'chat': return isObj(v.chat) && Array.isArray(v.chat.messages) && v.chat.messages.every(isMessageView);
    default: return true;
  }
}
