import * as vscode from 'vscode';
import type { RelayError } from '../../core';
import type { ClientService } from '../client-service';
import { describeError } from '../error-text';

export interface ModelPickerOptions {
  title: string;
  /** Marked "current" and preselected. */
  current: string;
  /** Rows above the relay's models (e.g. "Automatic"). */
  first?: vscode.QuickPickItem[];
}

/**
 * A quick pick of the relay's `GET /models` (loaded with progress), where any typed name may be
 * used too. Resolves with the chosen label, or undefined when dismissed.
 */
export async function pickModel(service: ClientService, options: ModelPickerOptions): Promise<string | undefined> {
  const first = options.first ?? [];
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = options.title;
  pick.placeholder = vscode.l10n.t('Loading models from the relay…');
  pick.busy = true;
  pick.matchOnDescription = true;
  pick.items = first;
  const typed = (value: string): vscode.QuickPickItem => ({ label: value, description: vscode.l10n.t('use this name') });
  let listed: vscode.QuickPickItem[] = [...first];
  pick.onDidChangeValue((value) => {
    // Free text: offer exactly what was typed when no listed model matches it.
    const v = value.trim();
    pick.items = v && !listed.some((i) => i.label === v) ? [typed(v), ...listed] : listed;
  });
  const chosen = new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined)));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.show();
  service.use((client) => client.listModels({ refresh: true })).then((models) => {
    listed = [...first, ...models.map((m) => ({ label: m, ...(m === options.current ? { description: vscode.l10n.t('current') } : {}) }))];
    pick.items = listed;
    pick.activeItems = listed.filter((i) => i.label === options.current);
    pick.placeholder = models.length
      ? vscode.l10n.t('Pick a model, or type any model name')
      : vscode.l10n.t('The relay listed no models: type a model name');
  }, (e: RelayError) => {
    pick.placeholder = vscode.l10n.t('Could not list models ({0}): type a model name', describeError(e).message);
  }).finally(() => (pick.busy = false));
  const result = await chosen;
  pick.dispose();
  return result;
}
