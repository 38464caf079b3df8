import * as assert from 'node:assert/strict';
import { backoffDelay, parseRetryAfter } from '../../../../src/core';
import { isRetryableStatus } from '../../../../src/core/client/retry';

describe('retry policy', () => {
  it('uses full jitter under an exponentially growing, capped ceiling', () => {
    const options = { baseDelayMs: 1000, maxDelayMs: 60_000 };
    const almostOne = () => 0.999999;
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, options, almostOne)), [999, 1999, 3999, 7999, 15999, 31999, 59999, 59999]);
    assert.equal(backoffDelay(3, options, () => 0), 0);
    const delays = Array.from({ length: 200 }, () => backoffDelay(4, options));
    assert.ok(delays.every((d) => d >= 0 && d < 16_000));
    assert.ok(new Set(delays).size > 50, 'delays are spread, not lock-step');
  });

  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter({ 'retry-after-ms': '250' }), 250);
    assert.equal(parseRetryAfter({ 'retry-after': '3' }), 3000);
    assert.equal(parseRetryAfter({ 'retry-after': '1.5' }), 1500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, now), 7000);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }), undefined);
    assert.equal(parseRetryAfter({}), undefined);
  });

  it('retries 408, 409, 429 and 5xx only', () => {
    assert.deepEqual([400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503].filter(isRetryableStatus), [408, 409, 429, 500, 502, 503]);
  });
});
