import * as assert from 'node:assert/strict';
import { RelayClient, type Logger } from '../../../../src/core';
import { FakeRelay } from '../../../fakes/fake-relay';
import { SAMPLE_TEXT } from '../../../fakes/scenario';
import { ask, collect, freePort, types } from '../../support/helpers';


describe('provider fallback', () => {
  let primary: FakeRelay;
  let backup: FakeRelay;
  beforeEach(async () => {
    primary = await FakeRelay.start();
    backup = await FakeRelay.start();
  });
  afterEach(async () => {
    await primary.close();
    await backup.close();
  });

  const client = (first: string, options: { modelMap?: Record<string, string> } = {}) => new RelayClient({
    providers: [
      { id: 'primary', baseUrl: first, apiKey: 'sk-primary-0123456789' },
      { id: 'backup', baseUrl: backup.baseUrl, apiKey: async () => 'sk-backup-0123456789', ...options },
    ],
    transport: 'sse',
    retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 },
  });

  it('moves to the next provider when the first cannot be reached, and says who answered', async () => {
    const c = client(`http://127.0.0.1:${await freePort()}/v1`);
    const out = await collect(c.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
    assert.deepEqual(types(out.events).slice(0, 3), ['retry', 'fallback', 'provider']);
    const answered = out.events.find((e) => e.type === 'provider');
    assert.equal(answered?.type === 'provider' && answered.provider.id, 'backup');
    assert.equal(out.last.type === 'done' && out.last.provider?.id, 'backup');
    assert.equal(backup.requests[0]?.headers.authorization, 'Bearer sk-backup-0123456789', 'key fetched from its source');
  });

  it('moves on after 5xx and after an exhausted 429, applying the model map', async () => {
    primary.script(...Array(2).fill({ status: 503, body: { error: { message: 'overloaded' } } }));
    const c = client(primary.baseUrl, { modelMap: { 'gpt-4.1': 'openai/gpt-4.1' } });
    backup.models.push('openai/gpt-4.1');
    const out = await collect(c.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
    assert.equal(backup.requests[0]?.body?.model, 'openai/gpt-4.1');
    primary.script(...Array(2).fill({ status: 429, body: { error: { message: 'busy' } } }));
    const limited = await collect(c.streamChat(ask()));
    const fallback = limited.events.find((e) => e.type === 'fallback');
    assert.equal(fallback?.type === 'fallback' && fallback.error.code, 'rate_limited');
  });

  it('moves on when the first relay\'s account is out of credit (402), without asking it again', async () => {
    primary.script({ status: 402, body: { error: { message: 'Insufficient account balance', type: 'insufficient_balance' } } });
    const out = await collect(client(primary.baseUrl).streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
    const fallback = out.events.find((e) => e.type === 'fallback');
    assert.equal(fallback?.type === 'fallback' && fallback.error.code, 'payment');
    assert.equal(primary.requests.length, 1, 'a 402 is not retried on the same relay');
    assert.equal(out.last.type === 'done' && out.last.provider?.id, 'backup');
  });

  it('does not fall back on a rejected key or after text was delivered', async () => {
    primary.requireKey = 'something-else-123';
    const c = client(primary.baseUrl);
    const auth = await collect(c.streamChat(ask()));
    assert.equal(auth.error?.code, 'auth');
    assert.equal(backup.requests.length, 0);
    primary.requireKey = undefined;
    primary.script({ resetAfter: 4 });
    const cut = await collect(c.streamChat(ask()));
    assert.equal(cut.error?.code, 'network');
    assert.equal(backup.requests.length, 0);
  });
});

describe('models and health', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => relay.close());

  it('lists models from GET /models and caches them', async () => {
    const c = new RelayClient({ providers: [{ id: 'p', baseUrl: relay.baseUrl }] });
    assert.deepEqual(await c.listModels(), ['claude-sonnet-4.5', 'deepseek-reasoner', 'deepseek-v3.2', 'gemini-2.5-flash', 'gpt-4.1']);
    await c.listModels();
    assert.equal(relay.requests.length, 1, 'second call served from the cache');
    await c.listModels({ refresh: true });
    assert.equal(relay.requests.length, 2);
  });

  it('measures health as a round trip, and reports a failure instead of throwing', async () => {
    const ok = await new RelayClient({ providers: [{ id: 'p', baseUrl: relay.baseUrl }] }).checkHealth();
    assert.equal(ok.ok, true);
    assert.equal(ok.models, 5);
    assert.ok(ok.latencyMs >= 0 && ok.latencyMs < 1000);
    relay.requireKey = 'needed-key-123456';
    const bad = await new RelayClient({ providers: [{ id: 'p', baseUrl: relay.baseUrl, apiKey: 'wrong-key-123456' }] }).checkHealth();
    assert.equal(bad.ok, false);
    assert.equal(bad.error?.code, 'auth');
    assert.ok(!bad.error?.message.includes('wrong-key-123456'));
  });

  it('gives a clear error for a placeholder key, before any request', async () => {
    const c = new RelayClient({ providers: [{ id: 'p', baseUrl: relay.baseUrl, apiKey: 'YOUR_RELAY_API_KEY' }] });
    const out = await collect(c.streamChat(ask()));
    assert.equal(out.error?.code, 'config');
    assert.match(out.error?.message ?? '', /placeholder/);
    assert.equal(relay.requests.length, 0);
  });
});

describe('the key never leaks', () => {
  it('keeps it out of every event, error and log line across failures', async () => {
    const relay = await FakeRelay.start();
    const key = 'relay-secret-key-ABCDEFGHIJ';
    const logged: string[] = [];
    const logger: Logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((l) => [l, (m: string, f?: unknown) => logged.push(`${l} ${m} ${JSON.stringify(f)}`)])) as unknown as Logger;
    const c = new RelayClient({ providers: [{ id: 'p', baseUrl: relay.baseUrl, apiKey: `  ${key}\n` }], transport: 'auto', logger, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 }, webSocket: { auth: 'query' } });
    relay.requireKey = 'not-this-one-123456';
    const seen: string[] = [];
    for (const model of ['gpt-4.1', 'nope']) seen.push(JSON.stringify((await collect(c.streamChat(ask('hi', model)))).events));
    relay.requireKey = undefined;
    relay.script({ status: 500, body: `internal error while using key ${key}`, contentType: 'text/plain' }, { inBandError: { after: 1, style: 'data', error: { message: `bad key ${key}` } } });
    seen.push(JSON.stringify((await collect(c.streamChat(ask()))).events));
    seen.push(JSON.stringify(await c.checkHealth()));
    c.close();
    await relay.close();
    assert.ok(logged.length > 3);
    for (const text of [...seen, ...logged]) assert.ok(!text.includes(key), `leaked in: ${text.slice(0, 200)}`);
    assert.ok(seen.join('').includes('[redacted]'), 'the echoed key was replaced, not just dropped');
  });
});
