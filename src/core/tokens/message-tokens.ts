import type { ChatMessage, ToolSpec } from '../types';
import { imageTokens } from './image-tokens';
import type { TokenCounter } from './token-counter';
import { isEncoding } from './token-family';
import { openAiToolText } from './tool-text';

// OpenAI's published rule: every message is framed by 3 tokens (<|start|>role…<|end|>) plus its role,
// a `name` adds 1, and the reply is primed with 3 (<|start|>assistant<|message|>). The other families'
// chat templates (<|im_start|>role\n…<|im_end|>\n, <start_of_turn>…) frame with up to 5.
const FRAME = { openAi: 3, other: 5 } as const;
const NAME_TOKENS = 1;
const REPLY_PRIMING = 3;
// A tool call: its name, arguments JSON and id (OpenAI may not show the model the id; ten tokens high
// per call is cheaper than one low) in a frame of `to=functions.` and separators.
const TOOL_CALL_FRAME = 7;
// Tools in the prompt beyond their schemas: OpenAI's namespace is rendered whole (tool-text.ts); the
// others wrap their JSON in instructions. Anthropic documents 346 tokens of tool-use system prompt
// for Claude 4 models (auto or none); the others' templates are shorter, 150 is generous.
const TOOLS_PREAMBLE = { openAi: 6, claude: 346, other: 150 } as const;

/** One message's tokens in the prompt, its framing, tool calls and images included. */
export function countMessageTokens(counter: TokenCounter, message: ChatMessage): number {
  const openAi = isEncoding(counter.family);
  let tokens = (openAi ? FRAME.openAi : FRAME.other) + counter.count(message.role) + counter.count(message.content);
  if (message.name) tokens += NAME_TOKENS + counter.count(message.name);
  for (const part of message.parts ?? []) if (part.type === 'image') tokens += imageTokens(counter.family, part.data);
  for (const call of message.toolCalls ?? []) {
    tokens += TOOL_CALL_FRAME + counter.count(call.name) + counter.count(call.arguments) + counter.count(call.id);
  }
  if (message.toolCallId) tokens += counter.count(message.toolCallId);
  return tokens;
}

/** The tools' schemas as the model reads them in its prompt (0 for none). */
export function countToolTokens(counter: TokenCounter, tools: readonly ToolSpec[]): number {
  if (tools.length === 0) return 0;
  if (isEncoding(counter.family)) return TOOLS_PREAMBLE.openAi + counter.count(openAiToolText(tools));
  const preamble = counter.family === 'claude' ? TOOLS_PREAMBLE.claude : TOOLS_PREAMBLE.other;
  const json = tools.map((t) => JSON.stringify({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
  return preamble + counter.count(json.join('\n'));
}

/** A whole request: every message, the tools, and the priming of the reply. */
export function countRequestTokens(counter: TokenCounter, request: { messages: readonly ChatMessage[]; tools?: readonly ToolSpec[] }): number {
  let tokens = REPLY_PRIMING + countToolTokens(counter, request.tools ?? []);
  for (const message of request.messages) tokens += countMessageTokens(counter, message);
  return tokens;
}
