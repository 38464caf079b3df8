import { dayOf } from '../util/calendar';
import type { UsageDay, UsageLine, UsageTotals, UsageView } from '../../shared/protocol';
import type { UsageRecord } from './usage-record';

// The report has the shapes the Usage view shows (one definition, the protocol's); the view adds the
// locale, the budget and the problems to fix.
export type { UsageDay, UsageLine, UsageTotals };

export type UsageReport = Omit<UsageView, 'locale' | 'budget' | 'problems'>;

export const REPORT_DAYS = 30;

export const emptyTotals = (): UsageTotals => ({ requests: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0, costUsd: 0, estimated: false, unpricedTokens: 0, unpricedRequests: 0 });

/** Counts one record into `totals` (the one adder: the report and the running totals both use it). */
export function add(totals: UsageTotals, r: UsageRecord): void {
  totals.requests++;
  totals.promptTokens += r.promptTokens;
  totals.cachedTokens += r.cachedTokens ?? 0;
  totals.completionTokens += r.completionTokens;
  if (r.costUsd !== undefined) totals.costUsd += r.costUsd;
  else {
    totals.unpricedTokens += r.promptTokens + r.completionTokens;
    totals.unpricedRequests++;
  }
  totals.estimated ||= r.estimated;
}

/**
 * Adds totals into totals, field by field whatever the fields are (counts add up, flags join, lists
 * unite), so that a field added to UsageTotals and to add() needs nothing here.
 */
export function mergeTotals(into: UsageTotals, from: UsageTotals): UsageTotals {
  const target = into as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    const current = target[key];
    if (typeof value === 'number') target[key] = (typeof current === 'number' ? current : 0) + value;
    else if (typeof value === 'boolean') target[key] = current === true || value;
    else if (Array.isArray(value)) target[key] = [...new Set([...(Array.isArray(current) ? current : []), ...value])];
  }
  return into;
}

function lines(records: UsageRecord[], key: (r: UsageRecord) => string): UsageLine[] {
  const by = new Map<string, UsageLine>();
  for (const r of records) {
    const k = key(r);
    let line = by.get(k);
    if (!line) by.set(k, (line = { key: k, ...emptyTotals() }));
    add(line, r);
  }
  const tokens = (l: UsageLine) => l.promptTokens + l.completionTokens;
  return [...by.values()].sort((a, b) => b.costUsd - a.costUsd || tokens(b) - tokens(a) || a.key.localeCompare(b.key));
}

/** The last `count` local calendar days up to `now`'s, oldest first (DST-safe: steps by calendar date). */
export function lastDays(now: number, count: number): string[] {
  const d = new Date(now);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(dayOf(new Date(d.getFullYear(), d.getMonth(), d.getDate() - i, 12).getTime()));
  return out;
}

/**
 * Today, this month, and the last 30 days by model, in local calendar days (a record's `day` is the
 * day the user saw it on, so a count near midnight stays on its day whatever the time zone later is).
 */
export function usageReport(records: readonly UsageRecord[], now: number): UsageReport {
  const today = dayOf(now);
  const month = today.slice(0, 7);
  const days = lastDays(now, REPORT_DAYS);
  const dayIndex = new Map(days.map((d, i) => [d, i] as const));
  const report: UsageReport = {
    month, today: emptyTotals(), monthTotals: emptyTotals(),
    days: days.map((day) => ({ day, byModel: {} })), byModel: [], byProvider: [], bySource: [],
  };
  const inMonth: UsageRecord[] = [];
  for (const r of records) {
    if (r.day === today) add(report.today, r);
    if (r.day.startsWith(month) && r.day <= today) {
      add(report.monthTotals, r);
      inMonth.push(r);
    }
    const i = dayIndex.get(r.day);
    if (i !== undefined) {
      const cell = ((report.days[i] as UsageDay).byModel[r.model] ??= { costUsd: 0, tokens: 0 });
      cell.costUsd += r.costUsd ?? 0;
      cell.tokens += r.promptTokens + r.completionTokens;
    }
  }
  report.byModel = lines(inMonth, (r) => r.model);
  report.byProvider = lines(inMonth, (r) => r.provider);
  report.bySource = lines(inMonth, (r) => r.source);
  return report;
}
