// A child process for usage-store.test.ts: another window appending records as fast as it can.
// With a price (USD per million tokens) it records priced completions and then acts as a window
// that reads what every window wrote: once the parent says all are written, it reports its totals.
import { UsageStore } from '../../../src/core/usage/usage-store';
import { usageRecord } from '../../../src/core/usage/usage-record';

async function main(): Promise<void> {
  const [dir, id, batches, perBatch, price] = process.argv.slice(2) as [string, string, string, string, string | undefined];
  const store = new UsageStore(dir, { batchMs: 60_000 });
  const pricing = price ? { [`model-${id}`]: { input: Number(price), output: Number(price) } } : {};
  let n = 0;
  for (let b = 0; b < Number(batches); b++) {
    for (let i = 0; i < Number(perBatch); i++) {
      // Long lines (a big batch is one write of about 12 KB) make a torn write show.
      const tokens = price ? { promptTokens: 600, completionTokens: 400 } : { promptTokens: 1, completionTokens: n++ };
      store.add(usageRecord({ source: 'completion', model: `model-${id}`, provider: `provider-${id}-${'x'.repeat(400)}`, ...tokens }, pricing, Date.now()));
    }
    await store.flush();
  }
  if (price && process.send) {
    process.send({ type: 'written' });
    await new Promise<void>((resolve) => process.once('message', () => resolve()));
    await store.refresh();
    const totals = store.totals();
    process.send({ type: 'totals', completion: totals.todayBySource.completion, today: totals.today, records: store.records().length });
    process.disconnect();
  }
  store.dispose();
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
