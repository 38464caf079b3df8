import * as vscode from 'vscode';
import type { CompletionMode } from '../../core';
import { SECTION } from '../settings';

export interface CompletionSettings {
  enabled: boolean;
  /** Per language id, with `*` for the rest (like `github.copilot.enable`). */
  languages: Record<string, boolean>;
  /** '' = pick a cheap, fast model from the relay's list. */
  model: string;
  mode: CompletionMode;
  dailyBudgetUsd: number;
  maxFileKb: number;
}

export const COMPLETIONS = `${SECTION}.completions`;

export function readCompletionSettings(): CompletionSettings {
  const c = vscode.workspace.getConfiguration(COMPLETIONS);
  const num = (key: string, fallback: number) => {
    const v = c.get<number>(key);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  const mode = c.get<string>('mode');
  return {
    enabled: c.get<boolean>('enabled') ?? true,
    languages: c.get<Record<string, boolean>>('languages') ?? {},
    model: (c.get<string>('model') ?? '').trim(),
    mode: mode === 'fim' || mode === 'chat' ? mode : 'auto',
    dailyBudgetUsd: num('dailyBudget', 0),
    maxFileKb: num('maxFileSizeKb', 512),
  };
}

export function enabledFor(settings: CompletionSettings, languageId: string): boolean {
  return settings.languages[languageId] ?? settings.languages['*'] ?? true;
}

/** User settings: turning completions off is a personal choice, not a workspace's. */
export async function writeCompletionSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(COMPLETIONS).update(key, value, vscode.ConfigurationTarget.Global);
}
