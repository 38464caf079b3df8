// OUR pipeline: the extension's CompletionEngine on one RelayClient over SSE, as the VS Code
// adapter builds it, with an in-memory store and an observer that keeps the engine's traces.
import {
  CompletionEngine, RelayClient, type ChatRequest, type Clock, type CompletionClient, type CompletionMode, type CompletionTrace, type Cursor, type FimRequest,
  type StreamEvent,
} from '../../src/core';
import { sleep } from '../../src/core/util/abort';
import type { FakeRelay } from '../../test/fakes/fake-relay';
import { now, type Pipeline, type Provided } from './simulate';
import { writtenAt } from './wire-times';

export const MODEL = 'deepseek-v3.2';

type SuggestionTrace = Extract<CompletionTrace, { type: 'suggestion' }>;
type RequestTrace = Extract<CompletionTrace, { type: 'request' }>;

/**
 * The engine's clock, at sub-millisecond resolution: its default is Date.now() (whole milliseconds, wall
 * time), too coarse for an added latency measured in milliseconds, and not the clock the bench and the
 * fake relay use (performance.timeOrigin + performance.now()).
 */
const clock: Clock = { now, sleep };

/** One stream the engine opened, as the client delivered it. */
interface Tapped {
  startedAt: number;
  requestId: string | undefined;
}

export class OursPipeline implements Pipeline {
  readonly requests: RequestTrace[] = [];
  readonly suggestions: SuggestionTrace[] = [];
  readonly streams: Tapped[] = [];
  private readonly client: RelayClient;
  readonly engine: CompletionEngine;
  /** Where the engine's request traces go (BENCH_VERBOSE). */
  log: ((line: string) => void) | undefined;

  constructor(private readonly relay: FakeRelay, mode: CompletionMode) {
    this.client = new RelayClient({ providers: [{ id: 'fake', baseUrl: relay.baseUrl, apiKey: 'sk-bench' }], transport: 'sse', includeUsage: true });
    const store = new Map<string, unknown>();
    // The client as the engine sees it, noting which relay response each stream is (for server-side times).
    const tap: CompletionClient = {
      streamChat: (request: ChatRequest) => this.tapped(this.client.streamChat(request)),
      streamFim: (request: FimRequest) => this.tapped(this.client.streamFim(request)),
    };
    this.engine = new CompletionEngine({
      client: () => tap,
      settings: () => ({ model: MODEL, mode, dailyBudgetUsd: 0 }),
      endpoint: () => relay.baseUrl,
      clock,
      store: { get: <T>(key: string) => store.get(key) as T | undefined, set: (key: string, value: unknown) => void store.set(key, value) },
      observer: (trace) => {
        if (trace.type === 'suggestion') return void this.suggestions.push(trace);
        this.requests.push(trace);
        const { end } = trace;
        this.log?.(`request ${trace.id} ${trace.route} ${Math.round(trace.endedAt - trace.startedAt)} ms ${end.error && !end.aborted ? `error ${end.error.code}` : end.aborted ? 'aborted' : 'done'}` +
          ` raw ${JSON.stringify(end.raw.slice(0, 70))} -> ${JSON.stringify(end.suggestion.slice(0, 50))}`);
      },
    });
  }

  private async *tapped(events: AsyncIterable<StreamEvent>): AsyncGenerator<StreamEvent, void, undefined> {
    const stream: Tapped = { startedAt: now(), requestId: undefined };
    this.streams.push(stream);
    for await (const event of events) {
      if (event.type === 'provider' || event.type === 'done') stream.requestId ??= event.requestId;
      yield event;
    }
  }

  async provide(cursor: Cursor, signal: AbortSignal, calledAt: number): Promise<Provided | undefined> {
    const seen = this.suggestions.length;
    const item = await this.engine.complete(cursor, signal);
    if (!item) return undefined;
    // The engine reports the suggestion synchronously just before it returns it: this call's trace.
    const trace = this.suggestions.slice(seen).reverse().find((t) => t.text === item.text);
    const timed = item.source === 'network' || item.source === 'in-flight';
    const ready = timed ? trace?.ready : undefined;
    if (!trace || !ready) return { text: item.text, source: item.source };
    // The stream it came from: the engine runs one request at a time, so the last one opened before it was ready.
    const stream = this.streams.filter((s) => s.startedAt <= ready.at).pop();
    const written = writtenAt(this.relay.completionLog, stream?.requestId, ready.rawChars, ready.neededEnd);
    return {
      text: item.text, source: item.source, addedMs: trace.returnedAt - Math.max(ready.at, calledAt),
      ...(written !== undefined ? { serverAddedMs: trace.returnedAt - Math.max(written, calledAt) } : {}),
    };
  }

  endTrace(): void {
    this.engine.cancel();
  }

  close(): void {
    this.engine.cancel();
    this.client.close();
  }
}
