import * as vscode from 'vscode';

/** The status bar's click: the few things people look for when something is off. */
export async function showStatusMenu(): Promise<void> {
  const items: (vscode.QuickPickItem & { command: string })[] = [
    { label: `$(symbol-class) ${vscode.l10n.t('Select Model')}`, command: 'relayChat.selectModel' },
    { label: `$(pulse) ${vscode.l10n.t('Test Connection')}`, command: 'relayChat.testConnection' },
    { label: `$(key) ${vscode.l10n.t('Set API Key')}`, command: 'relayChat.setApiKey' },
    { label: `$(globe) ${vscode.l10n.t('Select Endpoint')}`, command: 'relayChat.selectEndpoint' },
    { label: `$(output) ${vscode.l10n.t('Show Logs')}`, command: 'relayChat.showLogs' },
    { label: `$(gear) ${vscode.l10n.t('Open Settings')}`, command: 'relayChat.openSettings' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Relay Chat') });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
