import * as vscode from 'vscode';
import { isContextExceeded, type LmUnsupported, type RelayError } from '../../core';
import { describeError, relaySaid } from '../error-text';
import type { BadToolCall } from './lm-answer';

/**
 * A relay error as the caller of `vscode.lm` receives it: a LanguageModelError with the sentence the
 * panel would show (a missing key names the command that sets it). Key problems are NoPermissions and
 * an unknown model NotFound, so callers can tell them apart by `code`.
 */
export function languageModelError(error: RelayError, model: string): Error {
  const { message } = describeError(error);
  // Agents trim their context by our token counts and the model's input limit: when the relay still
  // finds it too long, the caller is told in those words, so it can trim more and ask again.
  if (isContextExceeded(error)) {
    return new vscode.LanguageModelError(vscode.l10n.t('The conversation is longer than the context window of {0}: the relay refused it as too long. Shorten it (fewer files or tool results) and ask again.', model) + relaySaid(error.params.detail));
  }
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

/** A request the model cannot take (nothing was sent, nothing billed). */
export function unsupportedInputError(what: LmUnsupported, model: string, detail = ''): Error {
  switch (what) {
    case 'tools':
      return new vscode.LanguageModelError(vscode.l10n.t('{0} cannot call tools (its relay does not offer them for it). Ask without tools, or pick a model that calls tools for agent mode.', model));
    case 'images':
      return new vscode.LanguageModelError(vscode.l10n.t('{0} reads text only: remove the image, or pick a model that reads images. Nothing was sent.', model));
    case 'imageFormat':
      return new vscode.LanguageModelError(vscode.l10n.t('Relays take PNG, JPEG, GIF and WebP images; this one is {0}. Convert it and try again. Nothing was sent.', detail));
  }
}

/** The relay said the model takes no tools: learnt, so the model is offered without them from now on. */
export function toolsRefusedError(model: string, error: RelayError): Error {
  return new vscode.LanguageModelError(vscode.l10n.t('The relay does not let {0} call tools. It is offered without tools from now on; pick another model for agent mode.', model) + relaySaid(error.params.detail));
}

/** The model called a tool with arguments that are no JSON object: the answer ended there. */
export function badToolCallError(model: string, bad: BadToolCall): Error {
  return new vscode.LanguageModelError(bad.problem === 'notJson'
    ? vscode.l10n.t('{0} called the tool {1} with arguments that are not valid JSON ({2}). The call was not made; ask again.', model, bad.call.name, bad.detail)
    : vscode.l10n.t('{0} called the tool {1} with arguments that are not a JSON object. The call was not made; ask again.', model, bad.call.name));
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
