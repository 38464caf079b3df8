import * as vscode from 'vscode';
import { isPlaceholderKey } from '../../core';
import { DEFAULT_PROVIDER, type KeyStore } from '../keys';
import { readSettings } from '../settings';

export interface KeyArgs {
  /** Given by tests and other extensions: skips the prompt. */
  key?: string;
  providerId?: string;
}

/** Which provider profile: the primary endpoint, or a fallback provider by id. */
async function pickProvider(args: KeyArgs | undefined, title: string): Promise<string | undefined> {
  if (args?.providerId) return args.providerId;
  const fallbacks = readSettings().fallbackProviders;
  if (!fallbacks.length) return DEFAULT_PROVIDER;
  const picked = await vscode.window.showQuickPick(
    [{ label: vscode.l10n.t('Primary endpoint'), description: readSettings().baseUrl, id: DEFAULT_PROVIDER },
      ...fallbacks.map((p) => ({ label: p.id, description: p.baseUrl, id: p.id }))],
    { title },
  );
  return picked?.id;
}

export function validateKey(value: string): string | undefined {
  const v = value.trim();
  if (!v) return vscode.l10n.t('Enter the key from your relay\'s dashboard (or press Esc).');
  if (isPlaceholderKey(v)) return vscode.l10n.t('This is a placeholder from the documentation, not a real key.');
  return undefined;
}

/** "Relay Chat: Set API Key": a password box; the key goes to SecretStorage only. */
export async function setApiKey(keys: KeyStore, args?: KeyArgs): Promise<boolean> {
  const title = vscode.l10n.t('Relay Chat: Set API Key');
  const providerId = await pickProvider(args, title);
  if (!providerId) return false;
  const value = args?.key ?? await vscode.window.showInputBox({
    title, password: true, ignoreFocusOut: true, placeHolder: 'sk-…',
    prompt: vscode.l10n.t('Stored in VS Code\'s secret storage, never in settings or logs.'),
    validateInput: validateKey,
  });
  if (value === undefined) return false;
  const problem = validateKey(value);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return false;
  }
  await keys.set(value, providerId);
  const test = vscode.l10n.t('Test Connection');
  void vscode.window.showInformationMessage(vscode.l10n.t('API key saved.'), test).then((choice) => {
    if (choice === test) void vscode.commands.executeCommand('relayChat.testConnection');
  });
  return true;
}

/** "Relay Chat: Clear API Key", after a confirmation (skipped when called with a providerId). */
export async function clearApiKey(keys: KeyStore, args?: KeyArgs): Promise<boolean> {
  const providerId = await pickProvider(args, vscode.l10n.t('Relay Chat: Clear API Key'));
  if (!providerId) return false;
  if (!args?.providerId) {
    const clear = vscode.l10n.t('Clear');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove the stored API key?'), { modal: true }, clear);
    if (answer !== clear) return false;
  }
  await keys.delete(providerId);
  return true;
}
