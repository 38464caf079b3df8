// What OpenAI's API checks in a chat request's tools, tool_choice and messages before it answers, and
// the 400 it answers with, in its own words (collected from error reports: see docs/fake-relay.md).
// Applied to every chat request on both transports, so a client that sends agent-mode requests a real
// relay would refuse fails here too. One problem at a time, the first found, as the API does.
import { messageProblem } from './message-checks';
import { invalidType, isObject, missing, nameProblem } from './openai-errors';
import { openai, type Refusal } from './refusals';

function toolProblem(tool: unknown, i: number): Refusal | undefined {
  const at = `tools[${i}]`;
  if (!isObject(tool)) return invalidType(at, 'an object', tool);
  if (tool.type === undefined) return missing(`${at}.type`);
  if (tool.type !== 'function') return openai(`Invalid value: '${String(tool.type)}'. Supported values are: 'function' and 'custom'.`, `${at}.type`, 'invalid_value');
  const fn = tool.function;
  if (fn === undefined) return missing(`${at}.function`);
  if (!isObject(fn)) return invalidType(`${at}.function`, 'an object', fn);
  const named = nameProblem(fn.name, `${at}.function.name`);
  if (named) return named;
  if (fn.description !== undefined && typeof fn.description !== 'string') return invalidType(`${at}.function.description`, 'a string', fn.description);
  if (fn.parameters !== undefined && !isObject(fn.parameters)) return invalidType(`${at}.function.parameters`, 'an object', fn.parameters);
  return undefined;
}

function toolsProblem(tools: unknown): Refusal | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return invalidType('tools', 'an array of objects', tools);
  if (tools.length === 0) return openai("Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'tools', 'empty_array');
  if (tools.length > 128) return openai(`Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length ${tools.length} instead.`, 'tools', 'array_above_max_length');
  for (const [i, tool] of tools.entries()) {
    const problem = toolProblem(tool, i);
    if (problem) return problem;
  }
  return undefined;
}

function toolChoiceProblem(choice: unknown, tools: unknown): Refusal | undefined {
  if (choice === undefined) return undefined;
  if (tools === undefined) return openai("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice', null);
  if (typeof choice === 'string') {
    if (['none', 'auto', 'required'].includes(choice)) return undefined;
    return openai(`Invalid value: '${choice}'. Supported values are: 'none', 'auto', and 'required'.`, 'tool_choice', 'invalid_value');
  }
  const named = isObject(choice) && choice.type === 'function' && isObject(choice.function) && typeof choice.function.name === 'string';
  if (named) return undefined;
  return openai("'$.tool_choice' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", null, null);
}

/** The 400 OpenAI would answer this chat request with, or undefined when it would answer it. */
export function requestProblem(body: Record<string, unknown>): Refusal | undefined {
  return toolsProblem(body.tools) ?? toolChoiceProblem(body.tool_choice, body.tools) ?? messageProblem(body.messages);
}
