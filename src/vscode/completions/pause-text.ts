import * as vscode from 'vscode';
import type { PauseReason } from '../../core';

/** Why completions are paused, in a few words (status bar) and in a sentence (tooltip, notice). */
export function pauseLabel(reason: PauseReason): string {
  switch (reason) {
    case 'disabled': return vscode.l10n.t('off');
    case 'snoozed': return vscode.l10n.t('snoozed');
    case 'no-key': return vscode.l10n.t('no API key');
    case 'auth': return vscode.l10n.t('key rejected');
    case 'model': return vscode.l10n.t('model unavailable');
    case 'credit': return vscode.l10n.t('out of credit');
    case 'refused': return vscode.l10n.t('request refused');
    case 'rate-limited': return vscode.l10n.t('rate-limited');
    case 'offline': return vscode.l10n.t('relay unreachable');
    case 'budget': return vscode.l10n.t('daily budget reached');
    case 'month-budget': return vscode.l10n.t('monthly budget reached');
    case 'unusable': return vscode.l10n.t('answers unusable');
  }
}

export function minutesUntil(until: number | undefined): number {
  return until === undefined ? 0 : Math.max(1, Math.ceil((until - Date.now()) / 60_000));
}
