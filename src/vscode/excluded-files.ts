import * as vscode from 'vscode';
import { ExcludedFiles, SETTING_DEFAULTS, type Exclusion } from '../core';
import { SECTION } from './settings';

/** `relayChat.` + this: the user's list of files never to send. */
export const EXCLUDE_SETTING = 'completions.exclude';

/** This VS Code's user-data `User` folder, known from the extension's global storage inside it. */
let profileFolder: string | undefined;

/** Called once at activation: global storage is `<user data>/User/globalStorage/<extension id>`. */
export function learnProfileFolder(globalStorageUri: vscode.Uri): void {
  const user = vscode.Uri.joinPath(globalStorageUri, '..', '..');
  profileFolder = user.scheme === 'file' ? user.fsPath : user.path;
}

/**
 * The list in force for `uri`: the user's own (their default when they set none; empty if they emptied
 * it) and whatever a workspace or folder adds. A cloned repository can never take a pattern away.
 */
function excludeGlobs(uri: vscode.Uri): unknown[] {
  const inspected = vscode.workspace.getConfiguration(SECTION, uri).inspect<unknown>(EXCLUDE_SETTING);
  const list = (value: unknown) => (Array.isArray(value) ? value as unknown[] : []);
  const user = inspected?.globalValue === undefined ? SETTING_DEFAULTS[EXCLUDE_SETTING] : list(inspected.globalValue);
  return [...user, ...list(inspected?.workspaceValue), ...list(inspected?.workspaceFolderValue)];
}

let cached: { key: string; files: ExcludedFiles } | undefined;

/** Why the file at `uri` may not be sent to the relay, or undefined when it may. */
export function exclusionOf(uri: vscode.Uri): Exclusion | undefined {
  const globs = excludeGlobs(uri);
  const key = JSON.stringify([profileFolder, globs]);
  // Asked on every keystroke: the patterns are compiled again only when the list changes.
  if (cached?.key !== key) cached = { key, files: new ExcludedFiles(globs, profileFolder) };
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  return cached.files.exclusion({
    scheme: uri.scheme,
    path: uri.scheme === 'file' ? uri.fsPath : uri.path,
    ...(inWorkspace ? { relativePath: vscode.workspace.asRelativePath(uri, false) } : {}),
  });
}

/** The sentence that says which file was not sent and why (and, for the list, the setting to change). */
export function exclusionMessage(uri: vscode.Uri, exclusion: Exclusion): string {
  const name = uri.path.split('/').pop() || uri.path;
  return exclusion.kind === 'profile'
    ? vscode.l10n.t('Relay Chat does not send {0} to the relay: it is one of VS Code\'s own profile files (settings, keybindings and the like), which can hold passwords and tokens.', name)
    : vscode.l10n.t('Relay Chat does not send {0} to the relay: it matches "{1}" in the setting relayChat.completions.exclude.', name, exclusion.glob);
}

/** Throws the sentence above when the file at `uri` may not be sent. */
export function refuseExcluded(uri: vscode.Uri): void {
  const exclusion = exclusionOf(uri);
  if (exclusion) throw new ExcludedFileError(exclusionMessage(uri, exclusion));
}

export class ExcludedFileError extends Error {}
