import type { ModelDetails } from './client/models';
import type { QuirkMemory } from './client/quirk-memory';
import type { RelayError } from './errors';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface ChatMessage {
  role: Role;
  /** The message's text (every text part, joined). */
  content: string;
  name?: string;
  /** Text and images in their order, for a message with an image: sent as content parts (`image_url`). */
  parts?: ContentPart[];
  /** An assistant message: the tools it called, in order (sent as `tool_calls`). */
  toolCalls?: ToolCall[];
  /** A `tool` message: the id of the call it answers (sent as `tool_call_id`). */
  toolCallId?: string;
}

/** A piece of a message with an image in it. */
export type ContentPart =
  | { type: 'text'; text: string }
  /** The image's bytes as given (PNG, JPEG, GIF or WebP); sent as a `data:` URL. */
  | { type: 'image'; mimeType: string; data: Uint8Array };

/** One call of a tool by the model: `arguments` is the JSON text of its input, as the model wrote it. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A tool the model may call (sent as an OpenAI `function` tool). */
export interface ToolSpec {
  name: string;
  description?: string;
  /** The JSON schema of its input. */
  parameters?: Record<string, unknown>;
}

export type TransportKind = 'sse' | 'websocket';
export type TransportChoice = TransportKind | 'auto';

/**
 * A relay's usage report. A count it did not give, or gave as something no bill can be (negative, not a
 * number, absurd), is absent and `estimated` is set: the counter estimates it from the text, never 0.
 */
export interface Usage {
  promptTokens?: number;
  /** The part of promptTokens the relay served from its prompt cache (billed at the cached-input rate). */
  cachedPromptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  /** Reasoning tokens when the relay reports them (DeepSeek, o-series). */
  reasoningTokens?: number;
  /** The relay flagged these counts as its own estimate (`"estimated": true` in its usage object). */
  estimated?: boolean;
}

/** A provider as events and errors show it: never the key. */
export interface ProviderInfo {
  id: string;
  baseUrl: string;
  model: string;
}

export type KeySource = string | (() => string | undefined | Promise<string | undefined>);

export interface ProviderConfig {
  /** Stable name shown to the user, e.g. "primary" or "openrouter". */
  id: string;
  baseUrl: string;
  /** The key, or a function that fetches it (from a secret store) when a request is made. */
  apiKey?: KeySource;
  /** Model names this provider knows under another name, e.g. { "gpt-4.1": "openai/gpt-4.1" }. */
  modelMap?: Record<string, string>;
  headers?: Record<string, string>;
  /** An HTTP proxy for this provider only (overrides the client's `proxy`; '' = direct). */
  proxy?: string;
}

export interface TimeoutOptions {
  /** From sending the request to the first byte of the response (headers or frame). 0 = off. */
  firstByteMs: number;
  /** No bytes at all (keep-alives count) for this long once the response started = stalled. 0 = off. */
  idleMs: number;
  /** The whole answer. 0 = off (the default: only the idle limit may end a long, live answer). */
  totalMs: number;
}

export interface RetryOptions {
  /** Extra attempts per provider, only before any text was delivered. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry-After longer than this is not waited for: the next provider is tried, or the error shown. */
  maxRetryAfterMs: number;
}

export type WebSocketDialect = 'chunks' | 'typed';
export type WebSocketAuth = 'header' | 'query' | 'subprotocol';

export interface WebSocketOptions {
  /** Appended to the base URL (http->ws): default `/chat/completions`. */
  path: string;
  /** (a) `chunks`: send the chat-completions JSON, receive chat.completion.chunk objects;
   *  (b) `typed`: send {type:"chat.completions.create",…}, receive {type:"chat.completions.chunk"|…}. */
  dialect: WebSocketDialect;
  auth: WebSocketAuth;
  /** Prefix for subprotocol auth: the key is appended, e.g. `openai-insecure-api-key.` + key. */
  subprotocolPrefix: string;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  /** A kept connection is replaced after this long, between answers only. */
  maxLifetimeMs: number;
  reconnectBaseDelayMs: number;
  reconnectMaxDelayMs: number;
  reconnectMaxAttempts: number;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * How connections are secured and proxied, from the host's network settings (VS Code's `http.*`).
 * Both transports (SSE over undici, WebSocket over ws) apply the same options.
 */
export interface NetworkOptions {
  /** Certificate authorities (PEM) trusted besides Node's own (bundled + NODE_EXTRA_CA_CERTS), e.g. the OS store. */
  ca?: string[];
  /** false: accept a certificate that does not verify (VS Code's `http.proxyStrictSSL: false`). Default true. */
  rejectUnauthorized?: boolean;
  /** Sent as `Proxy-Authorization` on every CONNECT (VS Code's `http.proxyAuthorization`); without it,
   *  credentials in the proxy URL (`http://user:pass@host:port`) are sent as Basic. */
  proxyAuthorization?: string;
}

export interface ClientOptions {
  /** Tried in order: on connection failure, 5xx or exhausted 429 the next one answers. */
  providers: ProviderConfig[];
  transport?: TransportChoice;
  timeouts?: Partial<TimeoutOptions>;
  retry?: Partial<RetryOptions>;
  webSocket?: Partial<WebSocketOptions>;
  /** Ask for `stream_options.include_usage` (dropped automatically for relays that reject it). */
  includeUsage?: boolean;
  /** What each endpoint + model refused (and what is sent instead); share one across clients, give it
   *  a store to keep it across restarts. Default: a memory of this client's own. */
  quirks?: QuirkMemory;
  logger?: Logger;
  /** Each model list read from a provider (`GET /models`), e.g. to keep the prices it publishes. */
  onModelList?(baseUrl: string, models: readonly ModelDetails[]): void;
  /** An HTTP proxy (`http://user:pass@host:port`) for both transports, e.g. VS Code's `http.proxy`. */
  proxy?: string;
  /** Certificates, TLS verification and proxy credentials for both transports. */
  network?: NetworkOptions;
  random?: () => number;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Extra fields merged into the request body (e.g. `top_p`, relay-specific flags). */
  extraBody?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Override the client's transport for this request. */
  transport?: TransportChoice;
  /** Stop sequences, applied by the server (it stops generating, and billing, there). */
  stop?: string[];
  /** Override the client's retry policy for this request (inline completions retry nothing). */
  retry?: Partial<RetryOptions>;
  /** Tools the model may call; their calls stream back as `toolCall` events. */
  tools?: ToolSpec[];
  /** `required`: the model must call a tool (sent as `tool_choice`). Default: the model decides. */
  toolChoice?: 'auto' | 'required';
}

/** Where a fill-in-the-middle request goes: `/completions` (OpenAI legacy `suffix`, DeepSeek beta,
 *  llama.cpp, Ollama) or `/fim/completions` (Codestral). */
export type FimRoute = 'completions' | 'fim';

/** A fill-in-the-middle completion: the model writes what goes between `prompt` and `suffix`. */
export interface FimRequest {
  model: string;
  route: FimRoute;
  prompt: string;
  suffix: string;
  maxTokens: number;
  stop?: string[];
  temperature?: number;
  extraBody?: Record<string, unknown>;
  signal?: AbortSignal;
  retry?: Partial<RetryOptions>;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'function_call' | (string & {});

export type StreamEvent =
  /** The response started: which provider, model and transport are answering. */
  | { type: 'provider'; provider: ProviderInfo; transport: TransportKind; requestId?: string }
  | { type: 'text'; text: string }
  /** DeepSeek `reasoning_content`, OpenRouter `reasoning` or `reasoning_details` (`<think>` in the text is left to the consumer: ThinkTagSplitter). */
  | { type: 'reasoning'; text: string }
  /** A whole tool call (its argument fragments assembled), announced once the model finished it. */
  | { type: 'toolCall'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  /** The model said it is done (a `finish_reason`); usage or the end marker may still follow. */
  | { type: 'finish'; finishReason: FinishReason }
  /** Bytes arrived that carry no text (an SSE comment, a ping): the relay is alive. */
  | { type: 'keepalive' }
  /** Before any text: the attempt failed and another follows after `delayMs`. */
  | { type: 'retry'; attempt: number; delayMs: number; error: RelayError }
  /** Before any text: this provider failed; the next one is tried. */
  | { type: 'fallback'; from: ProviderInfo; to: ProviderInfo; error: RelayError }
  /**
   * Terminal. A user abort is a normal end (`aborted: true`), not an error. `incomplete: true` when
   * the stream ended (e.g. `[DONE]`) without any finish reason: the relay may have swallowed an
   * upstream error, so the text may be cut off.
   */
  | { type: 'done'; finishReason: FinishReason | null; aborted: boolean; provider?: ProviderInfo; requestId?: string; incomplete?: boolean }
  /** Terminal. The text delivered before it stays valid (e.g. a truncated answer). */
  | { type: 'error'; error: RelayError };

/** `closed`: no socket, nothing wrong; `offline`: reconnecting gave up or the network failed. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'streaming' | 'reconnecting' | 'closed' | 'offline';

export interface ConnectionStatus {
  endpoint: string;
  state: ConnectionState;
  /** Last ping round trip, when known. */
  latencyMs?: number;
}
