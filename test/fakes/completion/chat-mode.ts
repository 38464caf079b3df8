// Chat mode: relays without FIM get the document in a chat message, as
//   <file path="…" language="…">\n{prefix}<|cursor|>{suffix}\n</file>
// and the prompt asks for the missing text as <insert>…</insert>. This file reads that block and
// writes the answer a chat model gives, including the ways real models get it wrong.
import type { Corruption } from './behaviour';

export const CURSOR = '<|cursor|>';

export interface CursorFile {
  language: string;
  prefix: string;
  suffix: string;
}

/** The `<file>` block with a cursor in the request's last user message, if there is one. */
export function cursorFileOf(body: Record<string, unknown> | undefined): CursorFile | undefined {
  const content = lastUserText(body?.messages);
  const open = content.indexOf('<file ');
  const lineEnd = content.indexOf('\n', open);
  const close = content.lastIndexOf('\n</file>');
  if (open < 0 || lineEnd < 0 || close < lineEnd) return undefined;
  const inner = content.slice(lineEnd + 1, close);
  const cursor = inner.indexOf(CURSOR);
  if (cursor < 0) return undefined;
  const language = /language="([^"]*)"/.exec(content.slice(open, lineEnd))?.[1] ?? '';
  return { language, prefix: inner.slice(0, cursor), suffix: inner.slice(cursor + CURSOR.length) };
}

/** Whether a chat request asks for an inline completion (otherwise the relay chats as usual). */
export const isCompletionChat = (body: Record<string, unknown> | undefined): boolean => cursorFileOf(body) !== undefined;

/** The model's whole answer: `<insert>` + continuation + `</insert>`, mangled as configured. */
export function chatAnswer(file: CursorFile, continuation: string, corrupt: readonly Corruption[]): string {
  const has = (c: Corruption) => corrupt.includes(c);
  let body = continuation;
  if (has('echoPrefix')) body = file.prefix.slice(file.prefix.lastIndexOf('\n') + 1) + body;
  if (has('repeatSuffix')) {
    const line = file.suffix.split(/\r?\n/).find((l) => l.trim() !== '');
    if (line !== undefined) body += `\n${line}`;
  }
  if (has('fence')) body = `\`\`\`${file.language}\n${body}\n\`\`\``;
  if (has('preamble')) body = `Here is the completion:\n${body}`;
  const answer = `<insert>${body}</insert>`;
  return has('think') ? `<think>The user wants the code after the cursor. Let me continue it.</think>\n${answer}` : answer;
}

/** Text of the last user message; content may be a string or OpenAI content parts. */
export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  const last = [...messages].reverse().find((m): m is { content: unknown } => isRecord(m) && m.role === 'user');
  const content = last?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
