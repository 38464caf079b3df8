import * as vscode from 'vscode';
import { CONTEXT_WINDOW, type Cursor } from '../../core';

/** The text around the cursor, in windows the engine sends; never half a surrogate pair at a cut. */
export function cursorAt(document: vscode.TextDocument, position: vscode.Position, explicit: boolean): Cursor {
  const offset = document.offsetAt(position);
  let prefix = document.getText(new vscode.Range(document.positionAt(Math.max(0, offset - CONTEXT_WINDOW.prefixChars)), position));
  let suffix = document.getText(new vscode.Range(position, document.positionAt(offset + CONTEXT_WINDOW.suffixChars)));
  if (isLowSurrogate(prefix.charCodeAt(0))) prefix = prefix.slice(1);
  if (isHighSurrogate(suffix.charCodeAt(suffix.length - 1))) suffix = suffix.slice(0, -1);
  return {
    documentId: document.uri.toString(),
    languageId: document.languageId,
    fileName: vscode.workspace.asRelativePath(document.uri, false),
    prefix, suffix, offset,
    ...(explicit ? { explicit } : {}),
  };
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
