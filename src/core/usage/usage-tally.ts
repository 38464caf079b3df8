import { add, emptyTotals, mergeTotals, type UsageTotals } from './usage-report';
import type { UsageRecord } from './usage-record';

/**
 * Running totals per local day and source, kept up to date as records are counted or read, so that
 * what every request asks (today's completions against the daily budget, the month against the
 * monthly budget, the status bar) is a few additions, never a pass over the month's records.
 */
export class UsageTally {
  private readonly days = new Map<string, Map<string, UsageTotals>>();

  add(record: UsageRecord): void {
    let bySource = this.days.get(record.day);
    if (!bySource) this.days.set(record.day, (bySource = new Map()));
    let totals = bySource.get(record.source);
    if (!totals) bySource.set(record.source, (totals = emptyTotals()));
    add(totals, record);
  }

  /** Adds `day`'s totals into `into`, and each source's into `bySource`. */
  addDay(day: string, into: UsageTotals, bySource: Record<string, UsageTotals>): void {
    for (const [source, totals] of this.days.get(day) ?? []) {
      mergeTotals(into, totals);
      mergeTotals((bySource[source] ??= emptyTotals()), totals);
    }
  }

  /** Adds the totals of `month`'s days up to and including `lastDay` into `into`. */
  addMonth(month: string, lastDay: string, into: UsageTotals): void {
    for (const [day, bySource] of this.days) {
      if (!day.startsWith(month) || day > lastDay) continue;
      for (const totals of bySource.values()) mergeTotals(into, totals);
    }
  }
}

/** Where spending stands now: what the budgets and the status bar need. */
export interface RunningTotals {
  /** Local month, YYYY-MM. */
  month: string;
  /** Local day, YYYY-MM-DD. */
  day: string;
  today: UsageTotals;
  /** Today by source (`completion` is what the daily completion budget counts). */
  todayBySource: Record<string, UsageTotals>;
  monthTotals: UsageTotals;
}
