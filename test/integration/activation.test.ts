// Smoke suite run inside a real extension host (see index.ts): the extension under development loads,
// activates and answers its command through the real VS Code API.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXT_ID = 'relay-chat.relay-chat';
const REPO = path.resolve(__dirname, '../../..'); // out/test/integration -> repo root
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `${EXT_ID} is not installed in this host`);
  return ext;
}

describe('Relay Chat in a real extension host', () => {
  it('loads the extension under development from this repo', () => {
    assert.strictEqual(path.resolve(extension().extensionPath), REPO);
  });

  it('activates', async () => {
    const ext = extension();
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('runs the extension in ExtensionMode.Test, the only mode with an exported API and command arguments', async () => {
    const exported = await extension().activate() as { extensionMode?: vscode.ExtensionMode } | undefined;
    const mode = exported?.extensionMode;
    console.log(`    extension mode: ${mode === undefined ? 'no API exported' : vscode.ExtensionMode[mode] ?? mode}`);
    assert.strictEqual(mode, vscode.ExtensionMode.Test);
  });

  it('registers relayChat.showVersion', async () => {
    await extension().activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('relayChat.showVersion'), 'relayChat.showVersion is not registered');
  });

  it('relayChat.showVersion returns the package.json version', async () => {
    const version = await vscode.commands.executeCommand<string>('relayChat.showVersion');
    assert.strictEqual(version, pkg.version);
  });
});
