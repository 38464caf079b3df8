import { RelayError, isRelayError } from '../errors';
import type { StreamEvent, Usage } from '../types';
import { onAbort } from '../util/abort';
import { cleanCompletion, completeLines } from './clean';
import { indentOf, lineBefore, type CompletionContext } from './context';
import type { CompletionRoute } from './request-shape';

/** A cursor: the context plus its offset in the document (windows slide; offsets do not). */
export type Cursor = CompletionContext & { offset: number };

/** How a request ended, for the ledger, the pause state and the cache. */
export interface PendingEnd {
  raw: string;
  /** The suggestion as it was usable ('' when nothing usable came, or the request was closed first). */
  suggestion: string;
  usage: Usage | undefined;
  error: RelayError | undefined;
  /** Closed by us before the relay finished (superseded). */
  aborted: boolean;
}

/** When the suggestion became usable: for the benchmark's "added latency". */
export interface ReadyMark {
  /** Clock time at which the event that made it usable was read. */
  at: number;
  /** Characters of the raw answer needed for it (all of them when the end was needed). */
  rawChars: number;
  /** The end of the answer (finish / end of stream) was needed to know it was complete. */
  neededEnd: boolean;
}

/** Up to this many characters typed with nothing received yet, an answer on its way is still awaited. */
const BLIND_TYPING_LIMIT = 12;
const CLOSER_LINE = /^\s*(?:[})\]]+[;,)]*|end|fi|done)\s*$/;

/**
 * One completion request in flight. It reads the stream and knows as early as possible when the
 * suggestion is usable: one line as soon as its newline arrives, a block once a line leaves the
 * block; otherwise at the finish. Callers that typed on meanwhile get the rest of the suggestion as
 * long as what they typed matches it. Checks run only on pieces that carry a newline, and at the end,
 * so the per-token cost is a string append.
 */
export class PendingCompletion {
  raw = '';
  private usage: Usage | undefined;
  private error: RelayError | undefined;
  private ready: string | undefined;
  private readyMark: ReadyMark | undefined;
  private ended = false;
  private readonly waiters = new Set<() => void>();
  /** Set by the router when a route answers: chat answers need the chat clean-up rules. */
  route: CompletionRoute = 'completions';
  /** The engine's serial number of this request (traces name it). */
  id = 0;

  constructor(
    readonly ctx: Cursor,
    readonly block: boolean,
    private readonly controller: AbortController,
    private readonly now: () => number,
  ) {}

  /** Reads the stream to its end; resolves with how it ended (never rejects). */
  async consume(events: AsyncIterable<StreamEvent>): Promise<PendingEnd> {
    try {
      for await (const event of events) {
        if (event.type === 'text') {
          this.raw += event.text;
          if (!this.ready && event.text.includes('\n')) this.checkEarly();
        } else if (event.type === 'finish') {
          this.markReady(this.cleaned(this.raw), true);
        } else if (event.type === 'usage') {
          this.usage = event.usage;
        } else if (event.type === 'error') {
          this.error = event.error;
        }
      }
    } catch (e) {
      // A client that throws instead of ending with an error event must not leave callers waiting.
      this.error = isRelayError(e) ? e : new RelayError('protocol', String(e));
    }
    this.ended = true;
    if (!this.ready && !this.error && !this.controller.signal.aborted) this.markReady(this.cleaned(this.raw), true);
    this.wake();
    // What was shown, not the raw tail: a closed request's half line, or code after a block's end, is no suggestion.
    return { raw: this.raw, suggestion: this.ready ?? '', usage: this.usage, error: this.error, aborted: this.controller.signal.aborted };
  }

  get mark(): ReadyMark | undefined {
    return this.readyMark;
  }

  get done(): boolean {
    return this.ended;
  }

  /** Characters typed since this request's cursor, or undefined when the cursor went elsewhere. */
  typedSince(ctx: Cursor): string | undefined {
    const n = ctx.offset - this.ctx.offset;
    if (ctx.documentId !== this.ctx.documentId || n < 0 || n > 80 || ctx.suffix !== this.ctx.suffix) return undefined;
    const before = ctx.prefix.slice(0, ctx.prefix.length - n);
    return before.endsWith(this.ctx.prefix.slice(-256)) ? ctx.prefix.slice(ctx.prefix.length - n) : undefined;
  }

  /** Could this answer still serve a cursor `typed` characters further on? */
  matches(typed: string): boolean {
    if (this.error || (this.ended && !this.ready)) return false;
    // Only complete lines are judged: a chat answer's unfinished line may be half a tag, a preamble
    // or half an echo, which says nothing yet about whether the typed text fits.
    const known = this.ready ?? this.cleaned(this.fromChat ? completeLines(this.raw) : this.raw);
    if (!known) return typed.length <= BLIND_TYPING_LIMIT;
    return known.startsWith(typed) ? known.length > typed.length || !this.ready : typed.startsWith(known) && !this.ready;
  }

  /** The suggestion for a cursor `typed` characters on, once usable; undefined if none or cancelled. */
  async suggestionFor(typed: string, signal: AbortSignal): Promise<string | undefined> {
    if (!this.ready && !this.ended && !signal.aborted) await this.wait(signal);
    if (signal.aborted || !this.ready || !this.ready.startsWith(typed)) return undefined;
    return this.ready.slice(typed.length) || undefined;
  }

  abort(): void {
    this.controller.abort();
  }

  private checkEarly(): void {
    const lines = completeLines(this.raw);
    if (!this.block) {
      const line = this.cleaned(lines);
      if (line) this.markReady(line, false, lines.length);
      return;
    }
    // The line that leaves the block is judged before cleaning, which cuts a closer the suffix already
    // has (`}`) and may re-indent lines. FIM text continues the document at its real indentation; a
    // chat answer is first unwrapped (tags, fences, column-0 code) against an empty suffix.
    const body = this.fromChat
      ? cleanCompletion({ raw: lines, prefix: this.ctx.prefix, suffix: '', multiline: true, fromChat: true })
      : lines;
    const closed = body && closeBlock(body, lineBefore(this.ctx.prefix).length);
    if (closed) this.markReady(this.cleaned(closed), false, lines.length);
  }

  private cleaned(raw: string): string | undefined {
    return cleanCompletion({ raw, prefix: this.ctx.prefix, suffix: this.ctx.suffix, multiline: this.block, fromChat: this.fromChat });
  }

  private get fromChat(): boolean {
    return this.route === 'chat';
  }

  /** Until the answer is usable or ended, or the caller gave up. */
  private wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        off();
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
      const off = onAbort(signal, done);
    });
  }

  private markReady(text: string | undefined, neededEnd: boolean, rawChars = this.raw.length): void {
    if (this.ready || !text) return;
    this.ready = text;
    this.readyMark = { at: this.now(), rawChars, neededEnd };
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }
}

/**
 * A block is complete once a line (after the first) is indented less than the cursor: the model has
 * left the block. That line is kept when it only closes the block (`}`), dropped otherwise.
 */
export function closeBlock(text: string, cursorIndent: number): string | undefined {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.trim() || indentOf(line) >= cursorIndent) continue;
    return lines.slice(0, CLOSER_LINE.test(line) ? i + 1 : i).join('\n').trimEnd() || undefined;
  }
  return undefined;
}
