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

const isDataPart = (part: unknown): part is DataPart =>
  typeof part === 'object' && part !== null && typeof (part as DataPart).mimeType === 'string' && (part as DataPart).data instanceof Uint8Array;

const isTextLike = (mimeType: string) => mimeType.startsWith('text/') || mimeType === 'application/json';

function partOf(part: unknown): LmPart {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart) return { kind: 'toolCall' };
  if (part instanceof vscode.LanguageModelToolResultPart) return { kind: 'toolResult' };
  if (isDataPart(part)) {
    if (part.mimeType.startsWith('image/')) return { kind: 'image' };
    if (isTextLike(part.mimeType)) return { kind: 'text', text: new TextDecoder().decode(part.data) };
  }
  return { kind: 'ignored' };
}

/** One message of a `vscode.lm` request, sorted into the core's parts. */
export function lmTurn(message: LanguageModelChatRequestMessage): LmTurn {
  const role = message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : message.role === SYSTEM_ROLE ? 'system' : 'user';
  return { role, parts: message.content.map(partOf) };
}
