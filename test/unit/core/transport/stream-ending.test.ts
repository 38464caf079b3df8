import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import type { Attempt, AttemptResult } from '../../../../src/core/client/attempt';
import { ChunkReader } from '../../../../src/core/transport/chunk-reader';
import { FINISH_GRACE_MS } from '../../../../src/core/transport/finish-grace';
import { StreamEnding, type StreamEnd } from '../../../../src/core/transport/stream-ending';
import { NetworkError, type RelayError, type StreamEvent } from '../../../../src/core';

// The one place both transports end a stream: settled once, by the first of finished, failed or
// stopped; after the finish_reason, a limit or a drop ends it as finished.

const FINISHED = JSON.stringify({ id: 'cmpl-1', choices: [{ delta: { content: 'hi' }, finish_reason: 'stop' }] });

function setUp(options: { idleMs?: number; usage?: boolean; signal?: AbortSignal } = {}) {
  const events: StreamEvent[] = [];
  const ends: StreamEnd[] = [];
  const outcomes: Array<AttemptResult | RelayError> = [];
  const attempt = {
    body: options.usage ? { stream_options: { include_usage: true } } : {},
    timeouts: { firstByteMs: 0, idleMs: options.idleMs ?? 0, totalMs: 0 },
    signal: options.signal ?? new AbortController().signal,
  } as unknown as Attempt;
  const reader = new ChunkReader((e) => events.push(e), 'm');
  const ending = new StreamEnding(attempt, reader, { resolve: (r) => outcomes.push(r), reject: (e) => outcomes.push(e) }, (end) => ends.push(end));
  return { ending, reader, events, ends, outcomes };
}

describe('StreamEnding: how a stream ends, for both transports', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());

  it('settles once: the first end wins, later ones neither close nor settle again', () => {
    const { ending, reader, ends, outcomes } = setUp();
    reader.acceptData(FINISHED);
    ending.finished();
    ending.failed(new NetworkError('late'));
    ending.finished('grace');
    assert.deepEqual(ends, [{ how: 'finished', cause: 'marker' }]);
    assert.deepEqual(outcomes, [{ finishReason: 'stop', aborted: false, requestId: 'cmpl-1' }]);
    assert.equal(ending.isOver, true);
  });

  it('a failure carries the request id: the header one first, else the completion id', () => {
    const { ending, reader, outcomes } = setUp();
    reader.acceptData(JSON.stringify({ id: 'cmpl-2', choices: [{ delta: { content: 'x' } }] }));
    ending.requestId = 'req-9';
    ending.failed(new NetworkError('gone'));
    assert.equal((outcomes[0] as RelayError).requestId, 'req-9');
  });

  it('a drop before the finish_reason fails; after it, the answer is whole', () => {
    const before = setUp();
    before.ending.dropped(new NetworkError('gone'));
    assert.deepEqual(before.ends.map((e) => e.how), ['failed']);
    const after = setUp();
    after.reader.acceptData(FINISHED);
    after.ending.dropped(new NetworkError('gone'));
    assert.deepEqual(after.ends, [{ how: 'finished', cause: 'marker' }]);
  });

  it('a limit running out after the finish_reason ends as finished (grace), not as a stall', () => {
    const { ending, reader, ends } = setUp({ idleMs: 100 });
    ending.timers.start();
    ending.timers.activity();
    reader.acceptData(FINISHED);
    mock.timers.tick(100);
    assert.deepEqual(ends, [{ how: 'finished', cause: 'grace' }]);
  });

  it('waits the finish grace for usage, then ends as finished (grace)', () => {
    const { ending, reader, ends } = setUp({ usage: true });
    reader.acceptData(FINISHED);
    ending.afterInput();
    mock.timers.tick(FINISH_GRACE_MS);
    assert.deepEqual(ends, [{ how: 'finished', cause: 'grace' }]);
  });

  it('the caller stopping ends it as stopped; an already-aborted signal at once', () => {
    const controller = new AbortController();
    const { ending, ends, outcomes } = setUp({ signal: controller.signal });
    ending.listenForAbort();
    controller.abort();
    assert.deepEqual(ends, [{ how: 'stopped' }]);
    assert.deepEqual(outcomes, [{ finishReason: null, aborted: true, requestId: undefined }]);
    const early = setUp({ signal: AbortSignal.abort() });
    early.ending.listenForAbort();
    assert.deepEqual(early.ends, [{ how: 'stopped' }]);
  });

  it('a finished answer lets out a held-back half character; a failed one leaves that to the transport', () => {
    const finished = setUp();
    finished.reader.acceptData(JSON.stringify({ choices: [{ delta: { content: 'a\ud83d' } }] }));
    finished.ending.finished();
    assert.deepEqual(finished.events.filter((e) => e.type === 'text'), [{ type: 'text', text: 'a' }, { type: 'text', text: '\ufffd' }]);
    const failed = setUp();
    failed.reader.acceptData(JSON.stringify({ choices: [{ delta: { content: 'a\ud83d' } }] }));
    failed.ending.failed(new NetworkError('gone'));
    assert.deepEqual(failed.events.filter((e) => e.type === 'text'), [{ type: 'text', text: 'a' }]);
  });
});
