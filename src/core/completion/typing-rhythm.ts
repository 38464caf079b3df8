export interface RhythmLimits {
  /** Before anything is known about the user's typing. */
  initialMs: number;
  minMs: number;
  maxMs: number;
  /** A gap longer than this is a pause (reading, thinking), not part of the rhythm. */
  pauseMs: number;
}

export const DEFAULT_RHYTHM: RhythmLimits = { initialMs: 200, minMs: 80, maxMs: 450, pauseMs: 1500 };

/**
 * How long to wait after a keystroke before asking the relay: a little longer than this user's
 * usual gap between keys, so a request goes out when they pause, not between two letters of a word.
 * Estimated like TCP's retransmission timer (RFC 6298): a smoothed mean of the gaps plus a multiple
 * of their smoothed deviation. It learns from typing only, never from the server's speed: a slow
 * relay must not make us ask more often.
 */
export class TypingRhythm {
  private mean: number | undefined;
  private deviation = 0;
  private lastEditAt: number | undefined;

  constructor(private readonly limits: RhythmLimits = DEFAULT_RHYTHM) {}

  /** An edit happened at `at` (ms). */
  noteEdit(at: number): void {
    const gap = this.lastEditAt === undefined ? undefined : at - this.lastEditAt;
    this.lastEditAt = at;
    if (gap === undefined || gap <= 0 || gap > this.limits.pauseMs) return;
    if (this.mean === undefined) {
      this.mean = gap;
      this.deviation = gap / 2;
      return;
    }
    const error = gap - this.mean;
    this.mean += error / 8;
    this.deviation += (Math.abs(error) - this.deviation) / 4;
  }

  /** The wait before a request, in ms. */
  delayMs(): number {
    if (this.mean === undefined) return this.limits.initialMs;
    const wanted = this.mean + 2 * this.deviation;
    return Math.round(Math.min(this.limits.maxMs, Math.max(this.limits.minMs, wanted)));
  }
}
