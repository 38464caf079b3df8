// Issue 3: the extension shell in a real extension host, driven through its commands as a user would.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ConnectProxy } from '../fakes/connect-proxy';
import { FakeRelay } from '../fakes/fake-relay';
import { api, config, resetSettings, setSettings, until } from './helpers';

const KEY = 'test-integration-key-0123456789';
const TOUCHED = ['baseUrl', 'model', 'transport', 'apiKey'];

describe('Relay Chat shell: settings, key, model, connection', () => {
  let relay: FakeRelay;

  before(async () => {
    relay = await FakeRelay.start();
    await api();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
    await relay.close();
  });
  beforeEach(async () => {
    relay.requireKey = undefined;
    await setSettings({ baseUrl: relay.baseUrl, transport: 'auto' });
  });

  it('stores a key only in secret storage, trimmed; refuses empty and placeholder keys', async () => {
    const a = await api();
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
    assert.strictEqual(await vscode.commands.executeCommand('relayChat.setApiKey', { key: 'YOUR_RELAY_API_KEY' }), false);
    assert.strictEqual(await vscode.commands.executeCommand('relayChat.setApiKey', { key: '   ' }), false);
    assert.strictEqual(await a.hasApiKey(), false);
    assert.strictEqual(await vscode.commands.executeCommand('relayChat.setApiKey', { key: `  ${KEY}\n` }), true);
    assert.strictEqual(await a.hasApiKey(), true);
    assert.ok(!JSON.stringify(config()).includes(KEY), 'the key is not in any setting');
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
    assert.strictEqual(await a.hasApiKey(), false);
  });

  it('moves a key found in settings.json to secret storage and removes it from settings', async () => {
    const a = await api();
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
    await config().update('apiKey', KEY, vscode.ConfigurationTarget.Global);
    assert.strictEqual(await vscode.commands.executeCommand('relayChat.moveKeyFromSettings'), new URL(relay.baseUrl).origin);
    assert.strictEqual(config().inspect('apiKey')?.globalValue, undefined);
    assert.strictEqual(await a.hasApiKey(), true);
  });

  it('Select Model writes the workspace setting and the status bar follows', async () => {
    const a = await api();
    await vscode.commands.executeCommand('relayChat.selectModel', 'deepseek-v3.2');
    const inspected = config().inspect<string>('model');
    if (vscode.workspace.workspaceFolders?.length) assert.strictEqual(inspected?.workspaceValue, 'deepseek-v3.2');
    else assert.strictEqual(inspected?.globalValue, 'deepseek-v3.2');
    await until(() => a.statusBarText().includes('deepseek-v3.2'));
  });

  it('Test Connection against a healthy relay: every check passes, latency measured', async () => {
    const a = await api();
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
    relay.requireKey = KEY;
    const report = await vscode.commands.executeCommand<{ ok: boolean; steps: { id: string; outcome: string; ms?: number }[] }>('relayChat.testConnection');
    assert.ok(report.ok, JSON.stringify(report.steps));
    assert.deepStrictEqual(report.steps.map((s) => `${s.id}:${s.outcome}`), ['models:ok', 'chat:ok', 'usage:ok', 'websocket:ok', 'completions:ok']);
    assert.ok((report.steps[1]?.ms ?? -1) >= 0);
    assert.strictEqual(relay.requests.find((r) => r.transport === 'sse')?.headers.authorization, `Bearer ${KEY}`);
    assert.strictEqual(a.lastReport()?.ok, true);
    const shown = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'relay-chat-report');
    assert.ok(shown, 'the report document was opened');
    assert.match(shown.getText(), /Connection test/);
  });

  it('Test Connection names the fix: wrong key, unknown model with suggestions', async () => {
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    relay.requireKey = 'another-key-entirely-000';
    const bad = await vscode.commands.executeCommand<{ ok: boolean; steps: { id: string; error?: { code: string } }[] }>('relayChat.testConnection');
    assert.strictEqual(bad.ok, false);
    assert.strictEqual(bad.steps[0]?.error?.code, 'auth');
    // The report document updates asynchronously after the provider's change event.
    const report = () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'relay-chat-report')?.getText() ?? '';
    await until(() => /Set API Key/.test(report()));
    assert.ok(!report().includes(KEY) && !report().includes('another-key-entirely-000'), 'no key in the report');
    relay.requireKey = undefined;
    await vscode.commands.executeCommand('relayChat.selectModel', 'claude-sonnet-4-5');
    await vscode.commands.executeCommand('relayChat.testConnection');
    await until(() => /claude-sonnet-4\.5/.test(report()));
  });

  it('a missing key is a clear error that points at Set API Key', async () => {
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
    await setSettings({ baseUrl: `http://relay.example.invalid:9/v1` });
    const report = await vscode.commands.executeCommand<{ steps: { id: string; error?: { code: string; message: string } }[] }>('relayChat.testConnection');
    assert.strictEqual(report.steps[0]?.error?.code, 'config');
    assert.match(report.steps[0]?.error?.message ?? '', /Set API Key/);
  });

  it('both transports go through VS Code\'s http.proxy', async () => {
    const proxy = await ConnectProxy.start({ 'relay.test': '127.0.0.1' });
    try {
      await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
      await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
      // relay.test resolves only inside the proxy: success proves every request went through it.
      await setSettings({ baseUrl: `http://relay.test:${relay.port}/v1` });
      await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY }); // a key belongs to its host
      const report = await vscode.commands.executeCommand<{ ok: boolean; steps: { id: string; outcome: string; error?: { message: string } }[] }>('relayChat.testConnection');
      assert.deepStrictEqual(report.steps.map((s) => `${s.id}:${s.outcome}`), ['models:ok', 'chat:ok', 'usage:ok', 'websocket:ok', 'completions:ok'],
        report.steps.map((s) => s.error?.message ?? '').join(' | ') + ` | tunnels: ${proxy.tunnels.join(', ')}`);
      assert.ok(proxy.tunnels.length >= 2, `tunnels: ${proxy.tunnels.join(', ')}`);
      assert.ok(proxy.tunnels.every((t) => t === `relay.test:${relay.port}`));
    } finally {
      await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });
});
