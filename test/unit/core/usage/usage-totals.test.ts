// The running totals (what the budgets and the status bar read on every request) are the full report's
// numbers: for random records of every source (a newer version's too), priced or not, estimated or
// not, written by this window or read from disk, across local midnight and the turn of a month.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { usageRecord, type UsageRecord } from '../../../../src/core/usage/usage-record';
import { usageReport } from '../../../../src/core/usage/usage-report';
import { UsageStore } from '../../../../src/core/usage/usage-store';
import { assertSameTotals } from '../../support/usage-fixture';

const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const SOURCES = ['chat', 'explain', 'completion', 'lm', 'agent'] as const;
const PRICING = { 'gpt-4.1': { input: 2, output: 8 }, 'deepseek-v3.2': { input: 0.28, output: 0.42 } };
const MODELS = ['gpt-4.1', 'deepseek-v3.2', 'local-coder'];

function random(seed: number): () => number {
  return () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
}

/** `count` records between `from` and `to`, with the last minutes before and after midnight well represented. */
function records(rand: () => number, count: number, from: number, to: number): UsageRecord[] {
  return Array.from({ length: count }, () => {
    const when = rand() < 0.3 ? at(2026, 11, 30, 23, 58) + Math.floor(rand() * 4 * 60_000) : from + Math.floor(rand() * (to - from));
    const source = SOURCES[Math.floor(rand() * SOURCES.length)] ?? 'chat';
    const record = usageRecord({
      source: source === 'agent' ? 'chat' : source, model: MODELS[Math.floor(rand() * MODELS.length)] ?? 'gpt-4.1', provider: 'relay.example',
      promptTokens: Math.floor(rand() * 50_000), completionTokens: Math.floor(rand() * 5_000), estimated: rand() < 0.2,
    }, PRICING, when);
    // A newer version's source, as another window may write it.
    return source === 'agent' ? { ...record, source: 'agent' } : record;
  });
}

describe('usage: running totals', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-usage-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The running totals at `now` are the report's (today, this month, today per source). */
  function assertLikeReport(store: UsageStore, all: UsageRecord[], now: number): void {
    const totals = store.totals(now);
    const report = usageReport(all, now);
    assert.equal(totals.month, report.month);
    assertSameTotals(totals.today, report.today, `today at ${new Date(now).toString()}`);
    assertSameTotals(totals.monthTotals, report.monthTotals, `month at ${new Date(now).toString()}`);
    for (const source of SOURCES) {
      const expected = usageReport(all.filter((r) => r.source === source), now).today;
      if (expected.requests) assertSameTotals(totals.todayBySource[source] ?? expected, expected, `${source} today`);
      else assert.equal(totals.todayBySource[source], undefined);
    }
  }

  const NOWS = [at(2026, 11, 30, 23, 59), at(2026, 12, 1, 0, 0), at(2026, 12, 1, 0, 1), at(2026, 12, 1, 23, 59), at(2026, 12, 2, 0, 0), at(2026, 12, 15), at(2026, 11, 15)];

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equal the full report for random records (seed ${seed}), written, read back and pending, across midnight and the month's end`, async () => {
      const rand = random(seed);
      const clock = { now: at(2026, 12, 2, 0, 0) };
      const written = records(rand, 600, at(2026, 11, 1, 0, 0), at(2026, 12, 2, 0, 0));
      const writer = new UsageStore(dir, { now: () => clock.now, batchMs: 60_000 });
      for (const r of written) writer.add(r);
      await writer.flush();
      // Another window reads them from disk, then counts its own (pending, not yet written).
      const reader = new UsageStore(dir, { now: () => clock.now, batchMs: 60_000 });
      await reader.refresh();
      const pending = records(rand, 150, at(2026, 11, 28, 0, 0), at(2026, 12, 2, 0, 0));
      const all = [...written];
      for (const [i, r] of pending.entries()) {
        reader.add(r);
        all.push(r);
        // Asked between additions too: the cached totals follow every change.
        if (i % 37 === 0) assertLikeReport(reader, all, clock.now);
      }
      for (const now of NOWS) assertLikeReport(reader, all, now);
      await reader.flush();
      for (const now of NOWS) assertLikeReport(reader, all, now);
      assert.deepEqual(reader.skipped, []);
      // The first window hears of the other's records through a read, and agrees.
      await writer.refresh();
      for (const now of NOWS) assertLikeReport(writer, all, now);
      writer.dispose();
      reader.dispose();
    });
  }
});
