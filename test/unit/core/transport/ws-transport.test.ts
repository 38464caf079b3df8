import * as assert from 'node:assert/strict';
import { RelayClient, type ConnectionStatus, type WebSocketOptions } from '../../../../src/core';
import { FakeRelay } from '../../../fakes/fake-relay';
import { SAMPLE_TEXT, tokenize } from '../../../fakes/scenario';
import { FakeClock, settle, until } from '../../support/fake-clock';
import { ask, collect, read, types } from '../../support/helpers';

const KEY = 'sk-ws-key-0123456789';

function wsClient(baseUrl: string, ws: Partial<WebSocketOptions> = {}, extra: Partial<ConstructorParameters<typeof RelayClient>[0]> = {}): RelayClient {
  return new RelayClient({
    providers: [{ id: 'main', baseUrl, apiKey: KEY }],
    transport: 'websocket',
    timeouts: { firstByteMs: 2000, idleMs: 2000, totalMs: 0 },
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    webSocket: { pingIntervalMs: 60_000, pongTimeoutMs: 1000, reconnectBaseDelayMs: 20, reconnectMaxDelayMs: 100, reconnectMaxAttempts: 3, ...ws },
    ...extra,
  });
}

describe('WebSocket transport against the fake relay', () => {
  let relay: FakeRelay;
  let client: RelayClient | undefined;
  let clock: FakeClock | undefined;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => {
    clock?.uninstall();
    clock = undefined;
    client?.close();
    client = undefined;
    await relay.close();
  });

  for (const dialect of ['chunks', 'typed'] as const) {
    it(`streams CJK and emoji intact in the ${dialect} dialect, with usage`, async () => {
      client = wsClient(relay.baseUrl, { dialect });
      const out = await collect(client.streamChat(ask()));
      assert.equal(out.text, SAMPLE_TEXT);
      assert.deepEqual([...new Set(types(out.events))], ['provider', 'text', 'finish', 'usage', 'done']);
      const sent = relay.requests.find((r) => r.method === 'MESSAGE')?.body;
      assert.equal(sent?.type, dialect === 'typed' ? 'chat.completions.create' : undefined);
      assert.equal(sent?.model, 'gpt-4.1');
    });
  }

  for (const dialect of ['chunks', 'typed'] as const) {
    it(`reads a model that will not stream (one message, the whole completion) as one chunk in the ${dialect} dialect`, async () => {
      client = wsClient(relay.baseUrl, { dialect });
      relay.script({ wholeJson: true });
      const out = await collect(client.streamChat(ask()));
      assert.equal(out.text, SAMPLE_TEXT);
      assert.equal(out.events.filter((e) => e.type === 'text').length, 1, 'one chunk');
      const usage = out.events.find((e) => e.type === 'usage');
      assert.deepEqual(usage?.type === 'usage' ? usage.usage : undefined, { promptTokens: 12, completionTokens: 20, totalTokens: 32 });
      assert.equal(out.last.type, 'done');
    });
  }

  it('ends a whole completion at once even without a finish_reason or usage: no end marker will follow it', async () => {
    client = wsClient(relay.baseUrl);
    relay.script({ wholeJson: true, finishReason: null, usage: false });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.error, undefined, 'not a stall after the idle limit');
    assert.equal(out.text, SAMPLE_TEXT);
    assert.equal(out.last.type, 'done');
  });

  it('authenticates by header, by api_key query parameter, or by subprotocol', async () => {
    relay.requireKey = KEY;
    for (const auth of ['header', 'query', 'subprotocol'] as const) {
      const c = wsClient(relay.baseUrl, { auth });
      const out = await collect(c.streamChat(ask()));
      c.close();
      assert.equal(out.text, SAMPLE_TEXT, auth);
    }
    const upgrades = relay.requests.filter((r) => r.method === 'GET');
    assert.equal(upgrades[0]?.headers.authorization, `Bearer ${KEY}`);
    assert.equal(upgrades[1]?.headers.authorization, undefined);
    assert.match(upgrades[1]?.headers.host ?? '', /127\.0\.0\.1/);
    assert.deepEqual(upgrades[2]?.protocols, [`openai-insecure-api-key.${KEY}`]);
  });

  it('keeps one connection and reuses it across requests', async () => {
    client = wsClient(relay.baseUrl);
    for (let i = 0; i < 3; i++) assert.equal((await collect(client.streamChat(ask()))).text, SAMPLE_TEXT);
    assert.equal(relay.wsConnections, 1);
    assert.equal(client.connectionStatus()[0]?.state, 'open');
  });

  it('rotates the connection after its maximum lifetime, never in the middle of an answer', async () => {
    client = wsClient(relay.baseUrl, { maxLifetimeMs: 150 });
    relay.script({ delayMs: 15 }); // ~30 tokens: the answer outlives the lifetime
    const long = await collect(client.streamChat(ask()));
    assert.equal(long.text, SAMPLE_TEXT, 'the answer that outlived the lifetime was not cut');
    assert.equal(long.last.type, 'done');
    await collect(client.streamChat(ask()));
    assert.equal(relay.wsConnections, 2, 'the next request used a fresh connection');
  });

  it('detects a dead peer that ignores pings at ping interval + pong timeout', async () => {
    clock = FakeClock.install();
    relay.webSocket.ignorePings = true;
    client = wsClient(relay.baseUrl, { pingIntervalMs: 50, pongTimeoutMs: 100, reconnectMaxAttempts: 0 });
    relay.script({ stallAfter: 3 });
    const reading = read(client.streamChat(ask()));
    await until(() => reading.text() === tokenize(SAMPLE_TEXT).slice(0, 3).join(''), 'the tokens before the stall arrived');
    // The frames answered the ping sent on open; the next ping goes at 50 ms and has 100 ms to come back.
    clock.tick(149);
    await settle();
    assert.equal(reading.ended(), false, 'still open 1 ms before ping interval + pong timeout');
    clock.tick(1);
    const out = await reading.result;
    assert.equal(out.error?.code, 'network');
    assert.match(out.error?.message ?? '', /pings/);
    // Detected by the heartbeat at 150 ms of (fake) time, long before the 2 s idle limit.
  });

  it('counts any frame as liveness: a busy stream survives a peer that never pongs', async () => {
    relay.webSocket.ignorePings = true;
    // Without frames counting as liveness the socket would die after ~250 ms of this 0.6 s answer.
    client = wsClient(relay.baseUrl, { pingIntervalMs: 50, pongTimeoutMs: 200 });
    relay.script({ delayMs: 20 }); // ~0.6 s of frames every 20 ms
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
  });

  it('measures ping round-trip latency', async () => {
    clock = FakeClock.install({ date: true });
    client = wsClient(relay.baseUrl, { pingIntervalMs: 30 });
    const seen: ConnectionStatus[] = [];
    client.onConnectionStatus((s) => seen.push(s));
    await collect(client.streamChat(ask()));
    await until(() => client?.connectionStatus()[0]?.latencyMs === 0, 'the ping sent on open came back (no fake time passed)');
    // The next ping goes at 30 ms; 7 ms pass before its pong can be read (that needs the event loop).
    clock.tick(30);
    clock.tick(7);
    await until(() => client?.connectionStatus()[0]?.latencyMs === 7, 'the second ping measured 7 ms');
    assert.deepEqual([...new Set(seen.map((s) => s.state))].slice(0, 3), ['connecting', 'open', 'streaming']);
  });

  for (const [code, expected] of [[1011, 'server'], [1006, 'network']] as const) {
    it(`reports a ${code} close mid-answer as ${expected}, keeping the text, without retrying`, async () => {
      client = wsClient(relay.baseUrl);
      relay.script(code === 1006 ? { resetAfter: 4, delayMs: 5 } : { closeAfter: { tokens: 4, code, reason: 'upstream failed' }, delayMs: 5 });
      const out = await collect(client.streamChat(ask()));
      assert.equal(out.error?.code, expected);
      assert.ok(out.text.length > 0 && SAMPLE_TEXT.startsWith(out.text));
      assert.equal(relay.requests.filter((r) => r.method === 'MESSAGE').length, 1);
    });
  }

  it('retries on a fresh connection when the socket drops before the first token', async () => {
    client = wsClient(relay.baseUrl);
    relay.script({ resetAfter: 0 });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
    assert.ok(types(out.events).includes('retry'));
  });

  it('reconnects an idle kept connection in the background with backoff, then gives up after the limit', async () => {
    client = wsClient(relay.baseUrl, { reconnectBaseDelayMs: 20, reconnectMaxDelayMs: 40, reconnectMaxAttempts: 3 });
    const states: string[] = [];
    client.onConnectionStatus((s) => states.push(s.state));
    await collect(client.streamChat(ask()));
    relay.dropAll();
    await until(() => relay.wsConnections === 2, 'reconnected in the background');
    await until(() => client?.connectionStatus()[0]?.state === 'open', 'open again');
    assert.ok(states.includes('reconnecting'));
    // Now the relay goes away for good: three more attempts, then offline.
    const port = relay.port;
    await relay.close();
    await until(() => client?.connectionStatus()[0]?.state === 'offline', 'offline after the last attempt');
    relay = await FakeRelay.start(port).catch(() => FakeRelay.start());
  });

  it('auto: falls back to SSE when the upgrade is refused, and remembers it', async () => {
    relay.webSocket.refuseUpgrade = 404;
    client = wsClient(relay.baseUrl, {}, { transport: 'auto' });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
    const provider = out.events.find((e) => e.type === 'provider');
    assert.equal(provider?.type === 'provider' && provider.transport, 'sse');
    assert.deepEqual(client.rememberedTransports(), { [relay.baseUrl]: 'sse' });
    await collect(client.streamChat(ask()));
    assert.equal(relay.requests.filter((r) => r.transport === 'websocket').length, 1, 'no second upgrade attempt');
  });

  it('websocket only: a refused upgrade is an error that says so', async () => {
    relay.webSocket.refuseUpgrade = 404;
    client = wsClient(relay.baseUrl);
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.error?.code, 'upgrade_refused');
    assert.equal(out.error?.status, 404);
  });

  it('reports a bad key on upgrade as an auth error, without the key', async () => {
    relay.requireKey = 'another-key-9876543';
    client = wsClient(relay.baseUrl, { auth: 'query' });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.error?.code, 'auth');
    assert.ok(!JSON.stringify(out.error).includes(KEY));
  });

  it('Stop terminates the WebSocket mid-answer so the relay stops generating', async () => {
    client = wsClient(relay.baseUrl);
    relay.script({ delayMs: 40 });
    const controller = new AbortController();
    const out = await collect(client.streamChat({ ...ask(), signal: controller.signal }), (e) => e.type === 'text' && controller.abort());
    assert.equal(out.last.type === 'done' && out.last.aborted, true);
    assert.ok(out.text.length > 0);
    const message = relay.requests.findIndex((r) => r.method === 'MESSAGE');
    const first = await relay.disconnects.firstOf(message);
    assert.ok(first !== 'ended' && first.beforeEnd, 'the relay saw the socket go while it was still answering');
    assert.deepEqual([first.transport, first.code], ['websocket', 1006], 'dropped at once, no close handshake to wait for');
    // The next request still works (on a new connection).
    assert.equal((await collect(client.streamChat(ask()))).text, SAMPLE_TEXT);
  });

  it('breaking out of the iteration closes the WebSocket request', async () => {
    client = wsClient(relay.baseUrl);
    relay.script({ delayMs: 40 });
    for await (const e of client.streamChat(ask())) if (e.type === 'text') break;
    const first = await relay.disconnects.firstOf(relay.requests.findIndex((r) => r.method === 'MESSAGE'));
    assert.ok(first !== 'ended' && first.beforeEnd, 'the relay saw the client leave mid-answer, not answer in full');
    assert.equal(first.transport, 'websocket');
  });

  for (const dialect of ['chunks', 'typed'] as const) {
    it(`a trailing end marker of one answer never ends the next one (${dialect})`, async () => {
      // The relay sends finish_reason, usage and then [DONE] 80 ms apart: the answer is complete for
      // the user before [DONE] arrives, and the next question goes out at once on the same client.
      client = wsClient(relay.baseUrl, { dialect });
      relay.script({ delayMs: 80, tokens: ['one'] }, { delayMs: 20 });
      const first = await collect(client.streamChat(ask()));
      assert.equal(first.text, 'one');
      const second = await collect(client.streamChat(ask()));
      assert.equal(second.text, SAMPLE_TEXT, 'the second answer was cut by the first answer\'s [DONE]');
    });
  }

  it('serves two concurrent requests (the second on an extra socket)', async () => {
    client = wsClient(relay.baseUrl);
    relay.script({ delayMs: 5 }, { delayMs: 5 });
    const [a, b] = await Promise.all([collect(client.streamChat(ask())), collect(client.streamChat(ask()))]);
    assert.equal(a.text, SAMPLE_TEXT);
    assert.equal(b.text, SAMPLE_TEXT);
    assert.equal(relay.wsConnections, 2);
  });

  it('reports a stall on the socket with the idle limit', async () => {
    client = wsClient(relay.baseUrl, {}, { timeouts: { firstByteMs: 2000, idleMs: 200, totalMs: 0 } });
    relay.script({ stallAfter: 5 });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.error?.code, 'timeout_idle');
    assert.ok(out.text.length > 0);
  });
});
