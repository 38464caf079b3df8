import * as vscode from 'vscode';
import type { ConnectionStatus } from '../core';
import type { ClientService } from './client-service';
import { SECTION, baseUrlHost, readSettings } from './settings';

const ICON: Record<ConnectionStatus['state'], string> = {
  idle: '$(comment-discussion)', open: '$(comment-discussion)', closed: '$(comment-discussion)',
  connecting: '$(sync~spin)', streaming: '$(loading~spin)', reconnecting: '$(sync~spin)', offline: '$(debug-disconnect)',
};

/** Model, connection state and ping latency; a click opens the Relay Chat menu. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('relayChat.status', vscode.StatusBarAlignment.Right, 100);
  private status: ConnectionStatus | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(service: ClientService) {
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
    tip.appendMarkdown(vscode.l10n.t('Click for model, connection test and logs.'));
    this.item.tooltip = tip;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

