// Issue 8: keys belong to their endpoint origin, and so do the custom headers. The VS Code-free parts of src/vscode.
import * as assert from 'node:assert/strict';
import { headersFor, keyOrigin, moveLegacyKeys, needsNoKey, originOfSecret, secretName, type Secrets } from '../../../src/vscode/key-origin';

/** SecretStorage's behaviour for names and values, in memory. */
class MemorySecrets implements Secrets {
  readonly values = new Map<string, string>();
  async get(name: string) {
    return this.values.get(name);
  }
  async store(name: string, value: string) {
    this.values.set(name, value);
  }
  async delete(name: string) {
    this.values.delete(name);
  }
}

describe('key origins', () => {
  it('are scheme, host and port: another port, scheme or host is another origin', () => {
    assert.equal(keyOrigin('https://relay.example.com/v1'), 'https://relay.example.com');
    assert.equal(keyOrigin('https://relay.example.com:443/api/v1/'), 'https://relay.example.com', 'the default port is the same origin');
    assert.equal(keyOrigin('https://RELAY.example.com/other'), 'https://relay.example.com', 'the path and case do not matter');
    assert.equal(keyOrigin('relay.example.com'), 'https://relay.example.com', 'as the client completes a pasted host');
    const others = ['https://relay.example.com:8443/v1', 'http://relay.example.com/v1', 'https://relay.example.com.evil.test/v1', 'https://api.openai.com/v1'];
    for (const url of others) assert.notEqual(keyOrigin(url), 'https://relay.example.com', url);
    assert.notEqual(keyOrigin('http://127.0.0.1:4000/v1'), keyOrigin('http://127.0.0.1:4001/v1'));
  });

  it('do not exist for invalid URLs (no key can belong to them)', () => {
    for (const url of ['', '   ', 'ftp://relay.example.com', 'http://exa mple.com']) assert.equal(keyOrigin(url), undefined, url);
  });

  it('name the secret and are read back from it; other secrets are not key origins', () => {
    const name = secretName('https://relay.example.com:8443');
    assert.equal(name, 'relayChat.apiKey.origin:https://relay.example.com:8443');
    assert.equal(originOfSecret(name), 'https://relay.example.com:8443');
    assert.equal(originOfSecret('relayChat.apiKey.default'), undefined);
  });

  it('local servers need no key; remote hosts do', () => {
    for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:1234/v1', 'http://127.3.2.1/v1', 'http://[::1]:8080/v1']) assert.equal(needsNoKey(url), true, url);
    for (const url of ['https://relay.example.com/v1', 'http://localhost.evil.test/v1', 'http://128.0.0.1/v1', 'not a url']) assert.equal(needsNoKey(url), false, url);
  });
});

describe('moving keys stored per provider by earlier versions', () => {
  const log: string[] = [];
  const providers = [
    { id: 'default', baseUrl: 'https://relay.example.com/v1' },
    { id: 'backup', baseUrl: 'https://backup.example.net:8443/v1' },
  ];

  it('moves each to the origin its provider points at now and deletes the old secret', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set('relayChat.apiKey.default', 'key-primary');
    secrets.values.set('relayChat.apiKey.backup', 'key-backup');
    assert.deepEqual(await moveLegacyKeys(secrets, providers, (m) => log.push(m)), ['https://relay.example.com', 'https://backup.example.net:8443']);
    assert.deepEqual(Object.fromEntries(secrets.values), {
      'relayChat.apiKey.origin:https://relay.example.com': 'key-primary',
      'relayChat.apiKey.origin:https://backup.example.net:8443': 'key-backup',
    });
    assert.deepEqual(await moveLegacyKeys(secrets, providers, (m) => log.push(m)), [], 'once: nothing is left to move');
  });

  it('never overwrites a key entered for an origin, and never loses a different old key', async () => {
    const secrets = new MemorySecrets();
    const shared = [{ id: 'default', baseUrl: 'https://relay.example.com/v1' }, { id: 'group2', baseUrl: 'https://relay.example.com/group2/v1' }];
    secrets.values.set('relayChat.apiKey.default', 'key-primary');
    secrets.values.set('relayChat.apiKey.group2', 'key-other');
    await moveLegacyKeys(secrets, shared, (m) => log.push(m));
    assert.equal(secrets.values.get('relayChat.apiKey.origin:https://relay.example.com'), 'key-primary');
    assert.equal(secrets.values.get('relayChat.apiKey.group2'), 'key-other', 'kept under its old name');
    assert.match(log.at(-1) ?? '', /group2.*differs/);
  });

  it('leaves a key whose provider has no valid URL for a later activation', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set('relayChat.apiKey.default', 'key-primary');
    assert.deepEqual(await moveLegacyKeys(secrets, [{ id: 'default', baseUrl: '' }], () => undefined), []);
    assert.deepEqual([...secrets.values.keys()], ['relayChat.apiKey.default']);
  });
});

describe('custom headers go only where the key goes', () => {
  const headers = { 'X-Relay-Group': 'team-secret' };

  it('sends them to the primary endpoint\'s origin, also under another path', () => {
    assert.deepEqual(headersFor('https://relay.example/v1', 'https://relay.example/v1', headers), headers);
    assert.deepEqual(headersFor('https://relay.example/beta/v1', 'https://relay.example/v1', headers), headers);
  });

  it('never to a fallback on another host, port or scheme', () => {
    assert.deepEqual(headersFor('https://backup.example/v1', 'https://relay.example/v1', headers), {});
    assert.deepEqual(headersFor('https://relay.example:8443/v1', 'https://relay.example/v1', headers), {});
    assert.deepEqual(headersFor('http://relay.example/v1', 'https://relay.example/v1', headers), {});
    assert.deepEqual(headersFor('not a url', 'https://relay.example/v1', headers), {});
  });
});
