import * as assert from 'node:assert/strict';
import { FakeRelay } from '../fakes/fake-relay';
import { SAMPLE_TEXT } from '../fakes/scenario';
import { ask, collect, fastClient } from './helpers';

describe('timeouts and cancellation (SSE)', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => relay.close());

  it('reports a stall (no bytes for the idle limit) with the text so far, within the limit', async () => {
    const client = fastClient(relay.baseUrl, { timeouts: { firstByteMs: 2000, idleMs: 300, totalMs: 0 } });
    relay.script({ stallAfter: 6 });
    const started = Date.now();
    const out = await collect(client.streamChat(ask()));
    const elapsed = Date.now() - started;
    assert.equal(out.error?.code, 'timeout_idle');
    assert.ok(SAMPLE_TEXT.startsWith(out.text) && out.text.length > 0);
    assert.ok(elapsed >= 290 && elapsed < 1500, `stall noticed after ${elapsed} ms`);
    client.close();
  });

  it('counts keep-alive comments as liveness: a slow but alive stream is not a stall', async () => {
    const client = fastClient(relay.baseUrl, { timeouts: { firstByteMs: 2000, idleMs: 600, totalMs: 0 } });
    // 12 tokens, 120 ms apart, each preceded by a `: ping` comment: 1.4 s in all, never 600 ms silent.
    relay.script({ tokens: Array.from({ length: 12 }, (_, i) => `${i} `), delayMs: 120, commentEvery: 1 });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.last.type, 'done');
    assert.ok(out.events.filter((e) => e.type === 'keepalive').length >= 12);
    client.close();
  });

  it('only the limits we set end a long answer (no hidden body timeout)', async () => {
    // Node's fetch would cut bodies after its 300 s bodyTimeout; we use node:http, which has none.
    // Here: a 1.5 s answer with 100 ms gaps under an 800 ms idle limit and no total limit completes.
    const client = fastClient(relay.baseUrl, { timeouts: { firstByteMs: 800, idleMs: 800, totalMs: 0 } });
    relay.script({ tokens: Array.from({ length: 15 }, () => 'あ'), delayMs: 100 });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.text, 'あ'.repeat(15));
    client.close();
  });

  it('reports a slow first byte as a first-byte timeout (not a connect failure), and waits for one inside the limit', async () => {
    const client = fastClient(relay.baseUrl, { timeouts: { firstByteMs: 500, idleMs: 2000, totalMs: 0 }, retry: { maxRetries: 0 } });
    relay.script({ firstByteDelayMs: 1500 });
    const slow = await collect(client.streamChat(ask()));
    assert.equal(slow.error?.code, 'timeout_first_byte');
    relay.script({ firstByteDelayMs: 100 });
    const ok = await collect(client.streamChat(ask()));
    assert.equal(ok.text, SAMPLE_TEXT);
    client.close();
  });

  it('enforces the total limit when one is set', async () => {
    const client = fastClient(relay.baseUrl, { timeouts: { firstByteMs: 2000, idleMs: 2000, totalMs: 300 } });
    relay.script({ delayMs: 50 });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.error?.code, 'timeout_total');
    assert.ok(out.text.length > 0);
    client.close();
  });

  it('stops at once on abort: done with aborted=true, partial text kept, connection closed', async () => {
    const client = fastClient(relay.baseUrl);
    relay.script({ delayMs: 50 });
    const controller = new AbortController();
    let abortedAt = 0;
    const out = await collect(client.streamChat({ ...ask(), signal: controller.signal }), (e) => {
      if (e.type === 'text' && !abortedAt) {
        abortedAt = Date.now();
        controller.abort();
      }
    });
    assert.ok(Date.now() - abortedAt < 500, 'ended promptly (the stream had 1 s left)');
    assert.deepEqual(out.last.type === 'done' && [out.last.aborted, out.last.finishReason], [true, null]);
    assert.ok(out.text.length > 0 && out.text.length < SAMPLE_TEXT.length);
    assert.ok(!out.events.some((e) => e.type === 'error'), 'a user abort is not an error');
    client.close();
  });

  it('aborts during a retry wait, and before the request starts', async () => {
    const client = fastClient(relay.baseUrl, { retry: { maxRetries: 2, baseDelayMs: 5000, maxDelayMs: 5000 } });
    relay.script({ status: 503, body: { error: { message: 'busy' } } });
    const controller = new AbortController();
    const started = Date.now();
    const out = await collect(client.streamChat({ ...ask(), signal: controller.signal }), (e) => e.type === 'retry' && controller.abort());
    assert.ok(Date.now() - started < 1000);
    assert.equal(out.last.type === 'done' && out.last.aborted, true);
    const already = AbortSignal.abort();
    const none = await collect(client.streamChat({ ...ask(), signal: already }));
    assert.equal(none.last.type === 'done' && none.last.aborted, true);
    client.close();
  });

  it('stops the request when the consumer stops reading', async () => {
    const client = fastClient(relay.baseUrl);
    relay.script({ delayMs: 30 });
    for await (const e of client.streamChat(ask())) if (e.type === 'text') break;
    const before = relay.requests.length;
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(relay.requests.length, before);
    // The relay saw the socket go away: its next write fails and nothing more is read.
    client.close();
  });
});
