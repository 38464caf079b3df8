import type { ChatMessage, ContentPart, ToolSpec } from '../types';

/**
 * A message as the chat-completions API takes it. Tool calls go as the assistant's `tool_calls` (its
 * `content` null when it wrote no text: relays in front of Anthropic refuse an empty text block), each
 * tool result as a `tool` message naming its call, and a message with an image as content parts.
 */
export function wireMessage(message: ChatMessage): Record<string, unknown> {
  const { role, content, name, parts, toolCalls, toolCallId } = message;
  const out: Record<string, unknown> = { role, content: parts?.length ? parts.map(wirePart) : content };
  if (name) out.name = name;
  if (toolCalls?.length) {
    out.tool_calls = toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
    if (!content && !parts?.length) out.content = null;
  }
  if (toolCallId !== undefined) out.tool_call_id = toolCallId;
  return out;
}

function wirePart(part: ContentPart): Record<string, unknown> {
  return part.type === 'text'
    ? { type: 'text', text: part.text }
    : { type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${Buffer.from(part.data).toString('base64')}` } };
}

/** The tools as OpenAI `function` tools. */
export function wireTools(tools: readonly ToolSpec[]): Record<string, unknown>[] {
  return tools.map((t) => ({
    type: 'function',
    function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters ?? { type: 'object', properties: {} } },
  }));
}
