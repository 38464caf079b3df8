// Relays that refuse a request field for a model, in the exact words real ones use (OpenAI, Anthropic
// behind a relay, vLLM, Ollama). The client is expected to ask again with the field adapted; the fake relay
// records every request, so a test sees the refused one and the good one.

export type RefusalStyle = 'openai' | 'anthropic' | 'vllm' | 'ollama';

/**
 * What is refused: a field (when the request sends it), or a message role (`system`, `developer`:
 * when a message has it). Anthropic words: `temperature` = "may only be set to 1 when thinking is
 * enabled" (unless it is 1); `top_p` = "cannot both be specified" (when temperature is sent too).
 * vLLM words: a field = pydantic's "Extra inputs are not permitted"; `system` = "System role not supported";
 * `tools` = a server started without a tool-call parser. Ollama (its OpenAI-compatible endpoint): `tools` =
 * a model whose template has no tools. Only vLLM and Ollama refuse `tools`.
 */
export type RefusedField = 'max_tokens' | 'max_completion_tokens' | 'temperature' | 'top_p' | 'stop' | 'stream_options' | 'system' | 'developer' | 'reasoning_effort' | 'tools';

export interface Refusals {
  style: RefusalStyle;
  /** Checked in this order; the first the request carries is refused (one error at a time, as relays do). */
  fields: RefusedField[];
}

export interface Refusal {
  status: number;
  body: Record<string, unknown>;
}

type Message = { role?: unknown };

/** The refusal of this request, or undefined when it carries none of the refused fields. */
export function refusalFor(refusals: Refusals, request: Record<string, unknown>): Refusal | undefined {
  for (const field of refusals.fields) {
    const refusal = refuse(refusals.style, field, request);
    if (refusal) return refusal;
  }
  return undefined;
}

/** The same refusal as a relay forwards it over its WebSocket: an error message carrying the status. */
export function refusalMessage(refusal: Refusal, typed: boolean): Record<string, unknown> {
  const inner = (refusal.body.error ?? refusal.body) as Record<string, unknown>;
  const error = { ...inner, status: refusal.status };
  return typed ? { type: 'error', error } : { error };
}

function refuse(style: RefusalStyle, field: RefusedField, request: Record<string, unknown>): Refusal | undefined {
  if (field === 'system' || field === 'developer') {
    const index = Array.isArray(request.messages) ? (request.messages as Message[]).findIndex((m) => m?.role === field) : -1;
    if (index < 0) return undefined;
    if (style === 'vllm') return vllm('System role not supported');
    return openai(`Unsupported value: 'messages[${index}].role' does not support '${field}' with this model.`, `messages[${index}].role`, 'unsupported_value');
  }
  if (!(field in request)) return undefined;
  if (field === 'tools') return refuseTools(style, request);
  if (style === 'anthropic') {
    if (field === 'temperature' && request.temperature !== 1) return anthropic('temperature: `temperature` may only be set to 1 when thinking is enabled.');
    if (field === 'top_p' && 'temperature' in request) return anthropic('`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
    return undefined;
  }
  if (style === 'vllm') {
    return vllm(`[{'type': 'extra_forbidden', 'loc': ('body', '${field}'), 'msg': 'Extra inputs are not permitted', 'input': ${JSON.stringify(request[field])}}]`);
  }
  switch (field) {
    case 'max_tokens':
      return openai("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", field, 'unsupported_parameter');
    case 'temperature':
      return openai(`Unsupported value: 'temperature' does not support ${String(request.temperature)} with this model. Only the default (1) value is supported.`, field, 'unsupported_value');
    case 'stream_options':
    case 'reasoning_effort':
      return { status: 400, body: { error: { message: `Unrecognized request argument supplied: ${field}`, type: 'invalid_request_error', param: null, code: null } } };
    default:
      return openai(`Unsupported parameter: '${field}' is not supported with this model.`, field, 'unsupported_parameter');
  }
}

/** A 400 in OpenAI's shape (also used by tool-checks.ts). */
export function openai(message: string, param: string | null, code: string | null): Refusal {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

function refuseTools(style: RefusalStyle, request: Record<string, unknown>): Refusal | undefined {
  if (style === 'vllm') return vllm('"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set');
  if (style !== 'ollama') return undefined;
  const model = String(request.model ?? '');
  const name = `registry.ollama.ai/library/${model.includes(':') ? model : `${model}:latest`}`;
  return { status: 400, body: { error: { message: `${name} does not support tools`, type: 'api_error', param: null, code: null } } };
}

function anthropic(message: string): Refusal {
  return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message } } };
}

function vllm(message: string): Refusal {
  return { status: 400, body: { object: 'error', message, type: 'BadRequestError', param: null, code: 400 } };
}
