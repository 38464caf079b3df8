import * as vscode from 'vscode';
import type { CompletionEngine } from '../../core';
import { enabledFor, readCompletionSettings } from './completion-settings';
import { cursorAt } from './cursor';

/** Documents of these schemes get suggestions; output panes, terminals, diff views and the like do not. */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-notebook-cell', 'vscode-vfs', 'vscode-userdata']);

/**
 * The adapter between VS Code's inline suggestions and the core engine: it decides when to stay quiet,
 * cuts the text around the cursor, and turns the cancellation token into an AbortSignal.
 * VS Code itself does not ask during an IME composition (since 1.96); the engine's debounce and
 * in-flight checks cover the edit that commits the composition.
 */
export class InlineProvider implements vscode.InlineCompletionItemProvider {
  constructor(private readonly engine: () => CompletionEngine | undefined) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const engine = this.engine();
    if (!engine || !this.wanted(document, context)) return undefined;
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const suggestion = await engine.complete(cursorAt(document, position, explicit), controller.signal);
      if (!suggestion || token.isCancellationRequested) return undefined;
      return [new vscode.InlineCompletionItem(suggestion.text, new vscode.Range(position, position))];
    } finally {
      subscription.dispose();
    }
  }

  /** Quiet in other panes, in large files, over a selection, while the suggest widget is open. */
  private wanted(document: vscode.TextDocument, context: vscode.InlineCompletionContext): boolean {
    if (!SCHEMES.has(document.uri.scheme)) return false;
    const settings = readCompletionSettings();
    if (!settings.enabled || !enabledFor(settings, document.languageId)) return false;
    if (context.selectedCompletionInfo) return false;
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === document && (editor.selections.length > 1 || !editor.selection.isEmpty)) return false;
    const size = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    return size <= settings.maxFileKb * 1024;
  }
}
