import type { ToolCall } from '../types';
import { JsonObjectEnd } from './json-object-end';

interface Building {
  index: number | undefined;
  id: string;
  name: string;
  arguments: string;
  /** Whether the arguments are a whole JSON object yet. */
  end: JsonObjectEnd;
}

/**
 * Assembles the `tool_calls` of an OpenAI chat stream. Each call arrives in pieces: its first delta
 * carries `index`, `id` and `function.name`, later ones only `index` and a fragment of
 * `function.arguments`, cut anywhere (inside a key, a word, an escape). Relays differ:
 * - Gemini's OpenAI-compatible endpoint and some gateways send each call whole, in one delta;
 * - some leave `index` out and give each call an `id`, so a new id starts a new call;
 * - some number every call 0, so a new id at a taken index starts a new call too;
 * - Ollama-style gateways send `arguments` as an object rather than JSON text.
 * A call is handed out as soon as its arguments close as a JSON object (the caller can run the tool
 * while the relay is still ending the answer), the others when the answer finished (see ChunkReader);
 * always in order. An answer cut off mid-call never yields half a call.
 */
export class ToolCallDeltas {
  private readonly calls: Building[] = [];
  private taken = 0;

  /** `delta.tool_calls` of one chunk (or `message.tool_calls` of a whole completion: `whole`). */
  push(value: unknown, whole = false): void {
    if (!Array.isArray(value)) return;
    value.forEach((item, position) => {
      if (!item || typeof item !== 'object') return;
      const entry = item as { index?: unknown; id?: unknown; function?: { name?: unknown; arguments?: unknown } };
      const index = whole ? position : typeof entry.index === 'number' ? entry.index : undefined;
      const id = typeof entry.id === 'string' ? entry.id : '';
      const call = this.callFor(index, id);
      if (id && !call.id) call.id = id;
      const fn = entry.function && typeof entry.function === 'object' ? entry.function : {};
      if (typeof fn.name === 'string') call.name += call.name === fn.name ? '' : fn.name;
      let fragment = typeof fn.arguments === 'string' ? fn.arguments : '';
      if (fn.arguments && typeof fn.arguments === 'object') {
        fragment = JSON.stringify(fn.arguments);
        call.arguments = '';
      }
      call.arguments += fragment;
      call.end.push(fragment);
    });
  }

  /** Whether any call has begun. */
  get started(): boolean {
    return this.calls.length > 0;
  }

  /**
   * The calls ready to hand out, in order: those whose arguments closed as a JSON object, up to the
   * first that has not; once the answer `finished`, all of them (a call without a name is no call).
   */
  take(finished: boolean): ToolCall[] {
    const out: ToolCall[] = [];
    for (; this.taken < this.calls.length; this.taken++) {
      const call = this.calls[this.taken] as Building;
      if (!finished && !(call.name && call.end.complete)) break;
      if (call.name) out.push({ id: call.id || `call_${this.taken}`, name: call.name, arguments: call.arguments });
    }
    return out;
  }

  private callFor(index: number | undefined, id: string): Building {
    const last = this.calls.at(-1);
    if (index === undefined) {
      // No index: the id tells calls apart; a fragment without one belongs to the call before it.
      if (last && (!id || id === last.id)) return last;
      return this.start(undefined, id);
    }
    const found = [...this.calls].reverse().find((c) => c.index === index);
    if (found && (!id || !found.id || id === found.id)) return found;
    return this.start(index, id);
  }

  private start(index: number | undefined, id: string): Building {
    const call = { index, id, name: '', arguments: '', end: new JsonObjectEnd() };
    this.calls.push(call);
    return call;
  }
}
