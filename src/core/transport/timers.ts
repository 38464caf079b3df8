import { ConnectTimeoutError, FirstByteTimeoutError, IdleTimeoutError, RelayError, TotalTimeoutError } from '../errors';
import type { TimeoutOptions } from '../types';

/**
 * The separate limits of one attempt: connect, first byte, idle (no bytes at all, keep-alives
 * count), total. The first-byte limit runs twice: until the connection is up (`connected()`), where
 * running out means "could not connect", then again from the request to the first byte, where it
 * means "connected, but no response" — a busy relay, not a network problem.
 * `activity()` is called for every chunk or frame, so it only counts: the idle timer looks at the
 * count every quarter of the limit and reports a stall after a whole limit without any (at most a
 * quarter late). Re-arming a timer per token was a visible share of the WebSocket client's cost.
 */
export class StreamTimers {
  private firstByte: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  private total: NodeJS.Timeout | undefined;
  private started = false;
  private isConnected = false;
  private activityCount = 0;

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
    this.activityCount++;
    if (this.started) return;
    this.started = true;
    clearTimeout(this.firstByte);
    if (this.limits.idleMs > 0) this.watchIdle(this.activityCount, 0);
  }

  /** Every quarter of the idle limit: any activity since `seen` starts the quiet time over. */
  private watchIdle(seen: number, quietMs: number): void {
    const { idleMs } = this.limits;
    const step = Math.max(1, Math.ceil(idleMs / 4));
    this.idle = setTimeout(() => {
      const quiet = this.activityCount === seen ? quietMs + step : 0;
      if (quiet >= idleMs) this.onTimeout(new IdleTimeoutError(idleMs));
      else this.watchIdle(this.activityCount, quiet);
    }, step);
  }

  clear(): void {
    clearTimeout(this.firstByte);
    clearTimeout(this.idle);
    clearTimeout(this.total);
  }
}
