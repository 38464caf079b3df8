// The usage store across windows: two processes appending thousands of records at once lose none
// and tear none; a reader sees another process's counts incrementally; an unreadable file is set
// aside (renamed, never deleted) and counting goes on.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_PRICING } from '../../src/core/usage/pricing';
import { usageRecord } from '../../src/core/usage/usage-record';
import { UsageStore, usageFileName } from '../../src/core/usage/usage-store';

const WRITER = path.join(__dirname, 'usage-writer.js');
const localMonth = (now: number) => `${new Date(now).getFullYear()}-${String(new Date(now).getMonth() + 1).padStart(2, '0')}`;

function runWriter(dir: string, id: string, batches: number, perBatch: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(WRITER, [dir, id, String(batches), String(perBatch)], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${id} exited with ${code}`))));
  });
}

describe('usage store', function () {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-usage-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('two processes appending 2 × 4000 records at once: none lost, none torn; a third sees them as they come', async () => {
    const reader = new UsageStore(dir);
    let reads = 0;
    let seen = 0;
    const writers = Promise.all([runWriter(dir, 'a', 200, 20), runWriter(dir, 'b', 200, 20)]);
    let done = false;
    void writers.finally(() => (done = true));
    // Reads while the writers write: only whole lines count, and each read takes only new bytes.
    while (!done) {
      await reader.refresh();
      reads++;
      const now = reader.records().length;
      assert.ok(now >= seen, 'counts never go back');
      seen = now;
    }
    await writers;
    await reader.refresh();
    const records = reader.records();
    assert.equal(records.length, 8000);
    for (const id of ['a', 'b']) {
      const mine = records.filter((r) => r.model === `model-${id}`).map((r) => r.completionTokens).sort((x, y) => x - y);
      assert.deepEqual(mine, Array.from({ length: 4000 }, (_, i) => i), `every record of writer ${id}, once`);
    }
    assert.equal(reader.setAside.length, 0, 'no line was torn');
    assert.ok(reads > 1);
    const again = new UsageStore(dir);
    await again.refresh();
    assert.equal(again.records().length, 8000, 'a new window (a reload) reads them all');
  });

  it('writes a batch in one go and reads it back once, counted before and after the write', async () => {
    const now = Date.now();
    const store = new UsageStore(dir, { now: () => now, batchMs: 10_000 });
    const other = new UsageStore(dir, { now: () => now });
    store.add(usageRecord({ source: 'chat', model: 'gpt-4.1', provider: 'h', promptTokens: 1, completionTokens: 2 }, DEFAULT_PRICING, now));
    store.add(usageRecord({ source: 'lm', model: 'gpt-4.1', provider: 'h', promptTokens: 1, completionTokens: 2 }, DEFAULT_PRICING, now));
    assert.equal(store.records().length, 2, 'counted at once in this window');
    await other.refresh();
    assert.equal(other.records().length, 0, 'not written yet');
    await store.flush();
    assert.equal(store.records().length, 2, 'read back, not counted twice');
    const text = fs.readFileSync(path.join(dir, usageFileName(localMonth(now))), 'utf8');
    assert.equal(text.split('\n').length, 3);
    assert.equal(await other.refresh(), true);
    assert.equal(other.records().length, 2, 'another window sees them');
    assert.equal(await other.refresh(), false, 'nothing new: nothing read');
  });

  it('sets an unreadable file aside (renamed, kept), reports it, and the next read works', async () => {
    const now = Date.now();
    const name = usageFileName(localMonth(now));
    const good = JSON.stringify(usageRecord({ source: 'chat', model: 'm', provider: 'h', promptTokens: 1, completionTokens: 1 }, {}, now));
    fs.writeFileSync(path.join(dir, name), `${good}\n{"at": broken\n${good}\n`);
    const store = new UsageStore(dir, { now: () => now });
    const reported: string[] = [];
    store.onSetAside((f) => reported.push(f.file));
    await store.refresh();
    assert.deepEqual(reported, [name]);
    const aside = store.setAside[0];
    assert.ok(aside);
    assert.equal(aside.line, 2);
    assert.ok(fs.existsSync(aside.movedTo), 'kept where the warning says');
    assert.equal(fs.readFileSync(aside.movedTo, 'utf8').split('\n')[1], '{"at": broken', 'untouched');
    assert.equal(fs.existsSync(path.join(dir, name)), false);
    assert.equal(store.records().length, 0);
    store.add(usageRecord({ source: 'chat', model: 'm', provider: 'h', promptTokens: 1, completionTokens: 1 }, {}, now));
    await store.flush();
    assert.equal(store.records().length, 1, 'counting goes on in a fresh file');
    const other = new UsageStore(dir, { now: () => now });
    await other.refresh();
    assert.equal(other.records().length, 1);
    assert.equal(other.setAside.length, 0);
  });
});
