import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTING_DEFAULTS } from '../../../src/core';
import { DEFAULT_TIMEOUTS, DEFAULT_WEBSOCKET } from '../../../src/core/client/defaults';

// Setting defaults live in the core (SETTING_DEFAULTS). The manifest must repeat them for the
// Settings UI; this keeps the copies one.
const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
};
const PREFIX = 'relayChat.';
const contributed = Object.entries(manifest.contributes.configuration.properties)
  .filter(([, schema]) => 'default' in schema)
  .map(([key, schema]) => [key.slice(PREFIX.length), schema.default] as const);

describe('setting defaults: one source of truth', () => {
  it('package.json declares exactly the defaults of SETTING_DEFAULTS', () => {
    assert.deepEqual(Object.fromEntries(contributed), { ...SETTING_DEFAULTS });
  });

  it("the core's own defaults are the settings' defaults in milliseconds", () => {
    assert.deepEqual(DEFAULT_TIMEOUTS, {
      firstByteMs: SETTING_DEFAULTS['timeouts.firstByteSeconds'] * 1000,
      idleMs: SETTING_DEFAULTS['timeouts.idleSeconds'] * 1000,
      totalMs: SETTING_DEFAULTS['timeouts.totalSeconds'] * 1000,
    });
    assert.equal(DEFAULT_WEBSOCKET.dialect, SETTING_DEFAULTS['webSocket.dialect']);
    assert.equal(DEFAULT_WEBSOCKET.auth, SETTING_DEFAULTS['webSocket.auth']);
    assert.equal(DEFAULT_WEBSOCKET.pingIntervalMs, SETTING_DEFAULTS['webSocket.heartbeatSeconds'] * 1000);
    assert.equal(DEFAULT_WEBSOCKET.pongTimeoutMs, SETTING_DEFAULTS['webSocket.pongTimeoutSeconds'] * 1000);
    assert.equal(DEFAULT_WEBSOCKET.maxLifetimeMs, SETTING_DEFAULTS['webSocket.connectionLifetimeMinutes'] * 60_000);
    assert.equal(DEFAULT_WEBSOCKET.reconnectMaxAttempts, SETTING_DEFAULTS['webSocket.reconnectMaxAttempts']);
    assert.equal(DEFAULT_WEBSOCKET.reconnectMaxDelayMs, SETTING_DEFAULTS['webSocket.reconnectMaxDelaySeconds'] * 1000);
  });
});
