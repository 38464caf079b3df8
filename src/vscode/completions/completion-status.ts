import * as vscode from 'vscode';
import type { CompletionController } from './completion-controller';
import { readCompletionSettings } from './completion-settings';
import { minutesUntil, pauseLabel } from './pause-text';

/**
 * Inline completions in the status bar: on ($(sparkle)), off, or paused with the reason; the tooltip
 * has the model and today's requests, tokens and cost in all windows; a click opens the completions menu.
 */
export class CompletionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('relayChat.completions', vscode.StatusBarAlignment.Right, 99);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: CompletionController) {
    this.item.name = vscode.l10n.t('Relay Chat inline completions');
    this.item.command = 'relayChat.completionsMenu';
    this.subscription = controller.onDidChange(() => this.render());
    this.render();
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  get tooltipText(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? '';
  }

  private render(): void {
    const state = this.controller.state;
    const reason = state.reason;
    if (reason === null) this.item.text = '$(sparkle)';
    else if (reason === 'disabled') this.item.text = '$(circle-slash)';
    else this.item.text = `$(debug-pause) ${pauseLabel(reason)}`;
    this.item.backgroundColor = reason && reason !== 'disabled' && reason !== 'snoozed' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;

    const usage = this.controller.completionsToday();
    const budget = readCompletionSettings().dailyBudgetUsd;
    const tip = new vscode.MarkdownString(undefined, true);
    const stateText = reason === null ? vscode.l10n.t('on')
      : state.until !== undefined && reason !== 'budget' && reason !== 'month-budget' ? vscode.l10n.t('paused: {0} (about {1} min)', pauseLabel(reason), minutesUntil(state.until))
        : reason === 'disabled' ? vscode.l10n.t('off') : vscode.l10n.t('paused: {0}', pauseLabel(reason));
    tip.appendMarkdown(`**${vscode.l10n.t('Inline completions')}**: ${stateText}\n\n`);
    tip.appendMarkdown(`${vscode.l10n.t('Model')}: \`${this.controller.model}\`\n\n`);
    if (usage) {
      // Every window's completions: the daily budget counts them together.
      const cost = `$${usage.costUsd.toFixed(4)}${usage.estimated ? ` (${vscode.l10n.t('estimated')})` : ''}`;
      tip.appendMarkdown(`${vscode.l10n.t('Today: {0} requests, {1} tokens, {2}', usage.requests, usage.promptTokens + usage.completionTokens, cost)}\n\n`);
    }
    if (budget > 0) tip.appendMarkdown(`${vscode.l10n.t('Daily budget: ${0}', budget.toFixed(2))}\n\n`);
    tip.appendMarkdown(vscode.l10n.t('Click to turn on or off, snooze, or pick the model.'));
    this.item.tooltip = tip;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
