import * as vscode from 'vscode';
import { LmAccessGate, SETTING_DEFAULTS, UNNAMED_CALLER, type AccessAnswer, type Logger, type RememberedAccess } from '../../core';
import { baseUrlHost, readSettings, SECTION } from '../settings';
import { accessRefusedError, unnamedRefusedError } from './lm-errors';

/** Where the user's answers live (`relayChat.` + this): extension id → allowed. */
export const ACCESS_SETTING = 'languageModels.extensionAccess';

/**
 * The answers from the user's own settings only: the setting is application-scoped, and it is read
 * at user level explicitly so that a workspace (a cloned repository's settings) can never grant an
 * extension the user's key.
 */
function rememberedAccess(): RememberedAccess {
  const value = vscode.workspace.getConfiguration(SECTION).inspect<RememberedAccess>(ACCESS_SETTING)?.globalValue;
  return value && typeof value === 'object' ? value : SETTING_DEFAULTS[ACCESS_SETTING];
}

/** The name the user knows an extension by, from its manifest; its id when it has none. */
export function extensionName(extensionId: string): string {
  const displayName: unknown = vscode.extensions.getExtension(extensionId)?.packageJSON?.displayName;
  return typeof displayName === 'string' && displayName ? displayName : extensionId;
}

async function askUser(extensionId: string, logger: Logger): Promise<AccessAnswer> {
  logger.info(`${extensionId} asks to use the relay's models through vscode.lm: asking the user, nothing is sent meanwhile`);
  const allow = vscode.l10n.t('Allow');
  const deny = vscode.l10n.t('Don\'t Allow');
  const { baseUrl } = readSettings();
  const host = baseUrlHost(baseUrl) ?? baseUrl;
  const question = extensionId === UNNAMED_CALLER
    ? vscode.l10n.t('A caller that does not give its name wants to use Relay Chat\'s models. Its requests go to {0} and are billed to your relay key. Your answer holds for this request only.', host)
    : vscode.l10n.t('The extension {0} ({1}) wants to use Relay Chat\'s models. Its requests go to {2} and are billed to your relay key.', extensionName(extensionId), extensionId, host);
  const choice = await vscode.window.showWarningMessage(question, allow, deny);
  const answer: AccessAnswer = choice === allow ? 'allow' : choice === deny ? 'deny' : 'dismissed';
  logger.info(`the user answered ${answer} for ${extensionId} using the relay's models`);
  return answer;
}

async function remember(extensionId: string, allowed: boolean, logger: Logger): Promise<void> {
  try {
    await vscode.workspace.getConfiguration(SECTION).update(ACCESS_SETTING, { ...rememberedAccess(), [extensionId]: allowed }, vscode.ConfigurationTarget.Global);
  } catch (e) {
    // The answer still holds for the requests waiting on it; the user is asked again next time.
    logger.warn(`could not remember the answer for ${extensionId} in relayChat.${ACCESS_SETTING}: ${(e as Error).message}`);
  }
}

/** Asks the user, once per extension, before another extension's requests spend their relay credit. */
export function extensionAccessGate(logger: Logger): LmAccessGate {
  return new LmAccessGate({
    remembered: rememberedAccess,
    ask: (extensionId) => askUser(extensionId, logger),
    remember: (extensionId, allowed) => remember(extensionId, allowed, logger),
  });
}

/**
 * Lets a request of `initiator` go on once it may: true then; false when its caller cancelled while the
 * user was being asked (the request ends, nothing sent). Throws NoPermissions when refused.
 */
export async function admitRequest(gate: LmAccessGate, initiator: string | undefined, signal: AbortSignal, logger: Logger): Promise<boolean> {
  const admission = await gate.admit(initiator, signal);
  if (admission === 'allowed') return true;
  const extensionId = initiator ?? UNNAMED_CALLER;
  if (admission === 'cancelled') {
    logger.info(`${extensionId} cancelled its request while the user was being asked; nothing sent`);
    return false;
  }
  logger.info(`refused ${extensionId} the relay's models (${admission === 'denied' ? `relayChat.${ACCESS_SETTING}` : 'question dismissed'}); nothing sent`);
  if (initiator === undefined) throw unnamedRefusedError();
  throw accessRefusedError(extensionName(extensionId), extensionId, admission === 'dismissed');
}
