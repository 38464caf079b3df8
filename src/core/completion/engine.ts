import type { RelayError } from '../errors';
import type { Logger } from '../types';
import { sleep } from '../util/abort';
import { scopeOf, type Cursor, type CursorScope } from './context';
import { cursorLine } from './cursor-text';
import { PauseState, type CompletionState } from './pause-state';
import type { CompletionRoute } from './request-shape';
import { PendingCompletion, type PendingEnd, type ReadyMark } from './pending-completion';
import { routedStream, type CompletionClient } from './routed-stream';
import { RouteMemory, type CompletionMode } from './route-memory';
import { SuggestionCache, WALK_BACK } from './suggestion-cache';
import { shapeSuggestion } from './suggestion-shape';
import { TypingRhythm } from './typing-rhythm';
import type { RequestRecord } from '../usage/usage-record';
import type { KeyValueStore } from '../util/key-value-store';

/** What the engine reads of the settings, at each request. */
export interface CompletionSettings {
  /** The model asked (the editor resolves "automatic" to one before). */
  model: string;
  mode: CompletionMode;
  /** USD per day; 0 = no limit. */
  dailyBudgetUsd: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Wall time: the budget's day and midnight and a snooze's end must agree with the calendar. */
const realClock: Clock = { now: () => Date.now(), sleep };

export type SuggestionSource = 'network' | 'in-flight' | 'cache' | 'typed-through';

export interface Suggestion {
  text: string;
  source: SuggestionSource;
}

/** What the engine did, for logs and the benchmark. */
export type CompletionTrace =
  | { type: 'suggestion'; source: SuggestionSource; text: string; returnedAt: number; ready?: ReadyMark; requestId?: number }
  | { type: 'request'; id: number; route: string; model: string; startedAt: number; endedAt: number; end: PendingEnd };

export interface CompletionEngineOptions {
  client(): CompletionClient;
  settings(): CompletionSettings;
  /** The endpoint's identity for remembering routes (its base URL). */
  endpoint(): string;
  /** Where the routes that worked are remembered (VS Code's globalState in the extension). */
  store: KeyValueStore;
  clock?: Clock;
  logger?: Logger;
  observer?: (trace: CompletionTrace) => void;
  /** Each request the relay billed (or may have), for the shared usage record (see UsageStore). */
  counted?: (request: RequestRecord) => void;
  /**
   * What today's inline completions cost so far in USD, in every window (the shared usage record),
   * held against the daily budget. Without it there is no daily budget.
   */
  spentToday?: () => number;
  /** The monthly budget is reached and not allowed past: no new requests (see BudgetGate). */
  monthBudgetReached?: () => boolean;
}

/**
 * Inline completions, from keystroke to suggestion. In order, each cheaper than the next: the shown
 * suggestion typed through, the cache, the request already in flight, and only then — after a pause
 * that fits the user's typing rhythm — a new, server-capped request. A superseded request is closed at
 * once. Errors pause completions (see PauseState) instead of failing every keystroke.
 */
export class CompletionEngine {
  readonly pause: PauseState;
  readonly cache = new SuggestionCache();
  readonly routes: RouteMemory;
  private readonly rhythm = new TypingRhythm();
  private readonly clock: Clock;
  private pending: PendingCompletion | undefined;
  private shown: { cursor: Cursor; text: string } | undefined;
  /** The last answer the model finished, and where it was asked: its end is where the model had nothing more. */
  private answered: { cursor: Cursor; continuation: string } | undefined;
  private serial = 0;
  /** Answers in a row that arrived whole but held no usable code. */
  private unusableInARow = 0;

  constructor(private readonly options: CompletionEngineOptions) {
    this.clock = options.clock ?? realClock;
    this.pause = new PauseState(() => this.clock.now());
    this.routes = new RouteMemory(options.store);
  }

  get state(): CompletionState {
    return this.pause.current;
  }

  /** A suggestion for this cursor, or undefined. Never throws; `signal` is the caller's cancellation. */
  async complete(cursor: Cursor, signal: AbortSignal): Promise<Suggestion | undefined> {
    if (!cursor.explicit) this.rhythm.noteEdit(this.clock.now());
    const reason = this.pause.current.reason;
    if (reason === 'disabled' || reason === 'snoozed') return undefined;
    const scope = scopeOf(cursor.prefix, cursor.suffix);

    const through = this.typedThrough(cursor);
    if (through) {
      this.supersede(cursor);
      return this.give(cursor, through, 'typed-through');
    }
    const cached = this.cache.get(cursor.languageId, cursor.prefix, cursor.suffix);
    if (cached) {
      this.supersede(cursor);
      return this.give(cursor, cached.text, 'cache');
    }
    if (this.pause.paused) return undefined;

    const joined = await this.join(cursor, signal);
    if (joined !== false) return joined;
    if (!cursor.explicit) {
      try {
        await this.clock.sleep(this.rhythm.delayMs(), signal);
      } catch {
        return undefined;
      }
    }
    if (signal.aborted) return undefined;
    // Another call may have started a request while this one waited.
    const late = await this.join(cursor, signal);
    if (late !== false) return late;
    if (this.checkDailyBudget() || this.overMonthBudget()) return undefined;
    if (!cursor.explicit && this.atEndOfAnswer(cursor)) return undefined;
    const pending = this.start(cursor, scope);
    const text = await pending.suggestionFor('', signal);
    return text ? this.give(cursor, text, 'network', pending) : undefined;
  }

  /**
   * Test Connection: one small completion with the completion model, through the routes the mode
   * allows (which also teaches `auto` the route). Never throws.
   */
  async probe(signal?: AbortSignal): Promise<{ model: string; route: CompletionRoute | undefined; ms: number; text: string; error?: RelayError }> {
    const settings = this.options.settings();
    const started = this.clock.now();
    const cursor: Cursor = {
      documentId: 'relay-chat:probe', languageId: 'javascript', fileName: 'probe.js', offset: 32,
      prefix: 'function add(a, b) {\n  return a', suffix: ';\n}\n',
    };
    let route: CompletionRoute | undefined;
    let text = '';
    let error: RelayError | undefined;
    for await (const event of routedStream({
      client: this.options.client(), routes: this.routes, mode: settings.mode, endpoint: this.options.endpoint(), model: settings.model,
      cursor, scope: 'inline', signal: signal ?? new AbortController().signal, onRoute: (r) => (route = r),
    })) {
      if (event.type === 'restart') text = '';
      if (event.type === 'text') text += event.text;
      if (event.type === 'error') error = event.error;
    }
    return { model: settings.model, route: error ? undefined : route, ms: Math.round(this.clock.now() - started), text, ...(error ? { error } : {}) };
  }

  /** Stops the request in flight (the user dismissed, switched files, or turned completions off). */
  cancel(): void {
    this.pending?.abort();
  }

  /** Forget what was learnt about the relay (new endpoint, model or key). */
  reset(): void {
    this.cancel();
    this.cache.clear();
    this.shown = undefined;
    this.answered = undefined;
    this.routes.forget();
    this.pause.resume();
  }

  /** Joins the request in flight when the typed text still matches its answer; false when there is none to join. */
  private async join(cursor: Cursor, signal: AbortSignal): Promise<Suggestion | undefined | false> {
    const pending = this.pending;
    const typed = this.supersede(cursor);
    if (!pending || typed === undefined) return false;
    const text = await pending.suggestionFor(typed, signal);
    return text ? this.give(cursor, text, typed ? 'in-flight' : 'network', pending, pending.markFor(typed)) : undefined;
  }

  /**
   * The characters typed since the request in flight, when its answer can still serve this cursor;
   * otherwise it is superseded: its connection is closed now, so the relay stops generating what
   * nobody will read (also when this cursor is served without it, from the cache).
   */
  private supersede(cursor: Cursor): string | undefined {
    const pending = this.pending;
    if (!pending) return undefined;
    const typed = pending.done ? undefined : pending.typedSince(cursor);
    if (typed !== undefined && pending.matches(typed)) return typed;
    pending.abort();
    this.pending = undefined;
    return undefined;
  }

  /**
   * Whether the cursor sits exactly where the model's last finished answer ended, all of it typed or
   * accepted: asked again here, the model has nothing more to say (it stopped at a blank line, or the
   * rest left the block), so no request is paid for. Alt+\ still asks; any other edit moves on.
   */
  private atEndOfAnswer(cursor: Cursor): boolean {
    const answered = this.answered;
    if (!answered) return false;
    const { cursor: asked, continuation } = answered;
    return cursor.documentId === asked.documentId && cursor.suffix === asked.suffix && cursor.offset === asked.offset + continuation.length &&
      cursor.prefix.endsWith(asked.prefix.slice(-256) + continuation);
  }

  private typedThrough(cursor: Cursor): string | undefined {
    const shown = this.shown;
    if (!shown) return undefined;
    const n = cursor.offset - shown.cursor.offset;
    if (n <= 0 || n > WALK_BACK || cursor.documentId !== shown.cursor.documentId || cursor.suffix !== shown.cursor.suffix) return undefined;
    const typed = cursor.prefix.slice(cursor.prefix.length - n);
    if (!shown.text.startsWith(typed) || shown.text.length === n) return undefined;
    const before = cursor.prefix.slice(0, cursor.prefix.length - n);
    return before.endsWith(shown.cursor.prefix.slice(-256)) ? shown.text.slice(n) : undefined;
  }

  /**
   * Shows what fits at the cursor of `continuation` (the cleaned answer from here on); the whole of
   * it is remembered, so that its next lines come without a request once the user accepts.
   */
  private give(cursor: Cursor, continuation: string, source: SuggestionSource, pending?: PendingCompletion, mark = pending?.mark): Suggestion | undefined {
    const text = shapeSuggestion(continuation, cursorLine(cursor), scopeOf(cursor.prefix, cursor.suffix), true).text;
    if (!text.trim()) return undefined;
    this.shown = { cursor, text: continuation };
    this.cache.set(cursor.languageId, cursor.prefix, cursor.suffix, continuation);
    this.options.observer?.({
      type: 'suggestion', source, text, returnedAt: this.clock.now(), ...(mark ? { ready: mark } : {}), ...(pending ? { requestId: pending.id } : {}),
    });
    return { text, source };
  }

  private start(cursor: Cursor, scope: CursorScope): PendingCompletion {
    const settings = this.options.settings();
    const endpoint = this.options.endpoint();
    const controller = new AbortController();
    const pending = new PendingCompletion(cursor, scope, controller, () => this.clock.now());
    const id = ++this.serial;
    pending.id = id;
    const startedAt = this.clock.now();
    this.pending = pending;
    const options = this.options;
    const routes = this.routes;
    // The client is made inside the stream: one that cannot be made (no base URL) ends the request with an error.
    const events = (async function* () {
      yield* routedStream({
        client: options.client(), routes, mode: settings.mode, endpoint, model: settings.model,
        cursor, scope, signal: controller.signal, onRoute: (route) => (pending.route = route),
      });
    })();
    void pending.consume(events).then((end) => {
      if (this.pending === pending) this.pending = undefined;
      this.finished(cursor, settings.model, end);
      this.options.observer?.({ type: 'request', id, route: pending.route, model: settings.model, startedAt, endedAt: this.clock.now(), end });
    });
    return pending;
  }

  private finished(cursor: Cursor, model: string, end: PendingEnd): void {
    const promptText = cursor.prefix + cursor.suffix;
    if (end.raw || end.usage || !end.error) {
      this.options.counted?.({ model, usage: end.usage, promptText, completionText: end.raw });
      this.checkDailyBudget();
    }
    // The whole answer serves later cursors: the next lines after a Tab, the rest of a partly accepted block.
    if (end.suggestion && end.continuation) this.cache.set(cursor.languageId, cursor.prefix, cursor.suffix, end.continuation);
    if (end.complete && end.suggestion && end.continuation) this.answered = { cursor, continuation: end.continuation };
    if (end.error && !end.aborted) {
      const paused = this.pause.failed(end.error);
      this.log(end.error, paused);
    } else if (!end.error) {
      this.pause.succeeded();
      this.countUnusable(model, end);
    }
  }

  /**
   * A model that keeps answering with reasoning or prose (nothing survives the clean-up) bills every
   * request and never helps: after UNUSABLE_LIMIT such answers in a row, pause and say so once.
   */
  private countUnusable(model: string, end: PendingEnd): void {
    if (end.suggestion) {
      this.unusableInARow = 0;
      return;
    }
    // Cut short by us, or empty: says nothing about the model.
    if (end.aborted || !end.raw.trim()) return;
    if (++this.unusableInARow < UNUSABLE_LIMIT) return;
    this.unusableInARow = 0;
    this.options.logger?.warn(`completions paused: the last ${UNUSABLE_LIMIT} answers from ${model} held no usable code`);
    this.pause.pause('unusable');
  }

  /** Paused until the month is allowed past its budget (the controller resumes) or the next month starts. */
  private overMonthBudget(): boolean {
    if (!this.options.monthBudgetReached?.()) return false;
    if (this.pause.current.reason !== 'month-budget') this.pause.pause('month-budget', nextMonth(this.clock.now()));
    return true;
  }

  /**
   * Pauses until the next local midnight when today's completions (every window's) reached the daily
   * budget. The controller asks again whenever the shared counts change: another window's requests
   * pause this one too, and a pause the counts no longer bear out (they went down: a usage file
   * removed, a count corrected) ends.
   */
  checkDailyBudget(): boolean {
    const budget = this.options.settings().dailyBudgetUsd;
    if (!(budget > 0) || !this.options.spentToday || this.options.spentToday() < budget) {
      if (this.pause.current.reason === 'budget') this.pause.resume();
      return false;
    }
    if (this.pause.current.reason !== 'budget') this.pause.pause('budget', nextMidnight(this.clock.now()));
    return true;
  }

  private log(error: RelayError, paused: boolean): void {
    this.options.logger?.warn(`completion request failed${paused ? ', completions paused' : ''}: ${error.message}`, { code: error.code, status: error.status });
  }
}

/** How many whole answers in a row may clean to nothing before completions pause (see countUnusable). */
export const UNUSABLE_LIMIT = 10;

function nextMonth(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
}

function nextMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}
