import * as vscode from 'vscode';
import type { ClientService } from '../client-service';
import { pickModel } from '../commands/model-picker';
import type { TrustPolicy } from '../trust';
import type { CompletionController } from './completion-controller';
import { enabledFor, readCompletionSettings, writeCompletionSetting } from './completion-settings';

type Item = vscode.QuickPickItem & { run(): unknown };

/** The commands of inline completions; returns their registrations. */
export function registerCompletionCommands(controller: CompletionController, service: ClientService, trust: TrustPolicy): vscode.Disposable[] {
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    command('relayChat.toggleCompletions', () => writeCompletionSetting('enabled', !readCompletionSettings().enabled)),
    command('relayChat.snoozeCompletions', (minutes?: number) => snooze(controller, minutes)),
    command('relayChat.resumeCompletions', () => controller.resume()),
    command('relayChat.toggleCompletionsForLanguage', (languageId?: string) => toggleLanguage(languageId)),
    command('relayChat.selectCompletionModel', (model?: string) => selectCompletionModel(service, trust.args(model))),
    command('relayChat.completionsMenu', () => menu(controller)),
  ];
}

async function snooze(controller: CompletionController, minutes?: number): Promise<void> {
  if (typeof minutes !== 'number') {
    const options = [15, 60, 240].map((m) => ({ label: vscode.l10n.t('{0} minutes', m), minutes: m }));
    const picked = await vscode.window.showQuickPick(options, { title: vscode.l10n.t('Snooze inline completions for…') });
    if (!picked) return;
    minutes = picked.minutes;
  }
  // From a keybinding's or another extension's arguments: NaN, 0 and negative numbers snooze nothing.
  if (!(minutes > 0)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Snooze needs a number of minutes greater than 0, not {0}.', String(minutes)));
    return;
  }
  await controller.snooze(minutes);
}

async function toggleLanguage(languageId = vscode.window.activeTextEditor?.document.languageId): Promise<void> {
  if (!languageId) return;
  const languages = { ...readCompletionSettings().languages };
  languages[languageId] = !enabledFor({ languages }, languageId);
  await writeCompletionSetting('languages', languages);
}

async function selectCompletionModel(service: ClientService, model?: string): Promise<void> {
  if (typeof model === 'string') {
    await writeCompletionSetting('model', model.trim());
    return;
  }
  const automatic: vscode.QuickPickItem = { label: vscode.l10n.t('Automatic'), description: vscode.l10n.t('a cheap, fast model from the relay\'s list') };
  const current = readCompletionSettings().model;
  const result = await pickModel(service, { title: vscode.l10n.t('Relay Chat: Select Completion Model'), current: current || automatic.label, first: [automatic] });
  if (result !== undefined) await writeCompletionSetting('model', result === automatic.label ? '' : result);
}

async function menu(controller: CompletionController): Promise<void> {
  const settings = readCompletionSettings();
  const languageId = vscode.window.activeTextEditor?.document.languageId;
  const reason = controller.state.reason;
  const items: Item[] = [
    settings.enabled
      ? { label: `$(circle-slash) ${vscode.l10n.t('Turn inline completions off')}`, run: () => vscode.commands.executeCommand('relayChat.toggleCompletions') }
      : { label: `$(sparkle) ${vscode.l10n.t('Turn inline completions on')}`, run: () => vscode.commands.executeCommand('relayChat.toggleCompletions') },
    reason === 'snoozed' || reason === 'rate-limited' || reason === 'offline' || reason === 'unusable' || reason === 'credit' || reason === 'refused'
      ? { label: `$(debug-start) ${vscode.l10n.t('Resume now')}`, run: () => controller.resume() }
      : { label: `$(clock) ${vscode.l10n.t('Snooze…')}`, run: () => vscode.commands.executeCommand('relayChat.snoozeCompletions') },
    ...(languageId ? [{ label: `$(symbol-file) ${vscode.l10n.t('Turn on or off for {0}', languageId)}`, run: () => toggleLanguage(languageId) }] : []),
    { label: `$(symbol-class) ${vscode.l10n.t('Select Completion Model')}`, description: controller.model, run: () => vscode.commands.executeCommand('relayChat.selectCompletionModel') },
    { label: `$(gear) ${vscode.l10n.t('Completion Settings')}`, run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'relayChat.completions') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Relay Chat inline completions') });
  await picked?.run();
}
