import type { ToolCall } from '../types';

/** Why arguments are no input: not JSON at all (with the parser's words), or JSON but not an object. */
export type ToolCallProblem = 'notJson' | 'notObject';

export type ToolCallInput = { ok: true; input: Record<string, unknown> } | { ok: false; problem: ToolCallProblem; detail?: string };

/**
 * The input of a whole tool call: its arguments read as a JSON object. Models that call a tool
 * without arguments send nothing (`""`), which is `{}`. Anything else that is not a JSON object is
 * the model's mistake, and is never handed on as a call (the caller would run a tool on half an input).
 */
export function toolCallInput(call: ToolCall): ToolCallInput {
  if (!call.arguments.trim()) return { ok: true, input: {} };
  let value: unknown;
  try {
    value = JSON.parse(call.arguments);
  } catch (e) {
    return { ok: false, problem: 'notJson', detail: (e as Error).message };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'notObject' };
  return { ok: true, input: value as Record<string, unknown> };
}
