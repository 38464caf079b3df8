import * as vscode from 'vscode';
import type { ChatModelInfo } from '../../core';

const count = (n: number) => n.toLocaleString(vscode.env.language);

/**
 * The model picker's tooltip: where the model runs and its limits, and whether those are assumed. Whole
 * sentences per case, so each language keeps its own punctuation (Japanese and Chinese end with 。).
 */
export function modelTooltip(info: ChatModelInfo, host: string | undefined): string {
  const args = [info.id, host ?? '—', count(info.maxInputTokens), count(info.maxOutputTokens)];
  return info.limitsFrom === 'default'
    ? vscode.l10n.t('{0} through Relay Chat ({1}). Up to {2} tokens in, {3} out (the relay does not say; assumed).', ...args)
    : vscode.l10n.t('{0} through Relay Chat ({1}). Up to {2} tokens in, {3} out.', ...args);
}
