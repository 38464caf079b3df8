import { RelayClient, type ClientOptions } from '../../../src/core';
import { FakeRelay } from '../../fakes/fake-relay';

export interface RelayFixture {
  relay: FakeRelay;
  /** Closed after each test when set. */
  client: RelayClient | undefined;
}

/** A fresh fake relay for each test of the calling suite, and the test's client closed after it. */
export function withRelay(): RelayFixture {
  const fixture = { client: undefined } as RelayFixture;
  beforeEach(async () => (fixture.relay = await FakeRelay.start()));
  afterEach(async () => {
    fixture.client?.close();
    fixture.client = undefined;
    await fixture.relay.close();
  });
  return fixture;
}

/** A client of one provider: SSE unless told, two quick retries, no heartbeat during a test. */
export function testClient(baseUrl: string, extra: Partial<ClientOptions> = {}): RelayClient {
  return new RelayClient({
    providers: [{ id: 'main', baseUrl, apiKey: 'sk-test-key-0123456789' }],
    transport: 'sse',
    timeouts: { firstByteMs: 2000, idleMs: 2000, totalMs: 0 },
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    webSocket: { pingIntervalMs: 60_000 },
    ...extra,
  });
}
