import { onAbort, sleep } from '../util/abort';
import type { Attempt, AttemptResult } from './attempt';
import { DEFAULT_RETRY, DEFAULT_TIMEOUTS, DEFAULT_WEBSOCKET, withDefaults } from './defaults';
import { modelsUrl, normaliseBaseUrl } from './endpoint';
import { ConfigError, ModelNotFoundError, RelayError, isRelayError } from '../errors';
import { EventQueue } from '../util/event-queue';
import { Network } from '../transport/network';
import { getJson } from '../transport/http';
import { ModelCache, nearestModels, readModelDetails, type ModelDetails } from './models';
import { fimRequestBody, fingerprint, requestBody, resolveProvider, safeBaseUrl, type ResolvedProvider } from './provider';
import { QuirkMemory } from './quirk-memory';
import type { Quirk } from './quirks';
import { RequestAdapter } from './request-adapter';
import { Redactor } from './redact';
import { backoffDelay, isUnreachable } from './retry';
import { streamOverSse } from '../transport/sse-transport';
import type {
  ChatRequest, ClientOptions, FimRequest, TransportChoice, ConnectionState, ConnectionStatus, Logger, ProviderConfig, ProviderInfo, RetryOptions,
  StreamEvent, TimeoutOptions, TransportKind, WebSocketOptions,
} from '../types';
import { WsEndpoints } from '../transport/ws-endpoints';
import { WebSocketUnavailable, streamOverWebSocket } from '../transport/ws-transport';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** One request as the provider loop sees it: where it goes and how its body is built per provider. */
interface RequestSpec {
  model: string;
  signal: AbortSignal | undefined;
  transport: TransportChoice | undefined;
  retry: Partial<RetryOptions> | undefined;
  path: string;
  /** May go over the endpoint's kept WebSocket (chat completions only). */
  webSocket: boolean;
  body(provider: ResolvedProvider, includeUsage: boolean): Record<string, unknown>;
}

type ProviderOutcome = { ok: true } | { ok: false; error: RelayError; delivered: boolean };


export interface HealthReport {
  ok: boolean;
  latencyMs: number;
  models: number;
  error?: RelayError;
}

/**
 * The streaming client. Keeps per-endpoint state (kept WebSockets, which transport worked, which
 * request fields each endpoint + model refuses, model lists) so that it is worth creating once and reusing.
 */
export class RelayClient {
  private readonly timeouts: TimeoutOptions;
  private readonly retry: RetryOptions;
  private readonly ws: WebSocketOptions;
  private readonly logger: Logger;
  private readonly redactor = new Redactor();
  private readonly random: () => number;
  private readonly transportMemory = new Map<string, TransportKind>();
  private readonly quirks: QuirkMemory;
  private readonly endpoints: WsEndpoints;
  private readonly network: Network;
  private readonly statuses = new Map<string, ConnectionStatus>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly models = new ModelCache();

  constructor(private readonly options: ClientOptions) {
    if (!options.providers.length) throw new ConfigError('No provider configured: set a base URL.');
    this.timeouts = withDefaults(DEFAULT_TIMEOUTS, options.timeouts);
    this.retry = withDefaults(DEFAULT_RETRY, options.retry);
    this.ws = withDefaults(DEFAULT_WEBSOCKET, options.webSocket);
    this.random = options.random ?? Math.random;
    this.quirks = options.quirks ?? new QuirkMemory();
    const base = options.logger ?? silent;
    const clean = (fields?: Record<string, unknown>) => (fields ? JSON.parse(this.redactor.apply(JSON.stringify(fields))) as Record<string, unknown> : undefined);
    const wrap = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) => base[level](this.redactor.apply(message), clean(fields));
    this.logger = { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
    for (const p of options.providers) if (typeof p.apiKey === 'string') this.redactor.add(p.apiKey);
    this.network = new Network(options.network);
    this.endpoints = new WsEndpoints(this.ws, this.network, this.timeouts.firstByteMs, (baseUrl, state, latencyMs) => this.setStatus(baseUrl, state, latencyMs), this.logger, this.random);
  }

  /**
   * Streams one chat completion. Always ends with exactly one `done` or `error` event; never throws.
   * Stopping the iteration early (break) stops the request, like aborting its signal.
   */
  streamChat(request: ChatRequest): AsyncIterableIterator<StreamEvent> {
    return this.stream({
      model: request.model, signal: request.signal, transport: request.transport, retry: request.retry,
      path: '/chat/completions', webSocket: true, body: (provider, includeUsage) => requestBody(provider, request, includeUsage),
    });
  }

  /**
   * Streams one fill-in-the-middle completion (`/completions` or `/fim/completions`, always over SSE:
   * relays offer their WebSocket for chat only). Same events and guarantees as streamChat.
   */
  streamFim(request: FimRequest): AsyncIterableIterator<StreamEvent> {
    return this.stream({
      model: request.model, signal: request.signal, transport: 'sse', retry: request.retry,
      path: request.route === 'fim' ? '/fim/completions' : '/completions', webSocket: false,
      body: (provider, includeUsage) => fimRequestBody(provider, request, includeUsage),
    });
  }

  private stream(request: RequestSpec): AsyncIterableIterator<StreamEvent> {
    const queue = new EventQueue<StreamEvent>(mergePieces);
    const controller = new AbortController();
    const offUserAbort = onAbort(request.signal, () => controller.abort());
    void this.run(request, controller.signal, (event) => queue.push(event))
      .catch((e: unknown) => queue.push({ type: 'error', error: this.clean(isRelayError(e) ? e : new RelayError('protocol', String(e))) }))
      .finally(() => {
        offUserAbort();
        queue.end();
      });
    return {
      next: () => queue.next(),
      return: async () => {
        controller.abort();
        queue.end();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Connection state per endpoint, for a status bar. Returns the unsubscribe function. */
  onConnectionStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  connectionStatus(): ConnectionStatus[] {
    return [...this.statuses.values()];
  }

  /** The transport `auto` settled on per endpoint (to persist between sessions if wanted). */
  rememberedTransports(): Record<string, TransportKind> {
    return Object.fromEntries(this.transportMemory);
  }

  /** `GET /models` of a provider (default: the first), cached for five minutes: the model names. */
  async listModels(options: { providerId?: string; signal?: AbortSignal; refresh?: boolean } = {}): Promise<string[]> {
    return (await this.listModelDetails(options)).map((m) => m.id);
  }

  /** The same list with what the relay says about each model (display name, limits), when it says it. */
  async listModelDetails(options: { providerId?: string; signal?: AbortSignal; refresh?: boolean } = {}): Promise<ModelDetails[]> {
    const config = options.providerId ? this.options.providers.find((p) => p.id === options.providerId) : this.options.providers[0];
    if (!config) throw new ConfigError(`No provider named "${options.providerId}".`);
    const provider = await resolveProvider(config, '', this.options.proxy, this.redactor);
    const cacheKey = `${provider.baseUrl}#${fingerprint(provider.apiKey)}`;
    const cached = options.refresh ? undefined : this.models.get(cacheKey);
    if (cached) return cached;
    try {
      const value = await getJson(modelsUrl(provider.baseUrl), {
        headers: provider.headers, dispatcher: this.network.dispatcher(provider.proxy), signal: options.signal, timeoutMs: this.timeouts.firstByteMs || 30_000,
      });
      const models = readModelDetails(value);
      this.models.set(cacheKey, models);
      this.options.onModelList?.(provider.baseUrl, models);
      return models;
    } catch (e) {
      throw this.clean(isRelayError(e) ? e : new RelayError('protocol', String(e)));
    }
  }

  /** Measures the round trip of `GET /models`. Never throws: the error is in the report. */
  async checkHealth(options: { providerId?: string; signal?: AbortSignal } = {}): Promise<HealthReport> {
    const started = performance.now();
    try {
      const models = await this.listModels({ ...options, refresh: true });
      return { ok: true, latencyMs: Math.round(performance.now() - started), models: models.length };
    } catch (e) {
      return { ok: false, latencyMs: Math.round(performance.now() - started), models: 0, error: e as RelayError };
    }
  }

  /** The first provider's normalised base URL ('' when it is not a valid URL). */
  primaryBaseUrl(): string {
    const first = this.options.providers[0];
    try {
      return first ? normaliseBaseUrl(first.baseUrl) : '';
    } catch {
      return '';
    }
  }

  /** What the first provider's chat endpoint is known to refuse for `model` (learnt, shared, kept). */
  async learntQuirks(model: string): Promise<readonly Quirk[]> {
    await this.quirks.ready();
    const first = this.options.providers[0] as ProviderConfig;
    return this.quirks.quirksFor(this.primaryBaseUrl(), first.modelMap?.[model] ?? model);
  }

  /** Opens and closes one WebSocket to the first provider: does the relay accept the upgrade? */
  async probeWebSocket(signal?: AbortSignal): Promise<void> {
    const config = this.options.providers[0] as ProviderConfig;
    const provider = await resolveProvider(config, '', this.options.proxy, this.redactor);
    const endpoint = this.endpoints.for(provider);
    const controller = new AbortController();
    const off = onAbort(signal, () => controller.abort());
    try {
      const connection = await endpoint.acquire(controller.signal, this.timeouts.firstByteMs, false);
      endpoint.release(connection);
    } catch (e) {
      throw this.clean(isRelayError(e) ? e : new RelayError('network', String(e)));
    } finally {
      off();
    }
  }

  /** Closes kept connections and timers. */
  close(): void {
    this.endpoints.close();
    this.network.close();
  }

  private async run(request: RequestSpec, signal: AbortSignal, emit: (event: StreamEvent) => void): Promise<void> {
    const providers = this.options.providers;
    for (let index = 0; index < providers.length; index++) {
      const config = providers[index] as ProviderConfig;
      let provider: ResolvedProvider;
      try {
        provider = await resolveProvider(config, request.model, this.options.proxy, this.redactor);
      } catch (e) {
        if (index > 0) {
          this.logger.warn(`provider ${config.id} skipped: ${(e as Error).message}`);
          continue;
        }
        throw e;
      }
      const outcome = await this.tryProvider(provider, request, signal, emit);
      if (outcome.ok) return;
      const next = providers[index + 1];
      if (outcome.delivered || !next || !qualifiesForFallback(outcome.error)) {
        emit({ type: 'error', error: outcome.error });
        return;
      }
      const nextInfo: ProviderInfo = { id: next.id, baseUrl: safeBaseUrl(next.baseUrl), model: next.modelMap?.[request.model] ?? request.model };
      this.logger.warn(`provider ${provider.info.id} failed, falling back to ${next.id}`, { code: outcome.error.code });
      emit({ type: 'fallback', from: provider.info, to: nextInfo, error: outcome.error });
    }
  }

  private async tryProvider(provider: ResolvedProvider, request: RequestSpec, signal: AbortSignal, emit: (event: StreamEvent) => void): Promise<ProviderOutcome> {
    let delivered = false;
    const forward = (event: StreamEvent) => {
      if (!delivered && (event.type === 'text' || event.type === 'reasoning' || event.type === 'toolCall')) delivered = true;
      emit(event);
    };
    const retry = withDefaults(this.retry, request.retry);
    const adapter = new RequestAdapter(this.quirks, provider, request.path, this.logger);
    await this.quirks.ready();
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      const body = adapter.adapt(request.body(provider, this.options.includeUsage ?? true));
      try {
        const result = await this.attemptOnce(provider, request, body, signal, forward, attempt > 0);
        this.logger.info(`request ${result.aborted ? 'stopped' : 'finished'}`, {
          provider: provider.info.id, model: provider.info.model, requestId: result.requestId, ms: Math.round(performance.now() - started), finishReason: result.finishReason,
        });
        emit(doneEvent(result, provider.info));
        return { ok: true };
      } catch (e) {
        const error = this.clean(isRelayError(e) ? e : new RelayError('protocol', String(e), { cause: e }));
        error.providerId = provider.info.id;
        if (signal.aborted || error.code === 'aborted') {
          emit({ type: 'done', finishReason: null, aborted: true, provider: provider.info });
          return { ok: true };
        }
        if (!delivered && adapter.learnFrom(error, body)) {
          attempt--; // asked again at once with the field adapted: not a retry
          continue;
        }
        this.logger.warn(`request failed: ${error.message}`, { provider: provider.info.id, code: error.code, status: error.status, requestId: error.requestId, attempt });
        if (delivered) {
          // Text was shown: trying again would repeat (and bill) it, so the error is not retryable now.
          error.retryable = false;
          return { ok: false, error, delivered };
        }
        if (error instanceof ModelNotFoundError) await this.addSuggestions(error, provider, signal);
        const delay = error.retryAfterMs ?? backoffDelay(attempt, retry, this.random);
        if (!error.retryable || attempt >= retry.maxRetries || delay > retry.maxRetryAfterMs) {
          if (isUnreachable(error)) this.setStatus(provider.baseUrl, 'offline');
          return { ok: false, error, delivered };
        }
        emit({ type: 'retry', attempt: attempt + 1, delayMs: delay, error });
        this.setStatus(provider.baseUrl, 'reconnecting');
        try {
          await sleep(delay, signal);
        } catch {
          emit({ type: 'done', finishReason: null, aborted: true, provider: provider.info });
          return { ok: true };
        }
      }
    }
  }

  private async attemptOnce(
    provider: ResolvedProvider, request: RequestSpec, body: Record<string, unknown>, signal: AbortSignal, emit: (event: StreamEvent) => void, retrying: boolean,
  ): Promise<AttemptResult> {
    const choice = request.webSocket ? request.transport ?? this.options.transport ?? 'auto' : 'sse';
    const kind: TransportKind = choice === 'auto' ? this.transportMemory.get(provider.baseUrl) ?? 'websocket' : choice;
    const attempt = (transport: TransportKind): Attempt => ({
      baseUrl: provider.baseUrl,
      path: request.path,
      headers: provider.headers,
      body,
      model: provider.info.model,
      timeouts: this.timeouts,
      signal,
      emit,
      onResponse: (requestId) => {
        if (transport === 'sse') this.setStatus(provider.baseUrl, 'streaming');
        emit({ type: 'provider', provider: provider.info, transport, ...(requestId ? { requestId } : {}) });
      },
    });
    if (kind === 'websocket') {
      try {
        const result = await streamOverWebSocket(attempt('websocket'), this.endpoints.for(provider), this.ws.dialect, retrying);
        if (choice === 'auto') this.transportMemory.set(provider.baseUrl, 'websocket');
        return result;
      } catch (e) {
        if (!(e instanceof WebSocketUnavailable)) throw e;
        if (choice !== 'auto') throw e.error;
        if (e.error.code === 'upgrade_refused') this.transportMemory.set(provider.baseUrl, 'sse');
        this.logger.info('websocket unavailable, using SSE', { endpoint: provider.baseUrl, reason: e.error.message });
      }
    }
    this.setStatus(provider.baseUrl, retrying ? 'reconnecting' : 'connecting');
    try {
      return await streamOverSse(attempt('sse'), this.network.dispatcher(provider.proxy));
    } finally {
      this.setStatus(provider.baseUrl, 'idle');
    }
  }

  private async addSuggestions(error: ModelNotFoundError, provider: ResolvedProvider, signal: AbortSignal): Promise<void> {
    try {
      const models = await this.listModels({ providerId: provider.config.id, signal });
      error.suggestions = nearestModels(error.model, models);
      if (error.suggestions.length) error.params.suggestions = error.suggestions.join(', ');
    } catch {
      // Suggestions are a courtesy; the error stands without them.
    }
  }

  private setStatus(endpoint: string, state: ConnectionState, latencyMs?: number): void {
    const previous = this.statuses.get(endpoint);
    const latency = latencyMs ?? previous?.latencyMs;
    if (previous?.state === state && previous.latencyMs === latency) return;
    const status: ConnectionStatus = { endpoint, state, ...(latency !== undefined ? { latencyMs: latency } : {}) };
    this.statuses.set(endpoint, status);
    for (const listener of this.statusListeners) listener(status);
  }

  private clean(error: RelayError): RelayError {
    error.message = this.redactor.apply(error.message);
    for (const [k, v] of Object.entries(error.params)) if (typeof v === 'string') error.params[k] = this.redactor.apply(v);
    return error;
  }
}

/**
 * Adjacent pieces of the same kind read as one: the concatenated text is what counts. A queued
 * event belongs to the queue until it is read, so it grows in place (no new object per token).
 */
function mergePieces(previous: StreamEvent, next: StreamEvent): StreamEvent | undefined {
  if ((previous.type === 'text' && next.type === 'text') || (previous.type === 'reasoning' && next.type === 'reasoning')) {
    previous.text += next.text;
    return previous;
  }
  return undefined;
}

function doneEvent(result: AttemptResult, provider: ProviderInfo): StreamEvent {
  return {
    type: 'done', finishReason: result.finishReason, aborted: result.aborted, provider,
    ...(result.requestId ? { requestId: result.requestId } : {}),
    ...(result.finishReason === null && !result.aborted ? { incomplete: true } : {}),
  };
}

/**
 * Connection failures, a relay that never answered, 5xx, exhausted 429s and an account out of credit
 * (402: this relay will not answer until topped up; another relay, with its own account, can) move on
 * to the next provider; a bad key or request does not.
 */
function qualifiesForFallback(error: RelayError): boolean {
  return ['network', 'timeout_connect', 'timeout_first_byte', 'server', 'rate_limited', 'upgrade_refused', 'payment'].includes(error.code)
    || (error.code === 'http' && (error.status ?? 0) >= 500);
}
