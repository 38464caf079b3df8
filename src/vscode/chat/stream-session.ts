import { AnswerMeter, AnswerText, addAnswerStats, isDroppedAnswer, type Price } from '../../core';
import type { AnswerStats, ChatMessage, RelayClient, StoredMessage, StreamEvent } from '../../core';
import type { HostToWebview, StreamPhase } from '../../shared/protocol';
import { describeError } from '../error-text';
import { errorView, statsView } from './chat-mapping';

/** No byte at all for this long while answering: tell the user it looks stalled (with Stop). */
export const STALL_AFTER_MS = 5000;
/** Deltas to the webview at most this often; the first one goes at once. */
const DELTA_EVERY_MS = 16;
/** Benchmark mode (as ChatScreen.perf): deltas carry host timestamps for bench/webview-bench.mjs. */
const PERF = process.env.RELAY_CHAT_PERF === '1';
const now = () => performance.timeOrigin + performance.now();

export interface SessionHooks {
  post(message: HostToWebview): void;
  /** The message changed (new text, new state): persist it (coalesced by the store). */
  changed(final: boolean): void;
  /** This request ended with something to count: its stats (a continuation's own part), for the usage record. */
  counted(stats: AnswerStats): void;
}

/** A dropped answer streaming on: what the model sends is stitched onto the text already shown (AnswerText). */
export interface Resumption {
  /** How the answer ended before Continue (shown again when the continuation is stopped before it sends anything). */
  before: { state: StoredMessage['state']; error: StoredMessage['error'] | undefined; incomplete: boolean | undefined };
}

/**
 * Streams one answer into `message`: text and reasoning as deltas (coalesced to ~60 per second),
 * the phase (waiting, streaming, stalled, reconnecting), and at the end the stats or the error,
 * with the text so far always kept.
 */
export class StreamSession {
  private readonly controller = new AbortController();
  /** The message's text and reasoning, whatever shape the reasoning comes in. */
  private readonly answer: AnswerText;
  private flushTimer: NodeJS.Timeout | undefined;
  private receivedAt = 0;
  private phase: StreamPhase = 'waiting';
  private lastByteAt = Date.now();
  private readonly meter = new AnswerMeter();
  /** What was sent, to estimate the prompt's tokens when the relay reports none. */
  private promptText = '';

  constructor(
    readonly chatId: string,
    readonly message: StoredMessage,
    private readonly hooks: SessionHooks,
    private readonly pricing: Record<string, Price>,
    private readonly resumption?: Resumption,
  ) {
    this.answer = new AnswerText(message, Boolean(resumption));
  }

  stop(): void {
    this.controller.abort();
  }

  /** Stop was asked for: the answer is winding down (its last event and write are on the way). */
  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  async run(client: RelayClient, model: string, messages: ChatMessage[]): Promise<void> {
    const stallWatch = setInterval(() => {
      if (this.phase !== 'stalled' && this.phase !== 'reconnecting' && Date.now() - this.lastByteAt > STALL_AFTER_MS) {
        this.setPhase('stalled', String(Math.round((Date.now() - this.lastByteAt) / 1000)));
      }
    }, 1000);
    this.setPhase('waiting');
    this.promptText = messages.map((m) => m.content).join('\n');
    try {
      for await (const event of client.streamChat({ model, messages, signal: this.controller.signal })) this.onEvent(event, model);
    } finally {
      clearInterval(stallWatch);
      this.flush();
    }
  }

  private onEvent(event: StreamEvent, model: string): void {
    if (event.type !== 'retry' && event.type !== 'fallback') this.alive();
    this.meter.observe(event);
    switch (event.type) {
      case 'text':
      case 'reasoning':
        if (PERF) this.receivedAt = now();
        if (this.phase !== 'streaming') this.setPhase('streaming');
        if (event.type === 'text') this.answer.text(event.text);
        else this.answer.reasoning(event.text);
        this.scheduleFlush();
        this.hooks.changed(false);
        break;
      case 'retry':
        this.setPhase('reconnecting', String(event.attempt));
        break;
      case 'fallback':
        this.setPhase('reconnecting', event.to.id);
        break;
      case 'done':
        if (event.aborted && this.resumption && !this.meter.started) {
          // Stopped before the continuation's first token: the answer is as it was, Continue included.
          const { state, error, incomplete } = this.resumption.before;
          Object.assign(this.message, { ...(error ? { error } : {}), ...(incomplete ? { incomplete } : {}) });
          this.finish(state, model, event);
          break;
        }
        // No finish reason before the end: the relay may have swallowed an upstream error mid-answer.
        if (event.incomplete && !event.aborted) this.message.incomplete = true;
        this.finish(event.aborted ? 'stopped' : 'complete', model, event);
        break;
      case 'error':
        this.message.error = describeError(event.error);
        this.finish('error', model, event);
        break;
      default:
        break;
    }
  }

  private finish(state: StoredMessage['state'], model: string, end: StreamEvent): void {
    this.answer.end();
    this.flush();
    const m = this.message;
    m.state = state;
    if (this.continuable(end)) m.continuable = true;
    const part = this.meter.billed ? this.meter.stats(model, this.pricing, this.promptText) : undefined;
    if (part) m.stats = m.stats && this.resumption ? addAnswerStats(m.stats, part) : part;
    this.hooks.post({
      type: 'end', chatId: this.chatId, messageId: m.id, state,
      ...(m.stats ? { stats: statsView(m.stats) } : {}), ...(m.error ? { error: errorView(m.error) } : {}),
      ...(m.incomplete ? { incomplete: true } : {}), ...(m.continuable ? { continuable: true } : {}),
    });
    this.hooks.changed(true);
    if (part) this.hooks.counted(part);
  }

  /**
   * Continue is offered when the answer dropped after text was shown. A continuation that ended before
   * sending anything new leaves the answer as continuable as it was, whatever the reason — the relay
   * still down, a key refused, a request the relay rejected, a model it does not know, Stop: what was
   * received stays, and once the reason is fixed (the error says it) continuing is still worth it.
   */
  private continuable(end: StreamEvent): boolean {
    if (isDroppedAnswer(end, Boolean(this.message.text))) return true;
    return Boolean(this.resumption) && !this.meter.started && (end.type === 'error' || (end.type === 'done' && end.aborted === true));
  }

  private alive(): void {
    this.lastByteAt = Date.now();
    if (this.phase === 'stalled') this.setPhase(this.meter.started ? 'streaming' : 'waiting');
  }

  private setPhase(phase: StreamPhase, detail?: string): void {
    this.phase = phase;
    this.hooks.post({ type: 'phase', chatId: this.chatId, messageId: this.message.id, phase, ...(detail ? { detail } : {}) });
  }

  /** Leading edge at once, then at most one post per DELTA_EVERY_MS. */
  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flush();
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (this.answer.changed) this.scheduleFlush();
    }, DELTA_EVERY_MS);
  }

  private flush(): void {
    const change = this.answer.takeChange();
    if (!change) return;
    const { chatId, message: { id: messageId } } = this;
    if (change.kind === 'rewrite') return this.hooks.post({ type: 'rewrite', chatId, messageId, text: change.text, reasoning: change.reasoning });
    this.hooks.post({
      type: 'delta', chatId, messageId, ...(change.text ? { text: change.text } : {}), ...(change.reasoning ? { reasoning: change.reasoning } : {}),
      ...(PERF ? { perf: { receivedAt: this.receivedAt, postedAt: now() } } : {}),
    });
  }
}
