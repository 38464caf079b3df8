import type { ChunkReader } from './chunk-reader';

/**
 * After a finish_reason only usage and the end marker may still come. Some relays send neither, or
 * hold the body or socket open after the last chunk: the answer is complete all the same, so it
 * ends as done after a short grace for a trailing usage chunk, never as a stall.
 */
export const FINISH_GRACE_MS = 250;

export type FinishCause = 'marker' | 'grace';

export class FinishGrace {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly reader: ChunkReader,
    /** The request asked for usage (`stream_options.include_usage`): worth waiting the grace for. */
    private readonly waitForUsage: boolean,
    private readonly onComplete: (cause: FinishCause) => void,
  ) {}

  /** After each batch of input: ends the answer now, or after the grace, once it is finished. */
  check(): void {
    const { reader } = this;
    if (reader.ended || (reader.finishReason !== null && (!this.waitForUsage || reader.sawUsage))) {
      this.clear();
      this.onComplete('marker');
    } else if (reader.finishReason !== null && !this.timer) {
      this.timer = setTimeout(() => this.onComplete('grace'), FINISH_GRACE_MS);
    }
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
