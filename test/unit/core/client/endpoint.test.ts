import * as assert from 'node:assert/strict';
import { ConfigError, isPlaceholderKey, normaliseApiKey, normaliseBaseUrl, webSocketUrl } from '../../../../src/core';
import { buildHeaders } from '../../../../src/core/client/endpoint';

describe('endpoint handling', () => {
  it('normalises base URLs as users paste them', () => {
    assert.equal(normaliseBaseUrl('https://api.example.com/v1/'), 'https://api.example.com/v1');
    assert.equal(normaliseBaseUrl('  https://api.example.com  '), 'https://api.example.com/v1');
    assert.equal(normaliseBaseUrl('https://api.example.com/'), 'https://api.example.com/v1');
    assert.equal(normaliseBaseUrl('api.example.com/v1'), 'https://api.example.com/v1');
    assert.equal(normaliseBaseUrl('https://api.example.com/v1/chat/completions'), 'https://api.example.com/v1');
    assert.equal(normaliseBaseUrl('https://openrouter.ai/api/v1'), 'https://openrouter.ai/api/v1');
    assert.equal(normaliseBaseUrl('http://127.0.0.1:11434'), 'http://127.0.0.1:11434/v1');
  });

  it('rejects what is not an http(s) URL with a clear message', () => {
    assert.throws(() => normaliseBaseUrl(''), (e: unknown) => e instanceof ConfigError && /empty/.test(e.message));
    assert.throws(() => normaliseBaseUrl('ftp://x.example'), /http:\/\/ or https:\/\//);
    assert.throws(() => normaliseBaseUrl('http://exa mple'), /not a valid URL/);
  });

  it('cleans pasted keys: whitespace, line breaks, a Bearer prefix', () => {
    assert.equal(normaliseApiKey('  sk-abc123def456\n'), 'sk-abc123def456');
    assert.equal(normaliseApiKey('Bearer sk-abc123def456'), 'sk-abc123def456');
    assert.equal(normaliseApiKey('sk-abc123\ndef456'), 'sk-abc123def456');
    assert.equal(normaliseApiKey(''), '');
    assert.equal(normaliseApiKey(undefined), '');
  });

  it('rejects placeholder keys copied from documentation', () => {
    for (const placeholder of ['YOUR_API_KEY', 'YOUR_HOLYSHEEP_API_KEY', 'your-openai-api-key', '<your key>', '${OPENAI_API_KEY}', 'sk-xxxxxxxx', 'sk-...', 'xxxxxxxxxx']) {
      assert.throws(() => normaliseApiKey(placeholder), (e: unknown) => e instanceof ConfigError && /placeholder/.test(e.message), placeholder);
      assert.equal(isPlaceholderKey(placeholder), true, placeholder);
    }
    assert.equal(isPlaceholderKey('sk-proj-Abc123XyZ987'), false);
  });

  it('builds headers: bearer key, custom headers, no header injection', () => {
    const h = buildHeaders('sk-abc123def456', { 'X-Relay-Group': 'team', Host: 'evil' });
    assert.equal(h.authorization, 'Bearer sk-abc123def456');
    assert.equal(h['x-relay-group'], 'team');
    assert.equal(h.host, undefined);
    assert.equal(buildHeaders('', {}).authorization, undefined, 'no key, no Authorization (local servers)');
    assert.throws(() => buildHeaders('k', { 'X-A': 'a\r\nInjected: 1' }), /line break/);
  });

  it('derives the WebSocket URL from the base URL', () => {
    assert.equal(webSocketUrl('https://api.example.com/v1'), 'wss://api.example.com/v1/chat/completions');
    assert.equal(webSocketUrl('http://127.0.0.1:8080/v1', '/realtime'), 'ws://127.0.0.1:8080/v1/realtime');
  });
});
