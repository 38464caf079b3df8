import type { UsageDay } from '../../shared/protocol';

export type Metric = 'cost' | 'tokens';

/** How many models get a colour of their own; the rest share "Other" (VS Code's themes define six chart colours). */
export const MAX_SERIES = 6;
/** The key of the stack that holds every model past the first MAX_SERIES - 1. */
export const OTHER = '\u0000other';

export interface Series {
  key: string;
  /** The models it sums: one, or the rest of them for OTHER. */
  models: string[];
  /** Its total over the days shown. */
  total: number;
  /** Index of its colour: CSS class `series-N` (a `--vscode-charts-*` variable). */
  colour: number;
}

export const value = (entry: { costUsd: number; tokens: number } | undefined, metric: Metric) => (entry ? (metric === 'cost' ? entry.costUsd : entry.tokens) : 0);

/**
 * The chart's stacks, biggest first: every model with something to show in this metric (a model
 * without a price has tokens and no cost, so it shows in Tokens only), the smallest merged into Other
 * when there are more than the theme has colours.
 */
export function seriesOf(days: UsageDay[], metric: Metric): Series[] {
  const totals = new Map<string, number>();
  for (const d of days) for (const [model, entry] of Object.entries(d.byModel)) totals.set(model, (totals.get(model) ?? 0) + value(entry, metric));
  const ranked = [...totals].filter(([, total]) => total > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const own = ranked.length > MAX_SERIES ? ranked.slice(0, MAX_SERIES - 1) : ranked;
  const series: Series[] = own.map(([key, total], colour) => ({ key, models: [key], total, colour }));
  const rest = ranked.slice(own.length);
  if (rest.length) series.push({ key: OTHER, models: rest.map(([m]) => m), total: rest.reduce((s, [, v]) => s + v, 0), colour: MAX_SERIES - 1 });
  return series;
}

/** One stack's value on one day. */
// Own keys only: a model may be called "constructor" or "toString" for all we know.
export const dayValue = (day: UsageDay, s: Series, metric: Metric) => s.models.reduce((sum, m) => sum + (Object.hasOwn(day.byModel, m) ? value(day.byModel[m], metric) : 0), 0);

/** The axis top: the biggest day rounded up to a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten): it reads well, and the tallest bar fills three quarters or more. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}
