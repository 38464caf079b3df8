import * as assert from 'node:assert/strict';
import { RelayClient, type ClientOptions, type StreamEvent } from '../../../../src/core';
import { SAMPLE_TEXT, type Scenario } from '../../../fakes/scenario';
import { withRelay } from '../../support/relay-fixture';
import { ask, collect } from '../../support/helpers';

// How answers end: a finished answer is done at once, whatever the relay does after its finish
// reason; an answer without one is not presented as complete.

interface Way {
  name: string;
  options: Partial<ClientOptions>;
}

const WAYS: Way[] = [
  { name: 'SSE', options: { transport: 'sse' } },
  { name: 'WebSocket (chunks)', options: { transport: 'websocket', webSocket: { dialect: 'chunks' } } },
  { name: 'WebSocket (typed)', options: { transport: 'websocket', webSocket: { dialect: 'typed' } } },
];

function client(baseUrl: string, way: Way, idleMs: number): RelayClient {
  return new RelayClient({
    providers: [{ id: 'main', baseUrl, apiKey: 'sk-test-key-0123456789' }],
    timeouts: { firstByteMs: 5000, idleMs, totalMs: 0 },
    retry: { maxRetries: 0 },
    ...way.options,
    webSocket: { pingIntervalMs: 60_000, ...way.options.webSocket },
  });
}

/** Every event with the moment it reached the consumer. */
async function timed(stream: AsyncIterable<StreamEvent>): Promise<{ at: Map<StreamEvent['type'], number>; out: Awaited<ReturnType<typeof collect>> }> {
  const at = new Map<StreamEvent['type'], number>();
  const out = await collect(stream, (e) => at.set(e.type, performance.now()));
  return { at, out };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

/** The relay sends the whole answer and its finish reason, then nothing: no usage, no end marker, and keeps the connection. */
const HELD_OPEN: Scenario = { usage: false, done: false, holdOpen: true };

describe('a finished answer ends as done, whatever the relay does after the finish reason', () => {
  const t = withRelay();

  for (const way of WAYS) {
    it(`${way.name}: done within a fraction of a second of the finish reason when the relay holds the connection open without usage or end marker (idle limit off)`, async () => {
      const c = (t.client = client(t.relay.baseUrl, way, 0));
      t.relay.script(HELD_OPEN);
      const { at, out } = await timed(c.streamChat(ask()));
      assert.equal(out.last.type, 'done');
      assert.equal(out.text, SAMPLE_TEXT);
      assert.ok(out.last.type === 'done' && out.last.finishReason === 'stop' && !out.last.incomplete);
      const wait = (at.get('done') ?? 0) - (at.get('finish') ?? 0);
      assert.ok(wait < 900, `done came ${Math.round(wait)} ms after the finish reason`);
    });

    it(`${way.name}: never a stall after the whole answer arrived, even with an idle limit shorter than the usage grace`, async () => {
      const c = (t.client = client(t.relay.baseUrl, way, 150));
      t.relay.script(HELD_OPEN);
      const out = await collect(c.streamChat(ask()));
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(out.text, SAMPLE_TEXT);
    });
  }

  it('SSE: the held-open body is released (the relay sees the connection close)', async () => {
    const c = (t.client = client(t.relay.baseUrl, WAYS[0] as Way, 0));
    t.relay.script(HELD_OPEN);
    const out = await collect(c.streamChat(ask()));
    assert.equal(out.last.type, 'done');
    // Without the release this waits for ever (the mocha timeout fails it).
    await until(() => t.relay.openConnections === 0);
  });

  for (const way of WAYS.slice(1)) {
    it(`${way.name}: the kept socket stays usable after the relay held it open`, async () => {
      const c = (t.client = client(t.relay.baseUrl, way, 0));
      t.relay.script(HELD_OPEN, {});
      assert.equal((await collect(c.streamChat(ask()))).last.type, 'done');
      const next = await collect(c.streamChat(ask()));
      assert.equal(next.text, SAMPLE_TEXT);
      assert.equal(t.relay.wsConnections, 1);
    });
  }
});

describe('an answer without a finish reason is not presented as complete', () => {
  const t = withRelay();

  for (const way of WAYS.slice(0, 2)) {
    it(`${way.name}: [DONE] without any finish reason ends as done with incomplete: true, the text kept (a finished answer is not marked)`, async () => {
      const c = (t.client = client(t.relay.baseUrl, way, 2000));
      t.relay.script({}, { finishReason: null, done: true });
      const whole = await collect(c.streamChat(ask()));
      assert.ok(whole.last.type === 'done' && whole.last.finishReason === 'stop' && !('incomplete' in whole.last), JSON.stringify(whole.last));
      const cut = await collect(c.streamChat(ask()));
      assert.equal(cut.text, SAMPLE_TEXT);
      assert.ok(cut.last.type === 'done', cut.error?.message);
      assert.equal(cut.last.finishReason, null);
      assert.equal(cut.last.incomplete, true);
    });
  }

  it('WebSocket (typed): the explicit end message counts as a finish', async () => {
    const c = (t.client = client(t.relay.baseUrl, WAYS[2] as Way, 2000));
    t.relay.script({ finishReason: null, done: true });
    const out = await collect(c.streamChat(ask()));
    assert.equal(out.text, SAMPLE_TEXT);
    assert.ok(out.last.type === 'done' && out.last.finishReason === 'stop', JSON.stringify(out.last));
    assert.equal(out.last.incomplete, undefined);
  });
});

describe('quick questions one after another on a kept WebSocket', () => {
  const t = withRelay();

  for (const dialect of ['chunks', 'typed'] as const) {
    it(`use one socket, also when the relay sends no end marker (${dialect} dialect)`, async () => {
      const c = (t.client = client(t.relay.baseUrl, { name: dialect, options: { transport: 'websocket', webSocket: { dialect } } }, 2000));
      for (let i = 0; i < 5; i++) {
        t.relay.script({ done: false });
        const out = await collect(c.streamChat(ask(`question ${i}`)));
        assert.equal(out.text, SAMPLE_TEXT, `answer ${i}: ${out.error?.message ?? ''}`);
      }
      assert.equal(t.relay.wsConnections, 1, 'sockets opened for five questions in a row');
    });
  }
});
