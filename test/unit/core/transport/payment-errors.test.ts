import * as assert from 'node:assert/strict';
import { CREDIT_RETRY_MS, PaymentRequiredError } from '../../../../src/core';
import { PauseState, type PauseReason } from '../../../../src/core/completion/pause-state';
import { errorFromHttp, errorFromStreamPayload } from '../../../../src/core/transport/http-errors';

// Issue 16 §5: a relay's 402 and other 4xx each pause completions under their own reason.
const ctx = { model: 'gpt-4.1-mini' };
const body = (message: string, extra: Record<string, unknown> = {}) => JSON.stringify({ error: { message, ...extra } });

describe('out of credit and other refusals', () => {
  it('402 is its own code, not retried, with the relay\'s words as detail', () => {
    const e = errorFromHttp(402, body('Insufficient balance, please recharge'), ctx);
    assert.ok(e instanceof PaymentRequiredError);
    assert.equal(e.code, 'payment');
    assert.equal(e.status, 402);
    assert.equal(e.retryable, false);
    assert.equal(e.params.detail, 'Insufficient balance, please recharge');
  });

  it("a relay's own no-credit code on another 4xx, and inside a stream, is out of credit too", () => {
    assert.equal(errorFromHttp(403, body('用户额度不足', { code: 'insufficient_user_quota' }), ctx).code, 'payment');
    assert.equal(errorFromHttp(400, body('no money', { type: 'insufficient_balance' }), ctx).code, 'payment');
    assert.equal(errorFromStreamPayload({ error: { message: 'balance too low', code: 402 } }, ctx).code, 'payment');
    assert.equal(errorFromHttp(429, body('quota', { type: 'insufficient_quota' }), ctx).code, 'rate_limited', "OpenAI's 429 stays a rate limit");
  });

  it('each 4xx pauses completions under a reason that says what happened', () => {
    const now = 0;
    const cases: [number, string, PauseReason][] = [
      [402, body('Insufficient balance'), 'credit'],
      [400, body('max_tokens is too large'), 'refused'],
      [413, 'Request Entity Too Large', 'refused'],
      [422, body('Unprocessable'), 'refused'],
      [404, body('The model `gpt-9` does not exist', { code: 'model_not_found' }), 'model'],
      [404, 'Not Found', 'model'],
      [418, 'teapot', 'refused'],
    ];
    for (const [status, text, reason] of cases) {
      const pause = new PauseState(() => now);
      assert.equal(pause.failed(errorFromHttp(status, text, ctx)), true);
      assert.equal(pause.current.reason, reason, `HTTP ${status}`);
    }
  });

  it('out of credit is tried again after a while, not on every keystroke', () => {
    let now = 1_000;
    const pause = new PauseState(() => now);
    pause.failed(errorFromHttp(402, '', ctx));
    assert.equal(pause.current.reason, 'credit');
    assert.equal(pause.current.until, 1_000 + CREDIT_RETRY_MS);
    now += CREDIT_RETRY_MS - 1;
    assert.equal(pause.paused, true);
    now += 1;
    assert.equal(pause.paused, false, 'tried again once the wait is over');
  });
});
