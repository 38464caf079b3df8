import * as assert from 'node:assert/strict';
import { FakeRelay } from '../../../fakes/fake-relay';
import { SAMPLE_TEXT, chunkJson, tokenize } from '../../../fakes/scenario';
import { FakeClock, settle, until } from '../../support/fake-clock';
import { ask, collect, fastClient, read } from '../../support/helpers';

describe('timeouts and cancellation (SSE)', () => {
  let relay: FakeRelay;
  let clock: FakeClock | undefined;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => {
    clock?.uninstall();
    clock = undefined;
    await relay.close();
  });

  it('reports a stall (no bytes for the idle limit) with the text so far, exactly at the limit', async () => {
    clock = FakeClock.install({ date: true });
    const client = fastClient(relay.baseUrl, { timeouts: { firstByteMs: 2000, idleMs: 300, totalMs: 0 } });
    relay.script({ stallAfter: 6 });
    const reading = read(client.streamChat(ask()));
    const sent = tokenize(SAMPLE_TEXT).slice(0, 6).join('');
    await until(() => reading.text() === sent, 'the six tokens before the stall arrived');
    clock.tick(299);
    await settle();
    assert.equal(reading.ended(), false, 'no stall 1 ms before the idle limit');
    clock.tick(1);
    const out = await reading.result;
    assert.equal(out.error?.code, 'timeout_idle');
    assert.equal(out.text, sent);
    client.close();
  });

  it('counts keep-alive comments as liveness: a slow but alive stream is not a stall', async function () {
    this.timeout(10_000); // about 2 s of paced writes
    const client = fastClient(relay.baseUrl, { timeouts: { firstByteMs: 2000, idleMs: 400, totalMs: 0 } });
    // Tokens 600 ms apart, longer than the 400 ms idle limit, with a `: ping` comment every 100 ms
    // between them (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation:
    // lines starting with a colon are comments): only the comments keep this stream from being a stall.
    const tokens = ['遅い', 'けど', '生きている'];
    const data = (delta: Record<string, unknown>, finish: string | null = null) => `data: ${chunkJson('fake', delta, finish)}\n\n`;
    const pings = Array.from({ length: 5 }, () => ': ping\n\n');
    const raw = [...tokens.flatMap((t) => [data({ content: t }), ...pings]), data({}, 'stop'), 'data: [DONE]\n\n'];
    relay.script({ raw, delayMs: 100 });
    const out = await collect(client.streamChat(ask()));
    assert.equal(out.last.type, 'done', `ended with ${JSON.stringify(out.last)}`);
    assert.equal(out.text, tokens.join(''));
    assert.equal(out.events.filter((e) => e.type === 'keepalive').length, tokens.length * pings.length);
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
    const out = await collect(client.streamChat({ ...ask(), signal: controller.signal }), (e) => e.type === 'text' && controller.abort());
    // The relay saw the client close the connection while it was still answering (the stream had 1 s left).
    const first = await relay.disconnects.firstOf(0);
    assert.ok(first !== 'ended' && first.beforeEnd, 'the client closed the request mid-answer');
    assert.deepEqual(out.last.type === 'done' && [out.last.aborted, out.last.finishReason], [true, null]);
    assert.ok(out.text.length > 0 && out.text.length < SAMPLE_TEXT.length);
    assert.ok(!out.events.some((e) => e.type === 'error'), 'a user abort is not an error');
    client.close();
  });

  it('aborts during a retry wait, and before the request starts', async () => {
    clock = FakeClock.install();
    const client = fastClient(relay.baseUrl, { retry: { maxRetries: 2, baseDelayMs: 5000, maxDelayMs: 5000 }, random: () => 0.5 });
    relay.script({ status: 503, body: { error: { message: 'busy' } } });
    const controller = new AbortController();
    const reading = read(client.streamChat({ ...ask(), signal: controller.signal }));
    await until(() => reading.events.some((e) => e.type === 'retry'), 'the 503 was answered with a retry wait');
    const retry = reading.events.find((e) => e.type === 'retry');
    assert.ok(retry?.type === 'retry' && clock.pending().includes(retry.delayMs), 'the retry wait is scheduled');
    controller.abort();
    // No fake time passes: the stream can only end because the abort cut the wait short.
    await until(reading.ended, 'the stream ended on abort, with the retry wait still pending');
    const out = await reading.result;
    assert.equal(out.last.type === 'done' && out.last.aborted, true);
    assert.equal(relay.requests.length, 1, 'never retried');
    const already = AbortSignal.abort();
    const none = await collect(client.streamChat({ ...ask(), signal: already }));
    assert.equal(none.last.type === 'done' && none.last.aborted, true);
    client.close();
  });

  it('breaking out of the iteration closes the request', async () => {
    const client = fastClient(relay.baseUrl);
    relay.script({ delayMs: 30 }); // about 1 s of answer left after the first token
    for await (const e of client.streamChat(ask())) if (e.type === 'text') break;
    const first = await relay.disconnects.firstOf(0);
    assert.ok(first !== 'ended' && first.beforeEnd, 'the relay saw the client close the request mid-answer, not answer in full');
    assert.equal(first.transport, 'http');
    assert.equal(relay.requests.length, 1, 'and nothing asked again');
    client.close();
  });
});
