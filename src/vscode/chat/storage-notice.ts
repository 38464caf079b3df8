import * as vscode from 'vscode';
import type { Logger } from '../../core';

/**
 * Tells the user, once and plainly, when the chat history cannot be read or written (a full disk,
 * a folder without permission, a file where the folder should be). The panel keeps working: chats
 * live in memory until writing works again.
 */
export class StorageNotice {
  /** A write failure was shown: the next one is only logged, until a write succeeds again. */
  private writeFailureShown = false;

  constructor(private readonly folder: string, private readonly logger: Logger, private readonly warn: (message: string) => void) {}

  unreadable(error: Error): void {
    this.logger.error(`chat history unreadable: ${error.message}`);
    this.writeFailureShown = true; // the same cause would fail every write: one message is enough
    this.warn(vscode.l10n.t('Relay Chat cannot open its chat history ({0}). Earlier chats are not shown, and new ones will not be kept after VS Code closes.', this.reason(error)));
  }

  corrupt(files: string[]): void {
    this.logger.warn(`skipped ${files.length} unreadable chat file(s)`, { files });
    this.warn(vscode.l10n.t('Relay Chat skipped {0} chat file(s) it could not read. The other chats are fine.', files.length));
  }

  writeFailed(error: Error): void {
    this.logger.error(`saving a chat failed: ${error.message}`);
    if (this.writeFailureShown) return;
    this.writeFailureShown = true;
    this.warn(vscode.l10n.t('Relay Chat could not save the chat ({0}). It stays open in the panel, but will be lost when VS Code closes.', this.reason(error)));
  }

  writeSucceeded(): void {
    this.writeFailureShown = false;
  }

  /** The cause in words, with the folder it concerns. */
  private reason(error: Error): string {
    switch ((error as NodeJS.ErrnoException).code) {
      case 'ENOSPC': case 'EDQUOT': return vscode.l10n.t('the disk holding {0} is full', this.folder);
      case 'EACCES': case 'EPERM': return vscode.l10n.t('no permission to write to {0}', this.folder);
      case 'EROFS': return vscode.l10n.t('{0} is on a read-only disk', this.folder);
      case 'ENOTDIR': case 'EEXIST': return vscode.l10n.t('{0} is not a folder', this.folder);
      default: return error.message;
    }
  }
}
