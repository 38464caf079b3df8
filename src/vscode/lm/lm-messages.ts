import * as vscode from 'vscode';
import type { LmPart, LmTurn } from '../../core';
import type { LanguageModelChatRequestMessage } from './lm-api';

/** LanguageModelChatMessageRole.System: not in the stable typings, yet hosts send it (VS Code's chat does). */
const SYSTEM_ROLE = 3;

/** LanguageModelDataPart (VS Code 1.104+, not in our typings): images, text-like data, or hints such as cache_control. */
interface DataPart {
  mimeType: string;
  data: Uint8Array;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isDataPart = (part: unknown): part is DataPart => isObject(part) && typeof part.mimeType === 'string' && part.data instanceof Uint8Array;
const isTextLike = (mimeType: string) => mimeType.startsWith('text/') || mimeType === 'application/json';

/**
 * Tool calls and results by their shape as well as their class: hosts since 1.104 also hand
 * `LanguageModelToolResultPart2` (a result that may hold data parts), which is no subclass of the
 * part our typings know.
 */
const isToolCall = (part: unknown): part is vscode.LanguageModelToolCallPart =>
  part instanceof vscode.LanguageModelToolCallPart || (isObject(part) && typeof part.callId === 'string' && typeof part.name === 'string' && 'input' in part);
const isToolResult = (part: unknown): part is { callId: string; content: unknown[] } =>
  part instanceof vscode.LanguageModelToolResultPart || (isObject(part) && typeof part.callId === 'string' && Array.isArray(part.content));

function partOf(part: unknown): LmPart {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: part.value };
  if (isToolCall(part)) return { kind: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  if (isToolResult(part)) return { kind: 'toolResult', callId: part.callId, content: part.content.map(resultPartOf) };
  if (isDataPart(part)) {
    if (part.mimeType.startsWith('image/')) return { kind: 'image', mimeType: part.mimeType, data: part.data };
    if (isTextLike(part.mimeType)) return { kind: 'text', text: new TextDecoder().decode(part.data) };
  }
  return { kind: 'ignored' };
}

/** A piece of a tool's result: text and images as elsewhere; a prompt-tsx part as the text it holds. */
function resultPartOf(part: unknown): LmPart {
  if (part instanceof vscode.LanguageModelPromptTsxPart) return { kind: 'text', text: tsxText(part.value) };
  return partOf(part);
}

/** The text of a prompt-tsx element tree (its `text` leaves in order), or its JSON when it has none. */
function tsxText(value: unknown): string {
  if (typeof value === 'string') return value;
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'text' && typeof child === 'string') texts.push(child);
        else walk(child);
      }
    }
  };
  walk(value);
  return texts.length ? texts.join('') : JSON.stringify(value);
}

/** One message of a `vscode.lm` request, sorted into the core's parts. */
export function lmTurn(message: LanguageModelChatRequestMessage): LmTurn {
  const role = message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : message.role === SYSTEM_ROLE ? 'system' : 'user';
  return { role, parts: message.content.map(partOf) };
}
