import * as vscode from 'vscode';

/** The status bar's click: the few things people look for when something is off. */
export async function showStatusMenu(): Promise<void> {
  const t = vscode.l10n.t;
  const items: (vscode.QuickPickItem & { command: string })[] = [
    { label: `$(symbol-class) ${t('Select Model')}`, command: 'relayChat.selectModel' },
    { label: `$(pulse) ${t('Test Connection')}`, command: 'relayChat.testConnection' },
    { label: `$(key) ${t('Set API Key')}`, command: 'relayChat.setApiKey' },
    { label: `$(globe) ${t('Select Endpoint')}`, command: 'relayChat.selectEndpoint' },
    { label: `$(output) ${t('Show Logs')}`, command: 'relayChat.showLogs' },
    { label: `$(gear) ${t('Open Settings')}`, command: 'relayChat.openSettings' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('Relay Chat') });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
