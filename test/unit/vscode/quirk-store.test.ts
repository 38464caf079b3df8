import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { QuirkMemory } from '../../../src/core';
import { QUIRKS_KEY, globalStateQuirkStore } from '../../../src/vscode/quirk-store';

/** globalState as two windows share it: one map, writes seen by both. */
function sharedMemento(): vscode.Memento & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    keys: () => [...data.keys()],
    get: <T>(key: string, fallback?: T) => (data.has(key) ? data.get(key) as T : fallback) as T,
    update: async (key: string, value: unknown) => void data.set(key, value),
  };
}

describe('request quirks in globalState', () => {
  const url = 'https://relay.test/v1';

  it('two windows learning different quirks keep both under the one key', async () => {
    const state = sharedMemento();
    const a = new QuirkMemory(globalStateQuirkStore(state));
    const b = new QuirkMemory(globalStateQuirkStore(state));
    await Promise.all([a.ready(), b.ready()]);
    a.learn(url, 'o3', 'use_max_completion_tokens');
    b.learn(url, 'o3', 'drop_temperature');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(state.data.get(QUIRKS_KEY), { [`${url} o3`]: ['use_max_completion_tokens', 'drop_temperature'] });
    const next = new QuirkMemory(globalStateQuirkStore(state));
    await next.ready();
    assert.deepEqual(next.quirksFor(url, 'o3'), ['use_max_completion_tokens', 'drop_temperature']);
  });
});
