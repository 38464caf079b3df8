// Inline completions, end to end and in real time: typing traces replayed through OUR engine and
// through a BASELINE pipeline like the most-used open extension's, each against its own fake relay
// that bills like a real one (350 ms to the first token, 50 tokens/s, 200 tokens when uncapped, and
// generation goes on after the client hangs up).
//
//   npm run bench:completions   (BENCH_VERBOSE=1: every request, suggestion and Tab; BENCH_PASSES=fim: one pass)
//
// Three passes, each with both pipelines, all six runs at once (each with its own relay):
//   fim           mode 'fim': true FIM on /completions (the baseline uses the same route)
//   chat          mode 'chat': the chat endpoint, clean answers
//   chat-corrupt  mode 'chat', every answer mangled (fence, preamble, echoed prefix, repeated suffix,
//                 <think>): the fake applies `corrupt` to every request, not to a fraction, hence a pass of its own.
// The final line is for the 'fim' and 'chat-corrupt' passes combined (sums, pooled percentiles);
// the 'chat' pass is printed in the table above it.
import { type Corruption, type CompletionLogEntry } from '../test/fakes/completion';
import { FakeRelay } from '../test/fakes/fake-relay';
import { BaselinePipeline } from './completion/baseline';
import { figuresOf, fmt, headline, pct, percentile, table, type Figures, type RunResult } from './completion/figures';
import { OursPipeline } from './completion/ours';
import { runQuality } from './completion/quality/run';
import { now, simulateTrace, type TraceOutcome } from './completion/simulate';
import { buildTraces, type Trace } from './completion/traces';

const VERBOSE = process.env.BENCH_VERBOSE === '1';
const ALL_CORRUPTIONS: Corruption[] = ['fence', 'preamble', 'echoPrefix', 'repeatSuffix', 'think'];
const RELAY = { keepGeneratingAfterDisconnect: true, firstTokenMs: 350, tokenMs: 20, naturalTokens: 200 };
/** A run that has not ended by then is stuck: report and leave. */
const WATCHDOG_MS = 9 * 60_000;

interface Pass {
  key: string;
  mode: 'fim' | 'chat';
  corrupt: Corruption[];
}

const ALL_PASSES: Pass[] = [
  { key: 'fim', mode: 'fim', corrupt: [] },
  { key: 'chat', mode: 'chat', corrupt: [] },
  { key: 'chat-corrupt', mode: 'chat', corrupt: ALL_CORRUPTIONS },
];
/** BENCH_PASSES=fim,chat runs only those (for investigating; the headline then covers what ran). */
const PASSES = ALL_PASSES.filter((p) => !process.env.BENCH_PASSES || process.env.BENCH_PASSES.split(',').includes(p.key));
const HEADLINE_PASSES = ['fim', 'chat', 'chat-corrupt'];

async function run(pass: Pass, kind: 'ours' | 'baseline', traces: Trace[]): Promise<RunResult> {
  const started = now();
  const relay = await FakeRelay.start();
  Object.assign(relay.completion, RELAY, { corrupt: pass.corrupt });
  const ours = kind === 'ours' ? new OursPipeline(relay, pass.mode) : undefined;
  const pipeline = ours ?? new BaselinePipeline(relay, pass.mode === 'fim' ? 'completions' : 'chat');
  const outcomes: TraceOutcome[] = [];
  const label = `${pass.key}/${kind}`;
  try {
    for (const trace of traces) {
      const log = VERBOSE ? (line: string) => console.log(`[${label} ${trace.fileName}] ${line}`) : undefined;
      if (ours) ours.log = log;
      outcomes.push(await simulateTrace(trace, pipeline, log));
    }
    await relay.completionsSettled();
  } finally {
    pipeline.close();
    await relay.close();
  }
  const notes: string[] = [];
  if (ours) {
    const ends = ours.requests.map((r) => (r.end.error && !r.end.aborted ? `error ${r.end.error.code}` : r.end.aborted ? 'aborted' : 'completed'));
    const counts = [...new Set(ends)].map((e) => `${ends.filter((x) => x === e).length} ${e}`).join(', ');
    const usedUp = ours.requests.filter((r) => r.end.aborted && r.end.suggestion !== '').length;
    notes.push(`engine requests: ${ours.requests.length} (${counts || 'none'}; ${usedUp} of the aborted ones after their suggestion was ready); ` +
      `cache ${ours.engine.cache.hits} hits / ${ours.engine.cache.misses} misses; state ${ours.engine.state.reason ?? 'running'}`);
  }
  return { pass: pass.key, pipeline: kind, outcomes, log: [...relay.completionLog], wallMs: now() - started, notes };
}

function describe(traces: Trace[]): void {
  console.log('Traces (seeded; the user types each stretch, accepting correct suggestions with Tab):');
  for (const t of traces) {
    const keys = t.ime.reduce((n, s) => n + s.compositions.length + 1, 0);
    console.log(`  ${t.name}: ${t.text.length} chars${t.ime.length ? `, ${t.ime.length} IME conversions (${keys} keystrokes, no provider call while composing)` : ''}`);
  }
}

function details(label: string, r: RunResult, f: Figures): string[] {
  const lines = [`  ${label}: wall ${fmt(r.wallMs / 1000, 1)} s; shown by source ${bySource(f)}; ` +
    `shown correct ${f.shown.filter((s) => s.correct).length}/${f.shown.length}; provider failures ${f.failures}; ` +
    `first token p50 ${fmt(percentile(firstTokenMs(r.log), 50))} ms`];
  for (const note of r.notes) lines.push(`    ${note}`);
  for (const { record, why } of f.corrupted.slice(0, 3)) lines.push(`    corrupted (${why}): ${JSON.stringify(record.text.slice(0, 90))}`);
  return lines;
}

function bySource(f: Figures): string {
  const sources = [...new Set(f.shown.map((s) => s.source))].sort();
  return sources.map((s) => `${s} ${f.shown.filter((x) => x.source === s).length}`).join(', ') || 'none';
}

function firstTokenMs(log: CompletionLogEntry[]): number[] {
  return log.flatMap((e) => (e.firstByteAt !== undefined ? [e.firstByteAt - e.startedAt] : []));
}

async function main(): Promise<void> {
  const started = now();
  // Quality first: it takes about a second and must not share the machine with the timed passes.
  console.log((await runQuality()).join('\n'));
  console.log('');
  const traces = buildTraces();
  describe(traces);
  console.log(`Relay: first token ${RELAY.firstTokenMs} ms, ${RELAY.tokenMs} ms/token, ${RELAY.naturalTokens} tokens uncapped, keeps generating after a disconnect.`);
  console.log(`Running ${PASSES.length} passes × 2 pipelines at once, in real time…`);
  const results = await Promise.all(PASSES.flatMap((pass) => [run(pass, 'ours', traces), run(pass, 'baseline', traces)]));
  const pick = (passes: string[], kind: 'ours' | 'baseline') => results.filter((r) => passes.includes(r.pass) && r.pipeline === kind);

  const rows = PASSES.flatMap((p) => (['ours', 'baseline'] as const).map((kind) => ({ label: `${p.key}/${kind}`, f: figuresOf(pick([p.key], kind)) })));
  const ours = figuresOf(pick(HEADLINE_PASSES, 'ours'));
  const base = figuresOf(pick(HEADLINE_PASSES, 'baseline'));
  rows.push({ label: 'all passes/ours', f: ours }, { label: 'all passes/baseline', f: base });
  console.log('');
  console.log(table(rows));
  console.log('');
  console.log('Details:');
  for (const r of results) console.log(details(`${r.pass}/${r.pipeline}`, r, figuresOf([r])).join('\n'));
  console.log('');
  console.log('added latency: for items from the network or in flight, from the moment the last byte an item needed was there to the item being');
  console.log('  returned (from the call, if that came later). "added": the byte as read by the client (the engine\'s ReadyMark.at; the baseline\'s');
  console.log('  own SSE reader). "from write": the relay\'s write of that byte (from the fake relay\'s per-request log).');
  console.log('  The headline uses "from write": it includes the client\'s own reading and parsing. The baseline\'s figures include its wait for the whole answer.');
  console.log(`Goals: R ≤ 6 with A < 20; B ≤ 0.35; S ≥ 40; p50 ≤ 10 and p95 ≤ 30 ms; Z = 0; Q ≥ 1.5; accepted share ≥ 75% for each relay kind. Ours shown-correct rate ${fmt(pct(ours.shown.filter((s) => s.correct).length, ours.shown.length))}%.`);
  const covered = PASSES.filter((p) => HEADLINE_PASSES.includes(p.key)).map((p) => p.key).join(' + ') || 'no';
  console.log(`Total wall time ${fmt((now() - started) / 1000, 1)} s. The line below is for ours vs baseline over the ${covered} pass(es) combined.`);
  const kinds = PASSES.map((p) => ({ label: p.key, f: figuresOf(pick([p.key], 'ours')) }));
  console.log(headline(ours, base, kinds));
}

const watchdog = setTimeout(() => {
  console.error('completion bench: still running after the watchdog limit; giving up');
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('completion bench failed:', error);
    process.exit(1);
  },
);
