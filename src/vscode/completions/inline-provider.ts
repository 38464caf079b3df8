import * as vscode from 'vscode';
import type { CompletionEngine, Logger } from '../../core';
import { enabledFor, readCompletionSettings } from './completion-settings';
import { cursorAt } from './cursor';
import { exclusionOf } from '../excluded-files';

/**
 * Documents of these schemes get suggestions; output panes, terminals, diff views and the like do not,
 * nor VS Code's profile files (`vscode-userdata`: user settings, keybindings, snippets), which the
 * exclusion below refuses whatever their scheme.
 */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-notebook-cell', 'vscode-vfs']);

/**
 * The adapter between VS Code's inline suggestions and the core engine: it decides when to stay quiet,
 * cuts the text around the cursor, and turns the cancellation token into an AbortSignal.
 * VS Code itself does not ask during an IME composition (since 1.96); the engine's debounce and
 * in-flight checks cover the edit that commits the composition.
 */
export class InlineProvider implements vscode.InlineCompletionItemProvider {
  constructor(private readonly engine: () => CompletionEngine | undefined, private readonly logger: Logger) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const engine = this.engine();
    const quiet = engine ? this.quietBecause(document, context) : 'no engine';
    if (quiet || !engine) {
      this.logger.debug(`inline completion: quiet (${quiet})`);
      return undefined;
    }
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const suggestion = await engine.complete(cursorAt(document, position, explicit), controller.signal);
      this.logger.debug(`inline completion: ${suggestion ? `${suggestion.source}, ${suggestion.text.length} chars` : token.isCancellationRequested ? 'cancelled' : 'none'}`);
      if (!suggestion || token.isCancellationRequested) return undefined;
      return [new vscode.InlineCompletionItem(suggestion.text, new vscode.Range(position, position))];
    } finally {
      subscription.dispose();
    }
  }

  /** Why to stay quiet (other panes, large files, a selection, the suggest widget), or '' to go on. */
  private quietBecause(document: vscode.TextDocument, context: vscode.InlineCompletionContext): string {
    if (!SCHEMES.has(document.uri.scheme)) return `scheme ${document.uri.scheme}`;
    // Before anything else: the text around the cursor of these files never leaves the machine.
    const exclusion = exclusionOf(document.uri);
    if (exclusion) return exclusion.kind === 'profile' ? 'a VS Code profile file' : `excluded by ${exclusion.glob}`;
    const settings = readCompletionSettings();
    if (!settings.enabled) return 'turned off';
    if (!enabledFor(settings, document.languageId)) return `off for ${document.languageId}`;
    if (context.selectedCompletionInfo) return 'suggest widget open';
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === document && (editor.selections.length > 1 || !editor.selection.isEmpty)) return 'selection';
    const size = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    return size > settings.maxFileKb * 1024 ? 'large file' : '';
  }
}
