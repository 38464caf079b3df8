// The figures: per pipeline run, and combined over runs for the headline.
import type { Cursor } from '../../src/core';
import type { CompletionLogEntry } from '../../test/fakes/completion';
import type { ShownRecord, TraceOutcome } from './simulate';

export interface RunResult {
  pass: string;
  pipeline: 'ours' | 'baseline';
  outcomes: TraceOutcome[];
  log: CompletionLogEntry[];
  wallMs: number;
  notes: string[];
}

export interface Figures {
  typed: number;
  requests: number;
  aborted: number;
  billed: number;
  shown: ShownRecord[];
  noRequest: number;
  accepted: number;
  accepts: number;
  added: number[];
  serverAdded: number[];
  waits: number[];
  corrupted: { record: ShownRecord; why: string }[];
  failures: number;
}

const MARKERS = ['```', '<think', '</think>', '<insert', '</insert>', 'Here is'];
const NO_REQUEST = new Set(['cache', 'typed-through', 'in-flight']);

/**
 * Why a shown suggestion is corrupted, or undefined. Model markup counts always; repeating the
 * suffix's next line and echoing the cursor's line count only for a suggestion that is not exactly
 * what the user was about to type (the true text can legitimately contain such a line).
 */
export function corruption(record: ShownRecord): string | undefined {
  const marker = MARKERS.find((m) => record.text.includes(m));
  if (marker) return `contains ${marker}`;
  if (record.correct) return undefined;
  const next = record.cursor.suffix.split('\n').map((l) => l.trim()).find((l) => l !== '');
  if (next !== undefined && record.text.split('\n').some((l) => l.trim() === next)) return 'repeats the next line';
  const line = linePrefix(record.cursor).trim();
  if (line.length >= 3 && record.text.trimStart().startsWith(line)) return 'echoes the line before the cursor';
  return undefined;
}

function linePrefix(cursor: Cursor): string {
  return cursor.prefix.slice(cursor.prefix.lastIndexOf('\n') + 1);
}

export function figuresOf(runs: RunResult[]): Figures {
  const outcomes = runs.flatMap((r) => r.outcomes);
  const log = runs.flatMap((r) => r.log);
  const shown = outcomes.flatMap((o) => o.shown);
  const sum = (f: (o: TraceOutcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  return {
    typed: sum((o) => o.typedChars),
    requests: log.length,
    aborted: log.filter((e) => e.clientAborted).length,
    billed: log.reduce((n, e) => n + e.generatedTokens, 0),
    shown,
    noRequest: shown.filter((s) => NO_REQUEST.has(s.source)).length,
    accepted: sum((o) => o.acceptedChars),
    accepts: sum((o) => o.accepts),
    added: shown.flatMap((s) => (s.addedMs === undefined ? [] : [s.addedMs])),
    serverAdded: shown.flatMap((s) => (s.serverAddedMs === undefined ? [] : [s.serverAddedMs])),
    waits: shown.map((s) => s.waitMs),
    corrupted: shown.flatMap((record) => {
      const why = corruption(record);
      return why ? [{ record, why }] : [];
    }),
    failures: sum((o) => o.failures),
  };
}

/** Nearest-rank percentile; NaN for no data. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : NaN);
/** The share of entered characters (typed + accepted) that came from Tab. */
export const acceptedShare = (f: Figures) => pct(f.accepted, f.typed + f.accepted);
const ratio = (a: number, b: number) => (b > 0 ? a / b : a > 0 ? Infinity : NaN);
const perKTokens = (f: Figures) => ratio(f.accepted, f.billed / 1000);

export function fmt(n: number, digits = 0): string {
  if (Number.isNaN(n)) return 'n/a';
  if (!Number.isFinite(n)) return 'inf';
  return n.toFixed(digits);
}

export function table(rows: { label: string; f: Figures }[]): string {
  const head = ['run', 'typed', 'requests', '/100ch', 'aborted', 'billed tok', 'shown', 'no-req', 'accepted ch', 'from Tab', 'ch/1k tok', 'added p50/p95 ms', 'from write p50/p95', 'edit→shown p50', 'corrupt'];
  const body = rows.map(({ label, f }) => [
    label, String(f.typed), String(f.requests), fmt(pct(f.requests, f.typed) , 1), `${fmt(pct(f.aborted, f.requests))}%`, String(f.billed),
    String(f.shown.length), `${fmt(pct(f.noRequest, f.shown.length))}%`, `${f.accepted} (${f.accepts}×)`, `${fmt(acceptedShare(f))}%`, fmt(perKTokens(f), 1),
    `${fmt(percentile(f.added, 50), 1)} / ${fmt(percentile(f.added, 95), 1)}`,
    `${fmt(percentile(f.serverAdded, 50), 1)} / ${fmt(percentile(f.serverAdded, 95), 1)}`, fmt(percentile(f.waits, 50)), String(f.corrupted.length),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

/**
 * The one line the bench ends with. `kinds`: our figures per relay kind (pass), for the accepted
 * share of each.
 */
export function headline(ours: Figures, base: Figures, kinds: { label: string; f: Figures }[]): string {
  const R = pct(ours.requests, ours.typed);
  const A = pct(ours.aborted, ours.requests);
  const B = ratio(ours.billed, base.billed);
  const S = pct(ours.noRequest, ours.shown.length);
  const Q = ratio(perKTokens(ours), perKTokens(base));
  return `completion bench: ${fmt(R, 1)} requests/100 chars (${fmt(A)}% aborted), billed tokens ${fmt(B, 2)}× baseline, ` +
    `${fmt(S)}% shown without a request, added latency p50 ${fmt(percentile(ours.serverAdded, 50), 1)} ms p95 ${fmt(percentile(ours.serverAdded, 95), 1)} ms, ` +
    `${ours.corrupted.length} corrupted shown, accepted chars per 1k billed tokens ${fmt(Q, 2)}× baseline; ` +
    `accepted share: ${fmt(acceptedShare(ours))}% of entered characters came from Tab (${kinds.map((k) => `${k.label} ${fmt(acceptedShare(k.f))}%`).join(', ')})`;
}
