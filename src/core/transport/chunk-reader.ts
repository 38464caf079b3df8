import { errorFromStreamPayload } from './http-errors';
import type { FinishReason, StreamEvent } from '../types';
import { ToolCallDeltas } from './tool-call-deltas';
import { readUsage } from './usage-reader';

/**
 * Holds back a trailing high surrogate until the next piece arrives. Some relays split one emoji
 * into two JSON strings ("\ud83d" then "\ude00"); each decodes to a lone half, so the halves are
 * joined here, before any consumer sees (and re-encodes, and garbles) them.
 */
export class SurrogateJoiner {
  private pending = '';

  push(piece: string): string {
    let text = this.pending ? this.pending + piece : piece;
    this.pending = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.pending = text.slice(-1);
      text = text.slice(0, -1);
    }
    return text;
  }

  /** At the end a half that never found its partner becomes U+FFFD rather than invalid text. */
  flush(): string {
    const rest = this.pending ? '\ufffd' : '';
    this.pending = '';
    return rest;
  }
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    // Content parts: [{ type: 'text', text: '…' }]
    return value.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  }
  return undefined;
}

/**
 * The shown text of OpenRouter's `reasoning_details`: `reasoning.text` items' text and `reasoning.summary`
 * items' summary, in order. Encrypted items (`reasoning.encrypted`) are for the provider, not the reader.
 */
function detailsText(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  let text = '';
  for (const item of value) {
    if (!item || typeof item !== 'object') continue;
    const d = item as Record<string, unknown>;
    if (d.type === 'reasoning.text' && typeof d.text === 'string') text += d.text;
    else if (d.type === 'reasoning.summary' && typeof d.summary === 'string') text += d.summary;
  }
  return text;
}

/**
 * Turns the JSON a relay sends — OpenAI `chat.completion.chunk`, the typed WebSocket dialect, a full
 * non-streamed completion, or an in-band error — into stream events. Shared by both transports.
 * Throws a RelayError for an in-band error.
 */
export class ChunkReader {
  finishReason: FinishReason | null = null;
  /** An explicit end marker arrived ([DONE] or chat.completions.done). */
  ended = false;
  sawUsage = false;
  chars = 0;
  completionId: string | undefined;
  private readonly text = new SurrogateJoiner();
  private readonly reasoning = new SurrogateJoiner();
  private readonly toolCalls = new ToolCallDeltas();
  /** The answer came as one whole `chat.completion`: complete, with or without a finish reason. */
  private whole = false;

  constructor(
    private readonly emit: (event: StreamEvent) => void,
    private readonly model: string,
  ) {}

  /** One SSE `data` field or WebSocket text message. */
  acceptData(data: string): void {
    // Per token: only short data can be the end marker, so JSON chunks are not trimmed.
    if (data.length <= 16 && data.trim() === '[DONE]') {
      this.ended = true;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      // Not JSON (a relay's "ok", a bare keep-alive): proof of life, not content.
      this.emit({ type: 'keepalive' });
      return;
    }
    this.acceptObject(value);
  }

  acceptObject(value: unknown): void {
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    const kind = typeof obj.type === 'string' ? obj.type : undefined;
    if (obj.error !== undefined && obj.error !== null || kind === 'error') {
      throw errorFromStreamPayload(obj.error ?? obj, { model: this.model, requestId: this.completionId });
    }
    if (typeof obj.id === 'string' && !this.completionId) this.completionId = obj.id;

    if (kind === 'chat.completions.done') {
      this.readUsageFrom(obj.usage);
      // The typed dialect's explicit end message says the answer is complete, with or without a reason.
      this.finish(typeof obj.finish_reason === 'string' && obj.finish_reason ? obj.finish_reason : this.finishReason ?? 'stop');
      this.ended = true;
      return;
    }
    if (kind === 'chat.completions.chunk' && obj.delta) {
      this.readDelta(obj.delta);
      if (typeof obj.finish_reason === 'string') this.finish(obj.finish_reason);
      this.readUsageFrom(obj.usage);
      return;
    }
    const choices = Array.isArray(obj.choices) ? obj.choices : [];
    // Chunks with empty `choices` carry usage (include_usage) or content-filter notes: not text.
    const choice = choices[0] as Record<string, unknown> | undefined;
    if (choice) {
      if (choice.delta) this.readDelta(choice.delta);
      else if (choice.message) this.readDelta(choice.message, true); // a whole non-streamed completion (read as one chunk)
      else if (typeof choice.text === 'string') this.readDelta({ content: choice.text }); // legacy /completions
      if (typeof choice.finish_reason === 'string' && choice.finish_reason) this.finish(choice.finish_reason);
    }
    this.readUsageFrom(obj.usage);
    // A whole non-streamed completion is the answer entire: nothing follows it (over a WebSocket no
    // end marker comes either). Only the `chat.completion` object says so; chunks are `….chunk`.
    if (obj.object === 'chat.completion' && choice?.message) {
      this.ended = true;
      this.whole = true;
    }
  }

  /**
   * The answer is over (or finished): release any held-back half surrogate, and the tool calls, but only
   * those of an answer the model finished (a finish reason, or a whole completion). A stream that just
   * stops (a gateway's clean end after an upstream reset, a `[DONE]` after a swallowed error) may have
   * stopped inside a call's arguments: its text stays, but half a call is never handed on.
   */
  flush(): void {
    const t = this.text.flush();
    if (t) this.emitText(t);
    const r = this.reasoning.flush();
    if (r) this.emit({ type: 'reasoning', text: r });
    if (this.finishReason === null && !this.whole) return;
    this.emitToolCalls(true);
  }

  private readDelta(delta: unknown, whole = false): void {
    if (!delta || typeof delta !== 'object') return;
    const d = delta as Record<string, unknown>;
    // OpenRouter sends the same thinking twice, as `reasoning` and in `reasoning_details`: one is shown.
    const reasoning = asText(d.reasoning_content) || asText(d.reasoning) || detailsText(d.reasoning_details);
    if (reasoning) {
      const r = this.reasoning.push(reasoning);
      if (r) this.emit({ type: 'reasoning', text: r });
    }
    const content = asText(d.content);
    if (content) {
      const t = this.text.push(content);
      if (t) this.emitText(t);
    }
    if (d.tool_calls !== undefined) {
      this.toolCalls.push(d.tool_calls, whole);
      this.emitToolCalls(false);
    }
  }

  /** The first finish_reason is announced at once: a consumer may be done before usage or [DONE]. */
  private finish(reason: FinishReason): void {
    const first = this.finishReason === null;
    this.finishReason = reason;
    if (first) {
      this.flush();
      this.emit({ type: 'finish', finishReason: reason });
    }
  }

  /** The tool calls ready now (`finished`: all that are left). */
  private emitToolCalls(finished: boolean): void {
    for (const call of this.toolCalls.take(finished)) this.emit({ type: 'toolCall', call });
  }

  private emitText(text: string): void {
    this.chars += text.length;
    this.emit({ type: 'text', text });
  }

  private readUsageFrom(value: unknown): void {
    const usage = readUsage(value);
    if (usage) {
      this.sawUsage = true;
      this.emit({ type: 'usage', usage });
    }
  }
}
