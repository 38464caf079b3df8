import type { ToolCall } from '../types';

interface Building {
  index: number | undefined;
  id: string;
  name: string;
  arguments: string;
}

/**
 * Assembles the `tool_calls` of an OpenAI chat stream. Each call arrives in pieces: its first delta
 * carries `index`, `id` and `function.name`, later ones only `index` and a fragment of
 * `function.arguments`, cut anywhere (inside a key, a word, an escape). Relays differ:
 * - Gemini's OpenAI-compatible endpoint and some gateways send each call whole, in one delta;
 * - some leave `index` out and give each call an `id`, so a new id starts a new call;
 * - some number every call 0, so a new id at a taken index starts a new call too;
 * - Ollama-style gateways send `arguments` as an object rather than JSON text.
 * Calls are handed out only once the answer finished (see ChunkReader): an answer cut off mid-call
 * never yields half a call.
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
      if (typeof fn.arguments === 'string') call.arguments += fn.arguments;
      else if (fn.arguments && typeof fn.arguments === 'object') call.arguments = JSON.stringify(fn.arguments);
    });
  }

  /** Whether any call has begun. */
  get started(): boolean {
    return this.calls.length > 0;
  }

  /** The calls not handed out yet, whole (a call without a name is no call and is left out). */
  take(): ToolCall[] {
    const out = this.calls.slice(this.taken).filter((c) => c.name).map((c, i) => ({
      id: c.id || `call_${this.taken + i}`,
      name: c.name,
      arguments: c.arguments,
    }));
    this.taken = this.calls.length;
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
    const call = { index, id, name: '', arguments: '' };
    this.calls.push(call);
    return call;
  }
}
