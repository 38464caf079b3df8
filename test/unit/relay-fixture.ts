import type { RelayClient } from '../../src/core';
import { FakeRelay } from '../fakes/fake-relay';

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
