import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { CompletionRoutes, defaultCompletionBehaviour, isCompletionChat, type CompletionBehaviour, type CompletionLogEntry } from './completion';
import { DisconnectRecorder } from './disconnects';
import { PRESETS } from './presets';
import { refusalFor, refusalMessage } from './refusals';
import { type Scenario, chunkJson, cutInsideCharacter, forRequest, splitAtSurrogates, tokenize, usageJson, SAMPLE_TEXT } from './scenario';
import { answerTokens, reasoningDeltas, wholeMessage } from './reasoning-shapes';
import { requestProblem } from './tool-checks';
import { toolCallChunks, wholeToolCalls, withIds, type ToolCallMark } from './tool-calls';

export interface RecordedRequest {
  transport: 'sse' | 'websocket' | 'http';
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body?: Record<string, unknown>;
  /** WebSocket: the subprotocols offered. */
  protocols?: string[];
}

export interface WebSocketBehaviour {
  /** Answer the upgrade with this HTTP status instead of switching protocols. */
  refuseUpgrade?: number;
  /** Never answer pings (a dead-but-connected peer). */
  ignorePings?: boolean;
  /** The body (and its type) of a refused upgrade; default a small JSON error. */
  refuseBody?: { contentType: string; text: string };
}

// The relay lives in real time even while a test installs fake timers for the client (fake-clock.ts).
const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise((r) => realSetTimeout(r, ms));

/**
 * A scripted OpenAI-compatible relay on 127.0.0.1, port 0: POST /v1/chat/completions as SSE, the same
 * path as a WebSocket (both dialects), GET /v1/models. Tests queue scenarios with `script()`; by hand,
 * the model name picks a preset (see presets.ts).
 */
export class FakeRelay {
  readonly requests: RecordedRequest[] = [];
  models = ['gpt-4.1', 'claude-sonnet-4.5', 'gemini-2.5-flash', 'deepseek-v3.2', 'deepseek-reasoner'];
  /** Extra fields per model in GET /models (e.g. OpenRouter's `name` and `context_length`). */
  modelFields: Record<string, Record<string, unknown>> = {};
  /** When set, requests must carry this key (header, `api_key` query or subprotocol). */
  requireKey: string | undefined;
  webSocket: WebSocketBehaviour = {};
  defaultScenario: Scenario = {};
  /** Count of WebSocket connections accepted. */
  wsConnections = 0;
  /** When set, each text token written is logged: when (Date.now()) and the answer's length so far. */
  writes: { at: number; chars: number }[] | undefined;
  /** Logged with `writes`: each reasoning token written, when, and the reasoning's length so far. */
  readonly reasoningWrites: { at: number; chars: number }[] = [];
  /** Logged with `writes`: each tool-call delta written, when, whose, and whether it ends that call's arguments. */
  readonly toolCallWrites: { at: number; callIndex: number; last: boolean }[] = [];
  /** Inline completions: the FIM routes and chat-mode completions (see completion/). */
  completion: CompletionBehaviour = defaultCompletionBehaviour();
  readonly completionLog: CompletionLogEntry[] = [];
  /** Every connection the client closed, and when: did Stop or a `break` really close the request? */
  readonly disconnects = new DisconnectRecorder();
  private readonly completions = new CompletionRoutes(this);
  private written = 0;
  private readonly toolCallMarks = new Map<string, ToolCallMark>();
  private readonly queue: Scenario[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });

  private constructor(private readonly server: http.Server) {}

  /** With `tls` (a key and a certificate for 127.0.0.1 / relay.test) it serves HTTPS and WSS. */
  static async start(port = 0, tls?: https.ServerOptions): Promise<FakeRelay> {
    const server = tls ? https.createServer(tls) : http.createServer();
    const relay = new FakeRelay(server);
    server.on('request', (req, res) => void relay.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => relay.onUpgrade(req, socket as Socket, head));
    server.on('connection', (socket: Socket) => {
      relay.sockets.add(socket);
      socket.on('close', () => relay.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return relay;
  }

  /** TCP connections open now (HTTP and WebSocket). */
  get openConnections(): number {
    return this.sockets.size;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `${this.server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${this.port}/v1`;
  }

  /** Queue scenarios for the next requests, in order. */
  script(...scenarios: Scenario[]): void {
    this.queue.push(...scenarios);
  }

  /** Resolves when every completion has finished generating, even after its client left. */
  completionsSettled(): Promise<void> {
    return this.completions.settled();
  }

  /** Drop every open connection now (a relay restart). */
  dropAll(): void {
    for (const client of this.wss.clients) {
      this.disconnects.relayCloses(client);
      client.terminate();
    }
    for (const socket of this.sockets) {
      this.disconnects.relayCloses(socket);
      socket.destroy();
    }
  }

  async close(): Promise<void> {
    this.dropAll();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pick(model: string): Scenario {
    return this.queue.shift() ?? PRESETS[model] ?? this.defaultScenario;
  }

  private keyOf(req: http.IncomingMessage): string | undefined {
    const header = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    const query = new URL(req.url ?? '/', 'http://x').searchParams.get('api_key') ?? undefined;
    const protocol = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
      .find((p) => p.startsWith('openai-insecure-api-key.'))?.slice('openai-insecure-api-key.'.length);
    return header ?? query ?? protocol;
  }

  private unauthorized(req: http.IncomingMessage): Record<string, unknown> | undefined {
    if (!this.requireKey) return undefined;
    const key = this.keyOf(req);
    if (key === this.requireKey) return undefined;
    // Real relays echo (part of) the key back: the client must redact it.
    return { error: { message: `Incorrect API key provided: ${key ?? '(none)'}`, type: 'invalid_request_error', code: 'invalid_api_key' } };
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const raw = await readAll(req);
    let body: Record<string, unknown> | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const isChat = req.method === 'POST' && /\/chat\/completions$/.test(path);
    this.requests.push({ transport: isChat || CompletionRoutes.handles(req.method, path) ? 'sse' : 'http', method: req.method ?? '', path, headers: req.headers, ...(body ? { body } : {}) });
    this.disconnects.watchResponse(this.requests.length - 1, res);
    const denied = this.unauthorized(req);
    if (denied) return sendJson(res, 401, denied);
    if (req.method === 'GET' && /\/models$/.test(path)) {
      return sendJson(res, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', owned_by: 'fake-relay', ...this.modelFields[id] })) });
    }
    if (CompletionRoutes.handles(req.method, path)) return this.completions.fim(req.method, path, body, res);
    if (!isChat || !body) return sendJson(res, 404, { error: { message: `No route for ${req.method} ${path}`, type: 'invalid_request_error' } });
    const problem = requestProblem(body);
    if (problem) return sendJson(res, problem.status, problem.body);
    const model = String(body.model ?? '');
    const picked = this.pick(model);
    if (picked.firstByteDelayMs) await sleep(picked.firstByteDelayMs);
    if (!model.startsWith('fake') && !this.models.includes(model) && !picked.status && !picked.raw) {
      return sendJson(res, 404, { error: { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found' } });
    }
    if (picked === this.defaultScenario && isCompletionChat(body)) return this.completions.chatHttp(body, res);
    const scenario = forRequest(picked, body);
    if (scenario.rejectStreamOptions && body.stream_options) {
      return sendJson(res, 400, { error: { message: 'Unrecognized request argument supplied: stream_options', type: 'invalid_request_error' } });
    }
    const refusal = scenario.refuse && refusalFor(scenario.refuse, body);
    if (refusal) return sendJson(res, refusal.status, refusal.body);
    if (scenario.status) {
      const text = typeof scenario.body === 'string' ? scenario.body : JSON.stringify(scenario.body ?? { error: { message: `HTTP ${scenario.status}` } });
      res.writeHead(scenario.status, { 'content-type': scenario.contentType ?? 'application/json', ...scenario.headers });
      return void res.end(text);
    }
    if (scenario.wholeJson) return sendJson(res, 200, wholeCompletion(scenario, model));
    res.socket?.setNoDelay(true);
    res.writeHead(200, { 'content-type': scenario.contentType ?? 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req-fake-${this.requests.length}`, ...scenario.headers });
    await this.writeSse(res, scenario, model, Boolean((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage));
  }

  private async writeSse(res: http.ServerResponse, s: Scenario, model: string, includeUsage: boolean): Promise<void> {
    this.written = 0;
    const eol = s.eol ?? '\n';
    const pieces: (string | Uint8Array | Step)[] = s.raw ? [...s.raw] : [];
    if (!s.raw) {
      let n = 0;
      const event = (data: string, name?: string) => {
        if (s.commentEvery && n++ % s.commentEvery === 0) pieces.push(`: ping${eol}`);
        pieces.push(`${name ? `event: ${name}${eol}` : ''}data: ${data}${eol}${eol}`);
      };
      for (const step of plan(s, undefined, this.toolCallMarks)) {
        if (typeof step !== 'string') {
          if (step.kind === 'error') event(JSON.stringify(s.inBandError?.style === 'event' ? s.inBandError.error : { error: s.inBandError?.error }), s.inBandError?.style === 'event' ? 'error' : undefined);
          pieces.push(step);
          continue;
        }
        event(step);
      }
      const last = finishOf(s);
      if (last !== null) event(chunkJson(model, {}, last));
      if (includeUsage && s.usage !== false) event(usageJson(model, (s.tokens ?? []).length || 20, s.usageShape));
      if (s.done ?? true) event('[DONE]');
    }
    let multiByte = 0;
    for (const piece of pieces) {
      if (isStep(piece)) {
        if (piece.kind === 'stall') return; // keep the socket open, silent
        if (piece.kind === 'reset') {
          // Let what was written reach the client first, so "reset after N tokens" means N were seen.
          await new Promise<void>((resolve) => res.write('', () => resolve()));
          await sleep(20);
          this.disconnects.relayCloses(res.socket);
          return void res.socket?.destroy();
        }
        if (piece.kind === 'error') return void res.end();
        continue;
      }
      this.logWrite(typeof piece === 'string' ? piece : '');
      const cutHere = s.cutCharacterEvery && typeof piece === 'string' && /[^\p{ASCII}]/u.test(piece) && multiByte++ % s.cutCharacterEvery === 0;
      for (const part of cutHere ? cutInsideCharacter(piece) : cut(piece, s.split ?? 'event')) {
        if (res.destroyed) return;
        res.write(part);
        if (s.delayMs) await sleep(s.delayMs);
        else if (s.split && s.split !== 'event') await new Promise((r) => setImmediate(r));
      }
    }
    if (s.holdOpen) return;
    res.end();
  }

  /** For benchmarks: the text length the client has been sent, and when. */
  private logWrite(payload: string, source?: string): void {
    const json = payload.replace(/^data: /, '').trim();
    const mark = this.toolCallMarks.get(source ?? json);
    this.toolCallMarks.delete(source ?? json);
    if (!this.writes) return;
    if (mark) this.toolCallWrites.push({ at: Date.now(), ...mark });
    if (!json.startsWith('{')) return;
    type Delta = { content?: string; reasoning_content?: string };
    const chunk = JSON.parse(json) as { choices?: { delta?: Delta }[]; delta?: Delta };
    const delta = chunk.choices?.[0]?.delta ?? chunk.delta;
    const reasoning = delta?.reasoning_content ?? '';
    if (reasoning) this.reasoningWrites.push({ at: Date.now(), chars: (this.reasoningWrites.at(-1)?.chars ?? 0) + reasoning.length });
    const text = delta?.content ?? '';
    if (!text) return;
    this.written += text.length;
    this.writes.push({ at: Date.now(), chars: this.written });
  }

  private onUpgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    this.requests.push({ transport: 'websocket', method: 'GET', path, headers: req.headers, protocols });
    const upgrade = this.requests.length - 1;
    const refuse = this.webSocket.refuseUpgrade ?? (this.unauthorized(req) ? 401 : /\/chat\/completions$/.test(path) ? undefined : 404);
    if (refuse) {
      const { contentType, text } = this.webSocket.refuseBody ?? { contentType: 'application/json', text: '{"error":{"message":"no websocket here"}}' };
      socket.end(`HTTP/1.1 ${refuse} ${http.STATUS_CODES[refuse]}\r\ncontent-type: ${contentType}\r\nconnection: close\r\n\r\n${text}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.wsConnections++;
      this.disconnects.watchWebSocket(upgrade, ws);
      ws.on('ping', (data) => {
        if (!this.webSocket.ignorePings) ws.pong(data);
      });
      ws.on('message', (data) => void this.onWsMessage(ws, data.toString('utf8'), req));
    });
  }

  private async onWsMessage(ws: WebSocket, text: string, req: http.IncomingMessage): Promise<void> {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return ws.send(JSON.stringify({ type: 'error', error: { message: 'invalid JSON' } }));
    }
    const typed = message.type === 'chat.completions.create';
    const model = String(message.model ?? '');
    this.requests.push({ transport: 'websocket', method: 'MESSAGE', path: 'ws', headers: req.headers, body: message });
    const problem = requestProblem(message);
    if (problem) return ws.send(JSON.stringify(refusalMessage(problem, typed)));
    const s = this.pick(model);
    if (s === this.defaultScenario && isCompletionChat(message)) return this.completions.chatWebSocket(ws, message);
    const refusal = s.refuse && refusalFor(s.refuse, message);
    if (refusal) return ws.send(JSON.stringify(refusalMessage(refusal, typed)));
    this.disconnects.answerStarted(ws, this.requests.length - 1);
    await this.answerWs(ws, forRequest(s, message), model, typed, message);
    if (ws.readyState === WebSocket.OPEN) this.disconnects.answerEnded(ws);
  }

  /** Streams one scripted answer; returns early (answer not ended) on a stall or a scripted close. */
  private async answerWs(ws: WebSocket, s: Scenario, model: string, typed: boolean, message: Record<string, unknown>): Promise<void> {
    if (s.firstByteDelayMs) await sleep(s.firstByteDelayMs);
    // A model that will not stream: one message with the whole completion, in either dialect.
    if (s.wholeJson) return ws.send(JSON.stringify(wholeCompletion(s, model)));
    this.written = 0;
    const send = async (payload: string, source?: string) => {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send(payload);
      this.logWrite(payload, source);
      if (s.delayMs) await sleep(s.delayMs);
      return true;
    };
    const includeUsage = s.usage !== false && Boolean((message.stream_options as { include_usage?: boolean } | undefined)?.include_usage);
    for (const step of plan(s, s.closeAfter?.tokens, this.toolCallMarks)) {
      if (typeof step === 'string') {
        const delta = (JSON.parse(step) as { choices: [{ delta: Record<string, unknown> }] }).choices[0].delta;
        if (!(await send(typed ? JSON.stringify({ type: 'chat.completions.chunk', delta }) : step, step))) return;
        continue;
      }
      if (step.kind === 'stall') return new Promise<void>((resolve) => ws.once('close', () => resolve()));
      if (step.kind === 'reset' || step.kind === 'close') this.disconnects.relayCloses(ws);
      if (step.kind === 'reset') return ws.terminate();
      if (step.kind === 'close') return ws.close(s.closeAfter?.code ?? 1011, s.closeAfter?.reason ?? '');
      if (step.kind === 'error') return void (await send(JSON.stringify(typed ? { type: 'error', error: s.inBandError?.error } : { error: s.inBandError?.error })));
    }
    const last = finishOf(s);
    const usage = JSON.parse(usageJson(model, (s.tokens ?? []).length || 20, s.usageShape)) as { usage: unknown };
    if (typed) {
      if (last !== null) await send(JSON.stringify({ type: 'chat.completions.chunk', delta: {}, finish_reason: last }));
      if (s.done ?? true) await send(JSON.stringify({ type: 'chat.completions.done', ...(includeUsage ? { usage: usage.usage } : {}) }));
      return;
    }
    if (last !== null) await send(chunkJson(model, {}, last));
    if (includeUsage) await send(usageJson(model, (s.tokens ?? []).length || 20, s.usageShape));
    if (s.done ?? true) await send('[DONE]');
  }
}

/** The whole answer as one non-streamed `chat.completion` (a model or relay that will not stream). */
function wholeCompletion(s: Scenario, model: string): Record<string, unknown> {
  const text = (s.tokens ?? tokenize(SAMPLE_TEXT)).join('');
  const message = wholeMessage(s.reasoning ?? [], text, s.reasoningAs);
  // OpenAI sends `content: null` next to tool calls when there is no text.
  if (s.toolCalls?.length) Object.assign(message, { content: text || null, tool_calls: wholeToolCalls(withIds(s.toolCalls)) });
  return {
    id: 'chatcmpl-fake-whole', object: 'chat.completion', model,
    choices: [{ index: 0, message, finish_reason: finishOf(s) }],
    ...(s.usage === false ? {} : { usage: { prompt_tokens: 12, completion_tokens: 20, total_tokens: 32 } }),
  };
}

interface Step {
  kind: 'stall' | 'reset' | 'close' | 'error';
}
const isStep = (v: unknown): v is Step => typeof v === 'object' && v !== null && 'kind' in v;

/** The finish reason a scenario ends with: its own, else `tool_calls` after calls, else `stop`. */
function finishOf(s: Scenario): string | null {
  if (s.finishReason !== undefined) return s.finishReason;
  return s.toolCalls?.length ? 'tool_calls' : 'stop';
}

/** The chunk JSON strings of a scenario's reasoning, text and tool calls, with the fault steps put in place. */
function plan(s: Scenario, closeAt: number | undefined, marks: Map<string, ToolCallMark>): (string | Step)[] {
  const out: (string | Step)[] = [];
  const model = 'fake';
  for (const delta of reasoningDeltas(s.reasoning ?? [], s.reasoningAs)) out.push(chunkJson(model, delta));
  let tokens = answerTokens(s.reasoning ?? [], s.tokens ?? tokenize(SAMPLE_TEXT), s.reasoningAs);
  if (s.splitSurrogates) tokens = splitAtSurrogates(tokens);
  const calls = withIds(s.toolCalls ?? []);
  // Text and a call in one chunk: the last text token waits for the first call's delta.
  const lead = calls.length && s.textWithToolCall && tokens.length ? tokens.length - 1 : -1;
  const textDelta = (t: string, i: number) => (i === 0 ? { role: 'assistant', content: t } : { content: t });
  tokens.forEach((t, i) => {
    if (s.stallAfter === i) out.push({ kind: 'stall' });
    if (s.resetAfter === i) out.push({ kind: 'reset' });
    if (closeAt === i) out.push({ kind: 'close' });
    if (s.inBandError?.after === i) out.push({ kind: 'error' });
    if (i !== lead) out.push(chunkJson(model, textDelta(t, i)));
  });
  const n = tokens.length;
  if (s.stallAfter !== undefined && s.stallAfter >= n) out.push({ kind: 'stall' });
  if (s.resetAfter !== undefined && s.resetAfter >= n) out.push({ kind: 'reset' });
  if (closeAt !== undefined && closeAt >= n) out.push({ kind: 'close' });
  if (s.inBandError && s.inBandError.after >= n) out.push({ kind: 'error' });
  const first = tokens.length ? undefined : { role: 'assistant', content: null };
  const leadDelta = lead >= 0 ? textDelta(tokens[lead] as string, lead) : first;
  out.push(...toolCallChunks((delta) => chunkJson(model, delta), calls, s.toolCallStyle, marks, calls.length ? leadDelta : undefined));
  return out;
}

let rng = 12345;
function cut(piece: string | Uint8Array, split: 'event' | 'byte' | number): Uint8Array[] {
  const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
  if (split === 'event') return [bytes];
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length;) {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    const n = split === 'byte' ? 1 : 1 + (rng % split);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

function readAll(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
