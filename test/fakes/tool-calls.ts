// Tool calls as relays stream them (scenario.ts `toolCalls`, `toolCallStyle`): OpenAI's fragments,
// a whole call per delta (Gemini's OpenAI-compatible endpoint, some gateways), or fragments with no
// `index` at all (some relays), where only the id on a call's first delta tells the calls apart.
import { tokenize } from './scenario';

export interface ScriptedToolCall {
  /** Default: `call_fake_<n>`, different for every call the relay sends. */
  id?: string;
  name: string;
  /** The arguments as JSON text (or, to test a client's handling of it, not JSON at all). */
  arguments: string;
}

export type ToolCallStyle = 'openai' | 'whole' | 'noIndex';

export interface ToolCallDelta {
  delta: Record<string, unknown>;
  /** Which call the delta belongs to, and whether it carries that call's last argument fragment. */
  callIndex: number;
  last: boolean;
}

let serial = 0;

/** Ids for calls that have none, fixed for the whole answer (its streamed and its whole form agree). */
export function withIds(calls: readonly ScriptedToolCall[]): Required<ScriptedToolCall>[] {
  return calls.map((c) => ({ ...c, id: c.id ?? `call_fake_${++serial}` }));
}

/**
 * Cuts text into fragments of 1–5 code points at pseudo-random places, as a model's tokens cut JSON:
 * inside keys, inside words, a lone quote or brace. Never inside a character (a surrogate pair).
 */
export function argumentFragments(text: string, seed = 11): string[] {
  return tokenize(text, seed, 5);
}

/** The `delta`s that carry the calls, in order, in the chosen style. */
export function toolCallDeltas(calls: readonly Required<ScriptedToolCall>[], style: ToolCallStyle = 'openai'): ToolCallDelta[] {
  const out: ToolCallDelta[] = [];
  calls.forEach((call, index) => {
    const at = style === 'noIndex' ? {} : { index };
    if (style === 'whole') {
      const whole = { ...at, id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
      out.push({ delta: { tool_calls: [whole] }, callIndex: index, last: true });
      return;
    }
    const fragments = argumentFragments(call.arguments, 11 + index);
    const head = { ...at, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
    out.push({ delta: { tool_calls: [head] }, callIndex: index, last: fragments.length === 0 });
    fragments.forEach((fragment, i) => {
      out.push({ delta: { tool_calls: [{ ...at, function: { arguments: fragment } }] }, callIndex: index, last: i === fragments.length - 1 });
    });
  });
  return out;
}

/** The calls in a whole non-streamed message (`message.tool_calls`). */
export function wholeToolCalls(calls: readonly Required<ScriptedToolCall>[]): Record<string, unknown>[] {
  return calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
}

/** What the relay logs of a tool-call chunk it writes (FakeRelay `toolCallWrites`). */
export interface ToolCallMark {
  callIndex: number;
  last: boolean;
}

/**
 * The chunk JSON of the calls, each marked in `marks` for the write log. `lead` (a text delta) is sent
 * in the same chunk as the first call's first delta, as some models do.
 */
export function toolCallChunks(
  chunk: (delta: Record<string, unknown>) => string,
  calls: readonly Required<ScriptedToolCall>[],
  style: ToolCallStyle | undefined,
  marks: Map<string, ToolCallMark>,
  lead?: Record<string, unknown>,
): string[] {
  return toolCallDeltas(calls, style).map(({ delta, callIndex, last }, i) => {
    const json = chunk(i === 0 && lead ? { ...lead, ...delta } : delta);
    marks.set(json, { callIndex, last });
    return json;
  });
}
