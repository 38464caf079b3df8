// Issue 8: a key goes only to the endpoint origin (scheme, host, port) it was entered for. Two fake
// relays on different ports are two origins; names that resolve only inside a CONNECT proxy stand for
// remote hosts (local hosts need no key, so only a remote one shows the missing-key refusal).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ConnectProxy } from '../fakes/connect-proxy';
import { FakeRelay } from '../fakes/fake-relay';
import { api, resetSettings, setSettings, until } from './helpers';

const KEY_A = 'test-key-for-host-a-0123456789';
const KEY_B = 'test-key-for-host-b-9876543210';
const TOUCHED = ['baseUrl', 'model', 'transport', 'fallbackProviders', 'customHeaders'];

type Report = { ok: boolean; steps: { id: string; outcome: string; error?: { code: string; message: string } }[] };
const testConnection = () => vscode.commands.executeCommand<Report>('relayChat.testConnection');
const setKey = (key: string, providerId?: string) => vscode.commands.executeCommand<boolean>('relayChat.setApiKey', { key, ...(providerId ? { providerId } : {}) });
/** Every header, query string and subprotocol the relay received, to look for a key anywhere in them. */
const received = (relay: FakeRelay) => JSON.stringify(relay.requests.map((r) => ({ path: r.path, headers: r.headers, protocols: r.protocols })));

describe('API keys belong to the host they were entered for', () => {
  let a: FakeRelay;
  let b: FakeRelay;

  before(async () => {
    [a, b] = await Promise.all([FakeRelay.start(), FakeRelay.start()]);
    await api();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await resetSettings(TOUCHED);
    await Promise.all([a.close(), b.close()]);
  });
  beforeEach(async () => {
    a.requests.length = 0;
    b.requests.length = 0;
    a.requireKey = undefined;
    a.defaultScenario = {};
    await setSettings({ baseUrl: a.baseUrl, transport: 'auto', model: 'gpt-4.1', fallbackProviders: [] });
  });

  it('the key of one port is not sent to another port of the same host after the base URL changes', async () => {
    assert.strictEqual(await setKey(KEY_A), true);
    a.requireKey = KEY_A;
    assert.strictEqual((await testConnection()).ok, true);
    assert.strictEqual(a.requests.find((r) => r.transport === 'sse')?.headers.authorization, `Bearer ${KEY_A}`);

    await vscode.commands.executeCommand('relayChat.selectEndpoint', b.baseUrl);
    const report = await testConnection();
    assert.ok(b.requests.length >= 2, 'host B was asked (a local server needs no key)');
    assert.ok(b.requests.every((r) => r.headers.authorization === undefined), 'no Authorization header reached host B');
    assert.ok(!received(b).includes(KEY_A), 'host A\'s key appears nowhere in what host B received');
    assert.strictEqual(report.ok, true, 'the local host B answers without a key');
  });

  it('a remote host without its own key is refused before any request, with a message naming that host', async () => {
    const proxy = await ConnectProxy.start({ 'relay-a.test': '127.0.0.1', 'relay-b.test': '127.0.0.1' });
    try {
      await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
      await setSettings({ baseUrl: `http://relay-a.test:${a.port}/v1` });
      await setKey(KEY_A);
      a.requireKey = KEY_A;
      assert.strictEqual((await testConnection()).ok, true);

      const hostB = `http://relay-b.test:${b.port}`;
      await setSettings({ baseUrl: `${hostB}/v1` });
      const report = await testConnection();
      const first = report.steps[0]?.error;
      assert.strictEqual(first?.code, 'config', JSON.stringify(report.steps));
      assert.ok(first.message.includes(hostB), `the message names ${hostB}: ${first.message}`);
      assert.match(first.message, /Set API Key/);
      assert.strictEqual(b.requests.length, 0, 'host B received no request at all');
      assert.ok(!proxy.tunnels.includes(`relay-b.test:${b.port}`), 'nothing was even tunnelled to host B');

      // Once host B has its own key, it gets that key, and host A keeps its own.
      await setKey(KEY_B);
      assert.strictEqual((await testConnection()).ok, true);
      assert.strictEqual(b.requests.find((r) => r.transport === 'sse')?.headers.authorization, `Bearer ${KEY_B}`);
      assert.strictEqual(await (await api()).hasApiKey(`http://relay-a.test:${a.port}/v1`), true);
    } finally {
      await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('a fallback provider uses the key of its own host, and not after its URL moves to another host', async () => {
    const c = await FakeRelay.start();
    try {
      await setKey(KEY_A);
      // SSE: the fake relay answers the scripted 503 there.
      await setSettings({ transport: 'sse', fallbackProviders: [{ id: 'backup', baseUrl: b.baseUrl }], customHeaders: { 'X-Relay-Group': 'group-of-a' } });
      assert.strictEqual(await setKey(KEY_B, 'backup'), true);
      a.defaultScenario = { status: 503, body: { error: { message: 'overloaded' } } };
      const { chat } = await api();
      await chat.send('anyone there?');
      assert.strictEqual(a.requests.find((r) => r.transport === 'sse')?.headers.authorization, `Bearer ${KEY_A}`);
      assert.strictEqual(b.requests.find((r) => r.transport === 'sse')?.headers.authorization, `Bearer ${KEY_B}`);
      // The custom headers were set for host A and may carry a token: like A's key, they stay there.
      assert.strictEqual(a.requests.find((r) => r.transport === 'sse')?.headers['x-relay-group'], 'group-of-a');
      assert.ok(!received(b).includes('group-of-a'), 'host A\'s custom header did not reach the fallback on host B');

      // The fallback now points at host C: the key entered for host B does not follow it there.
      await setSettings({ fallbackProviders: [{ id: 'backup', baseUrl: c.baseUrl }] });
      await chat.send('and now?');
      assert.ok(c.requests.some((r) => r.transport === 'sse'), 'the fallback on host C answered');
      assert.ok(c.requests.every((r) => r.headers.authorization === undefined), 'no key reached host C');
      assert.ok(!received(c).includes(KEY_B) && !received(c).includes(KEY_A));
    } finally {
      await c.close();
    }
  });

  it('moves keys stored per provider by an earlier version to the host each provider points at, once', async () => {
    const { secrets, moveLegacyKeys, hasApiKey } = await api();
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
    await setSettings({ fallbackProviders: [{ id: 'backup', baseUrl: b.baseUrl }] });
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'backup' });
    await secrets.store('relayChat.apiKey.default', KEY_A);
    await secrets.store('relayChat.apiKey.backup', KEY_B);

    await moveLegacyKeys(); // what activation runs
    assert.strictEqual(await secrets.get('relayChat.apiKey.default'), undefined, 'the old secret is deleted');
    assert.strictEqual(await secrets.get('relayChat.apiKey.backup'), undefined);
    assert.strictEqual(await secrets.get(`relayChat.apiKey.origin:${new URL(a.baseUrl).origin}`), KEY_A);
    assert.strictEqual(await hasApiKey(b.baseUrl), true);

    a.requireKey = KEY_A;
    assert.strictEqual((await testConnection()).ok, true);
    assert.strictEqual(a.requests.find((r) => r.transport === 'sse')?.headers.authorization, `Bearer ${KEY_A}`);
  });

  it('in test mode, command arguments are honoured (elsewhere they are ignored: see the TrustPolicy unit test)', async () => {
    const { hasApiKey } = await api();
    assert.strictEqual(await vscode.commands.executeCommand('relayChat.selectEndpoint', `${b.baseUrl}/`), b.baseUrl);
    await until(() => vscode.workspace.getConfiguration('relayChat').get('baseUrl') === b.baseUrl);
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
    assert.strictEqual(await hasApiKey(), false);
    assert.strictEqual(await setKey(KEY_B), true);
    assert.strictEqual(await hasApiKey(b.baseUrl), true);
    assert.strictEqual(await (await api()).secrets.get(`relayChat.apiKey.origin:${new URL(b.baseUrl).origin}`), KEY_B);
  });
});
