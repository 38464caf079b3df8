import type { RelayError } from '../errors';

/**
 * The words relays use when a request is longer than the model's context window: OpenAI
 * (`context_length_exceeded`, "This model's maximum context length is … tokens"), Anthropic ("prompt is
 * too long: … tokens > … maximum"), Gemini ("input token count … exceeds the maximum number of tokens"),
 * DeepSeek and vLLM ("maximum context length is …", "This model's maximum context length"), and
 * gateways' "context window exceeded" / "too many tokens".
 */
const CONTEXT_WORDS = [
  /context[_ ]length[_ ]exceeded/i,
  /maximum context length/i,
  /context (?:window|length|size)[^.]{0,40}(?:exceed|too (?:long|large)|limit)/i,
  /exceeds? (?:the )?(?:model'?s? )?(?:context|maximum (?:number of )?(?:input )?tokens)/i,
  /prompt is too long/i,
  /input (?:is )?too long|too many (?:input )?tokens/i,
];

/** Whether the relay refused the request for being longer than the model's context window. */
export function isContextExceeded(error: RelayError): boolean {
  if (!['bad_request', 'http', 'upstream', 'protocol'].includes(error.code)) return false;
  const words = `${String(error.params.errorCode ?? '')} ${String(error.params.detail ?? '')} ${error.message}`;
  return CONTEXT_WORDS.some((pattern) => pattern.test(words));
}
