import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { isRelayError } from '../core';
import { describeError } from './error-text';
import type { KeyStore } from './keys';
import { SECTION, readSettings } from './settings';

const WARNED = 'relayChat.warnedKeyInSettings';

function keyInSettings(): { value: string; targets: vscode.ConfigurationTarget[] } | undefined {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('apiKey');
  if (!inspected) return undefined;
  const places: [string | undefined, vscode.ConfigurationTarget][] = [
    [inspected.globalValue, vscode.ConfigurationTarget.Global],
    [inspected.workspaceValue, vscode.ConfigurationTarget.Workspace],
    [inspected.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
  ];
  const found = places.filter(([v]) => typeof v === 'string' && v.trim());
  const first = found[0]?.[0];
  return first ? { value: first, targets: found.map(([, t]) => t) } : undefined;
}

/**
 * Moves a key found in settings.json to SecretStorage, as the key of the current base URL's origin
 * (the host the key was entered for), and removes it from every settings scope. Returns that origin.
 */
export async function moveKeyFromSettings(keys: KeyStore): Promise<string | undefined> {
  const found = keyInSettings();
  if (!found) return undefined;
  const origin = await keys.set(found.value, readSettings().baseUrl);
  for (const target of found.targets) await vscode.workspace.getConfiguration(SECTION).update('apiKey', undefined, target);
  return origin;
}

/** Warns once per key value when a key sits in plain-text settings, and offers to move it. */
export async function warnAboutKeyInSettings(keys: KeyStore, memento: vscode.Memento): Promise<void> {
  const found = keyInSettings();
  if (!found) return;
  const fingerprint = createHash('sha256').update(found.value).digest('hex').slice(0, 16);
  if (memento.get<string>(WARNED) === fingerprint) return;
  await memento.update(WARNED, fingerprint);
  const move = vscode.l10n.t('Move to Secret Storage');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('An API key is stored in plain text in settings.json. Move it to VS Code\'s secret storage?'), move,
  );
  if (choice !== move) return;
  const origin = await moveKeyFromSettings(keys).catch((e: Error) => void vscode.window.showErrorMessage(isRelayError(e) ? describeError(e).message : e.message));
  if (origin) void vscode.window.showInformationMessage(vscode.l10n.t('The API key was moved to secret storage, as the key for {0}, and removed from settings.', origin));
}
