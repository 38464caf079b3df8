import { RelayError, isRelayError } from '../errors';
import type { Usage } from '../types';
import { onAbort } from '../util/abort';
import { cleanCompletion, completeLines } from './clean';
import type { Cursor, CursorScope } from './context';
import { currentLinePrefix, cursorLine } from './cursor-text';
import type { CompletionRoute } from './request-shape';
import type { RoutedEvent } from './routed-stream';
import { WALK_BACK } from './suggestion-cache';
import { closeBlock, shapeSuggestion } from './suggestion-shape';

/** How a request ended, for the ledger, the pause state and the cache. */
export interface PendingEnd {
  raw: string;
  /** The suggestion as it was usable ('' when nothing usable came, or the request was closed first). */
  suggestion: string;
  /**
   * The whole answer, cleaned, for later cursors (the next lines after a Tab); '' when the request
   * was closed first or failed: a cut answer's last lines are no suggestion.
   */
  continuation: string;
  usage: Usage | undefined;
  error: RelayError | undefined;
  /** Closed by us before the relay finished (superseded). */
  aborted: boolean;
  /** The model finished its answer (no error, not closed by us, not cut at max_tokens): nothing more follows it. */
  complete: boolean;
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
/**
 * The same once the answer has started but all its complete lines are wrapping (a reasoning block, a
 * preamble, a fence, an opening tag): the model is on its way to the code, and a new request would
 * pay for the same wrapping again.
 */
const WRAPPED_TYPING_LIMIT = 24;

/**
 * One completion request in flight. It reads the stream and knows as early as possible when the
 * suggestion is usable: one line as soon as its newline arrives, a line-end suggestion once what it
 * shows is complete (see shapeSuggestion), a block once a line leaves the block; otherwise at the
 * finish. Callers that typed on meanwhile get the rest of the suggestion as
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
  /** The model stopped at max_tokens: its last line is cut short. */
  private cutShort = false;
  /** The whole answer cleaned, once it ended ('' when closed first or failed): see PendingEnd.continuation. */
  private final: string | undefined;
  private endMark: ReadyMark | undefined;
  /** Text and usage of attempts the route was asked again after (still billed). */
  private earlierRaw = '';
  private earlierUsage: Usage | undefined;
  private readonly waiters = new Set<() => void>();
  /** Set by the router when a route answers: chat answers need the chat clean-up rules. */
  route: CompletionRoute = 'completions';
  /** The engine's serial number of this request (traces name it). */
  id = 0;

  constructor(
    readonly ctx: Cursor,
    readonly scope: CursorScope,
    private readonly controller: AbortController,
    private readonly now: () => number,
  ) {}

  /** Reads the stream to its end; resolves with how it ended (never rejects). */
  async consume(events: AsyncIterable<RoutedEvent>): Promise<PendingEnd> {
    try {
      for await (const event of events) {
        if (event.type === 'restart') {
          this.restart();
        } else if (event.type === 'text') {
          this.raw += event.text;
          if (!this.ready && event.text.includes('\n')) this.checkEarly();
        } else if (event.type === 'finish') {
          this.cutShort = event.finishReason === 'length';
          // The text is complete (a relay may keep the stream open after it): what waits for it can have it.
          this.settle();
        } else if (event.type === 'usage') {
          this.usage = addUsage(this.earlierUsage, event.usage);
        } else if (event.type === 'error') {
          this.error = event.error;
        }
      }
    } catch (e) {
      // A client that throws instead of ending with an error event must not leave callers waiting.
      this.error = isRelayError(e) ? e : new RelayError('protocol', String(e));
    }
    this.ended = true;
    const aborted = this.controller.signal.aborted;
    if (this.error || aborted) this.final = '';
    else if (this.final === undefined) this.settle();
    const continuation = this.final ?? '';
    this.wake();
    // What was shown, not the raw tail: a closed request's half line, or code after a block's end, is no suggestion.
    const complete = !this.error && !aborted && !this.cutShort;
    return { raw: this.earlierRaw + this.raw, suggestion: this.ready ?? '', continuation, usage: this.usage, error: this.error, aborted, complete };
  }

  /** The route is asked again (see RoutedEvent): the answer starts over; what was billed stays counted. */
  private restart(): void {
    this.earlierRaw += this.raw;
    this.earlierUsage = this.usage;
    this.raw = '';
    this.cutShort = false;
    this.final = undefined;
    this.endMark = undefined;
  }

  get mark(): ReadyMark | undefined {
    return this.readyMark;
  }

  /** The whole answer is here: its cleaned text and when it came. */
  private settle(): void {
    this.final = this.cleaned(this.whole()) ?? '';
    this.endMark = { at: this.now(), rawChars: this.raw.length, neededEnd: true };
    this.markReady(this.usable(this.final || undefined), true);
    this.wake();
  }

  /** When what serves a cursor `typed` characters on became usable: past the first usable part, only at the end. */
  markFor(typed: string): ReadyMark | undefined {
    if (this.ready === undefined || typed.length < this.ready.length || !this.endMark) return this.readyMark;
    return this.endMark;
  }

  get done(): boolean {
    return this.ended;
  }

  /** Characters typed since this request's cursor, or undefined when the cursor went elsewhere. */
  typedSince(ctx: Cursor): string | undefined {
    const n = ctx.offset - this.ctx.offset;
    if (ctx.documentId !== this.ctx.documentId || n < 0 || n > WALK_BACK || ctx.suffix !== this.ctx.suffix) return undefined;
    const before = ctx.prefix.slice(0, ctx.prefix.length - n);
    return before.endsWith(this.ctx.prefix.slice(-256)) ? ctx.prefix.slice(ctx.prefix.length - n) : undefined;
  }

  /** Could this answer still serve a cursor `typed` characters further on? */
  matches(typed: string): boolean {
    if (this.error || (this.ended && !this.ready)) return false;
    // Only complete lines are judged: a chat answer's unfinished line may be half a tag, a preamble
    // or half an echo, which says nothing yet about whether the typed text fits.
    const known = this.ready ?? this.cleaned(this.fromChat ? completeLines(this.raw) : this.raw);
    if (!known) return typed.length <= (this.fromChat && completeLines(this.raw) ? WRAPPED_TYPING_LIMIT : BLIND_TYPING_LIMIT);
    if (this.ready !== undefined && !this.ended && this.scope !== 'inline' && typed.startsWith(this.ready)) return this.mayContinue(typed);
    return known.startsWith(typed) ? known.length > typed.length || !this.ready : typed.startsWith(known) && !this.ready;
  }

  /**
   * All that was usable is typed or accepted while a multi-line answer still streams: its next lines
   * may follow (a one-line request is stopped at the newline). It still serves a cursor on them, and one up to BLIND_TYPING_LIMIT characters past them.
   */
  private mayContinue(typed: string): boolean {
    const latest = this.cleaned(completeLines(this.raw)) ?? '';
    return latest.startsWith(typed) || (typed.startsWith(latest) && typed.length - latest.length <= BLIND_TYPING_LIMIT);
  }

  /** The suggestion for a cursor `typed` characters on, once usable; undefined if none or cancelled. */
  async suggestionFor(typed: string, signal: AbortSignal): Promise<string | undefined> {
    while (!this.ready && !this.ended && !signal.aborted) await this.wait(signal);
    if (signal.aborted || !this.ready) return undefined;
    if (this.ready.startsWith(typed) && this.ready.length > typed.length) return this.ready.slice(typed.length);
    if (!typed.startsWith(this.ready) || this.scope === 'inline') return undefined;
    // All of it typed: the rest of the answer (its next lines) counts once the answer has ended.
    while (this.final === undefined && !this.ended && !signal.aborted) await this.wait(signal);
    const rest = this.final;
    if (signal.aborted || rest === undefined || !rest.startsWith(typed)) return undefined;
    return rest.slice(typed.length) || undefined;
  }

  abort(): void {
    this.controller.abort();
  }

  private checkEarly(): void {
    const lines = completeLines(this.raw);
    if (this.scope === 'inline') {
      const line = this.cleaned(lines);
      if (line) this.markReady(line, false, lines.length);
      return;
    }
    if (this.scope === 'line-end') {
      const continuation = this.cleaned(lines);
      if (continuation && shapeSuggestion(continuation, cursorLine(this.ctx), this.scope, false).settled) {
        this.markReady(this.usable(continuation), false, lines.length);
      }
      return;
    }
    // The line that leaves the block is judged before cleaning, which cuts a closer the suffix already
    // has (`}`) and may re-indent lines. FIM text continues the document at its real indentation; a
    // chat answer is first unwrapped (tags, fences, column-0 code) against an empty suffix.
    const body = this.fromChat
      ? cleanCompletion({ raw: lines, prefix: this.ctx.prefix, suffix: '', multiline: true, fromChat: true, languageId: this.ctx.languageId })
      : lines;
    const closed = body && closeBlock(body, currentLinePrefix(this.ctx.prefix).length);
    if (closed) this.markReady(this.cleaned(closed), false, lines.length);
  }

  private cleaned(raw: string): string | undefined {
    return cleanCompletion({
      raw, prefix: this.ctx.prefix, suffix: this.ctx.suffix, multiline: this.scope !== 'inline', fromChat: this.fromChat, languageId: this.ctx.languageId,
    });
  }

  /** The answer as far as it can be trusted once it ended: without a last line cut short by max_tokens. */
  private whole(): string {
    return this.cutShort && this.scope !== 'inline' && this.raw.includes('\n') ? completeLines(this.raw) : this.raw;
  }

  /** The cleaned answer when it shows something at this request's cursor. */
  private usable(continuation: string | undefined): string | undefined {
    if (continuation === undefined) return undefined;
    return shapeSuggestion(continuation, cursorLine(this.ctx), this.scope, true).text.trim() ? continuation : undefined;
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

/** Two attempts' usage as one request's: the counts add up; an estimate anywhere makes the sum one. */
function addUsage(earlier: Usage | undefined, later: Usage): Usage {
  if (!earlier) return later;
  const sum = (a: number | undefined, b: number | undefined) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  const out: Usage = {};
  for (const key of ['promptTokens', 'cachedPromptTokens', 'completionTokens', 'totalTokens', 'reasoningTokens'] as const) {
    const value = sum(earlier[key], later[key]);
    if (value !== undefined) out[key] = value;
  }
  if (earlier.estimated || later.estimated) out.estimated = true;
  return out;
}
