import * as vscode from 'vscode';
import type { ChatModelInfo } from '../../core';

const count = (n: number) => n.toLocaleString(vscode.env.language);

/** The model picker's tooltip: where the model runs and its limits, and whether those are assumed. */
export function modelTooltip(info: ChatModelInfo, host: string | undefined): string {
  const where = host ? vscode.l10n.t('{0} through Relay Chat ({1})', info.id, host) : vscode.l10n.t('{0} through Relay Chat', info.id);
  const limits = vscode.l10n.t('Up to {0} tokens in, {1} out.', count(info.maxInputTokens), count(info.maxOutputTokens));
  return info.limitsFrom === 'default' ? `${where}. ${limits} ${vscode.l10n.t('(The relay does not say; assumed.)')}` : `${where}. ${limits}`;
}
