// Activation as the real extension host sees it: starts code-server's extension host RUNS times
// (default 5) on the built dist/, and reads the host's own marks around loading and activating us
// (test/integration/activation.test.ts prints them). Prints each run and the medians.
//   npm run bench:activation            (RUNS=9 npm run bench:activation for more)
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..'); // out/bench -> repo root
const RUNS = Number(process.env.RUNS ?? 5);
const LINE = /host: loading the bundle (\d+) ms, activate\(\) (\d+) ms; ours: ([\d.]+) ms/;

/** One host run's output; a failed assertion is reported, and the marks are still read. */
function hostRun(): string {
  try {
    return execFileSync('bash', ['scripts/test-integration.sh'], {
      cwd: REPO, encoding: 'utf8', env: { ...process.env, RELAY_IT_GREP: 'counts activation' }, stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (e) {
    console.log('  (the activation test failed in this run)');
    return String((e as { stdout?: unknown }).stdout ?? '');
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const runs: { loading: number; activate: number; ours: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const m = LINE.exec(hostRun());
  if (!m) throw new Error(`run ${i + 1}: no host marks in the output (is dist/ built?)`);
  const run = { loading: Number(m[1]), activate: Number(m[2]), ours: Number(m[3]) };
  runs.push(run);
  console.log(`run ${i + 1}: host: loading the bundle ${run.loading} ms + activate() ${run.activate} ms = ${run.loading + run.activate} ms; ours ${run.ours} ms`);
}
console.log(`median of ${RUNS}: host: loading ${median(runs.map((r) => r.loading))} ms, activate() ${median(runs.map((r) => r.activate))} ms, ` +
  `together ${median(runs.map((r) => r.loading + r.activate))} ms; ours (bundle evaluation + activate()) ${median(runs.map((r) => r.ours))} ms`);
