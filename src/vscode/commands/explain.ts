import * as vscode from 'vscode';
import { explainPrompt } from '../../core';
import type { Attachment } from '../../shared/protocol';
import { clip } from '../chat/attachments';
import type { ChatController } from '../chat/chat-controller';
import type { ChatSurface } from '../chat/chat-screen';
import { BudgetDeclined } from '../usage/budget-prompt';
import { exclusionMessage, exclusionOf } from '../excluded-files';

/** The 1-based last line of a selection: one that ends at column 0 does not include that line. */
export function lastLine(range: vscode.Range): number {
  return range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
}

/** Lines of context on each side of a selection. */
const CONTEXT_LINES = 5;

/**
 * "Relay Chat: Explain Selection" (or the whole file when nothing is selected): opens the panel and
 * streams the explanation there, in the user's display language, in a new chat.
 */
export async function explain(controller: ChatController, surface: ChatSurface, editor = vscode.window.activeTextEditor): Promise<void> {
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file to explain.'));
    return;
  }
  const doc = editor.document;
  const exclusion = exclusionOf(doc.uri);
  if (exclusion) {
    void vscode.window.showWarningMessage(exclusionMessage(doc.uri, exclusion));
    return;
  }
  const path = doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri, false);
  const selection = editor.selection;
  const wholeFile = selection.isEmpty;
  const range = wholeFile ? new vscode.Range(0, 0, doc.lineCount, 0) : selection;
  const code = clip(doc.getText(range));
  const startLine = range.start.line + 1;
  const endLine = wholeFile ? doc.lineCount : lastLine(range);
  const before = wholeFile ? '' : doc.getText(new vscode.Range(Math.max(0, range.start.line - CONTEXT_LINES), 0, range.start.line, range.start.character));
  const after = wholeFile ? '' : doc.getText(new vscode.Range(range.end.line, range.end.character, Math.min(doc.lineCount, range.end.line + CONTEXT_LINES + 1), 0));
  const prompt = explainPrompt({ path, language: doc.languageId, code, startLine, endLine, before, after, wholeFile, displayLanguage: vscode.env.language });
  const attachment: Attachment = wholeFile
    ? { kind: 'file', path, language: doc.languageId, text: code }
    : { kind: 'selection', path, language: doc.languageId, text: code, startLine, endLine };
  const text = wholeFile ? vscode.l10n.t('Explain {0}', path) : vscode.l10n.t('Explain lines {0}–{1} of {2}', startLine, endLine, path);
  await surface.reveal();
  try {
    await controller.sendInNewChat(text, [attachment], prompt);
  } catch (e) {
    // Cancelled at the budget question: say so (there is no composer text to keep).
    if (!(e instanceof BudgetDeclined)) throw e;
    void vscode.window.showWarningMessage(e.message);
  }
}
