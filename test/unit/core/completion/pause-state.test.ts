// Why and until when completions pause (a part the completion engine decides with).
import * as assert from 'node:assert/strict';
import { PauseState, type PauseReason } from '../../../../src/core/completion/pause-state';
import {
  AuthError, BadRequestError, ConfigError, ConnectTimeoutError, ForbiddenError, HttpError, IdleTimeoutError, ModelNotFoundError,
  NetworkError, RateLimitedError, ServerError, TruncatedStreamError,
} from '../../../../src/core/errors';

describe('completion parts', () => {
  describe('pause state', () => {
    let now: number;
    let pause: PauseState;
    let heard: (PauseReason | null)[];
    beforeEach(() => {
      now = 1_000_000;
      pause = new PauseState(() => now);
      heard = [];
      pause.onChange((s) => heard.push(s.reason));
    });

    it('maps each error to its pause, and pauses nothing for a stall or a cut stream', () => {
      const cases: [Error & { code: string }, PauseReason | null][] = [
        [new AuthError('bad key'), 'auth'],
        [new ForbiddenError('no access'), 'auth'],
        [new ConfigError('no key', { reason: 'missing_key' }), 'no-key'],
        [new ConfigError('no base URL'), 'model'],
        [new ModelNotFoundError('gpt-9', 'no such model'), 'model'],
        [new BadRequestError('bad'), 'refused'],
        [new HttpError('Not Found', { status: 404 }), 'model'],
        [new RateLimitedError('slow down', { retryAfterMs: 5_000 }), 'rate-limited'],
        [new NetworkError('ECONNRESET'), 'offline'],
        [new ConnectTimeoutError(5_000), 'offline'],
        [new ServerError('bad gateway', { status: 502 }), 'offline'],
        [new HttpError('Bad Gateway', { status: 502 }), 'offline'],
        [new IdleTimeoutError(5_000), null],
        [new TruncatedStreamError(12), null],
      ];
      for (const [error, reason] of cases) {
        pause.resume();
        const paused = pause.failed(error as never);
        assert.equal(pause.current.reason, reason, error.message);
        assert.equal(paused, reason !== null);
      }
    });

    it('tells listeners about changes, not repeats', () => {
      for (let i = 0; i < 5; i++) pause.failed(new AuthError('bad key'));
      pause.pause('auth');
      assert.deepEqual(heard, ['auth']);
      pause.resume();
      pause.resume();
      assert.deepEqual(heard, ['auth', null]);
    });

    it('ends a timed pause by itself once the clock passes it', () => {
      pause.failed(new RateLimitedError('slow down', { retryAfterMs: 30_000 }));
      assert.equal(pause.current.until, now + 30_000);
      now += 29_999;
      assert.ok(pause.paused);
      now += 1;
      assert.ok(!pause.paused);
      assert.deepEqual(heard, ['rate-limited', null]);
    });

    it('waits a minute after a 429 without Retry-After', () => {
      pause.failed(new RateLimitedError('slow down'));
      assert.equal(pause.current.until, now + 60_000);
    });

    it('backs off 15 s, 30 s, 1 min … up to 5 min while offline, and starts over after a success', () => {
      const waits: number[] = [];
      for (let i = 0; i < 7; i++) {
        pause.failed(new NetworkError('ECONNREFUSED'));
        waits.push((pause.current.until as number) - now);
        now = pause.current.until as number;
      }
      assert.deepEqual(waits, [15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
      pause.succeeded();
      pause.failed(new NetworkError('ECONNREFUSED'));
      assert.equal((pause.current.until as number) - now, 15_000);
    });
  });
});
