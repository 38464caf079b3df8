import * as vscode from 'vscode';
import type { Attachment } from '../../shared/protocol';
import { refuseExcluded } from '../excluded-files';

/** Large files are cut: the user pays per token, and relays limit request sizes. */
export const MAX_ATTACHMENT_CHARS = 60_000;

function relativePath(doc: vscode.TextDocument): string {
  return doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri, false);
}

/** The current selection or file of the active editor, as an attachment. */
export async function readAttachment(kind: 'selection' | 'file', editor = vscode.window.activeTextEditor): Promise<Attachment> {
  if (!editor) throw new Error(vscode.l10n.t('Open a file in an editor first.'));
  const doc = editor.document;
  refuseExcluded(doc.uri);
  if (kind === 'selection') {
    const selection = editor.selection;
    if (selection.isEmpty) throw new Error(vscode.l10n.t('Select some code first.'));
    return {
      kind, path: relativePath(doc), language: doc.languageId, text: clip(doc.getText(selection)),
      startLine: selection.start.line + 1, endLine: selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1,
    };
  }
  return { kind, path: relativePath(doc), language: doc.languageId, text: clip(doc.getText()) };
}

export function clip(text: string): string {
  return text.length > MAX_ATTACHMENT_CHARS ? `${text.slice(0, MAX_ATTACHMENT_CHARS)}\n… (${vscode.l10n.t('cut: the rest is {0} characters', text.length - MAX_ATTACHMENT_CHARS)})` : text;
}
