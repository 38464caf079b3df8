// Where a generation's tokens go: an SSE response, one JSON body, or a WebSocket. Each sink also
// notices when the client goes away, which is all the generation loop needs to know about it.
import type * as http from 'node:http';
import { WebSocket } from 'ws';
import type { CompletionWire, Usage } from './wire';

export interface CompletionSink {
  /** Whether tokens reach the client as they are generated (SSE, WebSocket) or only at the end. */
  readonly streaming: boolean;
  /** True once the client disconnected before the response ended. */
  readonly gone: boolean;
  /** `listener` runs once, when the client disconnects before the response ended. */
  onGone(listener: () => void): void;
  /** The completion's id, as its chunks carry it (SSE also sends it as `x-request-id: req-<id>`). */
  readonly completionId: string;
  /** The first byte: response headers, when there are any. */
  start(): void;
  send(text: string): void;
  end(reason: string, usage: Usage): void;
}

/** Shared bookkeeping: the "gone" flag and its listener. */
abstract class Watched {
  private isGone = false;
  private listener: (() => void) | undefined;
  get gone(): boolean {
    if (!this.isGone && this.left()) this.markGone();
    return this.isGone;
  }
  onGone(listener: () => void): void {
    this.listener = listener;
  }
  /** A check for a departure no event announced yet. */
  protected left(): boolean {
    return false;
  }
  protected markGone(): void {
    if (this.isGone) return;
    this.isGone = true;
    this.listener?.();
  }
}

export class SseSink extends Watched implements CompletionSink {
  readonly streaming = true;
  get completionId(): string {
    return this.wire.id;
  }
  constructor(private readonly res: http.ServerResponse, private readonly wire: CompletionWire, private readonly includeUsage: boolean) {
    super();
    res.on('close', () => !res.writableFinished && this.markGone());
  }
  start(): void {
    this.res.socket?.setNoDelay(true);
    this.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req-${this.wire.id}` });
    this.res.flushHeaders();
  }
  send(text: string): void {
    this.event(this.wire.piece(text));
  }
  end(reason: string, usage: Usage): void {
    this.event(this.wire.finish(reason));
    if (this.includeUsage) this.event(this.wire.usage(usage));
    this.res.end('data: [DONE]\n\n');
  }
  private event(value: unknown): void {
    this.res.write(`data: ${JSON.stringify(value)}\n\n`);
  }
}

export class JsonSink extends Watched implements CompletionSink {
  readonly streaming = false;
  private text = '';
  get completionId(): string {
    return this.wire.id;
  }
  constructor(private readonly res: http.ServerResponse, private readonly wire: CompletionWire) {
    super();
    res.on('close', () => !res.writableFinished && this.markGone());
  }
  start(): void {}
  send(text: string): void {
    this.text += text;
  }
  end(reason: string, usage: Usage): void {
    this.res.writeHead(200, { 'content-type': 'application/json' });
    this.res.end(JSON.stringify(this.wire.whole(this.text, reason, usage)));
  }
}

/**
 * Chat mode over a WebSocket, in either dialect (see fake-relay.ts); the socket outlives the answer.
 * `whole`: a model that will not stream, whose answer comes as one message holding the whole completion.
 */
export class WebSocketSink extends Watched implements CompletionSink {
  private text = '';
  private readonly closed = () => this.markGone();
  get completionId(): string {
    return this.wire.id;
  }
  constructor(private readonly ws: WebSocket, private readonly wire: CompletionWire, private readonly typed: boolean, private readonly includeUsage: boolean, private readonly whole = false) {
    super();
    ws.once('close', this.closed);
  }
  get streaming(): boolean {
    return !this.whole;
  }
  /** A client that sent a close frame is leaving, though 'close' comes only after the handshake. */
  protected override left(): boolean {
    return this.ws.readyState !== WebSocket.OPEN;
  }
  start(): void {}
  send(text: string): void {
    if (this.whole) this.text += text;
    else this.ws.send(JSON.stringify(this.typed ? { type: 'chat.completions.chunk', delta: { content: text } } : this.wire.piece(text)));
  }
  end(reason: string, usage: Usage): void {
    this.ws.off('close', this.closed);
    if (this.whole) return this.ws.send(JSON.stringify(this.wire.whole(this.text, reason, usage)));
    if (this.typed) {
      this.ws.send(JSON.stringify({ type: 'chat.completions.chunk', delta: {}, finish_reason: reason }));
      this.ws.send(JSON.stringify({ type: 'chat.completions.done', ...(this.includeUsage ? { usage } : {}) }));
      return;
    }
    this.ws.send(JSON.stringify(this.wire.finish(reason)));
    if (this.includeUsage) this.ws.send(JSON.stringify(this.wire.usage(usage)));
    this.ws.send('[DONE]');
  }
}
