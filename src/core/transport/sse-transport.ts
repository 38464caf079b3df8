import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Attempt, AttemptResult } from '../client/attempt';
import { ChunkReader } from './chunk-reader';
import { NetworkError, type RelayError, TruncatedStreamError, isRelayError } from '../errors';
import { fromNodeError, requestIdFrom } from './http';
import { SseDecoder } from './sse-decoder';
import { type Settle, StreamEnding, type StreamEnd } from './stream-ending';
import { WholeBody } from './whole-body';

/** After a complete answer the rest of the body is drained (keep-alive reuse), for at most this long. */
const DRAIN_MS = 2000;

/**
 * A chat completion streamed as server-sent events over one POST, on undici's dispatcher API.
 * How the stream ends (limits, finish grace, abort, settling once) is StreamEnding's, shared with
 * the WebSocket transport; this file reads the HTTP response.
 */
export function streamOverSse(attempt: Attempt, dispatcher: Dispatcher): Promise<AttemptResult> {
  if (attempt.signal.aborted) return Promise.resolve({ finishReason: null, aborted: true, requestId: undefined });
  const url = new URL(`${attempt.baseUrl}${attempt.path}`);
  const request: Dispatcher.DispatchOptions = {
    origin: url.origin,
    path: url.pathname + url.search,
    method: 'POST',
    headers: { ...attempt.headers, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(attempt.body),
  };
  return new Promise<AttemptResult>((resolve, reject) => new SseExchange(attempt, url, { resolve, reject }).send(dispatcher, request));
}

/**
 * One POST and its response, as undici's dispatch handler. The body is read as an event stream,
 * kept whole (an error, an HTML page, one JSON completion), or — once the answer finished before
 * the body ended — discarded.
 * Chunks that arrive in one socket read are decoded together (one microtask), which keeps the cost
 * per relay write low even when a relay writes a few bytes at a time.
 */
class SseExchange implements Dispatcher.DispatchHandler {
  private readonly reader: ChunkReader;
  private readonly decoder: SseDecoder;
  private readonly ending: StreamEnding;
  private controller: Dispatcher.DispatchController | undefined;
  private body: 'events' | 'discard' | WholeBody = 'events';
  /** The response started (headers arrived): a drop from here on is in the middle of the answer. */
  private responded = false;
  /** Event-stream bytes read since the last decode, and whether a decode is queued. */
  private pending: Buffer[] = [];
  private decodeQueued = false;
  private readonly decodeQueue = () => this.decodePending();

  constructor(private readonly attempt: Attempt, private readonly url: URL, settle: Settle) {
    this.reader = new ChunkReader(attempt.emit, attempt.model);
    this.decoder = new SseDecoder(this.reader, attempt.emit, attempt.model);
    this.ending = new StreamEnding(attempt, this.reader, settle, (end) => this.close(end));
  }

  send(dispatcher: Dispatcher, request: Dispatcher.DispatchOptions): void {
    this.ending.timers.start();
    dispatcher.dispatch(request, this);
    // Last: an already-aborted signal ends the stream at once, which needs the above.
    this.ending.listenForAbort();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // undici starts the request once the connection (and any proxy tunnel) is up.
    this.controller = controller;
    if (this.ending.isOver) controller.abort(new Error('closed by the client'));
    else this.ending.timers.connected();
  }

  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    this.ending.timers.activity();
    this.responded = status !== 0;
    const requestId = requestIdFrom(headers);
    this.ending.requestId = requestId;
    const whole = WholeBody.of(status, headers, requestId);
    if (whole) this.body = whole;
    if (!whole?.isError) this.attempt.onResponse(requestId);
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.ending.timers.activity();
    const { body } = this;
    if (body === 'discard' || this.ending.isOver) return;
    if (body !== 'events') {
      body.add(chunk);
      return;
    }
    this.pending.push(chunk);
    if (!this.decodeQueued) {
      this.decodeQueued = true;
      queueMicrotask(this.decodeQueue);
    }
  }

  onResponseEnd(): void {
    if (this.ending.isOver) return;
    const { body } = this;
    if (body instanceof WholeBody) {
      this.endWith(body.read(this.reader, this.attempt.model));
      return;
    }
    if (!this.decodePending()) return;
    try {
      this.decoder.end();
    } catch (e) {
      this.fail(e);
      return;
    }
    // A gateway may turn a reset into a clean end: without [DONE] or a finish_reason the answer was cut off.
    const { reader } = this;
    this.endWith(reader.ended || reader.finishReason ? undefined : new TruncatedStreamError(reader.chars));
  }

  onResponseError(_c: Dispatcher.DispatchController, error: Error): void {
    if (this.ending.isOver) return;
    this.decodePending();
    if (this.ending.isOver) return;
    this.reader.flush();
    this.ending.dropped(this.responded ? new NetworkError('The connection was lost in the middle of the answer.', { cause: error }) : this.relayError(error));
  }

  /** Decodes everything that arrived since the last decode; false when the stream is over. */
  private decodePending(): boolean {
    this.decodeQueued = false;
    const { pending, ending } = this;
    if (ending.isOver || !pending.length) return !ending.isOver;
    const bytes = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
    this.pending = [];
    try {
      this.decoder.feed(bytes);
    } catch (e) {
      this.reader.flush();
      this.fail(e);
      return false;
    }
    ending.afterInput();
    return !ending.isOver;
  }

  /** Finished, or failed with `error`. */
  private endWith(error: unknown): void {
    if (error) this.fail(error);
    else this.ending.finished();
  }

  private fail(error: unknown): void {
    this.ending.failed(this.relayError(error));
  }

  private relayError(error: unknown): RelayError {
    return isRelayError(error) ? error : fromNodeError(error, this.url);
  }

  /** Lets go of the response: closed at once, unless it ended by itself and the rest can be read away. */
  private close(end: StreamEnd): void {
    if (end.how !== 'finished' || end.cause === 'grace') {
      // A relay that holds the body open after the answer gets it closed: the socket is not leaked.
      this.controller?.abort(new Error('closed by the client'));
    } else if (this.body === 'events') {
      // Finished before the body ended ([DONE]): read the rest away so the socket can be reused.
      this.body = 'discard';
      setTimeout(() => this.controller?.abort(new Error('body not ended after [DONE]')), DRAIN_MS).unref();
    }
  }
}
