// What the fake relay does for one request. Every field is optional; the default is a normal,
// complete stream of mixed Japanese, Chinese, emoji and ASCII text.
import { completionTokens } from './completion/tokens';
import { usageObject, type UsageShape } from './usage-shapes';
import type { ReasoningShape } from './reasoning-shapes';
import type { Refusals } from './refusals';
import type { ScriptedToolCall, ToolCallStyle } from './tool-calls';

export const SAMPLE_TEXT = 'こんにちは、世界！你好，世界！🙂 Relay works 👍🏽 — 日本語と中文のテキスト。';

export interface Scenario {
  /** Text tokens to send; default: SAMPLE_TEXT cut into 1–3 character pieces. */
  tokens?: string[];
  /** The answer written for the request (the demo's answers), cut into tokens like a model's; overrides `tokens`. */
  reply?: (request: Record<string, unknown>) => string;
  /** Fields chosen by what the request asks, over the others (e.g. continuation.ts: drop an answer, not its continuation). */
  perRequest?: (request: Record<string, unknown>) => Scenario;
  /** Reasoning tokens, sent before the text as DeepSeek's `reasoning_content` unless `reasoningAs` says otherwise. */
  reasoning?: string[];
  /** How `reasoning` is sent: as a field, or in the answer text (reasoning-shapes.ts). */
  reasoningAs?: ReasoningShape;
  /** finish_reason of the last chunk; null sends none. Default 'stop'. */
  finishReason?: string | null;
  /** Send `data: [DONE]` at the end (WS dialect chunks: the string [DONE]). Default true. */
  done?: boolean;
  /** Never send usage, even when the request asks for it. Default true. */
  usage?: boolean;
  /** The usage object's shape: cached prompt tokens (OpenAI, Anthropic, DeepSeek) or reasoning tokens (usage-shapes.ts). */
  usageShape?: UsageShape;
  /** SSE: after the last event keep the body open (no end), silent. */
  holdOpen?: boolean;
  /** Line ending of SSE lines. Default '\n'. */
  eol?: '\n' | '\r\n' | '\r';
  /** A `: ping` comment before every Nth event (and one before the first). */
  commentEvery?: number;
  /** 'event': one write per event; 'byte': one write per byte; number: random writes of 1..N bytes. */
  split?: 'event' | 'byte' | number;
  /** SSE: of the events that carry a multi-byte character, the first and every Nth after it is written
   * in two parts cut inside that character, `delayMs` apart (as a TCP segment may end mid-character). */
  cutCharacterEvery?: number;
  /** Pause between writes. */
  delayMs?: number;
  /** Wait this long before sending the response headers (or first WS message). */
  firstByteDelayMs?: number;
  /** After this many tokens, go silent and keep the connection open. */
  stallAfter?: number;
  /** After this many tokens, destroy the socket (TCP reset / WS drop without close frame). */
  resetAfter?: number;
  /** WS only: after this many tokens, close with this code. */
  closeAfter?: { tokens: number; code: number; reason?: string };
  /** After this many tokens, send an error inside the stream. */
  inBandError?: { after: number; style: 'event' | 'data'; error: Record<string, unknown> };
  /** Answer with this status (and body) instead of a stream. */
  status?: number;
  body?: string | Record<string, unknown>;
  contentType?: string;
  headers?: Record<string, string>;
  /** Reject requests that carry `stream_options` with a 400 (like some relays). */
  rejectStreamOptions?: boolean;
  /** Refuse chosen request fields with a 400 in a real relay's words (refusals.ts); a request without them streams. */
  refuse?: Refusals;
  /** Send exactly these writes as the body (recorded streams). */
  raw?: (string | Uint8Array)[];
  /** A model that will not stream: one whole `chat.completion` (SSE: an application/json body; WebSocket: one message). */
  wholeJson?: boolean;
  /** Send the `data:` payloads with every JSON string split into lone UTF-16 halves at emoji. */
  splitSurrogates?: boolean;
  /** Tool calls after the text tokens (which may be none: `tokens: []`); finish_reason `tool_calls` unless set (tool-calls.ts). */
  toolCalls?: ScriptedToolCall[];
  /** How the calls are streamed: OpenAI's fragments (default), each call whole in one delta, or fragments without `index`. */
  toolCallStyle?: ToolCallStyle;
  /** Send the last text token in the same chunk as the first call's first delta. */
  textWithToolCall?: boolean;
}

/** Cuts text into tokens of 1–3 (or 1–`longest`) code points, never inside a surrogate pair. */
export function tokenize(text: string, seed = 7, longest = 3): string[] {
  const points = Array.from(text);
  const out: string[] = [];
  let state = seed;
  for (let i = 0; i < points.length;) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (state % longest);
    out.push(points.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

/** The scenario for one request: with the fields `perRequest` picks for it, and a `reply` written for it as its tokens. */
export function forRequest(picked: Scenario, request: Record<string, unknown>): Scenario {
  const s = picked.perRequest ? { ...picked, ...picked.perRequest(request) } : picked;
  return s.reply ? { ...s, tokens: completionTokens(s.reply(request)) } : s;
}

/** Two writes cut after the first byte of the first multi-byte UTF-8 character, or one when there is none. */
export function cutInsideCharacter(piece: string): Uint8Array[] {
  const bytes = Buffer.from(piece, 'utf8');
  const lead = bytes.findIndex((b) => b >= 0xc0);
  return lead < 0 ? [bytes] : [bytes.subarray(0, lead + 1), bytes.subarray(lead + 1)];
}

/** Splits every astral character into its two UTF-16 halves as separate tokens. */
export function splitAtSurrogates(tokens: string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    let buffer = '';
    for (const ch of token) {
      if (ch.length === 2) {
        if (buffer) out.push(buffer);
        out.push(ch[0] as string, ch[1] as string);
        buffer = '';
      } else buffer += ch;
    }
    if (buffer) out.push(buffer);
  }
  return out;
}

let serial = 0;

export function chunkJson(model: string, delta: Record<string, unknown>, finishReason: string | null = null): string {
  return JSON.stringify({
    id: `chatcmpl-fake-${++serial}`, object: 'chat.completion.chunk', created: 1_700_000_000, model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
}

export function usageJson(model: string, completionTokens: number, shape?: UsageShape): string {
  return JSON.stringify({
    id: `chatcmpl-fake-${++serial}`, object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [],
    usage: usageObject(completionTokens, shape),
  });
}
