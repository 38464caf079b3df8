// The generation loop: paces a planned generation onto a sink and keeps the request's log entry.
// Like a real relay, it may keep generating (and billing) after the client hung up.
import { now, type CompletionBehaviour, type CompletionLogEntry } from './behaviour';
import type { GenerationPlan } from './generation';
import type { CompletionSink } from './sinks';
import { usageOf } from './wire';

type Pacing = Pick<CompletionBehaviour, 'firstTokenMs' | 'tokenMs' | 'keepGeneratingAfterDisconnect'>;

/** Waits `ms`; at 0 it still yields, so a disconnect can be noticed between tokens. */
const pause = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

export async function runGeneration(plan: GenerationPlan, promptTokens: number, pacing: Pacing, entry: CompletionLogEntry, sink: CompletionSink): Promise<void> {
  sink.onGone(() => {
    entry.clientAborted = true;
    entry.closedAt = now();
  });
  await pause(pacing.firstTokenMs);
  if (!sink.gone) {
    sink.start();
    if (sink.streaming) entry.firstByteAt = now();
  }
  for (let i = 0; i < plan.tokens.length; i++) {
    if (i > 0) await pause(pacing.tokenMs);
    if (sink.gone && !pacing.keepGeneratingAfterDisconnect) break;
    entry.generatedTokens++;
    entry.text += plan.tokens[i];
    const visible = plan.visible[i];
    if (visible && !sink.gone) {
      sink.send(visible);
      entry.sentTokens++;
      entry.writes.push({ at: now(), chars: (entry.writes[entry.writes.length - 1]?.chars ?? 0) + visible.length });
    }
  }
  entry.finishedAt = now();
  if (sink.gone) return;
  entry.finishWrittenAt = now();
  sink.end(plan.finishReason, usageOf(promptTokens, plan.tokens.length));
  entry.firstByteAt ??= entry.finishedAt;
  entry.closedAt = now();
}
