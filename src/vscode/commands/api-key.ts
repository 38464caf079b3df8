import * as vscode from 'vscode';
import { isPlaceholderKey } from '../../core';
import { DEFAULT_PROVIDER, keyOrigin, type ProviderEndpoint } from '../key-origin';
import type { KeyStore } from '../keys';
import { readSettings } from '../settings';

export interface KeyArgs {
  /** Given by the integration tests only (see TrustPolicy): skips the prompt. */
  key?: string;
  providerId?: string;
}

/** Which endpoint the key is for: the primary endpoint, or a fallback provider's. */
async function pickEndpoint(args: KeyArgs | undefined, title: string): Promise<ProviderEndpoint | undefined> {
  const s = readSettings();
  const endpoints: ProviderEndpoint[] = [{ id: DEFAULT_PROVIDER, baseUrl: s.baseUrl }, ...s.fallbackProviders];
  if (args?.providerId) return endpoints.find((e) => e.id === args.providerId);
  if (endpoints.length === 1) return endpoints[0];
  const picked = await vscode.window.showQuickPick(
    endpoints.map((e) => ({ label: e.id === DEFAULT_PROVIDER ? vscode.l10n.t('Primary endpoint') : e.id, description: keyOrigin(e.baseUrl) ?? e.baseUrl, endpoint: e })),
    { title },
  );
  return picked?.endpoint;
}

/** The origin the key is for; an invalid endpoint URL is reported (no key can belong to it). */
function originFor(endpoint: ProviderEndpoint): string | undefined {
  const origin = keyOrigin(endpoint.baseUrl);
  if (!origin) void vscode.window.showErrorMessage(vscode.l10n.t('The endpoint "{0}" is not a valid URL. Run "Relay Chat: Select Endpoint" first.', endpoint.baseUrl));
  return origin;
}

export function validateKey(value: string): string | undefined {
  const v = value.trim();
  if (!v) return vscode.l10n.t('Enter the key from your relay\'s dashboard (or press Esc).');
  if (isPlaceholderKey(v)) return vscode.l10n.t('This is a placeholder from the documentation, not a real key.');
  return undefined;
}

/** "Relay Chat: Set API Key": a password box naming the host the key is for; the key goes to SecretStorage only. */
export async function setApiKey(keys: KeyStore, args?: KeyArgs): Promise<boolean> {
  const endpoint = await pickEndpoint(args, vscode.l10n.t('Relay Chat: Set API Key'));
  const origin = endpoint && originFor(endpoint);
  if (!endpoint || !origin) return false;
  const value = args?.key ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Relay Chat: API Key for {0}', origin), password: true, ignoreFocusOut: true, placeHolder: 'sk-…',
    prompt: vscode.l10n.t('Sent only to {0}. Stored in VS Code\'s secret storage, never in settings or logs.', origin),
    validateInput: validateKey,
  });
  if (value === undefined) return false;
  const problem = validateKey(value);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return false;
  }
  await keys.set(value, endpoint.baseUrl);
  const test = vscode.l10n.t('Test Connection');
  void vscode.window.showInformationMessage(vscode.l10n.t('API key saved for {0}.', origin), test).then((choice) => {
    if (choice === test) void vscode.commands.executeCommand('relayChat.testConnection');
  });
  return true;
}

/** "Relay Chat: Clear API Key", after a confirmation (skipped when called with a providerId, in tests). */
export async function clearApiKey(keys: KeyStore, args?: KeyArgs): Promise<boolean> {
  const endpoint = await pickEndpoint(args, vscode.l10n.t('Relay Chat: Clear API Key'));
  if (!endpoint) return false;
  if (!args?.providerId) {
    const clear = vscode.l10n.t('Clear');
    const host = keyOrigin(endpoint.baseUrl) ?? endpoint.baseUrl;
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove the stored API key for {0}?', host), { modal: true }, clear);
    if (answer !== clear) return false;
  }
  await keys.delete(endpoint.baseUrl);
  return true;
}
