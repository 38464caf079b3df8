// Which ends of a shown answer offer Continue (issue 10): every error code the client can end with,
// and the `done` events. The transports' faults themselves are in continuation-relay.test.ts.
import * as assert from 'node:assert/strict';
import { isDroppedAnswer, RelayError, type ErrorCode, type StreamEvent } from '../../../../src/core';

const OFFERED: Record<ErrorCode, boolean> = {
  network: true, server: true, upstream: true, rate_limited: true, timeout_idle: true, truncated: true,
  config: false, auth: false, forbidden: false, model_not_found: false, bad_request: false, aborted: false,
  timeout_total: false, http: false, timeout_connect: false, timeout_first_byte: false, upgrade_refused: false, protocol: false,
  payment: false, // out of credit: Continue cannot help until the user tops up
};

describe('which ends offer Continue', () => {
  it('a drop, a stall, an in-band or server error, a truncated stream; not a stop, a rejected key or request, or the user\'s own limit', () => {
    for (const [code, offered] of Object.entries(OFFERED) as [ErrorCode, boolean][]) {
      const end: StreamEvent = { type: 'error', error: new RelayError(code, code) };
      assert.equal(isDroppedAnswer(end, true), offered, code);
      assert.equal(isDroppedAnswer(end, false), false, `${code} before any text`);
    }
  });

  it('an end without any finish reason, not a finished answer or a stop', () => {
    const done = (fields: Partial<Extract<StreamEvent, { type: 'done' }>>): StreamEvent => ({ type: 'done', finishReason: 'stop', aborted: false, ...fields });
    assert.equal(isDroppedAnswer(done({ finishReason: null, incomplete: true }), true), true);
    assert.equal(isDroppedAnswer(done({ finishReason: null, incomplete: true }), false), false);
    assert.equal(isDroppedAnswer(done({}), true), false);
    assert.equal(isDroppedAnswer(done({ finishReason: 'length' }), true), false, 'the token limit the request set');
    assert.equal(isDroppedAnswer(done({ finishReason: null, aborted: true }), true), false, 'the user stopped it');
  });
});
