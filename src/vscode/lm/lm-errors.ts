import * as vscode from 'vscode';
import type { LmUnsupported, RelayError } from '../../core';
import { describeError } from '../error-text';

/**
 * A relay error as the caller of `vscode.lm` receives it: a LanguageModelError with the sentence the
 * panel would show (a missing key names the command that sets it). Key problems are NoPermissions and
 * an unknown model NotFound, so callers can tell them apart by `code`.
 */
export function languageModelError(error: RelayError): Error {
  const { message } = describeError(error);
  switch (error.code) {
    case 'config':
      return error.params.reason === 'missing_key' ? vscode.LanguageModelError.NoPermissions(message) : new vscode.LanguageModelError(message);
    case 'auth':
    case 'forbidden':
      return vscode.LanguageModelError.NoPermissions(message);
    case 'model_not_found':
      return vscode.LanguageModelError.NotFound(message);
    default:
      return new vscode.LanguageModelError(message);
  }
}

/** A request Relay Chat's models cannot take: they answer in text, from text. */
export function unsupportedInputError(what: LmUnsupported): Error {
  return new vscode.LanguageModelError(what === 'tools'
    ? vscode.l10n.t('Relay Chat\'s models cannot call tools or read tool results. Ask without tools, or pick another model for agent mode.')
    : vscode.l10n.t('Relay Chat\'s models read text only: remove the image, or pick a model that reads images.'));
}

/** Another extension the user did not let use Relay Chat's models (or not this time: they closed the question). */
export function accessRefusedError(name: string, extensionId: string, justThisTime: boolean): Error {
  return vscode.LanguageModelError.NoPermissions(justThisTime
    ? vscode.l10n.t('{0} ({1}) may not use Relay Chat\'s models this time: the question was closed without an answer. It will be asked again next time.', name, extensionId)
    : vscode.l10n.t('{0} ({1}) may not use Relay Chat\'s models: you did not allow it. To allow it, set "{1}" to true in the setting relayChat.languageModels.extensionAccess.', name, extensionId));
}

/** A request without a caller's name that the user did not let through (asked again next time). */
export function unnamedRefusedError(): Error {
  return vscode.LanguageModelError.NoPermissions(vscode.l10n.t('A caller that does not give its name may not use Relay Chat\'s models this time: you did not allow it. It will be asked again next time.'));
}
