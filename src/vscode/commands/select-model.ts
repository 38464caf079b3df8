import * as vscode from 'vscode';
import type { RelayError } from '../../core';
import type { ClientService } from '../client-service';
import { describeError } from '../error-text';
import { readSettings, writeModel } from '../settings';

/**
 * "Relay Chat: Select Model": lists GET /models (with progress), lets the user type any name,
 * and writes the workspace setting. With an argument it sets that model directly.
 */
export async function selectModel(service: ClientService, model?: string): Promise<string | undefined> {
  if (typeof model === 'string' && model.trim()) {
    await writeModel(model.trim());
    return model.trim();
  }
  const current = readSettings().model;
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = vscode.l10n.t('Relay Chat: Select Model');
  pick.placeholder = vscode.l10n.t('Loading models from the relay…');
  pick.busy = true;
  pick.matchOnDescription = true;
  const typed = (value: string): vscode.QuickPickItem => ({ label: value, description: vscode.l10n.t('use this name') });
  let listed: vscode.QuickPickItem[] = [];
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
    listed = models.map((m) => ({ label: m, ...(m === current ? { description: vscode.l10n.t('current') } : {}) }));
    pick.items = listed;
    pick.activeItems = listed.filter((i) => i.label === current);
    pick.placeholder = models.length
      ? vscode.l10n.t('Pick a model, or type any model name')
      : vscode.l10n.t('The relay listed no models: type a model name');
  }, (e: RelayError) => {
    pick.placeholder = vscode.l10n.t('Could not list models ({0}): type a model name', describeError(e).message);
  }).finally(() => (pick.busy = false));
  const result = await chosen;
  pick.dispose();
  if (result) await writeModel(result);
  return result;
}
