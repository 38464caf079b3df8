// The BASELINE pipeline, written here and independent of the engine: what the most-used open
// completion extension does. A fixed 350 ms debounce after each edit (cancelled by the next edit),
// no reuse of a request in flight, no cache, no typing through, no server-side cap (no max_tokens,
// no stop); the whole response is awaited before anything is shown, then cut to its first line
// unless the cursor is on an empty line. Cancelling aborts the fetch; the relay keeps generating.
// Chat answers get only what our shared prompt asks for: the inside of <insert>…</insert>.
import type { Cursor } from '../../src/core';
import { INSERT_CLOSE, INSERT_OPEN, chatPrompt } from '../../src/core/completion/request-shape';
import type { FakeRelay } from '../../test/fakes/fake-relay';
import { MODEL } from './ours';
import { now, type Pipeline, type Provided } from './simulate';
import { writtenAt } from './wire-times';

const DEBOUNCE_MS = 350;

interface Received {
  raw: string;
  /** When the text reached each length (client side, as each event was read). */
  arrivals: { at: number; chars: number }[];
  endAt: number;
  requestId: string | undefined;
}

export class BaselinePipeline implements Pipeline {
  constructor(private readonly relay: FakeRelay, private readonly route: 'completions' | 'chat') {}

  async provide(cursor: Cursor, signal: AbortSignal, calledAt: number): Promise<Provided | undefined> {
    if (!(await debounce(DEBOUNCE_MS, signal))) return undefined;
    const emptyLine = currentLine(cursor).trim() === '';
    const body = this.route === 'chat'
      ? { model: MODEL, messages: chatPrompt(cursor, emptyLine ? 'block' : 'inline'), stream: true, temperature: 0 }
      : { model: MODEL, prompt: cursor.prefix, suffix: cursor.suffix, stream: true, temperature: 0 };
    const path = this.route === 'chat' ? '/chat/completions' : '/completions';
    const received = await this.fetchAll(path, body, signal);
    if (!received) return undefined;
    const { raw } = received;
    const open = this.route === 'chat' ? raw.indexOf(INSERT_OPEN) : -1;
    const innerStart = open < 0 ? 0 : open + INSERT_OPEN.length;
    const close = raw.indexOf(INSERT_CLOSE, innerStart);
    const inner = raw.slice(innerStart, close < 0 ? undefined : close);
    const cut = emptyLine ? inner : inner.split('\n')[0] ?? '';
    const text = cut.trimEnd();
    if (!text.trim()) return undefined;
    // The bytes it needed: up to the end of the text shown, plus the character that said the line was over.
    const endInRaw = innerStart + text.length;
    const neededEnd = endInRaw >= raw.length || emptyLine;
    const arrivedAt = neededEnd ? received.endAt : (received.arrivals.find((a) => a.chars > endInRaw)?.at ?? received.endAt);
    const written = writtenAt(this.relay.completionLog, received.requestId, endInRaw + 1, neededEnd);
    const returnedAt = now();
    return {
      text, source: 'network', addedMs: returnedAt - Math.max(arrivedAt, calledAt),
      ...(written !== undefined ? { serverAddedMs: returnedAt - Math.max(written, calledAt) } : {}),
    };
  }

  endTrace(): void {}

  close(): void {}

  /** POSTs and reads the SSE stream to its end; undefined when cancelled or failed. */
  private async fetchAll(path: string, body: unknown, signal: AbortSignal): Promise<Received | undefined> {
    try {
      const res = await fetch(`${this.relay.baseUrl}${path}`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, body: JSON.stringify(body), signal,
      });
      if (!res.ok || !res.body) return undefined;
      const out: Received = { raw: '', arrivals: [], endAt: 0, requestId: res.headers.get('x-request-id') ?? undefined };
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(bytes, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer.slice(0, end).replace(/^data: ?/, '');
          buffer = buffer.slice(end + 2);
          if (data === '[DONE]') continue;
          const choice = (JSON.parse(data) as { choices?: { text?: string; delta?: { content?: string } }[] }).choices?.[0];
          const piece = choice?.text ?? choice?.delta?.content ?? '';
          if (!piece) continue;
          out.raw += piece;
          out.arrivals.push({ at: now(), chars: out.raw.length });
        }
      }
      out.endAt = now();
      return out;
    } catch {
      return undefined; // aborted by the next edit (or failed): nothing to show
    }
  }
}

function debounce(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', cancel);
      resolve(true);
    }, ms);
    const cancel = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', cancel, { once: true });
  });
}

function currentLine(cursor: Cursor): string {
  const end = cursor.suffix.indexOf('\n');
  return cursor.prefix.slice(cursor.prefix.lastIndexOf('\n') + 1) + (end < 0 ? cursor.suffix : cursor.suffix.slice(0, end));
}
