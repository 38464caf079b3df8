import * as vscode from 'vscode';
import type { ConnectionStatus } from '../core';
import type { ClientService } from './client-service';
import { SECTION, baseUrlHost, readSettings } from './settings';
import { monthlyBudget, type UsageService } from './usage/usage-service';
import { budgetUnpricedText, totalsText, usd } from './usage/usage-text';

const ICON: Record<ConnectionStatus['state'], string> = {
  idle: '$(comment-discussion)', open: '$(comment-discussion)', closed: '$(comment-discussion)',
  connecting: '$(sync~spin)', streaming: '$(loading~spin)', reconnecting: '$(sync~spin)', offline: '$(debug-disconnect)',
};

/** Model, connection state and ping latency; a click opens the Relay Chat menu. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('relayChat.status', vscode.StatusBarAlignment.Right, 100);
  private status: ConnectionStatus | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `usage`: today's and this month's totals (every window's, kept running) and the budget, in the tooltip. */
  constructor(service: ClientService, private readonly usage?: Pick<UsageService, 'totals' | 'onDidChange'>) {
    this.item.name = vscode.l10n.t('Relay Chat');
    this.item.command = 'relayChat.statusMenu';
    this.subscriptions.push(
      service.onStatus((s) => {
        this.status = s;
        this.render();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) {
          this.status = undefined;
          this.render();
        }
      }),
    );
    if (usage) this.subscriptions.push(usage.onDidChange(() => this.render()));
    this.render();
    this.item.show();
  }

  /** What the status bar shows now (for tests and the UI check). */
  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const model = readSettings().model || vscode.l10n.t('no model');
    const state = this.status?.state ?? 'idle';
    const latency = this.status?.latencyMs !== undefined && (state === 'open' || state === 'streaming') ? ` · ${this.status.latencyMs} ms` : '';
    const label: Partial<Record<ConnectionStatus['state'], string>> = {
      connecting: vscode.l10n.t('connecting'), streaming: vscode.l10n.t('streaming'),
      reconnecting: vscode.l10n.t('reconnecting'), offline: vscode.l10n.t('offline'),
    };
    this.item.text = `${ICON[state]} ${model}${label[state] ? ` · ${label[state]}` : ''}${latency}`;
    this.item.backgroundColor = state === 'offline'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : state === 'reconnecting' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${vscode.l10n.t('Relay Chat')}** — ${model}\n\n`);
    const { baseUrl } = readSettings();
    tip.appendMarkdown(`${vscode.l10n.t('Endpoint')}: \`${baseUrlHost(baseUrl) ?? (baseUrl || '—')}\`\n\n`);
    tip.appendMarkdown(`${vscode.l10n.t('Connection')}: ${label[state] ?? vscode.l10n.t('ready')}${latency}\n\n`);
    if (this.usage) tip.appendMarkdown(this.usageText());
    tip.appendMarkdown(vscode.l10n.t('Click for model, connection test and logs.'));
    this.item.tooltip = tip;
  }

  /** What the tooltip says about spending (also for tests). */
  get tooltipText(): string {
    const tip = this.item.tooltip;
    return typeof tip === 'string' ? tip : tip?.value ?? '';
  }

  private usageText(): string {
    const report = this.usage?.totals();
    if (!report) return '';
    let text = `${vscode.l10n.t('Today')}: ${totalsText(report.today)}\n\n${vscode.l10n.t('This month')}: ${totalsText(report.monthTotals)}\n\n`;
    const budget = monthlyBudget();
    if (budget > 0) {
      const percent = Math.floor((report.monthTotals.costUsd / budget) * 100);
      text += `${vscode.l10n.t('Monthly budget: {0} of {1} ({2} %)', usd(report.monthTotals.costUsd), usd(budget), percent)}\n\n`;
      const unpriced = budgetUnpricedText(report.monthTotals.unpricedRequests);
      if (unpriced) text += `${unpriced}\n\n`;
    }
    return text;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

