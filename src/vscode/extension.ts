import * as vscode from 'vscode';
import type { DiagnosticReport } from '../core';
import { ClientService } from './client-service';
import { clearApiKey, setApiKey, type KeyArgs } from './commands/api-key';
import { selectEndpoint } from './commands/select-endpoint';
import { selectModel } from './commands/select-model';
import { showStatusMenu } from './commands/status-menu';
import { testConnection } from './commands/test-connection';
import { moveKeyFromSettings, warnAboutKeyInSettings } from './key-migration';
import { KeyStore } from './keys';
import { channelLogger } from './log';
import { ReportDocuments } from './report';
import { StatusBar } from './status-bar';

/** What activate() returns: facts for tests and other extensions. Never a key. */
export interface RelayChatApi {
  activationMs: number;
  statusBarText(): string;
  lastReport(): DiagnosticReport | undefined;
  hasApiKey(providerId?: string): Promise<boolean>;
}

export function activate(context: vscode.ExtensionContext): RelayChatApi {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Relay Chat', { log: true });
  const logger = channelLogger(channel);
  const keys = new KeyStore(context.secrets);
  const service = new ClientService(keys, logger);
  const status = new StatusBar(service);
  const documents = new ReportDocuments();
  let lastReport: DiagnosticReport | undefined;

  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    channel, keys, service, status,
    vscode.workspace.registerTextDocumentContentProvider(ReportDocuments.scheme, documents),
    command('relayChat.setApiKey', (args?: KeyArgs) => setApiKey(keys, args)),
    command('relayChat.clearApiKey', (args?: KeyArgs) => clearApiKey(keys, args)),
    command('relayChat.selectModel', (model?: string) => selectModel(service, model)),
    command('relayChat.selectEndpoint', (url?: string) => selectEndpoint(url)),
    command('relayChat.testConnection', async () => (lastReport = await testConnection(service, documents))),
    command('relayChat.showLogs', () => channel.show()),
    command('relayChat.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:relay-chat.relay-chat')),
    command('relayChat.statusMenu', () => showStatusMenu()),
    command('relayChat.moveKeyFromSettings', () => moveKeyFromSettings(keys)),
    command('relayChat.showVersion', () => context.extension.packageJSON.version as string),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('relayChat.apiKey')) void warnAboutKeyInSettings(keys, context.globalState);
    }),
  );
  // Not on the activation path: a look at settings.json for a pasted key.
  setTimeout(() => void warnAboutKeyInSettings(keys, context.globalState), 0);

  const activationMs = Math.round((performance.now() - started) * 100) / 100;
  logger.info(`Relay Chat ${context.extension.packageJSON.version as string} activated in ${activationMs} ms`);
  return {
    activationMs,
    statusBarText: () => status.text,
    lastReport: () => lastReport,
    hasApiKey: async (providerId?: string) => Boolean(await keys.get(providerId)),
  };
}

export function deactivate(): void {}
