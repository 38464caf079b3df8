// A child process for usage-store.test.ts: another window appending records as fast as it can.
import { UsageStore } from '../../src/core/usage/usage-store';
import { usageRecord } from '../../src/core/usage/usage-record';

async function main(): Promise<void> {
  const [dir, id, batches, perBatch] = process.argv.slice(2) as [string, string, string, string];
  const store = new UsageStore(dir, { batchMs: 60_000 });
  let n = 0;
  for (let b = 0; b < Number(batches); b++) {
    for (let i = 0; i < Number(perBatch); i++) {
      // Long lines (a big batch is one write of about 12 KB) make a torn write show.
      store.add(usageRecord({ source: 'completion', model: `model-${id}`, provider: `provider-${id}-${'x'.repeat(400)}`, promptTokens: 1, completionTokens: n++ }, {}, Date.now()));
    }
    await store.flush();
  }
  store.dispose();
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
