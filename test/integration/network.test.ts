// Issue 8: VS Code's network settings on both transports, in the real extension host, through real
// squid proxies: one intercepting TLS (ssl_bump) with a CA that is only in the OS store, one whose CA
// nobody trusts, one asking for credentials (basic_ncsa_auth).
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import { promisify } from 'util';
import * as vscode from 'vscode';
import type { DiagnosticReport } from '../../src/core';
import { renderReport } from '../../src/vscode/report';
import { FakeRelay } from '../fakes/fake-relay';
import { Squid, freePort } from '../fakes/squid';
import { TestPki } from '../fakes/test-pki';
import { api, resetSettings, setSettings, until } from './helpers';

/** Rebuilds /etc/ssl/certs from /usr/local/share/ca-certificates (Debian), without blocking the host. */
const updateOsStore = () => promisify(execFile)('update-ca-certificates');
const KEY = 'test-network-key-0123456789';
const OS_STORE_FILE = `/usr/local/share/ca-certificates/relay-chat-test-${process.pid}.crt`;
const HTTP_SETTINGS = ['proxy', 'noProxy', 'proxyAuthorization', 'proxyStrictSSL'];

interface Step { id: string; outcome: string; error?: { code: string; message: string; params: Record<string, string | number> } }
const http = () => vscode.workspace.getConfiguration('http');
const setHttp = async (values: Record<string, unknown>) => {
  for (const [key, value] of Object.entries(values)) await http().update(key, value, vscode.ConfigurationTarget.Global);
};

/** Test Connection as the user runs it: the steps, and the report's text (its "What to fix"). */
async function testConnection(): Promise<{ steps: Record<string, Step>; text: string }> {
  const report = await vscode.commands.executeCommand<DiagnosticReport>('relayChat.testConnection');
  return { steps: Object.fromEntries(report.steps.map((s) => [s.id, s as unknown as Step])), text: renderReport(report) };
}

const summary = (steps: Record<string, Step>) => Object.values(steps).map((s) => `${s.id}:${s.outcome}${s.error ? ` (${s.error.message})` : ''}`).join(' | ');

describe('VS Code network settings through real proxies (SSE and WebSocket)', function () {
  this.timeout(60_000);
  let relayPki: TestPki;
  let interceptPki: TestPki;
  let untrustedPki: TestPki;
  let relay: FakeRelay;
  let plainRelay: FakeRelay;
  let bumping: Squid;
  let untrusted: Squid;
  let authenticating: Squid;

  before(async function () {
    if (!Squid.available()) throw new Error('squid-openssl is missing: run scripts/setup-tools.sh');
    await api();
    // The relay's own CA is trusted only by squid (it checks upstream certificates); the client sees
    // squid's minted certificates, signed by interceptPki, whose CA goes into the OS store only.
    relayPki = TestPki.create('relay');
    interceptPki = TestPki.create('intercept');
    untrustedPki = TestPki.create('untrusted');
    const extra = process.env.NODE_EXTRA_CA_CERTS ? fs.readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
    assert.ok(!extra.includes(interceptPki.caCert.trim()), 'the CA must not be in NODE_EXTRA_CA_CERTS');
    fs.copyFileSync(interceptPki.caCertPath, OS_STORE_FILE);
    await updateOsStore();
    relay = await FakeRelay.start(0, relayPki.issue(['relay.test']));
    plainRelay = await FakeRelay.start();
    const hosts = { 'relay.test': '127.0.0.1' };
    const bump = (pki: TestPki) => ({ caCertPath: pki.caCertPath, caKeyPath: pki.caKeyPath, trustUpstreamCaPath: relayPki.caCertPath });
    [bumping, untrusted, authenticating] = await Promise.all([
      Squid.start({ hosts, bump: bump(interceptPki) }),
      Squid.start({ hosts, bump: bump(untrustedPki) }),
      Squid.start({ hosts, bump: bump(interceptPki), credentials: { user: 'ann', password: 's3cret:word' } }),
    ]);
    await setSettings({ baseUrl: `https://relay.test:${relay.port}/v1`, transport: 'auto' });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
  });

  after(async () => {
    await setHttp(Object.fromEntries(HTTP_SETTINGS.map((k) => [k, undefined])));
    await resetSettings(['baseUrl', 'transport', 'model']);
    await vscode.commands.executeCommand('relayChat.clearApiKey', { providerId: 'default' });
    fs.rmSync(OS_STORE_FILE, { force: true });
    await updateOsStore();
    await Promise.all([bumping, untrusted, authenticating].map((s) => s?.stop()));
    await relay?.close();
    await plainRelay?.close();
    for (const pki of [relayPki, interceptPki, untrustedPki]) pki?.remove();
  });

  beforeEach(async () => {
    await setHttp(Object.fromEntries(HTTP_SETTINGS.map((k) => [k, undefined])));
    await setSettings({ baseUrl: `https://relay.test:${relay.port}/v1` });
  });

  it('a TLS-intercepting proxy whose CA is only in the OS store works for SSE and WebSocket', async () => {
    await setHttp({ proxy: bumping.url });
    const { steps } = await testConnection();
    assert.strictEqual(steps.models?.outcome, 'ok', summary(steps));
    assert.strictEqual(steps.chat?.outcome, 'ok', summary(steps));
    assert.strictEqual(steps.websocket?.outcome, 'ok', summary(steps));
    // squid decrypted both: the SSE POST and the WebSocket upgrade (101) are in its log in clear. It
    // logs a tunnel when it ends: a settings change retires the client, which closes its kept socket.
    await setHttp({ noProxy: ['nothing.invalid'] });
    const upgrade = new RegExp(`/101 \\d+ GET https://relay\\.test:${relay.port}/v1/chat/completions`);
    await until(() => upgrade.test(bumping.accessLog()), 15_000).catch(() => assert.fail(bumping.accessLog()));
    assert.match(bumping.accessLog(), new RegExp(`POST https://relay\\.test:${relay.port}/v1/chat/completions`));
  });

  it('an untrusted intercepting CA fails on both transports naming the OS store and http.proxyStrictSSL; false accepts it', async () => {
    await setHttp({ proxy: untrusted.url });
    const refused = await testConnection();
    assert.strictEqual(refused.steps.models?.error?.params.reason, 'tls_untrusted', summary(refused.steps));
    assert.strictEqual(refused.steps.websocket?.error?.params.reason, 'tls_untrusted', summary(refused.steps));
    assert.match(refused.text, /OS certificate store/);
    assert.match(refused.text, /`http\.proxyStrictSSL` to false/);

    await setHttp({ proxyStrictSSL: false });
    const accepted = await testConnection();
    assert.strictEqual(accepted.steps.chat?.outcome, 'ok', summary(accepted.steps));
    assert.strictEqual(accepted.steps.websocket?.outcome, 'ok', summary(accepted.steps));
  });

  it('an authenticating proxy: 407 names http.proxyAuthorization; credentials in http.proxy or http.proxyAuthorization work', async () => {
    await setHttp({ proxy: authenticating.url });
    const denied = await testConnection();
    assert.strictEqual(denied.steps.models?.error?.params.reason, 'proxy_auth', summary(denied.steps));
    assert.strictEqual(denied.steps.websocket?.error?.params.reason, 'proxy_auth', summary(denied.steps));
    assert.match(denied.text, /HTTP 407/);
    assert.match(denied.text, /`http\.proxyAuthorization`/);

    // A password with a ':' is percent-encoded in the URL, as a user must.
    await setHttp({ proxy: authenticating.url.replace('http://', 'http://ann:s3cret%3Aword@') });
    const inUrl = await testConnection();
    assert.strictEqual(inUrl.steps.chat?.outcome, 'ok', summary(inUrl.steps));
    assert.strictEqual(inUrl.steps.websocket?.outcome, 'ok', summary(inUrl.steps));

    await setHttp({ proxy: authenticating.url, proxyAuthorization: `Basic ${Buffer.from('ann:s3cret:word').toString('base64')}` });
    const header = await testConnection();
    assert.strictEqual(header.steps.chat?.outcome, 'ok', summary(header.steps));
    assert.strictEqual(header.steps.websocket?.outcome, 'ok', summary(header.steps));
  });

  it('a proxy that is down names http.proxy; http.noProxy reaches the relay directly', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    await setHttp({ proxy: down });
    await setSettings({ baseUrl: plainRelay.baseUrl });
    const failed = await testConnection();
    assert.strictEqual(failed.steps.models?.error?.params.reason, 'proxy_unreachable', summary(failed.steps));
    assert.strictEqual(failed.steps.websocket?.error?.params.reason, 'proxy_unreachable', summary(failed.steps));
    assert.match(failed.text, /Could not connect to the proxy 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check `http\.proxy`/);

    await setHttp({ noProxy: ['127.0.0.1'] });
    const direct = await testConnection();
    assert.strictEqual(direct.steps.chat?.outcome, 'ok', summary(direct.steps));
    assert.strictEqual(direct.steps.websocket?.outcome, 'ok', summary(direct.steps));
  });
});
