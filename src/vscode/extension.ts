import * as vscode from 'vscode';

// Activation stays cheap: the VS Code adapters (settings, secrets, views) arrive with their issues.
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('relayChat.showVersion', () => context.extension.packageJSON.version as string),
  );
}

export function deactivate(): void {}
