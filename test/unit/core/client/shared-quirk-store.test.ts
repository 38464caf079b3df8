// Issue 20: what a relay refused is learnt once for every window. Two windows are two SharedStateFiles
// on one folder (each window's extension host opens its own); the change arrives through the watch.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { QuirkMemory, sharedQuirkStore } from '../../../../src/core/client/quirk-memory';
import { SharedStateFile } from '../../../../src/core/util/shared-state-file';
import { SHARED_KEYS } from '../../../../src/core/util/shared-state-keys';

const URL = 'https://relay.test/v1';

/** Resolves once `store` announces the quirks key (no sleep: the watch must deliver it). */
function announced(store: SharedStateFile): Promise<void> {
  return new Promise((resolve) => {
    const off = store.onChange((keys) => {
      if (!keys.includes(SHARED_KEYS.requestQuirks)) return;
      off();
      resolve();
    });
  });
}

describe('request quirks shared by every window', () => {
  let folder: string;
  const opened: SharedStateFile[] = [];
  const memories: QuirkMemory[] = [];
  beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-quirks-'))));
  afterEach(() => {
    for (const m of memories.splice(0)) m.dispose();
    for (const s of opened.splice(0)) s.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  function window(): { state: SharedStateFile; memory: QuirkMemory } {
    const state = new SharedStateFile(folder);
    state.watch();
    opened.push(state);
    const memory = new QuirkMemory(sharedQuirkStore(state));
    memories.push(memory);
    return { state, memory };
  }

  it('a quirk one window learns applies in the other from its next request, without a reload', async () => {
    const a = window();
    const b = window();
    await Promise.all([a.memory.ready(), b.memory.ready()]);
    const arrived = announced(b.state);
    a.memory.learn(URL, 'o3', 'use_max_completion_tokens');
    await arrived;
    await b.memory.ready();
    await new Promise((r) => setImmediate(r)); // the reload the change started
    assert.deepEqual(b.memory.quirksFor(URL, 'o3'), ['use_max_completion_tokens']);
  });

  it('what another window learnt later wins over what this window learnt before (no stale quirk laid back over it)', async () => {
    const a = window();
    const b = window();
    await Promise.all([a.memory.ready(), b.memory.ready()]);
    let arrived = announced(b.state);
    a.memory.learn(URL, 'o3', 'use_max_completion_tokens');
    await a.state.flush();
    await arrived;
    await new Promise((r) => setImmediate(r));
    arrived = announced(a.state);
    b.memory.learn(URL, 'o3', 'use_max_tokens'); // the relay changed its mind: supersedes the other
    await b.state.flush();
    await arrived;
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(a.memory.quirksFor(URL, 'o3'), ['use_max_tokens']);
  });

  it('two windows learning different quirks keep both, and the next session starts with both', async () => {
    const a = window();
    const b = window();
    await Promise.all([a.memory.ready(), b.memory.ready()]);
    const seen = announced(b.state);
    a.memory.learn(URL, 'o3', 'use_max_completion_tokens');
    await seen;
    b.memory.learn(URL, 'o3', 'drop_temperature');
    await b.state.flush();
    const next = window();
    await next.memory.ready();
    const stored = new SharedStateFile(folder).get(SHARED_KEYS.requestQuirks);
    assert.deepEqual(stored, { [`${URL} o3`]: ['use_max_completion_tokens', 'drop_temperature'] });
    assert.deepEqual(next.memory.quirksFor(URL, 'o3'), ['use_max_completion_tokens', 'drop_temperature']);
  });
});
