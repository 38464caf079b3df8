// Smoke suite run inside a real extension host (see index.ts): the extension under development loads,
// activates and answers its command through the real VS Code API.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FakeRelay } from '../fakes/fake-relay';
import type { RelayChatApi } from '../../src/vscode/extension';

const EXT_ID = 'relay-chat.relay-chat';
const REPO = path.resolve(__dirname, '../../..'); // out/test/integration -> repo root
// The runner loads the repo, or with RELAY_EXTENSION_DIR the packaged .vsix's contents (scripts/test-all.sh).
const EXTENSION_DIR = path.resolve(process.env.RELAY_EXTENSION_DIR ?? REPO);
const TRANSPORTS = path.join(EXTENSION_DIR, 'dist', 'transports.js');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `${EXT_ID} is not installed in this host`);
  return ext;
}

describe('Relay Chat in a real extension host', () => {
  it('loads the extension under development from the folder the runner named (this repo or the unpacked .vsix)', () => {
    assert.strictEqual(path.resolve(extension().extensionPath), EXTENSION_DIR);
  });

  it('runs in the VS Code version the runner started (RELAY_HOST: 1.96.4 or 1.139.1)', () => {
    console.log(`    VS Code ${vscode.version}`);
    const expected = process.env.RELAY_IT_VSCODE; // set by the runners that know which version they start
    if (expected) assert.strictEqual(vscode.version, expected);
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

  it('counts activation from the first statement of the bundle, module loading included', async () => {
    const { activationMs } = await extension().activate() as RelayChatApi;
    const host = hostActivationTimes();
    // The host's own marks (what "Show Running Extensions" reports), where this host keeps them.
    if (host) console.log(`    host: loading the bundle ${host.codeLoadingMs} ms, activate() ${host.activateMs} ms; ours: ${activationMs} ms`);
    else console.log(`    activation: ${activationMs} ms (this host keeps no performance marks)`);
    // The bundle's first statement takes the time our figure counts from (esbuild.js `banner`).
    assert.match(fs.readFileSync(path.join(EXTENSION_DIR, 'dist', 'extension.js'), 'utf8'), /^const __relayChatLoadStart = performance\.now\(\);/);
    assert.ok(activationMs > 0);
  });

  it('loads the transports (undici, ws) when the first request needs them, not at activation', async () => {
    await extension().activate();
    assert.ok(fs.existsSync(TRANSPORTS), 'dist/transports.js was built');
    assert.strictEqual(require.cache[TRANSPORTS], undefined, 'activation loaded dist/transports.js');
    const relay = await FakeRelay.start();
    const config = vscode.workspace.getConfiguration('relayChat');
    try {
      await config.update('baseUrl', relay.baseUrl, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('relayChat.testConnection');
      assert.ok(relay.requests.length > 0, 'Test Connection reached the relay');
      assert.ok(require.cache[TRANSPORTS], 'the first request loaded dist/transports.js');
    } finally {
      await config.update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await relay.close();
    }
  });
});

interface PerformanceMarks {
  getMarks(): { name: string; startTime: number }[];
}

/** The extension host's marks around loading and activating us (vs/base/common/performance), if any. */
function hostActivationTimes(): { codeLoadingMs: number; activateMs: number } | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: PerformanceMarks }).MonacoPerformanceMarks?.getMarks();
  const at = (what: string) => marks?.find((m) => m.name === `code/extHost/${what}/${EXT_ID}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
  return { codeLoadingMs: didLoad - willLoad, activateMs: didActivate - willActivate };
}
