import { ConnectTimeoutError, FirstByteTimeoutError, IdleTimeoutError, RelayError, TotalTimeoutError } from '../errors';
import type { TimeoutOptions } from '../types';

/**
 * The separate limits of one attempt: connect, first byte, idle (no bytes at all, keep-alives
 * count), total. The first-byte limit runs twice: until the connection is up (`connected()`), where
 * running out means "could not connect", then again from the request to the first byte, where it
 * means "connected, but no response" — a busy relay, not a network problem.
 * `activity()` is called for every chunk or frame, so it only notes the time: the idle timer, when
 * it fires, re-arms itself for what is left of the limit since the last activity, and reports a stall
 * only after a whole limit without any. Re-arming a timer per token was a visible share of the
 * WebSocket client's cost; one clock read is not.
 */
export class StreamTimers {
  private firstByte: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  private total: NodeJS.Timeout | undefined;
  private started = false;
  private isConnected = false;
  private lastActivityAt = 0;

  constructor(
    private readonly limits: TimeoutOptions,
    private readonly onTimeout: (error: RelayError) => void,
  ) {}

  start(): void {
    const { firstByteMs, totalMs } = this.limits;
    if (firstByteMs > 0) this.firstByte = setTimeout(() => this.onTimeout(new ConnectTimeoutError(firstByteMs)), firstByteMs);
    if (totalMs > 0) this.total = setTimeout(() => this.onTimeout(new TotalTimeoutError(totalMs)), totalMs);
  }

  /** The connection is up and the request is on its way: from now on silence is the relay's, not the network's. */
  connected(): void {
    if (this.isConnected || this.started) return;
    this.isConnected = true;
    clearTimeout(this.firstByte);
    const { firstByteMs } = this.limits;
    if (firstByteMs > 0) this.firstByte = setTimeout(() => this.onTimeout(new FirstByteTimeoutError(firstByteMs)), firstByteMs);
  }

  activity(): void {
    this.lastActivityAt = Date.now();
    if (this.started) return;
    this.started = true;
    clearTimeout(this.firstByte);
    if (this.limits.idleMs > 0) this.watchIdle(this.limits.idleMs);
  }

  /** Fires `waitMs` from now; a stall only if nothing arrived for the whole limit, else waits out the rest. */
  private watchIdle(waitMs: number): void {
    this.idle = setTimeout(() => {
      const { idleMs } = this.limits;
      const quietMs = Date.now() - this.lastActivityAt;
      if (quietMs >= idleMs) this.onTimeout(new IdleTimeoutError(idleMs));
      else this.watchIdle(idleMs - quietMs);
    }, waitMs);
  }

  clear(): void {
    clearTimeout(this.firstByte);
    clearTimeout(this.idle);
    clearTimeout(this.total);
  }
}
