import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { mock } from 'node:test';
import type { ClientOptions, ConnectionStatus, RelayClient, RelayError } from '../../../../src/core';
import { ChunkReader } from '../../../../src/core/transport/chunk-reader';
import { FINISH_GRACE_MS, FinishGrace, type FinishCause } from '../../../../src/core/transport/finish-grace';
import { StreamTimers } from '../../../../src/core/transport/timers';
import { testClient, withRelay } from '../../support/relay-fixture';
import { ask, collect, freePort, types } from '../../support/helpers';

// "Could not connect" (DNS, refused, TLS, connect timeout) is a network problem; "connected, but no
// response for N s" is a busy relay (some retry upstream for 30 s and more). They differ in code,
// message, retries and whether the endpoint shows as offline.

const client = (baseUrl: string, extra: Partial<ClientOptions> = {}) => testClient(baseUrl, { timeouts: { firstByteMs: 300, idleMs: 2000, totalMs: 0 }, ...extra });

function statesOf(c: RelayClient): ConnectionStatus['state'][] {
  const states: ConnectionStatus['state'][] = [];
  c.onConnectionStatus((s) => states.push(s.state));
  return states;
}

describe('could not connect vs connected but no response', () => {
  const t = withRelay();

  for (const transport of ['sse', 'websocket'] as const) {
    it(`${transport}: a relay that accepts the request and stays silent is a first-byte timeout, not retried, not offline`, async () => {
      const c = (t.client = client(t.relay.baseUrl, { transport }));
      const states = statesOf(c);
      t.relay.script({ firstByteDelayMs: 3000 }, { firstByteDelayMs: 3000 }, { firstByteDelayMs: 3000 });
      const out = await collect(c.streamChat(ask()));
      assert.equal(out.error?.code, 'timeout_first_byte');
      assert.match(out.error?.message ?? '', /Connected, but the server sent no response within 300 ms/);
      assert.equal(out.error?.retryable, false);
      assert.ok(!types(out.events).includes('retry'), 'a busy relay is not asked again');
      assert.equal(t.relay.requests.filter((r) => r.body?.messages).length, 1);
      assert.ok(!states.includes('offline'), `states: ${states.join(', ')}`);
    });
  }

  it('a refused port is a network error: retried, then offline', async () => {
    const c = (t.client = client(`http://127.0.0.1:${await freePort()}/v1`));
    const states = statesOf(c);
    const out = await collect(c.streamChat(ask()));
    assert.equal(out.error?.code, 'network');
    assert.match(out.error?.message ?? '', /Could not connect/);
    assert.equal(out.events.filter((e) => e.type === 'retry').length, 2);
    assert.equal(states[states.length - 1], 'offline');
  });

  it('a proxy that never opens the tunnel is a connect timeout (could not connect), offline', async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => held.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const c = (t.client = client(t.relay.baseUrl, { proxy: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, retry: { maxRetries: 0 } }));
      const states = statesOf(c);
      const out = await collect(c.streamChat(ask()));
      assert.equal(out.error?.code, 'timeout_connect');
      assert.match(out.error?.message ?? '', /Could not connect to the server within 300 ms/);
      assert.equal(t.relay.requests.length, 0);
      assert.equal(states[states.length - 1], 'offline');
    } finally {
      t.client?.close();
      for (const socket of held) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('the first-byte limit runs from connect, then again from the request (fake timers)', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  const limits = { firstByteMs: 1000, idleMs: 0, totalMs: 0 };

  it('no connection within the limit: could not connect', () => {
    const errors: RelayError[] = [];
    new StreamTimers(limits, (e) => errors.push(e)).start();
    mock.timers.tick(999);
    assert.equal(errors.length, 0);
    mock.timers.tick(1);
    assert.deepEqual(errors.map((e) => e.code), ['timeout_connect']);
  });

  it('connected, then no response for the whole limit: first-byte timeout, counted from the request', () => {
    const errors: RelayError[] = [];
    const timers = new StreamTimers(limits, (e) => errors.push(e));
    timers.start();
    mock.timers.tick(800);
    timers.connected();
    mock.timers.tick(999);
    assert.equal(errors.length, 0, 'the connect time does not count against the response');
    mock.timers.tick(1);
    assert.deepEqual(errors.map((e) => e.code), ['timeout_first_byte']);
  });

  it('a finished answer waits a short grace for its usage, then ends', () => {
    const ends: FinishCause[] = [];
    const reader = new ChunkReader(() => {}, 'm');
    const grace = new FinishGrace(reader, true, (cause) => ends.push(cause));
    reader.acceptData(JSON.stringify({ choices: [{ delta: { content: 'hi' }, finish_reason: 'stop' }] }));
    grace.check();
    mock.timers.tick(FINISH_GRACE_MS - 1);
    assert.deepEqual(ends, []);
    mock.timers.tick(1);
    assert.deepEqual(ends, ['grace']);
    assert.ok(FINISH_GRACE_MS <= 300, 'well under a second');
  });
});
