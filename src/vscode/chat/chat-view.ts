import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isPanelAction, isWebviewToHost, type HostToWebview } from '../../shared/protocol';
import type { Logger } from '../../core';
import type { ChatController } from './chat-controller';
import type { ChatSurface } from './chat-screen';
import { PanelActions } from './panel-actions';
import { BudgetDeclined } from '../usage/budget-prompt';
import { UsageFeed } from '../usage/usage-feed';
import type { UsageSource } from '../usage/usage-source';

export const CHAT_VIEW_ID = 'relayChat.chatView';

/**
 * The chat panel: a webview view with a strict CSP (nonce scripts, no remote content, local
 * resources only through asWebviewUri). Messages from it are validated before anything acts on them.
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, ChatSurface, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private queue: HostToWebview[] = [];
  /** ms from resolveWebviewView to the webview's `ready` (panel open time). */
  lastOpenMs: number | undefined;
  private readonly actions = new PanelActions((m) => this.post(m));
  /** The Usage view's numbers, while it is open (none without a usage source). */
  private readonly usageFeed: UsageFeed;

  constructor(private readonly extensionUri: vscode.Uri, private readonly controller: ChatController, private readonly logger: Logger, usage?: UsageSource) {
    this.usageFeed = new UsageFeed(usage, (m) => this.post(m), logger);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const started = performance.now();
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    view.webview.html = this.html(view.webview, dist);
    view.webview.onDidReceiveMessage((raw: unknown) => {
      if (!isWebviewToHost(raw)) {
        this.logger.warn('dropped a malformed message from the chat view');
        return;
      }
      if (raw.type === 'usageView') return this.usageFeed.setOpen(raw.open);
      if (raw.type === 'ready') {
        this.usageFeed.close(); // a new or reloaded webview shows the chat
        this.ready = true;
        this.lastOpenMs = Math.round(performance.now() - started);
        this.controller.attach(this);
      }
      const handled = isPanelAction(raw) ? this.actions.handle(raw) : this.controller.handle(raw);
      // Retry or Continue refused at the budget question (buttons with no reply to carry it) is told; anything else is a bug, logged.
      void handled.catch((e: Error) => (e instanceof BudgetDeclined ? void vscode.window.showWarningMessage(e.message) : this.logger.error(`chat view: ${e.message}`)));
      if (raw.type === 'ready') this.drain();
    });
    view.onDidDispose(() => {
      this.view = undefined;
      this.ready = false;
      this.usageFeed.close();
      this.controller.attach(undefined);
    });
  }

  dispose(): void {
    this.usageFeed.dispose();
  }

  post(message: HostToWebview): void {
    if (!this.view || !this.ready) {
      // Not shown yet: `init` on ready carries the state; keep only what init does not cover.
      if (message.type === 'focus' || message.type === 'attachment' || message.type === 'showUsage') this.queue.push(message);
      return;
    }
    void this.view.webview.postMessage(message);
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  private drain(): void {
    const queued = this.queue;
    this.queue = [];
    for (const m of queued) this.post(m);
  }

  private html(webview: vscode.Webview, dist: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(dist, file)).toString();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${uri('codicons/codicon.css')}">
<link rel="stylesheet" href="${uri('webview.css')}">
<title>Relay Chat</title>
</head>
<body>
<div id="app" role="application"></div>
<script nonce="${nonce}" src="${uri('webview.js')}"></script>
</body>
</html>`;
  }
}
