// The usage store across windows: two processes appending thousands of records at once lose none
// and tear none; a reader sees another process's counts incrementally; several processes' completions
// add up to one daily total that every window sees; a line that cannot be read is skipped and
// reported, and every other line of the month still counts.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompletionEngine } from '../../../../src/core/completion/engine';
import { DEFAULT_PRICING } from '../../../../src/core/usage/pricing';
import { usageRecord, type UsageRecord } from '../../../../src/core/usage/usage-record';
import { usageReport, type UsageTotals } from '../../../../src/core/usage/usage-report';
import { UsageStore, usageFileName } from '../../../../src/core/usage/usage-store';
import { FakeClient, MapStore } from '../../support/completion-fakes';
import { assertSameTotals } from '../../support/usage-fixture';

const WRITER = path.join(__dirname, '../../support/usage-writer.js');
const localMonth = (now: number) => `${new Date(now).getFullYear()}-${String(new Date(now).getMonth() + 1).padStart(2, '0')}`;

function runWriter(dir: string, id: string, batches: number, perBatch: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(WRITER, [dir, id, String(batches), String(perBatch)], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${id} exited with ${code}`))));
  });
}

interface WindowTotals { completion: UsageTotals; today: UsageTotals; records: number }

/** A window in its own process: records priced completions, then (when told) reads every window's and reports its totals. */
function runWindow(dir: string, id: string, batches: number, perBatch: number, price: number): { written: Promise<void>; totals(): Promise<WindowTotals> } {
  const child = fork(WRITER, [dir, id, String(batches), String(perBatch), String(price)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`window ${id} exited with ${code}`)))));
  const message = (type: string) => new Promise<Record<string, unknown>>((resolve, reject) => {
    child.on('message', (m: Record<string, unknown>) => m.type === type && resolve(m));
    void exited.catch(reject);
  });
  const written = message('written').then(() => undefined);
  return {
    written,
    totals: async () => {
      const reported = message('totals');
      child.send('read');
      const m = await reported;
      await exited;
      return { completion: m.completion as UsageTotals, today: m.today as UsageTotals, records: m.records as number };
    },
  };
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
    assert.deepEqual(reader.skipped, [], 'no line was torn');
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

  it('several windows (processes) record completions at once: each sees the same day\'s total, and their sum reaches the daily budget', async () => {
    // Three windows, 3 × 20 completions of 1,000 tokens at $1 per million: $0.02 each, $0.06 together.
    const windows = ['a', 'b', 'c'].map((id) => runWindow(dir, id, 4, 5, 1));
    await Promise.all(windows.map((w) => w.written));
    const seen = await Promise.all(windows.map((w) => w.totals()));
    for (const w of seen) {
      assert.equal(w.records, 60, 'every window reads every window\'s records');
      assert.equal(w.completion.requests, 60);
      assert.equal(w.completion.promptTokens + w.completion.completionTokens, 60_000);
      assert.ok(Math.abs(w.completion.costUsd - 0.06) < 1e-12, String(w.completion.costUsd));
    }
    assert.deepEqual(seen.map((w) => w.completion), Array(3).fill(seen[0]?.completion), 'the same numbers in every window');
    // A fourth window with a daily budget of $0.05 (more than any one window spent): paused by their sum.
    const mine = new UsageStore(dir);
    await mine.refresh();
    const engine = new CompletionEngine({
      client: () => new FakeClient(), settings: () => ({ model: 'm', mode: 'chat', dailyBudgetUsd: 0.05 }), endpoint: () => 'https://relay.example/v1', store: new MapStore(),
      spentToday: () => mine.totals().todayBySource.completion?.costUsd ?? 0,
    });
    assert.equal(engine.checkDailyBudget(), true);
    assert.equal(engine.state.reason, 'budget');
  });
});

describe('usage store: one bad line never costs the month', () => {
  let dir: string;
  let file: string;
  const now = Date.now();
  const name = usageFileName(localMonth(now));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-usage-'));
    file = path.join(dir, name);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const good = (n: number, over: Partial<UsageRecord> = {}): UsageRecord => ({
    ...usageRecord({ source: 'chat', model: 'gpt-4.1', provider: 'relay.example', promptTokens: 100 * n, completionTokens: n }, DEFAULT_PRICING, now), ...over,
  });
  const line = (value: unknown) => JSON.stringify(value);

  /** A new window reads the file: the records and running totals it counts, and the lines it skipped. */
  async function read(): Promise<UsageStore> {
    const store = new UsageStore(dir, { now: () => now });
    await store.refresh();
    return store;
  }

  /** The month's totals are exactly those of `expected`: in the records, the running totals and the report. */
  function assertIntact(store: UsageStore, expected: UsageRecord[]): void {
    assert.deepEqual(store.records(), expected);
    const report = usageReport(expected, now);
    assertSameTotals(store.totals(now).monthTotals, report.monthTotals);
    assert.ok(report.monthTotals.costUsd > 0);
  }

  const cases: [string, (g: UsageRecord) => string][] = [
    ['not JSON', () => '{"at": 17'],
    ['not an object', () => '[1, 2, 3]'],
    ['a negative count', (g) => line({ ...g, promptTokens: -5 })],
    ['a count that is not a number', (g) => line({ ...g, completionTokens: '12' })],
    ['an absurd count', (g) => line({ ...g, promptTokens: 1e12 })],
    ['a model of the wrong type', (g) => line({ ...g, model: 7 })],
    ['no day', (g) => line({ ...g, day: undefined })],
  ];
  for (const [kind, bad] of cases) {
    it(`skips a line with ${kind} between good ones, reports it, and counts the rest`, async () => {
      const records = [good(1), good(2), good(3), good(4)];
      fs.writeFileSync(file, [line(records[0]), line(records[1]), bad(good(9)), line(records[2]), line(records[3])].join('\n') + '\n');
      const store = await read();
      assertIntact(store, records);
      assert.deepEqual(store.skipped, [{ file: name, count: 1, lines: [3] }]);
      assert.ok(fs.readFileSync(file, 'utf8').includes(bad(good(9))), 'the line stays in the file as it was');
    });
  }

  it('reads a newer version\'s lines as far as it can: extra fields ignored, an unknown source kept, an optional field of unknown shape left out', async () => {
    const newer = { ...good(5), source: 'agent', cacheTokens: 40, meta: { v: 3 } };
    const oddCost = { ...good(6), costUsd: { amount: 1, currency: 'USD' }, estimated: 'maybe' };
    fs.writeFileSync(file, [line(good(1)), line(newer), line(oddCost)].join('\n') + '\n');
    const store = await read();
    assert.deepEqual(store.skipped, []);
    const [, agent, odd] = store.records();
    assert.deepEqual(agent, good(5, { source: 'agent' }));
    const { costUsd: _cost, ...withoutCost } = good(6);
    assert.deepEqual(odd, { ...withoutCost, unpriced: true, estimated: true });
    const totals = store.totals(now);
    assert.equal(totals.monthTotals.requests, 3);
    assert.equal(totals.todayBySource.agent?.requests, 1, 'counted under its own source');
    assert.equal(totals.monthTotals.costUsd, (good(1).costUsd ?? 0) + (good(5).costUsd ?? 0));
    assert.equal(totals.monthTotals.unpricedTokens, 606, 'the line whose cost could not be read is counted as unpriced');
    assert.deepEqual(usageReport(store.records(), now).bySource.map((l) => l.key).sort(), ['agent', 'chat']);
  });

  it('does not read a torn last line until its newline comes, and never reports it', async () => {
    const whole = line(good(2));
    fs.writeFileSync(file, `${line(good(1))}\n${whole.slice(0, 30)}`);
    const store = await read();
    assertIntact(store, [good(1)]);
    assert.deepEqual(store.skipped, []);
    fs.appendFileSync(file, `${whole.slice(30)}\n`);
    assert.equal(await store.refresh(), true);
    assertIntact(store, [good(1), good(2)]);
    assert.deepEqual(store.skipped, []);
  });

  it('a line cut off for good (a crash) costs no record written after it: it is skipped and reported', async () => {
    fs.writeFileSync(file, `${line(good(1))}\n${line(good(2)).slice(0, 30)}`);
    const store = new UsageStore(dir, { now: () => now, batchMs: 60_000 });
    store.add(good(3));
    await store.flush();
    assertIntact(store, [good(1), good(3)]);
    assert.deepEqual(store.skipped, [{ file: name, count: 1, lines: [2] }]);
    assertIntact(await read(), [good(1), good(3)]);
  });

  it('reports how many lines and which, as each read finds them, and goes on counting in the same file', async () => {
    fs.writeFileSync(file, ['oops', line(good(1)), 'oops', 'oops', line(good(2))].join('\n') + '\n');
    const store = await read();
    const heard: [string, number[]][] = [];
    store.onSkipped((f, lines) => heard.push([f, lines]));
    assert.deepEqual(store.skipped, [{ file: name, count: 3, lines: [1, 3, 4] }]);
    fs.appendFileSync(file, `${'\u0000\u00ff binary \u0001'}\n${line(good(3))}\n`);
    await store.refresh();
    assert.deepEqual(heard, [[name, [6]]]);
    assert.deepEqual(store.skipped, [{ file: name, count: 4, lines: [1, 3, 4, 6] }]);
    assertIntact(store, [good(1), good(2), good(3)]);
    assert.equal(fs.readdirSync(dir).length, 1, 'nothing set aside: one file');
  });
});
