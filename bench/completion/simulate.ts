// The editor and the user, in real time. Like VS Code: every edit cancels the previous provider
// call's token and invokes the provider again (none while an IME composes; the commit is one edit
// and one call); the latest call's non-empty item is shown; a shown suggestion stays visible while
// the user types through it (the provider is still re-invoked on each of those edits). The user
// presses Tab after a reaction time when what is shown is a prefix of what they were about to type.
import { CONTEXT_WINDOW, type Cursor } from '../../src/core';
import { type Trace, unitAt } from './traces';

export const now = (): number => performance.timeOrigin + performance.now();

export interface Provided {
  text: string;
  source: string;
  /** From the arrival of the last byte the item needed (or the call, if later) to the item being returned. */
  addedMs?: number;
  /** The same from the relay's write of that byte (server-side time). */
  serverAddedMs?: number;
}

export interface Pipeline {
  provide(cursor: Cursor, signal: AbortSignal, calledAt: number): Promise<Provided | undefined>;
  /** The user leaves the document. */
  endTrace(): void;
}

export interface ShownRecord {
  trace: string;
  text: string;
  source: string;
  addedMs: number | undefined;
  serverAddedMs: number | undefined;
  /** From the edit that invoked the provider to the item being shown. */
  waitMs: number;
  /** A prefix of what the user was about to type. */
  correct: boolean;
  accepted: boolean;
  cursor: Cursor;
}

export interface TraceOutcome {
  typedChars: number;
  acceptedChars: number;
  accepts: number;
  calls: number;
  failures: number;
  shown: ShownRecord[];
  durationMs: number;
}

/** After the last keystroke the user reads on for a moment, so the last answers can still arrive. */
const TAIL_MS = 1500;

interface Display {
  text: string;
  correct: boolean;
  tabAt: number | undefined;
  record: ShownRecord;
}

export async function simulateTrace(trace: Trace, pipeline: Pipeline, log?: (line: string) => void): Promise<TraceOutcome> {
  const out: TraceOutcome = { typedChars: 0, acceptedChars: 0, accepts: 0, calls: 0, failures: 0, shown: [], durationMs: 0 };
  const started = now();
  let pos = 0;
  let composing: string | undefined;
  let display: Display | undefined;
  let call: AbortController | undefined;
  let wake: (() => void) | undefined;
  const at = () => `${((now() - started) / 1000).toFixed(2)}s`;

  const cursor = (): Cursor => {
    const doc = trace.before + trace.text.slice(0, pos) + (composing ?? '') + trace.after;
    const offset = trace.before.length + pos + (composing?.length ?? 0);
    return {
      documentId: trace.documentId, languageId: trace.languageId, fileName: trace.fileName, offset,
      prefix: doc.slice(Math.max(0, offset - CONTEXT_WINDOW.prefixChars), offset),
      suffix: doc.slice(offset, offset + CONTEXT_WINDOW.suffixChars),
    };
  };

  const invoke = () => {
    call?.abort();
    const controller = new AbortController();
    call = controller;
    out.calls++;
    const ctx = cursor();
    const calledAt = now();
    pipeline.provide(ctx, controller.signal, calledAt).then((item) => {
      if (controller.signal.aborted || call !== controller || !item?.text) return;
      const correct = trace.text.startsWith(item.text, pos);
      const record: ShownRecord = {
        trace: trace.name, text: item.text, source: item.source, addedMs: item.addedMs, serverAddedMs: item.serverAddedMs, waitMs: now() - calledAt, correct, accepted: false, cursor: ctx,
      };
      out.shown.push(record);
      // Already about to press Tab on a correct suggestion: a new correct one does not restart the reaction.
      const tabAt = !correct ? undefined : display?.correct && display.tabAt !== undefined ? display.tabAt : now() + (trace.reactionMs[pos] ?? 300);
      display = { text: item.text, correct, tabAt, record };
      const ms = (v: number | undefined, what: string) => (v === undefined ? '' : ` ${what} +${v.toFixed(2)}ms`);
      log?.(`${at()} shown [${item.source}${ms(item.addedMs, 'read')}${ms(item.serverAddedMs, 'written')}] ${JSON.stringify(item.text)}${correct ? '' : ' (wrong)'}`);
      wake?.();
    }, (error: unknown) => {
      out.failures++;
      log?.(`${at()} provider failed: ${String(error)}`);
    });
  };

  /** Edits the document: the text at the cursor grows by `typed` (VS Code keeps a matching suggestion's rest). */
  const edit = (typed: string, how: 'type' | 'accept' | 'commit') => {
    pos += typed.length;
    if (how === 'accept' || !display?.text.startsWith(typed) || display.text.length === typed.length) display = undefined;
    else display = { ...display, text: display.text.slice(typed.length) };
    invoke();
  };

  const waitUntil = (time: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(done, Math.max(0, time - now()));
    function done() {
      clearTimeout(timer);
      wake = undefined;
      resolve();
    }
    wake = done;
  });

  /** Waits for the keystroke due at `keyAt`, or presses Tab first if a correct suggestion is due for it; true for Tab. */
  const tabBefore = async (keyAt: number): Promise<boolean> => {
    for (;;) {
      const tabAt = display?.tabAt;
      const t = now();
      if (display && tabAt !== undefined && tabAt <= keyAt && tabAt <= t && trace.text.startsWith(display.text, pos)) {
        const accepted = display.text;
        display.record.accepted = true;
        out.accepts++;
        out.acceptedChars += accepted.length;
        log?.(`${at()} Tab accepts ${JSON.stringify(accepted)}`);
        edit(accepted, 'accept');
        return true;
      }
      if (keyAt <= t) return false;
      await waitUntil(Math.min(keyAt, tabAt ?? Infinity));
    }
  };

  let lastEventAt = now();
  while (pos < trace.text.length) {
    const unit = unitAt(trace, pos);
    const pressed = await tabBefore(lastEventAt + ((unit.ime ? unit.ime.gapsMs[0] : trace.gapMs[pos]) ?? 150));
    if (!pressed && unit.ime) {
      // Composing: each keystroke changes the document and cancels the call in flight; nothing is invoked.
      const { compositions, gapsMs } = unit.ime;
      for (let k = 0; k <= compositions.length; k++) {
        const keyAt = lastEventAt + (gapsMs[k] ?? 150);
        while (k > 0 && now() < keyAt) await waitUntil(keyAt);
        lastEventAt = now();
        call?.abort();
        display = undefined;
        composing = compositions[k];
      }
      const committed = trace.text.slice(pos, unit.end);
      out.typedChars += committed.length;
      log?.(`${at()} IME commit ${JSON.stringify(committed)}`);
      edit(committed, 'commit');
    } else if (!pressed) {
      const typed = trace.text.slice(pos, unit.end);
      out.typedChars += typed.length;
      edit(typed, 'type');
    }
    lastEventAt = now();
  }
  for (const end = now() + TAIL_MS; now() < end;) await waitUntil(end);
  call?.abort();
  pipeline.endTrace();
  out.durationMs = now() - started;
  return out;
}
