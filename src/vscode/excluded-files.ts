import * as vscode from 'vscode';
import { ExcludedFiles, SETTING_DEFAULTS, type Exclusion, type InvalidGlob } from '../core';
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

/** Broken entries already shown in this window: each is told once, not on every keystroke. */
const toldInvalid = new Set<string>();

/** Tells the user once about each entry of the list that is no glob, and that it stops every file. */
function tellInvalid(files: ExcludedFiles): void {
  for (const invalid of files.invalid) {
    if (toldInvalid.has(invalid.glob)) continue;
    toldInvalid.add(invalid.glob);
    void vscode.window.showWarningMessage(vscode.l10n.t('The pattern "{0}" in the setting relayChat.completions.exclude is not a valid glob ({1}). Until it is fixed or removed, Relay Chat sends no file to the relay.', invalid.glob, invalidReason(invalid)));
  }
}

/** Why the entry is no glob, in the user's language. */
function invalidReason(invalid: InvalidGlob): string {
  if (invalid.problem === 'range') return vscode.l10n.t('the range {0} runs backwards', invalid.range ?? '');
  if (invalid.problem === 'size') return vscode.l10n.t('it is too long, or its braces make too many alternatives');
  return vscode.l10n.t('it cannot be read as a glob');
}

/** Why the file at `uri` may not be sent to the relay, or undefined when it may. */
export function exclusionOf(uri: vscode.Uri): Exclusion | undefined {
  const globs = excludeGlobs(uri);
  const key = JSON.stringify([profileFolder, globs]);
  // Asked on every keystroke: the patterns are compiled again only when the list changes.
  if (cached?.key !== key) {
    cached = { key, files: new ExcludedFiles(globs, profileFolder) };
    tellInvalid(cached.files);
  }
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
  if (exclusion.kind === 'glob' && exclusion.invalid !== undefined) {
    return vscode.l10n.t('Relay Chat does not send {0} to the relay: the pattern "{1}" in the setting relayChat.completions.exclude is not a valid glob ({2}), and until it is fixed or removed no file is sent.', name, exclusion.glob, invalidReason(exclusion.invalid));
  }
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
