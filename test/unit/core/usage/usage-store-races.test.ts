// The usage store's own batch, counted exactly once at every moment: while a read started by the
// folder watch runs during the write, and when the read-back after a write fails (the batch is then
// never written a second time, also when only one of two month files could be written).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompletionEngine } from '../../../../src/core/completion/engine';
import { DEFAULT_PRICING } from '../../../../src/core/usage/pricing';
import { usageRecord, type UsageRecord } from '../../../../src/core/usage/usage-record';
import { UsageStore, monthsBack, usageFileName } from '../../../../src/core/usage/usage-store';
import { FakeClient, MapStore } from '../../support/completion-fakes';

const NOW = new Date(2026, 11, 7, 10, 0, 0).getTime();
const [THIS_MONTH, LAST_MONTH] = monthsBack(NOW, 2) as [string, string];
const LAST_MONTH_DAY = new Date(2026, 10, 30, 12, 0, 0).getTime();

const record = (n: number, at = NOW): UsageRecord =>
  usageRecord({ source: 'completion', model: 'gpt-4.1', provider: 'relay.example', promptTokens: 100, completionTokens: n }, DEFAULT_PRICING, at);

/** The lines of a month file (none when it does not exist). */
function linesOf(dir: string, month: string): string[] {
  const file = path.join(dir, usageFileName(month));
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : [];
}

/** Every request count the store's listeners were shown (this month's), and the highest. */
function watchCounts(store: UsageStore): { seen: number[]; max(): number } {
  const seen: number[] = [];
  store.onChange(() => seen.push(store.totals(NOW).monthTotals.requests));
  return { seen, max: () => Math.max(0, ...seen) };
}

type Open = typeof fs.promises.open;

describe('usage store: its own batch counted once, written once', function () {
  let dir: string;
  const realOpen: Open = fs.promises.open;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-usage-races-'))));
  afterEach(() => {
    fs.promises.open = realOpen;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a read the folder watch starts while the batch is being written never counts it on top of the pending records', async () => {
    const store = new UsageStore(dir, { now: () => NOW, batchMs: 2 ** 30 });
    // The folder watch fires as the write goes out (this window's own append, or another's at that
    // moment); its read reaches the file once the write is done, as a read on another thread would.
    let writing: Promise<unknown> | undefined;
    fs.promises.open = (async (...args: Parameters<Open>) => {
      if (args[1] === 'r' && writing) await writing.catch(() => undefined);
      const handle = await realOpen(...args);
      if (args[1] === 'a+') {
        const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
        Object.assign(handle, {
          write: (...a: unknown[]) => {
            void store.refresh();
            writing = write(...a);
            return writing;
          },
        });
      }
      return handle;
    }) as Open;
    const counts = watchCounts(store);
    for (const n of [1, 2, 3]) store.add(record(n));
    await store.flush();
    assert.equal(store.totals(NOW).monthTotals.requests, 3);
    assert.deepEqual(counts.seen.filter((c) => c !== 3), [1, 2], `counted once at every change: ${counts.seen.join(', ')}`);
    assert.equal(linesOf(dir, THIS_MONTH).length, 3);
  });

  it('with a real folder watch calling refresh, as the extension does: never more than the records added, over 60 batches', async () => {
    const store = new UsageStore(dir, { now: () => NOW, batchMs: 2 ** 30 });
    const counts = watchCounts(store);
    const watcher = fs.watch(dir, () => void store.refresh().catch(() => undefined));
    try {
      let added = 0;
      for (let trial = 0; trial < 60; trial++) {
        for (let i = 0; i < 3; i++) store.add(record(++added));
        await store.flush();
        assert.ok(counts.max() <= added, `batch ${trial + 1}: ${counts.max()} requests shown for ${added} records`);
      }
      assert.equal(store.totals(NOW).monthTotals.requests, 180);
      assert.equal(linesOf(dir, THIS_MONTH).length, 180);
    } finally {
      watcher.close();
      // Reads the last events started end before the folder is removed.
      await store.refresh();
    }
  });

  it('a failed read-back (a month file that cannot be read) counts the batch once and never writes it again', async () => {
    // Last month's file is a directory: every read fails with EISDIR, every write to this month works.
    fs.mkdirSync(path.join(dir, usageFileName(LAST_MONTH)));
    const errors: Error[] = [];
    const store = new UsageStore(dir, { now: () => NOW, batchMs: 2 ** 30, onError: (e) => errors.push(e) });
    for (const n of [1, 2, 3]) store.add(record(n));
    await assert.rejects(store.flush(), /EISDIR/);
    assert.equal(linesOf(dir, THIS_MONTH).length, 3);
    assert.equal(store.totals(NOW).monthTotals.requests, 3, 'counted once while unread');
    assert.equal(store.records().length, 3);
    await store.flush().catch(() => undefined);
    assert.equal(linesOf(dir, THIS_MONTH).length, 3, 'a second flush writes nothing again');
    store.add(record(4));
    await assert.rejects(store.flush(), /EISDIR/);
    assert.equal(linesOf(dir, THIS_MONTH).length, 4, 'only the new record is written');
    assert.equal(store.totals(NOW).monthTotals.requests, 4);
    // The file can be read again: the records count once, from the file.
    fs.rmdirSync(path.join(dir, usageFileName(LAST_MONTH)));
    assert.equal(await store.refresh(), true);
    assert.equal(store.totals(NOW).monthTotals.requests, 4);
    assert.equal(store.records().length, 4);
    await store.flush();
    assert.equal(linesOf(dir, THIS_MONTH).length, 4);
  });

  it('a batch across two months whose second file cannot be written: the first month is written once, the second when it can be', async () => {
    const blocked = path.join(dir, usageFileName(LAST_MONTH));
    fs.mkdirSync(blocked);
    const store = new UsageStore(dir, { now: () => NOW, batchMs: 2 ** 30 });
    store.add(record(1));
    store.add(record(2));
    store.add(record(3, LAST_MONTH_DAY));
    await assert.rejects(store.flush(), /EISDIR/);
    assert.equal(linesOf(dir, THIS_MONTH).length, 2);
    assert.equal(store.records().length, 3, 'each counted once: two written, one pending');
    assert.equal(store.totals(NOW).monthTotals.requests, 2);
    fs.rmdirSync(blocked);
    await store.flush();
    assert.equal(linesOf(dir, THIS_MONTH).length, 2, 'this month\'s records not written twice');
    assert.equal(linesOf(dir, LAST_MONTH).length, 1, 'last month\'s written now');
    assert.equal(store.records().length, 3);
    assert.equal(store.totals(NOW).monthTotals.requests, 2);
    const reload = new UsageStore(dir, { now: () => NOW });
    await reload.refresh();
    assert.equal(reload.records().length, 3, 'a new window reads each record once');
  });

  it('a daily-budget pause ends when the shared count drops back under the budget', () => {
    let spent = 0.02;
    const engine = new CompletionEngine({
      client: () => new FakeClient(), settings: () => ({ model: 'm', mode: 'chat', dailyBudgetUsd: 0.01 }), endpoint: () => 'https://relay.example/v1',
      store: new MapStore(), spentToday: () => spent,
    });
    assert.equal(engine.checkDailyBudget(), true);
    assert.equal(engine.state.reason, 'budget');
    spent = 0.005;
    assert.equal(engine.checkDailyBudget(), false);
    assert.equal(engine.state.reason, null, 'the counts no longer bear the pause out');
    engine.pause.pause('snoozed');
    engine.checkDailyBudget();
    assert.equal(engine.state.reason, 'snoozed', 'another pause is left alone');
  });
});
