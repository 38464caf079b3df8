// Issue 16 §5: nothing secret leaves. In the real host, through the provider VS Code calls and the
// commands the user runs: VS Code's profile files and files of relayChat.completions.exclude send
// nothing to the relay, and the user is told why.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { PanelActions } from '../../src/vscode/chat/panel-actions';
import { explain } from '../../src/vscode/commands/explain';
import { FakeRelay } from '../fakes/fake-relay';
import { api, recorder, resetSettings, setSettings, until } from './helpers';

const TOUCHED = ['baseUrl', 'model', 'transport', 'completions.model', 'completions.languages', 'completions.exclude'];
const ENV_TEXT = 'DATABASE_URL=postgres://app:hunter2@db.internal/app\nSTRIPE_SECRET=';

async function suggestAt(document: vscode.TextDocument, position: vscode.Position): Promise<void> {
  const { completions } = await api();
  const source = new vscode.CancellationTokenSource();
  const context = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined } as unknown as vscode.InlineCompletionContext;
  await completions.provider.provideInlineCompletionItems(document, position, context, source.token);
  source.dispose();
}

/** Opens `uri` with the cursor at the end of its text, then asks for a suggestion there. */
async function suggestAtEnd(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const end = document.positionAt(document.getText().length);
  editor.selection = new vscode.Selection(end, end);
  await suggestAt(document, end);
  return document;
}

/** Shows of warnings recorded (and answered with nothing) while `work` runs. */
async function warningsDuring(work: () => Thenable<unknown>): Promise<string[]> {
  const shown: string[] = [];
  const showWarning = vscode.window.showWarningMessage;
  vscode.window.showWarningMessage = ((message: string) => (shown.push(message), Promise.resolve(undefined))) as typeof showWarning;
  try {
    await work();
  } finally {
    vscode.window.showWarningMessage = showWarning;
  }
  return shown;
}

describe('Nothing secret leaves (issue 16 §5)', function () {
  this.timeout(30_000);
  let relay: FakeRelay;
  let folder: vscode.Uri;
  const written: vscode.Uri[] = [];
  const write = async (name: string, text: string) => {
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    written.push(uri);
    return uri;
  };
  const sent = () => relay.requests.filter((r) => r.method === 'POST').length;

  before(async () => {
    relay = await FakeRelay.start();
    await api();
    const first = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(first, 'the test host opens a workspace folder');
    folder = first;
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    await resetSettings(TOUCHED);
    await relay.close();
  });
  beforeEach(async () => {
    await resetSettings(TOUCHED);
    // Every language on (plain text too: VS Code merges the default's `plaintext: false` into an object
    // setting), so that only the exclusion can keep a request back.
    await setSettings({ baseUrl: relay.baseUrl, model: 'gpt-4.1', transport: 'sse', 'completions.model': 'deepseek-v3.2', 'completions.languages': { '*': true, plaintext: true } });
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    (await api()).completions.controller.engine.reset();
  });

  it('user settings opened with Preferences: Open User Settings (JSON): no completion request', async () => {
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    await until(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('/settings.json') === true, 10_000);
    const settings = vscode.window.activeTextEditor?.document as vscode.TextDocument;
    console.log(`    user settings open as a ${settings.uri.scheme} document (${settings.languageId})`);
    const before = sent();
    await suggestAt(settings, settings.positionAt(settings.getText().lastIndexOf('"') + 1));
    assert.strictEqual(sent(), before, 'nothing sent from user settings');
    // The same text in an ordinary file of the project does go: only the exclusion held it back.
    const copy = await write('settings-copy.jsonc', settings.getText());
    const control = await vscode.workspace.openTextDocument(copy);
    await vscode.window.showTextDocument(control);
    await suggestAt(control, control.positionAt(control.getText().lastIndexOf('"') + 1));
    assert.ok(sent() > before, 'the same text in a project file is sent');
  });

  it('user settings opened as a plain file from the user-data folder: no completion request', async () => {
    // The chats live in <user data>/User/globalStorage/<extension>/chats.
    const user = path.resolve((await api()).chatFolder, '..', '..', '..');
    const before = sent();
    await suggestAtEnd(vscode.Uri.file(path.join(user, 'settings.json')));
    assert.strictEqual(sent(), before, 'nothing sent from the profile folder');
  });

  it('user settings as desktop VS Code hands them over (vscode-userdata scheme): no completion request', async () => {
    // code-server serves user data as plain files, so the document VS Code desktop passes is made here:
    // the real settings document under the user-data URI (and, as the control, under a project path).
    const user = path.resolve((await api()).chatFolder, '..', '..', '..');
    const real = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(user, 'settings.json')));
    const as = (uri: vscode.Uri) => ({ ...real, uri, fileName: uri.path, languageId: 'jsonc' }) as vscode.TextDocument;
    const end = real.positionAt(real.getText().length - 2);
    const before = sent();
    await suggestAt(as(vscode.Uri.from({ scheme: 'vscode-userdata', path: '/User/settings.json' })), end);
    assert.strictEqual(sent(), before, 'nothing sent through the user-data scheme');
    await suggestAt(as(vscode.Uri.joinPath(folder, 'config', 'app.jsonc')), end);
    assert.ok(sent() > before, 'the same document under a project path is sent');
  });

  it('a .env file: no completion request; the same text under another name is sent', async () => {
    const before = sent();
    await suggestAtEnd(await write('.env', ENV_TEXT));
    assert.strictEqual(sent(), before, 'nothing sent from .env');
    await suggestAtEnd(await write('env-notes.txt', ENV_TEXT));
    assert.ok(sent() > before, 'the control file is sent');
  });

  it('a workspace can add a pattern, never take one away', async () => {
    // A cloned repository's .vscode/settings.json replaces the list with its own: VS Code would let
    // that value win over the user's (here: the default), so it is added instead.
    await vscode.workspace.getConfiguration('relayChat').update('completions.exclude', ['**/*.sql'], vscode.ConfigurationTarget.Workspace);
    const before = sent();
    await suggestAtEnd(await write('.env', ENV_TEXT));
    await suggestAtEnd(await write('dump.sql', "INSERT INTO users VALUES ('ann', 'hunter2');\nINSERT INTO users VALUES ("));
    assert.strictEqual(sent(), before, 'nothing sent from .env (the user\'s list) nor dump.sql (the workspace\'s)');
  });

  it('Explain on an excluded file sends nothing and names the file and the setting', async () => {
    const a = await api();
    const uri = await write('.env.production', ENV_TEXT);
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    const chatBefore = a.chat.active.id;
    const before = sent();
    // The command's own function, from this module (whose vscode API object the stub reaches, also when
    // the suite loads the packaged extension), on the extension's chat controller.
    const shown = await warningsDuring(() => explain(a.chat, { post: () => undefined, reveal: async () => undefined }, editor));
    assert.strictEqual(sent(), before, 'nothing sent');
    assert.strictEqual(a.chat.active.id, chatBefore, 'no new chat');
    assert.deepStrictEqual(shown, ['Relay Chat does not send .env.production to the relay: it matches "**/.env.*" in the setting relayChat.completions.exclude.']);
  });

  it('a chat attachment of an excluded file (a glob of the user\'s own) is refused with the reason', async () => {
    await setSettings({ 'completions.exclude': ['**/*.tfvars'] });
    const editor = await vscode.window.showTextDocument(await write('prod.tfvars', 'db_password = "hunter2"\n'));
    editor.selection = new vscode.Selection(0, 0, 0, 10);
    const rec = recorder();
    await new PanelActions(rec.surface.post).handle({ type: 'attach', requestId: 'r-secret', kind: 'selection' });
    assert.deepStrictEqual(rec.posted, [{
      type: 'reply', requestId: 'r-secret', ok: false,
      error: 'Relay Chat does not send prod.tfvars to the relay: it matches "**/*.tfvars" in the setting relayChat.completions.exclude.',
    }]);
    // The user emptied the list: .env may go now, their settings never.
    await setSettings({ 'completions.exclude': [] });
    await vscode.window.showTextDocument(await write('.env.local', ENV_TEXT));
    const ok = recorder();
    await new PanelActions(ok.surface.post).handle({ type: 'attach', requestId: 'r-env', kind: 'file' });
    assert.strictEqual(ok.posted[0]?.type, 'attachment');
  });
});
