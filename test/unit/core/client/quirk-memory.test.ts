import * as assert from 'node:assert/strict';
import { QuirkMemory, quirkKey, readLearnedQuirks, withQuirk, type LearnedQuirks, type QuirkStore } from '../../../../src/core/client/quirk-memory';
import type { Quirk } from '../../../../src/core/client/quirks';

/** A store like globalState shared by two windows: each save reads what is there now and merges. */
function sharedStore(state: { value: unknown }): QuirkStore {
  return {
    load: () => readLearnedQuirks(state.value),
    save: (key: string, quirk: Quirk) => {
      state.value = withQuirk(readLearnedQuirks(state.value), key, quirk);
    },
  };
}

describe('the memory of what each endpoint + model refused', () => {
  const url = 'https://relay.test/v1';

  it('keeps quirks per endpoint and model', async () => {
    const memory = new QuirkMemory();
    await memory.ready();
    assert.equal(memory.learn(url, 'o3', 'use_max_completion_tokens'), true);
    assert.equal(memory.learn(url, 'o3', 'use_max_completion_tokens'), false, 'known already: not learnt (nor logged) again');
    assert.deepEqual(memory.quirksFor(url, 'o3'), ['use_max_completion_tokens']);
    assert.deepEqual(memory.quirksFor(url, 'gpt-4.1'), []);
    assert.deepEqual(memory.quirksFor('https://other.test/v1', 'o3'), []);
  });

  it('replaces a quirk by the one that supersedes it', () => {
    let learned: LearnedQuirks = {};
    learned = withQuirk(learned, 'k', 'use_max_completion_tokens');
    learned = withQuirk(learned, 'k', 'system_as_developer');
    learned = withQuirk(learned, 'k', 'use_max_tokens');
    learned = withQuirk(learned, 'k', 'system_into_user');
    assert.deepEqual(learned.k, ['use_max_tokens', 'system_into_user']);
  });

  it('two windows learning different quirks both keep theirs (read-merge-write)', async () => {
    const state = { value: undefined as unknown };
    const first = new QuirkMemory(sharedStore(state));
    const second = new QuirkMemory(sharedStore(state));
    await Promise.all([first.ready(), second.ready()]);
    first.learn(url, 'o3', 'use_max_completion_tokens');
    second.learn(url, 'o3', 'drop_temperature');
    second.learn(url, 'llama', 'system_into_user');
    assert.deepEqual(state.value, {
      [quirkKey(url, 'o3')]: ['use_max_completion_tokens', 'drop_temperature'], [quirkKey(url, 'llama')]: ['system_into_user'],
    });
    const reloaded = new QuirkMemory(sharedStore(state));
    await reloaded.ready();
    assert.deepEqual(reloaded.quirksFor(url, 'o3'), ['use_max_completion_tokens', 'drop_temperature']);
  });

  it('reads a damaged store as what it can: unknown quirks and malformed entries are left out', () => {
    assert.deepEqual(readLearnedQuirks({ a: ['drop_stop', 'fly'], b: 'drop_stop', c: [] }), { a: ['drop_stop'] });
    assert.deepEqual(readLearnedQuirks('nonsense'), {});
  });

  it('a store that fails to load or save leaves the memory working', async () => {
    const errors: unknown[] = [];
    const memory = new QuirkMemory({ load: () => Promise.reject(new Error('no')), save: () => { throw new Error('full'); } }, (e) => errors.push(e));
    await memory.ready();
    assert.equal(memory.learn(url, 'o3', 'drop_stop'), true);
    assert.deepEqual(memory.quirksFor(url, 'o3'), ['drop_stop']);
    assert.equal(errors.length, 2);
  });
});
