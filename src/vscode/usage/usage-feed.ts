import type * as vscode from 'vscode';
import type { Logger } from '../../core';
import type { HostToWebview } from '../../shared/protocol';
import type { UsageSource } from './usage-source';

/**
 * Keeps the panel's Usage view current while it is open: the whole view at once when it opens, and
 * again on every change of the counts (this window's, another window's, a price or budget change).
 * Nothing is sent, and nothing listened to, while it is closed; there is no polling.
 */
export class UsageFeed implements vscode.Disposable {
  private listener: vscode.Disposable | undefined;

  constructor(private readonly source: UsageSource | undefined, private readonly post: (message: HostToWebview) => void, private readonly logger: Logger) {}

  get isOpen(): boolean {
    return this.listener !== undefined;
  }

  /** The webview's `usageView` message: open or closed. */
  setOpen(open: boolean): void {
    if (!open || !this.source) return this.close();
    this.listener ??= this.source.onDidChange(() => this.send());
    this.send();
  }

  /** The view closed, or the panel went away (its webview starts with the chat shown). */
  close(): void {
    this.listener?.dispose();
    this.listener = undefined;
  }

  dispose(): void {
    this.close();
  }

  private send(): void {
    try {
      this.post({ type: 'usage', usage: this.source!.view() });
    } catch (e) {
      this.logger.error(`usage view: ${(e as Error).message}`);
    }
  }
}
