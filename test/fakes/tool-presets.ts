// The agent loop by model name (presets.ts): `fake-tools` calls a tool of the request (pickTool) with
// arguments built from its schema, then, given the tool's result, answers quoting it. Japanese and
// emoji in the arguments and in the answer, as in any real conversation of this extension's users.
import type { Scenario } from './scenario';
import { tokenize } from './scenario';
import type { ScriptedToolCall } from './tool-calls';

type Message = { role?: unknown; content?: unknown };
type Tool = { function?: { name?: unknown; parameters?: unknown } };
type Schema = { type?: unknown; properties?: Record<string, Schema>; required?: unknown; enum?: unknown[]; items?: Schema };

/** The text of a message's content: a string, or its text parts joined. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p: { type?: unknown; text?: unknown }) => (p?.type === 'text' && typeof p.text === 'string' ? p.text : '')).join('');
}

/** The results at the end of the conversation (one per call of the last answer). */
function trailingResults(messages: Message[]): string[] {
  const out: string[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role === 'tool'; i--) out.unshift(textOf(messages[i]?.content));
  return out;
}

const short = (text: string) => (Array.from(text).length > 200 ? `${Array.from(text).slice(0, 199).join('')}…` : text);

/** A value of a schema's type; the string one is Japanese with an emoji. */
function sample(schema: Schema | undefined, text: string): unknown {
  if (Array.isArray(schema?.enum) && schema.enum.length) return schema.enum[0];
  switch (schema?.type) {
    case 'integer': case 'number': return 3;
    case 'boolean': return true;
    case 'array': return [sample(schema.items, text)];
    case 'object': return argumentsFor(schema, text);
    default: return text;
  }
}

/** An arguments object for a schema: its required properties, or else its first string one. */
export function argumentsFor(schema: unknown, text = '東京の天気 🌤️'): Record<string, unknown> {
  const s = (schema ?? {}) as Schema;
  const properties = s.properties ?? {};
  const required = Array.isArray(s.required) ? (s.required as string[]).filter((k) => k in properties) : [];
  const names = required.length ? required : Object.keys(properties).filter((k) => properties[k]?.type === 'string').slice(0, 1);
  return Object.fromEntries(names.map((k) => [k, sample(properties[k], text)]));
}

const PATH_LIKE = /path|file|dir|uri|folder/i;
const HARMLESS = /search|find|list|lookup|read|get/i;

/**
 * The tool the fake model calls: one that only looks things up, when the request offers one whose
 * required arguments name no path (VS Code's agent offers 39 tools, the first of which creates a
 * directory at a path the fake cannot know); else the first. Tests that offer one tool get that one.
 */
function pickTool(tools: Tool[]): Tool | undefined {
  const named = tools.filter((t) => typeof t.function?.name === 'string');
  const harmless = named.find((t) => {
    const schema = (t.function?.parameters ?? {}) as Schema;
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    return HARMLESS.test(String(t.function?.name)) && required.length > 0 && !required.some((k) => PATH_LIKE.test(k));
  });
  return harmless ?? named[0];
}

/** A file-finding tool gets a glob that finds every file; anything else the sample text. */
const searchText = (name: string) => (/file/i.test(name) && /search|find/i.test(name) ? '**/*' : undefined);

interface LoopShape {
  /** Text before the calls (none: `[]`). */
  lead: string[];
  /** The calls of the request's first tool, given its name and schema. */
  calls: (name: string, schema: unknown) => ScriptedToolCall[];
}

/** The scenario for one turn of the loop. */
function loopTurn(shape: LoopShape): (request: Record<string, unknown>) => Scenario {
  return (request) => {
    const messages = (Array.isArray(request.messages) ? request.messages : []) as Message[];
    const results = trailingResults(messages);
    if (results.length) return { tokens: tokenize(`ツールの結果: ${results.map(short).join(' / ')} 🙂👍🏽 完了。`) };
    const tool = pickTool((Array.isArray(request.tools) ? request.tools : []) as Tool[]);
    if (typeof tool?.function?.name !== 'string') return {};
    return { tokens: shape.lead, toolCalls: shape.calls(tool.function.name, tool.function.parameters) };
  };
}

const json = (schema: unknown, text?: string) => JSON.stringify(argumentsFor(schema, text));
const cutShort = (text: string) => (text.length > 4 ? Array.from(text).slice(0, -3).join('') : '{"query": "東京');

export const TOOL_PRESETS: Record<string, Scenario> = {
  'fake-tools': { perRequest: loopTurn({ lead: ['調べて', 'みます', '… 🔍'], calls: (name, schema) => [{ name, arguments: json(schema, searchText(name)) }] }), delayMs: 20 },
  'fake-tools-multi': {
    perRequest: loopTurn({ lead: [], calls: (name, schema) => [{ name, arguments: json(schema) }, { name, arguments: json(schema, '大阪の天気 ☔') }] }),
    delayMs: 20,
  },
  // Cut off mid-string: not JSON. The client should say so rather than call the tool with nothing.
  'fake-tools-bad-args': { perRequest: loopTurn({ lead: ['はい'], calls: (name, schema) => [{ name, arguments: cutShort(json(schema)) }] }), delayMs: 20 },
  // Slow enough to press Stop while the arguments stream in, or while the answer to the result does.
  'fake-tools-slow': { perRequest: loopTurn({ lead: ['ゆっくり', '調べます'], calls: (name, schema) => [{ name, arguments: json(schema) }] }), delayMs: 250 },
  // The same loop in the other relays' shapes (tool-calls.ts).
  'fake-tools-whole': { perRequest: loopTurn({ lead: [], calls: (name, schema) => [{ name, arguments: json(schema) }] }), toolCallStyle: 'whole', delayMs: 20 },
  'fake-tools-no-index': { perRequest: loopTurn({ lead: [], calls: (name, schema) => [{ name, arguments: json(schema) }] }), toolCallStyle: 'noIndex', delayMs: 20 },
  // Servers whose model cannot call tools: a request with `tools` is refused, one without is answered.
  'fake-no-tools': { refuse: { style: 'vllm', fields: ['tools'] }, delayMs: 20 },
  'fake-no-tools-ollama': { refuse: { style: 'ollama', fields: ['tools'] }, delayMs: 20 },
};

/** GET /models fields for the presets, OpenRouter's way, so VS Code's agent mode offers `fake-tools`. */
export const TOOL_MODEL_FIELDS: Record<string, Record<string, unknown>> = Object.fromEntries(Object.keys(TOOL_PRESETS).map((id) => {
  const tools = !id.startsWith('fake-no-tools');
  return [id, {
    name: tools ? `Fake relay: ${id} (agent loop)` : `Fake relay: ${id} (no tools)`,
    context_length: 128_000,
    supported_parameters: tools ? ['tools', 'tool_choice', 'max_tokens', 'temperature', 'stop'] : ['max_tokens', 'temperature', 'stop'],
    architecture: { input_modalities: tools ? ['text', 'image'] : ['text'], output_modalities: ['text'] },
  }];
}));
