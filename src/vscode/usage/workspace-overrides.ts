import * as vscode from 'vscode';
import type { Logger } from '../../core';
import { SECTION, USER_ONLY_SETTINGS } from '../settings';
import { workspaceOverrideText } from './usage-text';

/** The user-only settings a settings file (JSON with comments) sets; a commented-out one is not set. */
export function overriddenSettings(text: string): string[] {
  const body = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return USER_ONLY_SETTINGS.map((key) => `${SECTION}.${key}`).filter((key) => body.includes(`"${key}"`));
}

/**
 * Logs, once per file and setting, that a workspace's settings set prices or budgets, which are
 * ignored (read from the user's settings only). VS Code hides those values from the extension
 * (`inspect()` has no workspace value for an application-scoped setting), so the files are read.
 */
export class WorkspaceOverrideLog implements vscode.Disposable {
  private readonly logged = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly logger: Logger) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/settings.json');
    const check = () => void this.check();
    this.subscriptions = [watcher, watcher.onDidCreate(check), watcher.onDidChange(check), vscode.workspace.onDidChangeWorkspaceFolders(check)];
    check();
  }

  private async check(): Promise<void> {
    const workspaceFile = vscode.workspace.workspaceFile;
    const files = [
      ...(vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json')),
      ...(workspaceFile?.scheme === 'file' ? [workspaceFile] : []),
    ];
    for (const file of files) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      } catch {
        continue; // no settings file: nothing set
      }
      for (const key of overriddenSettings(text)) {
        const seen = `${file.toString()}#${key}`;
        if (this.logged.has(seen)) continue;
        this.logged.add(seen);
        this.logger.warn(workspaceOverrideText(key));
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
