import type { Attempt, AttemptResult } from '../client/attempt';
import type { ChunkReader } from './chunk-reader';
import type { RelayError } from '../errors';
import { onAbort } from '../util/abort';
import { FinishGrace, type FinishCause } from './finish-grace';
import { StreamTimers } from './timers';

/**
 * How one answer's stream ended, for the transport to close or keep its connection:
 * finished (complete; `grace` when the relay still holds the stream open after it), failed, or
 * stopped by the caller's AbortSignal.
 */
export type StreamEnd =
  | { how: 'finished'; cause: FinishCause }
  | { how: 'failed'; error: RelayError }
  | { how: 'stopped' };

/** The transport's promise for one answer, settled once by StreamEnding. */
export interface Settle {
  resolve(result: AttemptResult): void;
  reject(error: RelayError): void;
}

/**
 * How one answer's stream ends, the same for both transports: it settles exactly once (on the
 * first of finished, failed or stopped), and owns what decides when — the first-byte, idle and
 * total limits, the grace after the finish_reason, and the caller's AbortSignal. After a
 * finish_reason the answer is whole: a limit running out or the connection dropping then ends it
 * as finished, never as a stall or an error.
 */
export class StreamEnding {
  readonly timers: StreamTimers;
  /** From the response headers (SSE); the answer's completion id stands in when there is none. */
  requestId: string | undefined;
  private readonly grace: FinishGrace;
  private settled = false;
  private offAbort = () => {};

  constructor(
    private readonly attempt: Attempt,
    private readonly reader: ChunkReader,
    private readonly settle: Settle,
    /** The transport closes, drains or hands back its connection; called once, before the promise settles. */
    private readonly close: (end: StreamEnd) => void,
  ) {
    this.timers = new StreamTimers(attempt.timeouts, (error) => (reader.finishReason !== null ? this.finished('grace') : this.failed(error)));
    const waitForUsage = Boolean((attempt.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage);
    this.grace = new FinishGrace(reader, waitForUsage, (cause) => this.finished(cause));
  }

  get isOver(): boolean {
    return this.settled;
  }

  /** Registered last by the transport: an already-aborted signal ends the stream at once. */
  listenForAbort(): void {
    this.offAbort = onAbort(this.attempt.signal, () => this.end({ how: 'stopped' }));
  }

  /** After each batch of input: finished now, after the grace, or not yet. */
  afterInput(): void {
    this.grace.check();
  }

  finished(cause: FinishCause = 'marker'): void {
    this.end({ how: 'finished', cause });
  }

  failed(error: RelayError): void {
    this.end({ how: 'failed', error });
  }

  /** The connection dropped: after the finish_reason only usage or the end marker was lost, the answer is whole. */
  dropped(error: RelayError): void {
    if (this.reader.finishReason !== null) this.finished();
    else this.failed(error);
  }

  private end(end: StreamEnd): void {
    if (this.settled) return;
    this.settled = true;
    this.timers.clear();
    this.grace.clear();
    this.offAbort();
    if (end.how === 'finished') this.reader.flush();
    this.close(end);
    const requestId = this.requestId ?? this.reader.completionId;
    if (end.how === 'failed') {
      end.error.requestId ??= requestId;
      this.settle.reject(end.error);
    } else {
      this.settle.resolve({ finishReason: this.reader.finishReason, aborted: end.how === 'stopped', requestId });
    }
  }
}
