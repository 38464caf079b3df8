// Server-side write times, from the fake relay's per-request log: when the relay wrote the text an
// item needed (or its finish). The client sees the request as `x-request-id: req-<completion id>`.
import type { CompletionLogEntry } from '../../test/fakes/completion';

/**
 * When the relay wrote what an item needed: the write that took the text past `chars` characters,
 * or the finish when the end was needed. `requestId` is the x-request-id the client saw.
 */
export function writtenAt(log: readonly CompletionLogEntry[], requestId: string | undefined, chars: number, neededEnd: boolean): number | undefined {
  const id = requestId?.replace(/^req-/, '');
  const entry = log.find((e) => e.completionId === id);
  if (!entry) return undefined;
  if (neededEnd) return entry.finishWrittenAt;
  return entry.writes.find((w) => w.chars >= chars)?.at;
}
