import * as vscode from 'vscode';
import type { HostToWebview, PanelAction } from '../../shared/protocol';
import { runFix } from '../error-text';
import { readAttachment } from './attachments';

/**
 * What the panel asks of VS Code rather than of a conversation: copy, insert or open code, open a
 * link (after asking), attach the selection or file, run a button's command (Set API Key, …, the welcome's Explain Selection).
 */
export class PanelActions {
  constructor(private readonly post: (message: HostToWebview) => void) {}

  async handle(action: PanelAction): Promise<void> {
    switch (action.type) {
      case 'copy': return vscode.env.clipboard.writeText(action.text);
      case 'insertCode': return insertCode(action.code);
      case 'openCode': return openCode(action.code, action.language);
      case 'openLink': return openLink(action.href);
      case 'fix': return runFix(action.action);
      case 'attach':
        try {
          this.post({ type: 'attachment', attachment: await readAttachment(action.kind) });
          this.post({ type: 'reply', requestId: action.requestId, ok: true });
        } catch (e) {
          this.post({ type: 'reply', requestId: action.requestId, ok: false, error: (e as Error).message });
        }
    }
  }
}

async function insertCode(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an editor to insert the code into.'));
    return;
  }
  await editor.edit((edit) => editor.selections.forEach((s) => edit.replace(s, code)));
}

async function openCode(code: string, language: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: code, language: language || 'plaintext' });
  await vscode.window.showTextDocument(doc);
}

/** Links from model output open only through VS Code, after the user agrees. */
async function openLink(href: string): Promise<void> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(href, true);
  } catch {
    return;
  }
  if (uri.scheme !== 'https' && uri.scheme !== 'http') return;
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Open this link from the answer in your browser?\n{0}', uri.toString(true)), { modal: true }, open);
  if (choice === open) await vscode.env.openExternal(uri);
}
