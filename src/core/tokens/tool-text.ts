import type { ToolSpec } from '../types';

/**
 * Tools as OpenAI's models see them: a TypeScript-like `namespace functions` in the system prompt,
 * one `type name = (_: {...}) => any;` per tool with descriptions as comments. Rendering it is how
 * their schemas are counted: the JSON the request carries is not what the model reads.
 */
export function openAiToolText(tools: readonly ToolSpec[]): string {
  const lines = ['# Tools', '', '## functions', '', 'namespace functions {', ''];
  for (const tool of tools) {
    if (tool.description) lines.push(`// ${tool.description}`);
    const params = tool.parameters;
    lines.push(params && hasProperties(params) ? `type ${tool.name} = (_: ${objectType(params, '')}) => any;` : `type ${tool.name} = () => any;`, '');
  }
  lines.push('} // namespace functions');
  return lines.join('\n');
}

type Schema = Record<string, unknown>;

function hasProperties(schema: Schema): boolean {
  return typeof schema['properties'] === 'object' && schema['properties'] !== null && Object.keys(schema['properties']).length > 0;
}

function objectType(schema: Schema, indent: string): string {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema['required']) ? schema['required'] as unknown[] : []);
  const lines = ['{'];
  for (const [key, prop] of Object.entries(properties)) {
    if (typeof prop['description'] === 'string') lines.push(`${indent}// ${prop['description']}`);
    lines.push(`${indent}${key}${required.has(key) ? '' : '?'}: ${typeOf(prop, indent)},`);
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

function typeOf(schema: Schema, indent: string): string {
  if (Array.isArray(schema['enum'])) return schema['enum'].map((v) => JSON.stringify(v)).join(' | ');
  switch (schema['type']) {
    case 'string': return 'string';
    case 'number': case 'integer': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'array': return `${typeof schema['items'] === 'object' && schema['items'] ? typeOf(schema['items'] as Schema, indent) : 'any'}[]`;
    case 'object': return hasProperties(schema) ? objectType(schema, indent) : 'object';
    default: return 'any';
  }
}
