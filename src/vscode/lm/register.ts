import * as vscode from 'vscode';
import type { Logger, RequestGate } from '../../core';
import type { AnswerRecorder } from '../answer-recorder';
import type { ClientService } from '../client-service';
import type { KeyStore } from '../keys';
import { extensionAccessGate } from './extension-access';
import { languageModelProviderApi } from './lm-api';
import { RelayModelProvider } from './relay-models';

/** The vendor under which the models appear; package.json's `languageModelChatProviders` names it too. */
export const LM_VENDOR = 'relay-chat';

/**
 * Offers the relay's models to VS Code's chat and to other extensions, where the host can take them
 * (VS Code 1.104 and later). Elsewhere nothing happens and nothing is shown: the panel works as ever.
 */
export function registerRelayModels(
  service: ClientService, keys: KeyStore, answers: AnswerRecorder, logger: Logger, requestGate?: RequestGate,
  /** Subscribes to quirks learnt in other windows (returns the unsubscribe function). */
  quirksLearnt?: (listener: () => void) => () => void,
): vscode.Disposable | undefined {
  const api = languageModelProviderApi();
  if (!api) {
    logger.debug(`This editor (${vscode.env.appName} ${vscode.version}) cannot take language model providers: the relay's models are in Relay Chat's panel only.`);
    return undefined;
  }
  const provider = new RelayModelProvider(service, keys, answers, extensionAccessGate(logger), logger, requestGate, quirksLearnt);
  return vscode.Disposable.from(api.registerLanguageModelChatProvider(LM_VENDOR, provider), provider);
}
