// Fakes for the inline-completion engine: a clock whose time moves only when a test says so, a
// client whose streams the test drives event by event, and cursors that type.
import type { Cursor } from '../../../src/core/completion/context';
import type { Clock } from '../../../src/core/completion/engine';
import type { CompletionClient } from '../../../src/core/completion/routed-stream';
import type { KeyValueStore } from '../../../src/core/util/key-value-store';
import { AbortedError, type RelayError } from '../../../src/core/errors';
import type { ChatRequest, FimRequest, FinishReason, StreamEvent, Usage } from '../../../src/core/types';

/** Lets every promise callback and pending I/O callback run (no real time passes). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface Timer {
  at: number;
  resolve(): void;
}

/** `sleep` registers a timer that only `advance` fires; an aborted signal rejects it at once. */
export class FakeClock implements Clock {
  private time: number;
  private readonly timers = new Set<Timer>();
  /** Every sleep asked for, in ms (the engine's debounce delays). */
  readonly sleeps: number[] = [];

  constructor(start = new Date(2026, 2, 10, 9, 0, 0).getTime()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new AbortedError());
      const timer: Timer = {
        at: this.time + ms,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers.delete(timer);
        reject(new AbortedError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.timers.add(timer);
    });
  }

  /** Timers still waiting. */
  get waiting(): number {
    return this.timers.size;
  }

  /** Moves time on by `ms`, firing due timers in order and letting their callers run after each. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due);
      this.time = Math.max(this.time, due.at);
      due.resolve();
      await settle();
    }
    this.time = target;
    await settle();
  }

  /** Jumps to an absolute time (later than now). */
  async advanceTo(at: number): Promise<void> {
    await this.advance(at - this.time);
  }
}

/**
 * One response, driven by the test: `text`, `finish`, `usage`, `end`, `fail`. Like RelayClient it
 * ends with `done` (aborted: true) when its request's signal aborts, and stopping the iteration early
 * closes it.
 */
export class FakeStream implements AsyncIterable<StreamEvent> {
  private readonly queue: StreamEvent[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  /** The consumer stopped reading (break / return). */
  returned = false;

  constructor(readonly kind: 'chat' | 'fim', readonly request: ChatRequest | FimRequest) {
    request.signal?.addEventListener('abort', () => {
      if (this.closed) return;
      this.push({ type: 'done', finishReason: null, aborted: true });
      this.closed = true;
    }, { once: true });
  }

  /** The route this request went to: 'chat', 'completions' or 'fim'. */
  get route(): string {
    return this.kind === 'chat' ? 'chat' : (this.request as FimRequest).route;
  }

  get chat(): ChatRequest {
    if (this.kind !== 'chat') throw new Error('not a chat request');
    return this.request as ChatRequest;
  }

  get fim(): FimRequest {
    if (this.kind !== 'fim') throw new Error('not a FIM request');
    return this.request as FimRequest;
  }

  /** Our side closed the socket: the request's signal aborted. */
  get aborted(): boolean {
    return this.request.signal?.aborted ?? false;
  }

  get ended(): boolean {
    return this.closed;
  }

  text(text: string): this {
    return this.push({ type: 'text', text });
  }

  finish(finishReason: FinishReason = 'stop'): this {
    return this.push({ type: 'finish', finishReason });
  }

  usage(usage: { promptTokens: number; completionTokens: number } & Omit<Usage, 'totalTokens'>): this {
    return this.push({ type: 'usage', usage: { ...usage, totalTokens: usage.promptTokens + usage.completionTokens } });
  }

  /** The normal end: `done`, then the end of the stream. */
  end(finishReason: FinishReason = 'stop'): this {
    this.push({ type: 'done', finishReason, aborted: false });
    this.closed = true;
    return this;
  }

  /** The error end. */
  fail(error: RelayError): this {
    this.push({ type: 'error', error });
    this.closed = true;
    return this;
  }

  /** text + finish + end. */
  answer(text: string): this {
    return this.text(text).finish().end();
  }

  private push(event: StreamEvent): this {
    if (this.closed) return this;
    this.queue.push(event);
    this.wake?.();
    return this;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StreamEvent, void, undefined> {
    try {
      for (;;) {
        const event = this.queue.shift();
        if (event) {
          yield event;
          continue;
        }
        if (this.closed) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      if (!this.closed) {
        this.returned = true;
        this.closed = true;
      }
    }
  }
}

/** A CompletionClient whose every request becomes a FakeStream the test drives. */
export class FakeClient implements CompletionClient {
  readonly streams: FakeStream[] = [];
  /** Called for each new request, e.g. to refuse a route or answer at once. */
  onRequest: ((stream: FakeStream) => void) | undefined;

  streamChat(request: ChatRequest): AsyncIterable<StreamEvent> {
    return this.add(new FakeStream('chat', request));
  }

  streamFim(request: FimRequest): AsyncIterable<StreamEvent> {
    return this.add(new FakeStream('fim', request));
  }

  get count(): number {
    return this.streams.length;
  }

  get last(): FakeStream {
    const stream = this.streams[this.streams.length - 1];
    if (!stream) throw new Error('no request was sent');
    return stream;
  }

  routes(): string[] {
    return this.streams.map((s) => s.route);
  }

  private add(stream: FakeStream): FakeStream {
    this.streams.push(stream);
    this.onRequest?.(stream);
    return stream;
  }
}

/** A Map behind the KeyValueStore interface (VS Code's globalState in the extension). */
export class MapStore implements KeyValueStore {
  readonly map = new Map<string, unknown>();

  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.map.set(key, JSON.parse(JSON.stringify(value)));
  }
}

/** A cursor at the end of `prefix` (the document starts with it). */
export function cursorAt(prefix: string, suffix = '', options: Partial<Cursor> = {}): Cursor {
  return { documentId: 'file:///src/app.ts', languageId: 'typescript', fileName: 'src/app.ts', prefix, suffix, offset: prefix.length, ...options };
}

/** The cursor after typing `text` at `cursor`: same suffix, offset moved on. */
export function typed(cursor: Cursor, text: string): Cursor {
  const { explicit: _explicit, ...rest } = cursor;
  return { ...rest, prefix: cursor.prefix + text, offset: cursor.offset + text.length };
}
