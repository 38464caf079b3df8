// Continuing a dropped answer (issue 10), on the fake relay: an answer that drops after N tokens, and
// the continuation a model sends when asked to go on — overlapping the partial answer the ways models
// do (the last word or words again, the line again, the code block opened again) or at the exact character.
import { CONTINUE_INSTRUCTION, openFence } from '../../src/core/chat/continuation';
import { lastUserText } from './completion/chat-mode';
import { completionTokens } from './completion/tokens';
import type { Scenario } from './scenario';

export type OverlapWay = 'exact' | 'lastWord' | 'lastWords' | 'line' | 'fence';

/** The answer written for a request (fixed, or the demo's answer to the question). */
export type AnswerSource = string | ((request: Record<string, unknown>) => string);

/**
 * How a model may go on after `answer` dropped at `d`, by way. A repeat of only spaces or markup (`#`,
 * `-`, backticks) or of a single letter cannot be told from text that goes on at the exact character (the
 * stitch keeps it as text), so a way that would repeat only that is left out; `exact` always applies.
 */
export function continuationWays(answer: string, d: number): Partial<Record<OverlapWay, string>> {
  const words = wordStarts(answer, d);
  const lineStart = answer.lastIndexOf('\n', d - 1) + 1;
  const repeats: Partial<Record<OverlapWay, number>> = {
    lastWord: words.at(-1) ?? d,
    lastWords: words.at(-3) ?? words[0] ?? d,
    line: lineStart,
  };
  const ways: Partial<Record<OverlapWay, string>> = { exact: answer.slice(d) };
  for (const [way, from] of Object.entries(repeats) as [OverlapWay, number][]) {
    if (from === d || twoLetters(answer.slice(from, d))) ways[way] = answer.slice(from);
  }
  const fence = openFence(answer.slice(0, d));
  if (fence?.info && (lineStart === d || twoLetters(answer.slice(lineStart, d)))) {
    ways.fence = `${fence.char.repeat(fence.length)}${fence.info}\n${answer.slice(lineStart)}`;
  }
  return ways;
}

/** The continuation sent after `answer` dropped at `d`: the way asked for, or exact where it cannot apply. */
export function overlappingContinuation(answer: string, d: number, way: OverlapWay): string {
  const ways = continuationWays(answer, d);
  return ways[way] ?? (ways.exact as string);
}

/** Whether a chat request asks to continue a dropped answer (its last message is the instruction). */
export function isContinuationRequest(request: Record<string, unknown>): boolean {
  return lastUserText(request.messages) === CONTINUE_INSTRUCTION;
}

/** The request as first asked: a continuation's conversation without the partial answer and the instruction. */
function firstRequest(request: Record<string, unknown>): Record<string, unknown> {
  return isContinuationRequest(request) ? { ...request, messages: (request.messages as unknown[]).slice(0, -2) } : request;
}

const answerFor = (answer: AnswerSource, request: Record<string, unknown>) => (typeof answer === 'string' ? answer : answer(firstRequest(request)));

/**
 * A `Scenario.reply` that answers a continuation request with the rest of `answer` after the partial
 * answer it carries, overlapping it `way`, and any other request with the whole answer. A partial that
 * is not the answer's start goes on from where the two part.
 */
export function continuingReply(answer: AnswerSource, way: OverlapWay): NonNullable<Scenario['reply']> {
  return (request) => {
    const whole = answerFor(answer, request);
    if (!isContinuationRequest(request)) return whole;
    const messages = request.messages as { role?: unknown; content?: unknown }[];
    const partial = messages.at(-2)?.role === 'assistant' ? String(messages.at(-2)?.content ?? '') : '';
    return overlappingContinuation(whole, commonPrefix(whole, partial), way);
  };
}

/** The ways an answer drops on the fake relay (the transports' faults; `close…` and `drop` are WebSocket only). */
export type DropFault =
  | 'reset' // SSE: TCP reset; WebSocket: drop without a close frame (1006)
  | 'stall' // silent, connection kept open: the client's idle limit ends it
  | 'close1011' // WebSocket close with an error code
  | 'close1000' // WebSocket normal close before the answer finished
  | 'serverError' // in-band error event (`event: error` on SSE) naming a server error
  | 'upstreamError' // in-band `{"error":…}` payload
  | 'truncated' // SSE: the body ends without a finish reason or [DONE]
  | 'noFinish'; // [DONE] (or the end) without any finish reason

/** The scenario of an answer (cut into `tokens`) that drops the way `fault` says after `after` tokens. */
export function droppingAfter(tokens: string[], after: number, fault: DropFault): Scenario {
  switch (fault) {
    case 'reset': return { tokens, resetAfter: after };
    case 'stall': return { tokens, stallAfter: after };
    case 'close1011': return { tokens, closeAfter: { tokens: after, code: 1011, reason: 'upstream failed' } };
    case 'close1000': return { tokens, closeAfter: { tokens: after, code: 1000 } };
    case 'serverError': return { tokens, inBandError: { after, style: 'event', error: { message: 'upstream overloaded', type: 'server_error' } } };
    case 'upstreamError': return { tokens, inBandError: { after, style: 'data', error: { message: 'upstream stream interrupted' } } };
    case 'truncated': return { tokens: tokens.slice(0, after), finishReason: null, done: false };
    case 'noFinish': return { tokens: tokens.slice(0, after), finishReason: null };
  }
}

export interface DropThenContinue {
  fault: DropFault;
  /** Where the first answer drops: a share of its tokens (0.4 = after 40 %). */
  dropAt: number;
  way: OverlapWay;
}

/**
 * One scenario for a whole exchange: a first request's answer drops (`fault` after `dropAt` of its
 * tokens); a continuation request gets the rest, overlapping the way `way` says. It keeps no state, so
 * a model name can select it (presets.ts) and every question drops once and continues. `pace` (e.g.
 * `delayMs`) applies to both; a test may script it with another.
 */
export function dropThenContinue(answer: AnswerSource, { fault, dropAt, way }: DropThenContinue, pace: Scenario = {}): Scenario {
  return {
    ...pace,
    perRequest: (request) => {
      if (isContinuationRequest(request)) return { reply: continuingReply(answer, way) };
      const tokens = completionTokens(answerFor(answer, request));
      return droppingAfter(tokens, Math.max(1, Math.round(tokens.length * dropAt)), fault);
    },
  };
}

/** Where words start before `end`: a model that repeats "the last words" starts there. */
function wordStarts(text: string, end: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < end; i++) if (/\S/.test(text[i]!) && (i === 0 || /\s/.test(text[i - 1]!))) starts.push(i);
  return starts;
}

/** A repeat the stitch can tell from chance: two letters or digits (see repeatLengths). */
const twoLetters = (text: string) => (text.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2;

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
