import type { RelayError } from '../errors';
import { hasRole } from './quirk-body';
import { REASONING_SWITCHES, type Quirk } from './quirks';

/**
 * Which quirk a refusal calls for, or undefined. A refusal is a 400/422 (or an error the relay sent
 * in place of the stream, before any text) whose words name a field this very body carries, in one
 * of the wordings relays are known to use (docs/user-guide.md lists them). Anything else (a context
 * too long, an unknown model, a bad key, a value out of range) is not a refusal. `tried` are the
 * quirks this request already applied: none is learnt twice in one request, so nothing loops.
 */
export function recogniseRefusal(error: RelayError, body: Record<string, unknown>, tried: ReadonlySet<Quirk>): Quirk | undefined {
  if (error.code !== 'bad_request' && error.code !== 'upstream') return undefined;
  if (error.status !== undefined && error.status !== 400 && error.status !== 422) return undefined;
  for (const subject of refusedSubjects(error, body)) {
    const quirk = quirkFor(subject, body);
    if (quirk && !tried.has(quirk)) return quirk;
  }
  return undefined;
}

/** The relay's own words about the refusal (for the log). */
export function refusalWords(error: RelayError): string {
  return String(error.params.detail ?? error.message);
}

const EXTRA_FORBIDDEN = /["']type["']\s*:\s*["']extra_forbidden["']\s*,\s*["']loc["']\s*:\s*[[(]\s*["']body["']\s*,\s*["'](\w+)["']/g;
const REFUSING = String.raw`(?:unknown|unrecognized|unsupported|not (?:allowed|permitted|supported)|extra|invalid)`;
const USAGE_OPTION_REFUSED = new RegExp(`${REFUSING}[^.]{0,40}\b(?:stream_options|include_usage)\b|\b(?:stream_options|include_usage)\b[^.]{0,40}${REFUSING}`, 'i');

/**
 * A model (or its server) that takes no tools, in the words relays use: Ollama (`… does not support
 * tools`), vLLM started without a tool parser, DeepSeek's reasoner before V3.1 (`does not support
 * Function Calling`), and gateways' own "tools/function calling not supported". OpenAI's
 * `Unsupported parameter: 'tools'` and vLLM's `extra_forbidden` name the field and are read above.
 */
const TOOLS_REFUSED = [
  /does not support (?:tools|tool[ _]?(?:use|calls?|calling)|function[ _]?call(?:ing|s)?)/i,
  /"auto" tool choice requires --enable-auto-tool-choice/i,
  /\b(?:tools?|tool[ _]?calls?|tool[ _]?calling|function[ _]?call(?:ing|s)?)\b[^.]{0,30}\b(?:not supported|unsupported|not available|not enabled)/i,
];

/** Field names the refusal names, or `role:<role>`, or `no-system-role`. */
function refusedSubjects(error: RelayError, body: Record<string, unknown>): string[] {
  const words = refusalWords(error);
  const param = typeof error.params.param === 'string' ? error.params.param : undefined;
  const code = String(error.params.errorCode ?? '');
  const out: string[] = [];
  const add = (field: string | undefined, refusedValue?: string) => {
    if (!field) return;
    const role = /^messages\[(\d+)\]\.role$/.exec(field);
    if (!role) return void out.push(field);
    // The role the relay names first: a relay that adds messages of its own shifts the index.
    const sent = (body.messages as { role?: unknown }[] | undefined)?.[Number(role[1])]?.role;
    out.push(`role:${refusedValue ?? (typeof sent === 'string' ? sent : '')}`);
  };
  // OpenAI: { param, code: 'unsupported_parameter' | 'unsupported_value' } with the same field in the message.
  const unsupported = /Unsupported (parameter|value): '([^']+)'(?: does not support '?([^'\s]+)'?)?/i.exec(words);
  if (unsupported) add(unsupported[2], unsupported[3]);
  if (param && /^unsupported_(parameter|value)$/.test(code)) add(param, unsupported?.[3]);
  add(/Unrecognized request argument supplied: (\w+)/i.exec(words)?.[1]);
  // vLLM (pydantic): [{'type': 'extra_forbidden', 'loc': ('body', 'max_completion_tokens'), 'msg': 'Extra inputs are not permitted', …}],
  // or FastAPI's JSON ("loc": ["body", "x"]). Only the extra_forbidden entries: another entry of the same
  // list (a value out of range) names a field the relay takes.
  for (const m of words.matchAll(EXTRA_FORBIDDEN)) add(m[1]);
  // Gemini's OpenAI-compatible endpoint: Invalid JSON payload received. Unknown name "max_completion_tokens": Cannot find field.
  add(/Unknown name "(\w+)"/.exec(words)?.[1]);
  // Anthropic (through a relay).
  if (/`?temperature`? and `?top_p`? cannot both be specified/i.test(words)) add('top_p');
  if (/`?temperature`? may only be set to 1 when thinking is enabled/i.test(words)) add('temperature');
  // vLLM: a chat template without a system role (a Jinja error).
  if (/System role not supported|Only user and assistant roles are supported/i.test(words)) out.push('no-system-role');
  // Relays that refuse the usage option in words of their own (not an error that merely echoes the request).
  if (USAGE_OPTION_REFUSED.test(words)) add('stream_options');
  if (TOOLS_REFUSED.some((pattern) => pattern.test(words))) out.push('tools');
  // A reasoning switch is a field only some relays know: a bad request that names one the body sent refuses it.
  for (const field of REASONING_SWITCHES) if (field in body && words.includes(field)) add(field);
  return out;
}

function quirkFor(subject: string, body: Record<string, unknown>): Quirk | undefined {
  const sends = (field: string) => field in body;
  switch (subject) {
    case 'max_tokens': return sends('max_tokens') ? 'use_max_completion_tokens' : undefined;
    case 'max_completion_tokens': return sends('max_completion_tokens') ? 'use_max_tokens' : undefined;
    case 'temperature': return sends('temperature') ? 'drop_temperature' : undefined;
    case 'top_p': return sends('top_p') ? 'drop_top_p' : undefined;
    case 'stream_options':
    case 'include_usage': return sends('stream_options') ? 'drop_stream_options' : undefined;
    case 'stop': return sends('stop') ? 'drop_stop' : undefined;
    case 'role:system': return hasRole(body, 'system') ? 'system_as_developer' : undefined;
    case 'role:developer': return hasRole(body, 'developer') ? 'system_into_user' : undefined;
    case 'no-system-role': return hasRole(body, 'system') || hasRole(body, 'developer') ? 'system_into_user' : undefined;
    case 'reasoning_effort':
    case 'thinking':
    case 'enable_thinking': return sends(subject) ? 'drop_reasoning_switch' : undefined;
    case 'tools': return sends('tools') ? 'no_tools' : undefined;
    default: return undefined;
  }
}
