// Plain clients of the fake relay for its own tests: fetch for SSE, `ws` for both WebSocket dialects.
// Deliberately not the extension's client, so the fake is checked on its own.
import { WebSocket } from 'ws';
import { readSse } from '../../fakes/completion/sse-reader';
import type { FakeRelay } from '../../fakes/fake-relay';

export type Wire = 'sse' | 'chunks' | 'typed';
export const WIRES: Wire[] = ['sse', 'chunks', 'typed'];

export interface Answer {
  status: number;
  /** The deltas in order (SSE and `chunks`: `choices[0].delta`; `typed`: the message's `delta`). */
  deltas: Record<string, unknown>[];
  finish: string | undefined;
  /** A refusal: the JSON body (SSE) or the error message (WebSocket). */
  error?: Record<string, unknown>;
}

type Chunk = { choices?: { delta?: Record<string, unknown>; finish_reason?: string | null }[]; delta?: Record<string, unknown>; finish_reason?: string | null };

function add(answer: Answer, chunk: Chunk): void {
  const choice = chunk.choices?.[0] ?? chunk;
  if (choice.delta && Object.keys(choice.delta).length) answer.deltas.push(choice.delta);
  if (choice.finish_reason) answer.finish = choice.finish_reason;
}

export async function sseChat(relay: FakeRelay, body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${relay.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stream: true, ...body }) });
  const answer: Answer = { status: res.status, deltas: [], finish: undefined };
  if (res.status !== 200) return { ...answer, error: (await res.json()) as Record<string, unknown> };
  for (const chunk of (await readSse(res)).chunks) add(answer, chunk as Chunk);
  return answer;
}

export function wsChat(relay: FakeRelay, body: Record<string, unknown>, dialect: 'chunks' | 'typed'): Promise<Answer> {
  const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/v1/chat/completions`);
  const answer: Answer = { status: 200, deltas: [], finish: undefined };
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify(dialect === 'typed' ? { type: 'chat.completions.create', stream: true, ...body } : { stream: true, ...body })));
    ws.on('message', (data) => {
      const text = data.toString('utf8');
      const end = () => (ws.close(), resolve(answer));
      if (text === '[DONE]') return end();
      const message = JSON.parse(text) as Chunk & { type?: string; error?: Record<string, unknown> };
      if (message.error) return (answer.status = Number(message.error.status ?? 0), answer.error = message, end());
      if (message.type === 'chat.completions.done') return end();
      add(answer, message);
    });
  });
}

export const chat = (relay: FakeRelay, body: Record<string, unknown>, wire: Wire): Promise<Answer> =>
  wire === 'sse' ? sseChat(relay, body) : wsChat(relay, body, wire);

export interface Reassembled {
  id: string;
  name: string;
  arguments: string;
  /** The argument fragments as they came. */
  fragments: string[];
}

type CallDelta = { index?: number; id?: string; type?: string; function?: { name?: string; arguments?: string } };

/** The calls the tool_calls deltas make up: by `index`, or, without one, a new call at each id. */
export function reassemble(deltas: Record<string, unknown>[]): Reassembled[] {
  const calls: Reassembled[] = [];
  for (const delta of deltas) {
    for (const part of (delta.tool_calls ?? []) as CallDelta[]) {
      const at = part.index ?? (part.id ? calls.length : calls.length - 1);
      const call = (calls[at] ??= { id: '', name: '', arguments: '', fragments: [] });
      if (part.id) call.id = part.id;
      if (part.function?.name) call.name += part.function.name;
      if (part.function?.arguments) {
        call.arguments += part.function.arguments;
        call.fragments.push(part.function.arguments);
      }
    }
  }
  return calls;
}

export const textOf = (deltas: Record<string, unknown>[]) => deltas.map((d) => (typeof d.content === 'string' ? d.content : '')).join('');
