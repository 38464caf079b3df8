import { REASONING_SWITCHES, type Quirk } from './quirks';

type Message = Record<string, unknown> & { role?: unknown; content?: unknown };

/**
 * The body as this endpoint + model accepts it: each quirk changes only a field the body carries
 * (chat and FIM bodies alike; extra fields the user asked for included). Returns a new object.
 */
export function applyQuirks(body: Record<string, unknown>, quirks: Iterable<Quirk>): Record<string, unknown> {
  const out = { ...body };
  for (const quirk of quirks) {
    switch (quirk) {
      case 'use_max_completion_tokens':
        rename(out, 'max_tokens', 'max_completion_tokens');
        break;
      case 'use_max_tokens':
        rename(out, 'max_completion_tokens', 'max_tokens');
        break;
      case 'drop_temperature':
        delete out.temperature;
        break;
      case 'drop_top_p':
        delete out.top_p;
        break;
      case 'drop_stream_options':
        delete out.stream_options;
        break;
      case 'drop_stop':
        delete out.stop;
        break;
      case 'system_as_developer':
        if (Array.isArray(out.messages)) out.messages = (out.messages as Message[]).map((m) => (m.role === 'system' ? { ...m, role: 'developer' } : m));
        break;
      case 'system_into_user':
        if (Array.isArray(out.messages)) out.messages = foldSystemIntoUser(out.messages as Message[]);
        break;
      case 'drop_reasoning_switch':
        for (const field of REASONING_SWITCHES) delete out[field];
        break;
      case 'no_tools':
        break; // learnt, not worked around: the caller is told (see LEARN_ONLY)
    }
  }
  return out;
}

/** Whether the body sends a message with this role. */
export function hasRole(body: Record<string, unknown>, role: string): boolean {
  return Array.isArray(body.messages) && (body.messages as Message[]).some((m) => m?.role === role);
}

function rename(body: Record<string, unknown>, from: string, to: string): void {
  if (!(from in body)) return;
  if (!(to in body)) body[to] = body[from];
  delete body[from];
}

/**
 * For a relay whose chat template has no system role: the system (or developer) messages' text goes
 * first in the first user message, so the instructions still reach the model.
 */
function foldSystemIntoUser(messages: Message[]): Message[] {
  const isSystem = (m: Message) => m.role === 'system' || m.role === 'developer';
  const system = messages.filter(isSystem).map((m) => textOf(m.content)).filter(Boolean).join('\n\n');
  const rest = messages.filter((m) => !isSystem(m));
  if (!system) return rest;
  const first = rest.findIndex((m) => m.role === 'user');
  if (first < 0) return [{ role: 'user', content: system }, ...rest];
  const user = rest[first] as Message;
  const content = Array.isArray(user.content)
    ? [{ type: 'text', text: system }, ...(user.content as unknown[])]
    : `${system}\n\n${textOf(user.content)}`;
  return rest.map((m, i) => (i === first ? { ...m, content } : m));
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join('');
}
