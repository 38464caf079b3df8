// A child process for shared-state.test.ts: another VS Code window using the shared state file.
//   write <folder> <id> <count>  sets keys `<id>-0` … `<id>-<count-1>` one after another, as fast as it can
//   warn <folder>                waits for "go", then asks the budget gate (at 85 % of the budget) whether
//                                the 80 % warning is due, and sends the answer
import { BudgetGate } from '../../../src/core/usage/budget';
import { SharedStateFile } from '../../../src/core/util/shared-state-file';

async function main(): Promise<void> {
  const [mode, folder, id, count] = process.argv.slice(2) as [string, string, string, string];
  const store = new SharedStateFile(folder, { onError: (e) => console.error(e.message) });
  if (mode === 'write') {
    for (let i = 0; i < Number(count); i++) await store.set(`${id}-${i}`, i);
    return;
  }
  const gate = new BudgetGate({
    monthlyUsd: () => 10, spending: () => ({ month: '2026-12', costUsd: 8.5 }), store, ask: () => Promise.resolve('cancel'),
  });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const due = gate.warningDue();
  await store.flush();
  process.send?.({ due });
}

main().then(() => process.disconnect?.(), (e: Error) => {
  console.error(e);
  process.exit(1);
});
