// OpenAI's wording of a malformed request's 400s, shared by tool-checks.ts and message-checks.ts.
import { openai, type Refusal } from './refusals';

/** OpenAI's pattern for function names (it also allows at most 64 characters). */
const NAME = /^[a-zA-Z0-9_-]+$/;

/** How OpenAI names a JSON value's type in "expected …, but got … instead". */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const invalidType = (param: string, expected: string, value: unknown): Refusal =>
  openai(`Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`, param, 'invalid_type');

export const missing = (param: string): Refusal => openai(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');

/** A function name as OpenAI checks it, in `tools` and in an assistant message's `tool_calls`. */
export function nameProblem(name: unknown, param: string): Refusal | undefined {
  if (name === undefined) return missing(param);
  if (typeof name !== 'string') return invalidType(param, 'a string', name);
  if (name.length > 64) return openai(`Invalid '${param}': string too long. Expected a string with maximum length 64, but got a string with length ${name.length} instead.`, param, 'string_above_max_length');
  if (!NAME.test(name)) return openai(`Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, param, 'invalid_value');
  return undefined;
}
