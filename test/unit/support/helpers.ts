import * as net from 'node:net';
import { RelayClient, type ClientOptions, type RelayError, type StreamEvent } from '../../../src/core';
import type { ChatRequest } from '../../../src/core/types';
import { FakeRelay } from '../../fakes/fake-relay';

export interface Collected {
  events: StreamEvent[];
  text: string;
  reasoning: string;
  last: StreamEvent;
  error: RelayError | undefined;
}

export async function collect(stream: AsyncIterable<StreamEvent>, onEvent?: (e: StreamEvent) => void): Promise<Collected> {
  const events: StreamEvent[] = [];
  let text = '';
  let reasoning = '';
  for await (const event of stream) {
    events.push(event);
    if (event.type === 'text') text += event.text;
    if (event.type === 'reasoning') reasoning += event.text;
    onEvent?.(event);
  }
  const last = events[events.length - 1] as StreamEvent;
  return { events, text, reasoning, last, error: last.type === 'error' ? last.error : undefined };
}

/** A stream read in the background: what arrived so far, and the whole result when it ends. */
export interface Reading {
  readonly events: StreamEvent[];
  text(): string;
  ended(): boolean;
  readonly result: Promise<Collected>;
}

export function read(stream: AsyncIterable<StreamEvent>): Reading {
  const events: StreamEvent[] = [];
  let ended = false;
  const result = collect(stream, (e) => events.push(e)).finally(() => (ended = true));
  return {
    events,
    text: () => events.map((e) => (e.type === 'text' ? e.text : '')).join(''),
    ended: () => ended,
    result,
  };
}

export const ask = (content = 'hi', model = 'gpt-4.1'): ChatRequest => ({ model, messages: [{ role: 'user', content }] });

/** Short limits so fault tests finish in milliseconds; retries without waiting unless asked. */
export function fastClient(baseUrl: string, options: Partial<ClientOptions> = {}): RelayClient {
  return new RelayClient({
    providers: [{ id: 'main', baseUrl, apiKey: 'sk-test-key-0123456789' }],
    transport: 'sse',
    timeouts: { firstByteMs: 2000, idleMs: 2000, totalMs: 0 },
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5000 },
    ...options,
  });
}

export const types = (events: StreamEvent[]) => events.map((e) => e.type);

/** A loopback port that was free a moment ago (nothing listens on it now). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * A fake relay started before each test of the describe block that calls this, and closed after it
 * with every client `client()` made for it.
 */
export function relayPerTest(): { readonly relay: FakeRelay; client(options?: Partial<ClientOptions>): RelayClient } {
  let relay: FakeRelay | undefined;
  const clients: RelayClient[] = [];
  beforeEach(async () => {
    relay = await FakeRelay.start();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await relay?.close();
  });
  const started = (): FakeRelay => {
    if (!relay) throw new Error('no fake relay outside a test');
    return relay;
  };
  return {
    get relay() {
      return started();
    },
    client(options = {}) {
      const c = fastClient(started().baseUrl, options);
      clients.push(c);
      return c;
    },
  };
}
