import * as vscode from 'vscode';
import { CREDIT_RETRY_MS, type CompletionState, type PauseReason } from '../../core';
import { describeError, relaySaid } from '../error-text';
import type { CompletionController } from './completion-controller';
import { readCompletionSettings } from './completion-settings';
import { minutesUntil } from './pause-text';

/** Pauses the user caused or can fix; each is announced once per episode, never per keystroke. */
const ANNOUNCED: PauseReason[] = ['no-key', 'auth', 'model', 'credit', 'refused', 'rate-limited', 'offline', 'budget', 'unusable'];
/** These come and go by themselves (credit is tried again now and then): told once per session, then only the status bar says it. */
const ONCE_PER_SESSION: PauseReason[] = ['rate-limited', 'offline', 'credit'];

/** One clear notice with its fix when completions pause. */
export class CompletionNotices implements vscode.Disposable {
  private last: PauseReason | null = null;
  private readonly told = new Set<PauseReason>();
  private readonly subscription: vscode.Disposable;
  /** How many notices were shown (the UI test checks there is no storm). */
  shown = 0;

  constructor(private readonly controller: CompletionController) {
    this.subscription = controller.onDidChange(() => this.check(controller.state));
  }

  private check(state: CompletionState): void {
    const reason = state.reason;
    if (reason === this.last) return;
    this.last = reason;
    if (!reason || !ANNOUNCED.includes(reason)) return;
    if (ONCE_PER_SESSION.includes(reason) && this.told.has(reason)) return;
    this.told.add(reason);
    this.shown++;
    void this.show(reason, state);
  }

  private async show(reason: PauseReason, state: CompletionState): Promise<void> {
    const detail = state.error ? describeError(state.error).message : '';
    const setKey = vscode.l10n.t('Set API Key');
    const pickModel = vscode.l10n.t('Select Completion Model');
    const settings = vscode.l10n.t('Open Settings');
    const logs = vscode.l10n.t('Show Logs');
    let message: string;
    let actions: string[];
    switch (reason) {
      case 'no-key':
        message = vscode.l10n.t('Relay Chat inline completions are paused: no API key is set for this endpoint.');
        actions = [setKey];
        break;
      case 'auth':
        message = vscode.l10n.t('Relay Chat inline completions are paused: the relay rejected the API key. {0}', detail);
        actions = [setKey, logs];
        break;
      case 'model':
        message = state.error?.code === 'config'
          ? vscode.l10n.t('Relay Chat inline completions are paused: {0}', detail)
          : vscode.l10n.t('Relay Chat inline completions are paused: the model "{0}" does not exist on this relay (or the relay has no route for it).', this.controller.model) + relaySaid(state.error?.params.detail);
        actions = [pickModel, settings];
        break;
      case 'credit':
        message = vscode.l10n.t('Relay Chat inline completions are paused: your relay account is out of credit. Top up your balance at the relay; completions try again by themselves every {0} min, or choose Resume now in the completions menu.', CREDIT_RETRY_MS / 60_000)
          + relaySaid(state.error?.params.detail);
        actions = [logs];
        break;
      case 'refused':
        message = vscode.l10n.t('Relay Chat inline completions are paused: the relay refused the completion request for "{0}". {1}', this.controller.model, detail);
        actions = [pickModel, logs];
        break;
      case 'unusable':
        message = vscode.l10n.t('Relay Chat inline completions are paused: the last answers from "{0}" held no usable code (reasoning or prose only), and each one is billed. Choose another completion model.', this.controller.model);
        actions = [pickModel];
        break;
      case 'rate-limited':
        message = vscode.l10n.t('Relay Chat inline completions are paused for about {0} min: the relay is rate-limiting requests.', minutesUntil(state.until));
        actions = [logs];
        break;
      case 'offline':
        message = vscode.l10n.t('Relay Chat inline completions are paused: the relay cannot be reached. They retry by themselves. {0}', detail);
        actions = [vscode.l10n.t('Test Connection'), logs];
        break;
      default:
        message = vscode.l10n.t('Relay Chat inline completions are paused until tomorrow: today\'s completions in all VS Code windows together reached your daily budget of ${0}.', readBudget());
        actions = [settings];
    }
    const picked = await vscode.window.showWarningMessage(message, ...actions);
    if (picked === setKey) await vscode.commands.executeCommand('relayChat.setApiKey');
    else if (picked === pickModel) await vscode.commands.executeCommand('relayChat.selectCompletionModel');
    else if (picked === settings) await vscode.commands.executeCommand('workbench.action.openSettings', 'relayChat.completions');
    else if (picked === logs) await vscode.commands.executeCommand('relayChat.showLogs');
    else if (picked) await vscode.commands.executeCommand('relayChat.testConnection');
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function readBudget(): string {
  return readCompletionSettings().dailyBudgetUsd.toFixed(2);
}
