import * as vscode from 'vscode';
import { SETTING_DEFAULTS, type CompletionSettings } from '../../core';
import { SECTION, settingReader } from '../settings';

/**
 * The `relayChat.completions.*` settings: the engine's (CompletionSettings, with the model as the
 * user chose it) and where the editor offers completions at all.
 */
export interface EditorCompletionSettings extends CompletionSettings {
  enabled: boolean;
  /** Per language id, with `*` for the rest (like `github.copilot.enable`). */
  languages: Record<string, boolean>;
  /** '' = pick a cheap, fast model from the relay's list. */
  model: string;
  maxFileKb: number;
}

export const COMPLETIONS = `${SECTION}.completions`;

export function readCompletionSettings(): EditorCompletionSettings {
  const setting = settingReader(vscode.workspace.getConfiguration(COMPLETIONS), 'completions.');
  const mode = setting.value('completions.mode');
  return {
    enabled: setting.value('completions.enabled'),
    languages: setting.value('completions.languages'),
    model: setting.value('completions.model').trim(),
    mode: mode === 'fim' || mode === 'chat' ? mode : SETTING_DEFAULTS['completions.mode'],
    dailyBudgetUsd: setting.number('completions.dailyBudget'),
    maxFileKb: setting.number('completions.maxFileSizeKb'),
  };
}

export function enabledFor(settings: Pick<EditorCompletionSettings, 'languages'>, languageId: string): boolean {
  return settings.languages[languageId] ?? settings.languages['*'] ?? true;
}

/** User settings: turning completions off is a personal choice, not a workspace's. */
export async function writeCompletionSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(COMPLETIONS).update(key, value, vscode.ConfigurationTarget.Global);
}
