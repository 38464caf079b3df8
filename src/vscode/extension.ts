import * as vscode from 'vscode';
import type { DiagnosticReport } from '../core';
import * as path from 'node:path';
import { ChatStore, QuirkMemory, SHARED_KEYS, SharedStateFile, moveLegacyState, sharedQuirkStore, type SharedStore } from '../core';
import { ChatController } from './chat/chat-controller';
import { CHAT_VIEW_ID, ChatViewProvider } from './chat/chat-view';
import { ClientService } from './client-service';
import { registerCompletionCommands } from './completions/completion-commands';
import { CompletionController } from './completions/completion-controller';
import { CompletionNotices } from './completions/completion-notices';
import { CompletionStatus } from './completions/completion-status';
import { InlineProvider } from './completions/inline-provider';
import { clearApiKey, setApiKey, type KeyArgs } from './commands/api-key';
import { explain } from './commands/explain';
import { selectEndpoint } from './commands/select-endpoint';
import { selectModel } from './commands/select-model';
import { showStatusMenu } from './commands/status-menu';
import { testConnection } from './commands/test-connection';
import { moveKeyFromSettings, warnAboutKeyInSettings } from './key-migration';
import { activationTimes } from './activation-time';
import { AnswerRecorder } from './answer-recorder';
import { DEFAULT_PROVIDER, KeyStore } from './keys';
import { registerRelayModels } from './lm/register';
import { channelLogger } from './log';
import { learnProfileFolder } from './excluded-files';
import { ReportDocuments } from './report';
import { readSettings } from './settings';
import { StatusBar } from './status-bar';
import { TrustPolicy } from './trust';
import { UsageService } from './usage/usage-service';

/**
 * What activate() returns in test mode only (see TrustPolicy): facts and handles for the integration
 * tests. Never a key; in Development and Production activate() returns undefined.
 */
export interface RelayChatApi {
  /** From the bundle's first statement to the end of activate(): module loading included. */
  activationMs: number;
  /** vscode.ExtensionMode the host runs the extension in (always Test where this API exists). */
  extensionMode: vscode.ExtensionMode;
  statusBarText(): string;
  lastReport(): DiagnosticReport | undefined;
  /** Whether a key is stored for the origin of `baseUrl` (default: the current base URL). */
  hasApiKey(baseUrl?: string): Promise<boolean>;
  /** The extension's secret storage and the key move run at activation (tests plant old-format keys). */
  secrets: vscode.SecretStorage;
  moveLegacyKeys(): Promise<void>;
  /** The chat controller (tests drive and inspect conversations through it). */
  chat: ChatController;
  /** Where every answer, the panel's and `vscode.lm`'s, is counted. */
  answers: AnswerRecorder;
  /** Usage and cost of every request, the monthly budget, and the Usage view's source. */
  usage: UsageService;
  /** The status bar's tooltip as Markdown text. */
  statusBarTooltip(): string;
  /** Where chats are stored. */
  chatFolder: string;
  /** The folder of the extension's logs: "Relay Chat.log" is the Relay Chat output channel. */
  logUri: vscode.Uri;
  /** The state every window shares (tests read what it keeps, e.g. the request quirks). */
  sharedState: SharedStore;
  /** ms from the panel being resolved to its webview being ready, once opened. */
  panelOpenMs(): number | undefined;
  /** Inline completions: the provider (tests call it as VS Code does), state and status bar text. */
  completions: {
    provider: InlineProvider;
    controller: CompletionController;
    statusText(): string;
    statusTooltip(): string;
    noticesShown(): number;
  };
}

export function activate(context: vscode.ExtensionContext): RelayChatApi | undefined {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Relay Chat', { log: true });
  const logger = channelLogger(channel);
  learnProfileFolder(context.globalStorageUri);
  const trust = new TrustPolicy(context.extensionMode === vscode.ExtensionMode.Test);
  const keys = new KeyStore(context.secrets);
  const moveLegacyKeys = () => keys.moveLegacyKeys([{ id: DEFAULT_PROVIDER, baseUrl: readSettings().baseUrl }, ...readSettings().fallbackProviders], logger);
  void moveLegacyKeys();
  // What must hold in every window (see SHARED_KEYS): globalState is per window in some hosts.
  const shared = new SharedStateFile(path.join(context.globalStorageUri.fsPath, 'shared'), { onError: (e) => logger.warn(`shared state: ${e.message}`) });
  shared.watch();
  const quirks = new QuirkMemory(sharedQuirkStore(shared), (e) => logger.warn(`request quirks: ${e instanceof Error ? e.message : String(e)}`));
  context.subscriptions.push(quirks);
  const service = new ClientService(keys, logger, quirks);
  void moveLegacyState({ get: (key) => context.globalState.get(key), set: (key, value) => context.globalState.update(key, value) }, shared)
    .then((moved) => moved.length > 0 && logger.info(`moved ${moved.join(', ')} from this window's globalState to the shared state file`), () => undefined);
  // Earlier versions also counted completions in a per-window ledger here; the usage files hold every count now.
  void Promise.resolve(context.globalState.update('relayChat.completionUsage', undefined)).catch(() => undefined);
  const usage = new UsageService(path.join(context.globalStorageUri.fsPath, 'usage'), shared, logger);
  const status = new StatusBar(service, usage);
  const documents = new ReportDocuments();
  let lastReport: DiagnosticReport | undefined;
  const chatFolder = path.join(context.globalStorageUri.fsPath, 'chats');
  const chat = new ChatController(new ChatStore(chatFolder), service, logger);
  chat.requestGate = usage.gate;
  const answers = new AnswerRecorder(logger);
  closeChat = async () => {
    await chat.close();
    await usage.close();
  };
  const panel = new ChatViewProvider(context.extensionUri, chat, logger, usage);
  const completions = new CompletionController(service, keys, context.globalState, shared, logger, usage);
  const completionStatus = new CompletionStatus(completions);
  const notices = new CompletionNotices(completions);
  const inline = new InlineProvider(() => completions.engine, logger);

  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    channel, { dispose: () => shared.dispose() }, keys, service, usage, status, chat, panel, completions, completionStatus, notices,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, panel),
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, inline),
    ...registerCompletionCommands(completions, service, trust),
    command('relayChat.openChat', async () => {
      await panel.reveal();
      panel.post({ type: 'focus' });
    }),
    command('relayChat.newChat', async () => {
      await panel.reveal();
      chat.newChat();
    }),
    command('relayChat.explainSelection', () => explain(chat, panel)),
    command('relayChat.explainFile', async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) editor.selection = new vscode.Selection(editor.selection.active, editor.selection.active);
      await explain(chat, panel, editor);
    }),
    command('relayChat.stop', () => chat.stop()),
    vscode.workspace.registerTextDocumentContentProvider(ReportDocuments.scheme, documents),
    command('relayChat.setApiKey', (args?: KeyArgs) => setApiKey(keys, trust.args(args))),
    command('relayChat.clearApiKey', (args?: KeyArgs) => clearApiKey(keys, trust.args(args))),
    command('relayChat.selectModel', (model?: string) => selectModel(service, trust.args(model))),
    command('relayChat.selectEndpoint', (url?: string) => selectEndpoint(keys, trust.args(url))),
    command('relayChat.testConnection', async () => {
      lastReport = await testConnection(service, documents, completions.engine);
      if (lastReport?.steps.some((s) => s.id === 'models' && s.outcome !== 'fail')) void completions.relayReachable('Test Connection reached the relay');
      return lastReport;
    }),
    command('relayChat.showLogs', () => channel.show()),
    command('relayChat.showUsage', async () => {
      await panel.reveal();
      panel.post({ type: 'showUsage' });
    }),
    command('relayChat.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:relay-chat.relay-chat')),
    command('relayChat.statusMenu', () => showStatusMenu()),
    command('relayChat.moveKeyFromSettings', () => moveKeyFromSettings(keys)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('relayChat.apiKey')) void warnAboutKeyInSettings(keys, context.globalState);
    }),
    answers, chat.onDidCountAnswer(({ model, stats, source }) => answers.record({ origin: 'panel', source, model, stats })),
    answers.onDidRecord((answer) => usage.recordAnswer(answer)),
    // An answer came back: the relay is reachable (a completion model not chosen yet is chosen now).
    answers.onDidRecord(() => void completions.relayReachable('a chat answer arrived')),
  );
  // A request quirk learnt in another window (a model whose relay refuses tools) changes what the models offer here.
  const quirksLearnt = (listener: () => void) => shared.onChange((changed) => changed.includes(SHARED_KEYS.requestQuirks) && listener());
  const relayModels = registerRelayModels(service, keys, answers, logger, usage.gate, quirksLearnt);
  if (relayModels) context.subscriptions.push(relayModels);
  // Not on the activation path: a look at settings.json for a pasted key.
  setTimeout(() => void warnAboutKeyInSettings(keys, context.globalState), 0);

  const { totalMs: activationMs, loadingMs } = activationTimes(started);
  logger.info(`Relay Chat ${context.extension.packageJSON.version as string} activated in ${activationMs} ms (${loadingMs} ms of it loading the bundle)`);
  logger.info(`Extension mode: ${modeName(context.extensionMode)}; command arguments and the extension API ${trust.testMode ? 'enabled' : 'disabled'}`);
  // Test-only command (the activation suite checks the host loaded this build).
  if (trust.testMode) context.subscriptions.push(command('relayChat.showVersion', () => context.extension.packageJSON.version as string));
  return trust.exports(() => ({
    activationMs,
    extensionMode: context.extensionMode,
    statusBarText: () => status.text,
    lastReport: () => lastReport,
    hasApiKey: async (baseUrl = readSettings().baseUrl) => Boolean(await keys.get(baseUrl)),
    secrets: context.secrets,
    moveLegacyKeys,
    chat,
    answers,
    usage,
    statusBarTooltip: () => status.tooltipText,
    chatFolder,
    logUri: context.logUri,
    sharedState: shared,
    panelOpenMs: () => panel.lastOpenMs,
    completions: {
      provider: inline, controller: completions,
      statusText: () => completionStatus.text, statusTooltip: () => completionStatus.tooltipText, noticesShown: () => notices.shown,
    },
  }));
}

function modeName(mode: vscode.ExtensionMode): string {
  return ({ [vscode.ExtensionMode.Production]: 'Production', [vscode.ExtensionMode.Development]: 'Development', [vscode.ExtensionMode.Test]: 'Test' } as Record<number, string>)[mode] ?? String(mode);
}

/** Set by activate: what deactivation must finish (the chat writes still pending). */
let closeChat: (() => Promise<void>) | undefined;

/** VS Code awaits this: the answer in flight is stopped and saved, and every pending write is on disk. */
export async function deactivate(): Promise<void> {
  await closeChat?.();
}
