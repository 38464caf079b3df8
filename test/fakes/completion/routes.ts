// The fake relay's completion side: the FIM routes (/v1/completions, /v1/fim/completions) and
// chat-mode completions over SSE or a WebSocket. fake-relay.ts hands requests here.
import type * as http from 'node:http';
import type { WebSocket } from 'ws';
import { now, type CompletionBehaviour, type CompletionLogEntry } from './behaviour';
import { chatAnswer, cursorFileOf, type CursorFile } from './chat-mode';
import { firstTokens, planGeneration, type GenerationPlan } from './generation';
import { fimParts, fimRouteOf, readRequest, type CompletionRequest } from './request';
import { runGeneration } from './run';
import { JsonSink, SseSink, WebSocketSink, type CompletionSink } from './sinks';
import { completionTokens } from './tokens';
import { trueInsertion } from './true-continuation';
import { CompletionWire } from './wire';

/** What the routes need from the relay: its settings and its log. */
export interface CompletionHost {
  completion: CompletionBehaviour;
  readonly completionLog: CompletionLogEntry[];
}

export class CompletionRoutes {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly host: CompletionHost) {}

  /** Whether a request is for one of the FIM routes (enabled or not). */
  static handles(method: string | undefined, path: string): boolean {
    return fimRouteOf(method, path) !== undefined;
  }

  /** POST …/completions or …/fim/completions (see handles()). */
  async fim(method: string | undefined, path: string, body: Record<string, unknown> | undefined, res: http.ServerResponse): Promise<void> {
    const route = fimRouteOf(method, path) ?? 'completions';
    const behaviour = this.host.completion;
    if (!behaviour.routes[route]) return sendJson(res, 404, { error: { message: `Not found: POST ${path}`, type: 'invalid_request_error', code: 'not_found' } });
    if (!body) return sendJson(res, 400, { error: { message: 'The request body is not valid JSON.', type: 'invalid_request_error' } });
    const request = readRequest(body);
    const models = behaviour.fimModels;
    if (models !== '*' && !models.includes(request.model)) {
      return sendJson(res, 400, { error: { message: `The model \`${request.model}\` does not support the completions endpoint.`, type: 'invalid_request_error', code: 'unsupported_model' } });
    }
    const { prompt, suffix } = fimParts(body);
    const insertion = behaviour.script?.({ route, prefix: prompt, suffix, language: '' }) ??
      trueInsertion(behaviour.files, prompt, suffix) ?? behaviour.fallback?.({ prefix: prompt, suffix }) ?? '';
    const plan = planGeneration(insertion, { maxTokens: request.maxTokens, naturalTokens: behaviour.naturalTokens, stop: request.stop ?? [] });
    const wire = new CompletionWire(route === 'fim' ? 'chat' : 'text', request.model);
    const sink = this.streams(request) ? new SseSink(res, wire, request.includeUsage) : new JsonSink(res, wire);
    await this.track(route, 'sse', request, plan, completionTokens(prompt + suffix).length, sink);
  }

  /** POST …/chat/completions whose last user message holds a `<file>` block with a cursor. */
  async chatHttp(body: Record<string, unknown>, res: http.ServerResponse): Promise<void> {
    const request = readRequest(body);
    const wire = new CompletionWire('chat', request.model);
    const sink = this.streams(request) ? new SseSink(res, wire, request.includeUsage) : new JsonSink(res, wire);
    await this.chat(body, request, 'sse', sink);
  }

  /** The same over a WebSocket, in the dialect the message uses. */
  async chatWebSocket(ws: WebSocket, message: Record<string, unknown>): Promise<void> {
    const request = readRequest(message);
    const typed = message.type === 'chat.completions.create';
    const wire = new CompletionWire('chat', request.model);
    await this.chat(message, request, 'websocket', new WebSocketSink(ws, wire, typed, request.includeUsage, !this.streams(request)));
  }

  /** Whether the answer streams: asked to, by a model that does stream. */
  private streams(request: CompletionRequest): boolean {
    return request.stream && !this.host.completion.wholeBodyModels.includes(request.model);
  }

  /** Resolves when every generation has ended, including those running on after a disconnect. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async chat(body: Record<string, unknown>, request: CompletionRequest, transport: 'sse' | 'websocket', sink: CompletionSink): Promise<void> {
    const behaviour = this.host.completion;
    const file = cursorFileOf(body) as CursorFile;
    const scripted = behaviour.script?.({ route: 'chat', prefix: file.prefix, suffix: file.suffix, language: file.language });
    const answer = scripted ?? this.corpusChatAnswer(file, request);
    const plan = planGeneration(answer, { maxTokens: request.maxTokens, naturalTokens: scripted === undefined ? Infinity : behaviour.naturalTokens, stop: request.stop ?? [] });
    const promptTokens = completionTokens(JSON.stringify(body.messages ?? '')).length;
    await this.track('chat', transport, request, plan, promptTokens, sink);
  }

  /** The corpus model's chat answer: the true continuation in <insert>, mangled as configured. */
  private corpusChatAnswer(file: CursorFile, request: CompletionRequest): string {
    const behaviour = this.host.completion;
    let continuation = trueInsertion(behaviour.files, file.prefix, file.suffix) ?? behaviour.fallback?.(file) ?? '';
    // Without max_tokens the model's own length limits the code it writes; the tags still close.
    if (request.maxTokens === undefined) continuation = firstTokens(continuation, behaviour.naturalTokens);
    return chatAnswer(file, continuation, behaviour.corrupt);
  }

  /** Logs the request and runs its generation, counted as running until it ends. */
  private async track(route: CompletionLogEntry['route'], transport: CompletionLogEntry['transport'], request: CompletionRequest, plan: GenerationPlan, promptTokens: number, sink: CompletionSink): Promise<void> {
    const log = this.host.completionLog;
    const entry: CompletionLogEntry = {
      id: log.length + 1, completionId: sink.completionId, route, transport, model: request.model,
      ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
      ...(request.stop ? { stop: request.stop } : {}),
      startedAt: now(), generatedTokens: 0, sentTokens: 0, writes: [], clientAborted: false, text: '',
    };
    log.push(entry);
    const run = runGeneration(plan, promptTokens, this.host.completion, entry, sink).finally(() => this.running.delete(run));
    this.running.add(run);
    await run;
  }
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
