// Ghost-text quality: every corpus case through the engine's whole path (request shape, the server
// caps as the fake relay applies them to the scripted model's raw answer, streaming early return,
// clean-up), scored against what the user really types.
//
//   npm run bench:quality   (BENCH_VERBOSE=1: every case's raw answer, request caps, suggestion and verdict)
import { CompletionEngine, RelayClient, type Cursor } from '../../../src/core';
import type { CompletionLogEntry } from '../../../test/fakes/completion';
import { FakeRelay } from '../../../test/fakes/fake-relay';
import { BEHAVIOURS, wantedOf, type QualityCase } from './case';
import { QUALITY_CASES } from './corpus';

type Verdict = 'right' | 'wrong' | 'not shown';

interface Outcome {
  c: QualityCase;
  shown: string;
  verdict: Verdict;
  /** What the relay saw: route, max_tokens, stop. */
  requests: CompletionLogEntry[];
}

/**
 * Right: something shown that the user would type (a prefix of the truth) and that covers what is
 * wanted; where the truth is empty, showing nothing is right (and counts as not shown).
 */
export function verdictOf(c: QualityCase, shown: string): Verdict {
  if (!shown) return 'not shown';
  return c.truth !== '' && c.truth.startsWith(shown) && shown.startsWith(wantedOf(c)) ? 'right' : 'wrong';
}

/** What a fresh engine shows for the case's cursor (explicit: no debounce) against the scripted relay. */
async function shownFor(c: QualityCase, index: number, relay: FakeRelay, client: RelayClient): Promise<string> {
  const store = new Map<string, unknown>();
  const engine = new CompletionEngine({
    client: () => client,
    settings: () => ({ model: c.model, mode: c.route === 'chat' ? 'chat' : 'fim', dailyBudgetUsd: 0 }),
    endpoint: () => relay.baseUrl,
    store: { get: <T>(key: string) => store.get(key) as T | undefined, set: (key: string, value: unknown) => void store.set(key, value) },
  });
  const cursor: Cursor = {
    documentId: `file:///quality/${index}/${c.fileName}`, languageId: c.languageId, fileName: c.fileName,
    prefix: c.prefix, suffix: c.suffix, explicit: true, offset: c.prefix.length,
  };
  try {
    return (await engine.complete(cursor, new AbortController().signal))?.text ?? '';
  } finally {
    engine.cancel();
  }
}

export async function runQuality(): Promise<string[]> {
  const relay = await FakeRelay.start();
  let current: QualityCase | undefined;
  Object.assign(relay.completion, { firstTokenMs: 0, tokenMs: 0, script: () => current?.raw });
  relay.models = [...new Set(QUALITY_CASES.map((c) => c.model))];
  const client = new RelayClient({ providers: [{ id: 'fake', baseUrl: relay.baseUrl, apiKey: 'sk-bench' }], transport: 'sse', includeUsage: true });
  const outcomes: Outcome[] = [];
  try {
    for (const [index, c] of QUALITY_CASES.entries()) {
      current = c;
      const seen = relay.completionLog.length;
      const shown = await shownFor(c, index, relay, client);
      // Whatever the engine left running ends before the next case's answer is scripted.
      await relay.completionsSettled();
      const requests = relay.completionLog.slice(seen);
      outcomes.push({ c, shown, verdict: verdictOf(c, shown), requests });
    }
  } finally {
    client.close();
    await relay.close();
  }
  return report(outcomes);
}

const VERBOSE = process.env.BENCH_VERBOSE === '1';
const abbreviated = (text: string, max = 70) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

function report(outcomes: Outcome[]): string[] {
  const lines = ['Ghost-text quality: scripted real-model answers through the whole engine (explicit requests, no pacing).'];
  if (VERBOSE) {
    for (const { c, shown, verdict, requests } of outcomes) {
      const caps = requests.map((r) => `${r.route} max_tokens ${r.maxTokens ?? '-'} stop ${JSON.stringify(r.stop ?? [])}`).join('; ') || 'no request';
      const wanted = wantedOf(c) === c.truth ? '' : `, wanted ${abbreviated(wantedOf(c))}`;
      lines.push(`  [${c.behaviour}] ${c.name} (${c.model})`, `      raw ${abbreviated(c.raw)}`, `      ${caps}`,
        `      shown ${JSON.stringify(shown)} → ${verdict} (truth ${abbreviated(c.truth)}${wanted})`);
    }
  }
  const count = (list: Outcome[], verdict: Verdict) => list.filter((o) => o.verdict === verdict).length;
  const rows = BEHAVIOURS.map((b) => {
    const of = outcomes.filter((o) => o.c.behaviour === b);
    const rightly = of.filter((o) => o.verdict === 'not shown' && o.c.truth === '').length;
    return [b, count(of, 'right'), count(of, 'wrong'), `${count(of, 'not shown')}${rightly ? ` (${rightly} rightly)` : ''}`, of.length];
  });
  const all = ['all', count(outcomes, 'right'), count(outcomes, 'wrong'), count(outcomes, 'not shown'), outcomes.length];
  lines.push(...table(['behaviour', 'shown right', 'shown wrong', 'not shown', 'total'], [...rows, all]));
  const wrong = outcomes.filter((o) => o.verdict === 'wrong');
  if (wrong.length) lines.push(`Shown wrong (${Math.min(10, wrong.length)} of ${wrong.length}):`);
  for (const { c, shown } of wrong.slice(0, 10)) lines.push(`  [${c.behaviour}] ${c.name}: shown ${JSON.stringify(shown)}, truth ${abbreviated(c.truth, 90)}`);
  const nextLine = outcomes.filter((o) => o.c.behaviour === 'next-line');
  lines.push(`ghost quality: ${all[1]} shown right, ${all[2]} shown wrong, ${all[3]} not shown of ${all[4]} answers; next-line shown ${count(nextLine, 'right')} of ${nextLine.length}`);
  return lines;
}

function table(head: string[], rows: (string | number)[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => `  ${cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i] ?? 0) : String(cell).padStart(widths[i] ?? 0))).join('  ')}`;
  return [line(head), ...rows.map(line)];
}

if (require.main === module) {
  runQuality().then(
    (lines) => {
      console.log(lines.join('\n'));
      process.exit(0);
    },
    (error: unknown) => {
      console.error('quality bench failed:', error);
      process.exit(1);
    },
  );
}
