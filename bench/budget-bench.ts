// What a budget check costs per request with a big usage history: the month's report rebuilt from every
// record (how the budgets and the status bar read spending before issue 16) against the running totals
// the usage store keeps. Fills a usage folder with a month of records, then times a check (the monthly
// budget's gate and the daily completion budget) and a record followed by a check. Prints figures.
//   npm run bench:budget        env: BUDGET_RECORDS (default 200000), BUDGET_ROUNDS (default 300)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGate, type Spending } from '../src/core/usage/budget';
import { DEFAULT_PRICING } from '../src/core/usage/pricing';
import { usageRecord, type UsageRecord, type UsageSourceKind } from '../src/core/usage/usage-record';
import { usageReport } from '../src/core/usage/usage-report';
import { UsageStore, usageFileName } from '../src/core/usage/usage-store';
import { prng } from './prng';

const RECORDS = Number(process.env.BUDGET_RECORDS ?? 200_000);
const ROUNDS = Number(process.env.BUDGET_ROUNDS ?? 300);
const SOURCES: UsageSourceKind[] = ['chat', 'explain', 'completion', 'completion', 'completion', 'lm'];
const MODELS = ['gpt-4.1', 'deepseek-v3.2', 'claude-sonnet-4.5', 'local-coder'];

/** Use since the 1st of last month, in this month's file and last month's, written as the store writes them. */
function fill(dir: string, now: number): void {
  const random = prng(16);
  const byFile = new Map<string, string[]>();
  // From the 1st of last month (the months the store reads) to now.
  const from = new Date(new Date(now).getFullYear(), new Date(now).getMonth() - 1, 1).getTime();
  const span = now - from;
  for (let i = 0; i < RECORDS; i++) {
    const at = now - Math.floor(random() * span);
    const r = usageRecord({
      source: SOURCES[Math.floor(random() * SOURCES.length)] ?? 'chat', model: MODELS[Math.floor(random() * MODELS.length)] ?? 'gpt-4.1',
      provider: 'api.relay.example', promptTokens: Math.floor(random() * 4_000), completionTokens: Math.floor(random() * 400), estimated: random() < 0.1,
    }, DEFAULT_PRICING, at);
    const name = usageFileName(r.day.slice(0, 7));
    let lines = byFile.get(name);
    if (!lines) byFile.set(name, (lines = []));
    lines.push(JSON.stringify(r));
  }
  for (const [name, lines] of byFile) fs.writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
}

/** The checks made before each request: the monthly gate's level and allowance, and the daily completion budget. */
function checker(spending: () => Spending, completionToday: () => number): () => boolean {
  const memory = new Map<string, unknown>();
  const gate = new BudgetGate({
    monthlyUsd: () => 1e9, spending, store: { get: <T>(key: string) => memory.get(key) as T | undefined, set: (key, value) => memory.set(key, value) },
    ask: async () => 'once',
  });
  return () => gate.completionsBlocked || completionToday() >= 1e9;
}

async function time(rounds: number, run: (i: number) => void, between?: (i: number) => Promise<void>): Promise<number[]> {
  const costs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    run(i);
    costs.push(performance.now() - t);
    await between?.(i);
  }
  return costs.sort((a, b) => a - b);
}

const pick = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
const ms = (n: number) => (n < 0.1 ? `${(n * 1000).toFixed(1)} µs` : `${n.toFixed(2)} ms`);

function row(name: string, before: number[], after: number[]): void {
  const b = pick(before, 0.5);
  const a = pick(after, 0.5);
  console.log(`${name.padEnd(20)} before median ${ms(b).padStart(9)} p95 ${ms(pick(before, 0.95)).padStart(9)} | after median ${ms(a).padStart(9)} p95 ${ms(pick(after, 0.95)).padStart(9)} | ${Math.round(b / a)}× less`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-budget-bench-'));
  try {
    const now = Date.now();
    fill(dir, now);
    const store = new UsageStore(dir, { batchMs: 2 ** 30 });
    let t = performance.now();
    await store.refresh();
    const readMs = performance.now() - t;
    const records = store.records().length;
    const thisMonth = store.totals(now).monthTotals.requests;
    console.log(`${records} records read (${thisMonth} this month) in ${readMs.toFixed(0)} ms; ${ROUNDS} rounds each`);

    // Before: every check rebuilt the month's report over every record.
    const report = () => usageReport(store.records(), Date.now());
    const checkBefore = checker(() => {
      const { month, monthTotals } = report();
      return { month, costUsd: monthTotals.costUsd };
    }, () => report().bySource.find((l) => l.key === 'completion')?.costUsd ?? 0);
    // After: the running totals.
    const checkAfter = checker(() => {
      const { month, monthTotals } = store.totals();
      return { month, costUsd: monthTotals.costUsd };
    }, () => store.totals().todayBySource.completion?.costUsd ?? 0);

    const rounds = (n: number) => Math.max(10, Math.round(n));
    const record = (i: number): UsageRecord => usageRecord({ source: 'completion', model: 'deepseek-v3.2', provider: 'api.relay.example', promptTokens: 1_200 + i, completionTokens: 30 }, DEFAULT_PRICING, Date.now());
    // Written (and read back) as the batch timer would, outside the timed part: the pending batch stays small.
    const flushEvery = async (i: number) => {
      if (i % 20 === 19) await store.flush();
    };

    const checkBeforeCosts = await time(rounds(ROUNDS / 10), () => void checkBefore());
    const checkAfterCosts = await time(ROUNDS * 10, () => void checkAfter());
    row('budget check', checkBeforeCosts, checkAfterCosts);

    const recordBeforeCosts = await time(rounds(ROUNDS / 10), (i) => {
      store.add(record(i));
      checkBefore();
    }, flushEvery);
    await store.flush();
    const recordAfterCosts = await time(ROUNDS * 10, (i) => {
      store.add(record(i));
      checkAfter();
    }, flushEvery);
    await store.flush();
    row('record + check', recordBeforeCosts, recordAfterCosts);

    t = performance.now();
    report();
    console.log(`(the full report, built only for the open Usage view: ${ms(performance.now() - t)})`);
    store.dispose();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
