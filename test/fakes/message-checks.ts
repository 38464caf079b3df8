// What OpenAI's API checks in a chat request's messages for agent mode (tool-checks.ts applies it):
// tool results answer the calls of the assistant message right before them, every call is answered
// before the conversation goes on, `content` is null only next to tool calls, and images are data
// URLs of a supported type (or http(s) addresses).
import { openai, type Refusal } from './refusals';
import { invalidType, isObject, missing, nameProblem } from './openai-errors';

type Message = Record<string, unknown>;

const IMAGE_EXAMPLE = "(e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU=')";

function imageProblem(url: unknown, param: string): Refusal | undefined {
  if (typeof url !== 'string') return url === undefined ? missing(param) : invalidType(param, 'a string', url);
  if (/^https?:\/\//i.test(url)) return undefined;
  const invalid = (got: string) => openai(`Invalid image URL: '${param}'. Expected a base64-encoded data URL with an image MIME type ${IMAGE_EXAMPLE}, but got ${got}.`, param, 'invalid_value');
  if (!url.startsWith('data:')) return invalid("a value without the 'data:' prefix");
  const data = /^data:([^;,]*)(?:;[^;,]*)*;base64,(.*)$/s.exec(url);
  if (!data) return invalid('a value that is not base64-encoded');
  const [, mime, base64] = data as unknown as [string, string, string];
  if (!base64) return invalid('empty base64-encoded bytes');
  if (!/^image\/(png|jpeg|gif|webp)$/.test(mime)) {
    return openai("You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].", param, 'invalid_image_format');
  }
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return openai('Invalid base64 image_url.', param, 'invalid_image_url');
  return undefined;
}

function contentProblem(m: Message, i: number): Refusal | undefined {
  const content = m.content;
  if (content === null || content === undefined) {
    const mayBeEmpty = m.role === 'assistant' && Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
    if (mayBeEmpty) return undefined;
    return content === null ? openai("Invalid value for 'content': expected a string, got null.", `messages.[${i}].content`, null) : missing(`messages[${i}].content`);
  }
  if (typeof content === 'string') return undefined;
  if (!Array.isArray(content)) return invalidType(`messages[${i}].content`, 'one of a string or array of objects', content);
  for (const [k, part] of content.entries()) {
    if (!isObject(part) || part.type !== 'image_url') continue;
    const image = part.image_url;
    const problem = isObject(image) ? imageProblem(image.url, `messages[${i}].content[${k}].image_url.url`) : missing(`messages[${i}].content[${k}].image_url`);
    if (problem) return problem;
  }
  return undefined;
}

/** The ids of an assistant message's tool calls (checked as OpenAI checks them), or a problem. */
function callIds(m: Message, i: number): string[] | Refusal {
  const calls = m.tool_calls;
  if (calls === undefined) return [];
  if (!Array.isArray(calls)) return invalidType(`messages[${i}].tool_calls`, 'an array of objects', calls);
  if (!calls.length) return openai(`Invalid 'messages[${i}].tool_calls': empty array. Expected an array with minimum length 1, but got an empty array instead.`, `messages[${i}].tool_calls`, 'empty_array');
  const ids: string[] = [];
  for (const [k, call] of calls.entries()) {
    const at = `messages[${i}].tool_calls[${k}]`;
    if (!isObject(call)) return invalidType(at, 'an object', call);
    if (typeof call.id !== 'string') return call.id === undefined ? missing(`${at}.id`) : invalidType(`${at}.id`, 'a string', call.id);
    if (call.type !== 'function') return call.type === undefined ? missing(`${at}.type`) : openai(`Invalid value: '${String(call.type)}'. Supported values are: 'function'.`, `${at}.type`, 'invalid_value');
    const fn = isObject(call.function) ? call.function : undefined;
    if (!fn) return missing(`${at}.function`);
    const named = nameProblem(fn.name, `${at}.function.name`);
    if (named) return named;
    if (typeof fn.arguments !== 'string') return fn.arguments === undefined ? missing(`${at}.function.arguments`) : invalidType(`${at}.function.arguments`, 'a string', fn.arguments);
    ids.push(call.id);
  }
  return ids;
}

const unanswered = (ids: string[], at: number): Refusal => openai(
  `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${ids.join(', ')}`,
  `messages.[${at}].role`, null);

/** The first problem in the messages, in order, or undefined. */
export function messageProblem(messages: unknown): Refusal | undefined {
  if (!Array.isArray(messages)) return undefined;
  // The calls of the last assistant message still waiting for their results, and where it is.
  let open: { ids: Set<string>; at: number; all: Set<string> } | undefined;
  for (const [i, raw] of messages.entries()) {
    if (!isObject(raw)) continue;
    const content = contentProblem(raw, i);
    if (content) return content;
    if (raw.role === 'tool') {
      if (raw.tool_call_id === undefined) return missing(`messages[${i}].tool_call_id`);
      if (!open || !open.all.has(String(raw.tool_call_id))) {
        return openai("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${i}].role`, null);
      }
      open.ids.delete(String(raw.tool_call_id));
      continue;
    }
    if (open?.ids.size) return unanswered([...open.ids], open.at);
    open = undefined;
    if (raw.role !== 'assistant') continue;
    const ids = callIds(raw, i);
    if (!Array.isArray(ids)) return ids;
    if (ids.length) open = { ids: new Set(ids), at: i, all: new Set(ids) };
  }
  return open?.ids.size ? unanswered([...open.ids], open.at) : undefined;
}
