import * as assert from 'node:assert/strict';
import { AuthError, ModelNotFoundError, RelayClient } from '../../../../src/core';
import { FakeRelay } from '../../../fakes/fake-relay';
import { SAMPLE_TEXT } from '../../../fakes/scenario';
import { FakeClock, settle, until } from '../../support/fake-clock';
import { ask, collect, fastClient, read, types } from '../../support/helpers';

describe('SSE transport against the fake relay', () => {
  let relay: FakeRelay;
  let client: RelayClient;
  let clock: FakeClock | undefined;
  beforeEach(async () => {
    relay = await FakeRelay.start();
    client = fastClient(relay.baseUrl);
  });
  afterEach(async () => {
    clock?.uninstall();
    clock = undefined;
    client.close();
    await relay.close();
  });

  it('streams Japanese, Chinese and emoji text intact, with provider, usage and done', async () => {
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
    assert.deepEqual([...new Set(types(out.events))], ['provider', 'text', 'finish', 'usage', 'done']);
    assert.deepEqual(out.last, { type: 'done', finishReason: 'stop', aborted: false, provider: { id: 'main', baseUrl: relay.baseUrl, model: 'gpt-4.1' }, requestId: 'req-fake-1' });
    const body = relay.requests[0]?.body;
    assert.equal(body?.stream, true);
    assert.deepEqual(body?.stream_options, { include_usage: true });
    assert.equal(relay.requests[0]?.headers.authorization, 'Bearer sk-test-key-0123456789');
  });

  for (const split of ['byte', 61, 7] as const) {
    it(`keeps text byte-identical when the relay writes ${split === 'byte' ? 'one byte' : `1–${split} bytes`} at a time`, async () => {
      relay.script({ split }, { split, eol: '\r\n', commentEvery: 3 });
      assert.equal((await collect(client.streamChat(ask()))).text, SAMPLE_TEXT);
      assert.equal((await collect(client.streamChat(ask()))).text, SAMPLE_TEXT);
    });
  }

  it('joins emoji halves the relay split into lone surrogates', async () => {
    relay.script({ splitSurrogates: true, split: 5 });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
  });

  it('treats end of body after a finish_reason as success even without [DONE]', async () => {
    relay.script({ done: false });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.last.type, 'done');
    assert.equal(out.text, SAMPLE_TEXT);
  });

  it('reports a truncated stream (no finish_reason, no [DONE]) and keeps the text so far', async () => {
    relay.script({ done: false, finishReason: null });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.error?.code, 'truncated');
    assert.equal(out.text, SAMPLE_TEXT);
    assert.equal(relay.requests.length, 1, 'no retry after text was delivered');
  });

  it('raises in-band errors (event: error and {"error":…}) after the text so far', async () => {
    relay.script({ inBandError: { after: 3, style: 'event', error: { message: 'upstream exploded', type: 'server_error' } } });
    const a = await collect(client.streamChat(ask()));
    assert.equal(a.error?.code, 'server');
    assert.match(a.error?.message ?? '', /upstream exploded/);
    assert.ok(a.text.length > 0 && SAMPLE_TEXT.startsWith(a.text));
    // Before any text an in-band rate limit is retried like a 429.
    relay.script({ inBandError: { after: 0, style: 'data', error: { message: 'quota exceeded', type: 'insufficient_quota' } } });
    const b = await collect(client.streamChat(ask()));
    const retry = b.events.find((e) => e.type === 'retry');
    assert.equal(retry?.type === 'retry' && retry.error.code, 'rate_limited');
    assert.equal(b.text, SAMPLE_TEXT);
  });

  it('turns a proxy HTML 502 into a server error with a short, tag-free excerpt', async () => {
    const page = '<html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>';
    relay.script(...Array(3).fill({ status: 502, contentType: 'text/html', body: page }));
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.error?.code, 'server');
    assert.equal(out.error?.status, 502);
    assert.match(out.error?.message ?? '', /502 Bad Gateway nginx/);
    assert.doesNotMatch(out.error?.message ?? '', /[<>]/);
    assert.equal(relay.requests.length, 3, 'retried twice before giving up');
    assert.deepEqual(types(out.events), ['retry', 'retry', 'error']);
  });

  it('reports HTML with status 200 (captive portal) as a protocol error', async () => {
    relay.script({ status: 200, contentType: 'text/html', body: '<html><body>Please log in to the Wi-Fi</body></html>' });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.error?.code, 'protocol');
    assert.match(out.error?.message ?? '', /Please log in to the Wi-Fi/);
  });

  it('accepts a relay that ignores stream:true and returns one JSON completion', async () => {
    relay.script({ wholeJson: true });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
    assert.equal(out.last.type, 'done');
  });

  it('maps 401 to AuthError, never retries it, and never shows the key the relay echoed', async () => {
    relay.requireKey = 'the-right-key-000';
    const out = await collect(client.streamChat(ask()));
    assert.ok(out.error instanceof AuthError);
    assert.equal(relay.requests.length, 1);
    assert.match(out.error.message, /Incorrect API key provided: \[redacted\]/);
    assert.ok(!JSON.stringify(out.events).includes('sk-test-key-0123456789'));
    assert.ok(!String(out.error.params.detail).includes('sk-test-key-0123456789'));
  });

  it('maps 404 model_not_found and suggests the nearest available models', async () => {
    const out = await collect(client.streamChat(ask('hi', 'gpt-4-1')));
    assert.ok(out.error instanceof ModelNotFoundError);
    assert.equal(out.error.suggestions[0], 'gpt-4.1');
    assert.equal(out.error.params.model, 'gpt-4-1');
    const sonnet = await collect(client.streamChat(ask('hi', 'claude-sonnet-4-5')));
    assert.equal((sonnet.error as ModelNotFoundError).suggestions[0], 'claude-sonnet-4.5');
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    clock = FakeClock.install();
    relay.script({ status: 429, headers: { 'retry-after': '0.3' }, body: { error: { message: 'slow down', type: 'rate_limit_error' } } });
    const reading = read(client.streamChat(ask()));
    await until(() => reading.events.some((e) => e.type === 'retry'), 'the 429 was answered with a retry wait');
    const retry = reading.events.find((e) => e.type === 'retry');
    assert.equal(retry?.type === 'retry' && retry.delayMs, 300);
    clock.tick(299);
    await settle();
    assert.equal(relay.requests.length, 1, 'not asked again before Retry-After');
    clock.tick(1);
    const out = await reading.result;
    assert.equal(out.text, SAMPLE_TEXT);
    assert.equal(relay.requests.length, 2);
  });

  it('does not wait for a Retry-After longer than the cap; reports rate limited', async () => {
    clock = FakeClock.install();
    relay.script({ status: 429, headers: { 'retry-after': '120' }, body: { error: { message: 'daily quota', type: 'rate_limit_error' } } });
    const reading = read(client.streamChat(ask()));
    // No fake time passes: a wait for the 120 s would never end.
    await until(reading.ended, 'the stream ended without waiting for the Retry-After');
    const out = await reading.result;
    assert.equal(out.error?.code, 'rate_limited');
    assert.equal(out.error?.retryAfterMs, 120_000);
    assert.deepEqual(clock.pending().filter((ms) => ms >= 120_000), [], 'no 120 s wait was scheduled');
    assert.equal(relay.requests.length, 1);
  });

  it('asks again without stream_options when a relay rejects it, and remembers', async () => {
    relay.defaultScenario = { rejectStreamOptions: true };
    const first = await collect(client.streamChat(ask()));
    assert.equal(first.text, SAMPLE_TEXT);
    assert.equal(relay.requests.length, 2);
    assert.equal(relay.requests[1]?.body?.stream_options, undefined);
    await collect(client.streamChat(ask()));
    assert.equal(relay.requests.length, 3, 'the second question goes straight without it');
  });

  it('retries a reset before the first token, but never after text was delivered', async () => {
    relay.script({ resetAfter: 0 });
    const early = await collect(client.streamChat(ask()));
    assert.equal(early.text, SAMPLE_TEXT);
    assert.equal(relay.requests.length, 2);
    relay.script({ resetAfter: 5 });
    const late = await collect(client.streamChat(ask()));
    assert.equal(late.error?.code, 'network');
    assert.equal(late.text.length > 0 && SAMPLE_TEXT.startsWith(late.text), true);
    assert.equal(relay.requests.length, 3);
  });
});
