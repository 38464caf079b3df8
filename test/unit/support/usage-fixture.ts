// Usage views as the host sends them, for the Usage view's tests and screenshots: a month of real-looking
// use of four priced models and one without a price (a Chinese model name), and a new user's empty view.
import type { UsageDay, UsageLine, UsageTotals, UsageView } from '../../../src/shared/protocol';

/** Output and input prices per million tokens, as the relays publish them; 通义千问-max has none. */
const MODELS: Record<string, { input: number; output: number } | undefined> = {
  'gpt-4.1': { input: 2, output: 8 },
  'claude-sonnet-4.5': { input: 3, output: 15 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'deepseek-v3.2': { input: 0.28, output: 0.42 },
  '通义千问-max': undefined,
};

export const TOTALS_ZERO: UsageTotals = { requests: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0, costUsd: 0, estimated: false, unpricedTokens: 0, unpricedRequests: 0 };

/** The 30 days up to `last` (YYYY-MM-DD), oldest first. */
export function lastDays(last: string, count = 30): string[] {
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(y, m - 1, d - (count - 1 - i)));
    return date.toISOString().slice(0, 10);
  });
}

/** A month of use (deterministic): most models on weekdays, one or two at weekends. */
export function realisticUsage(overrides: Partial<UsageView> = {}): UsageView {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const days: UsageDay[] = lastDays('2026-11-22').map((day) => {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const byModel: UsageDay['byModel'] = {};
    const weekend = weekday === 0 || weekday === 6;
    for (const [model, price] of Object.entries(MODELS)) {
      if (random() < (weekend ? 0.8 : 0.25)) continue;
      const prompt = Math.round(20_000 + random() * 180_000);
      const completion = Math.round(prompt * (0.15 + random() * 0.2));
      const costUsd = price ? (prompt * price.input + completion * price.output) / 1e6 : 0;
      byModel[model] = { costUsd: Math.round(costUsd * 10_000) / 10_000, tokens: prompt + completion };
    }
    return { day, byModel };
  });
  const month = days.filter((d) => d.day.startsWith('2026-11'));
  const line = (key: string, of: UsageDay[], share = 1): UsageLine => {
    const priced = MODELS[key] !== undefined;
    const tokens = of.reduce((s, d) => s + (d.byModel[key]?.tokens ?? 0), 0) * share;
    const cost = of.reduce((s, d) => s + (d.byModel[key]?.costUsd ?? 0), 0) * share;
    const requests = Math.round(tokens / 2400);
    return { key, requests, promptTokens: Math.round(tokens * 0.78), cachedTokens: 0, completionTokens: Math.round(tokens * 0.22), costUsd: cost, estimated: key === 'deepseek-v3.2', unpricedTokens: priced ? 0 : Math.round(tokens), unpricedRequests: priced ? 0 : requests };
  };
  const byModel = Object.keys(MODELS).map((m) => line(m, month)).filter((l) => l.requests > 0).sort((a, b) => b.costUsd - a.costUsd);
  const sum = (lines: UsageLine[], key: string): UsageLine => ({
    key, requests: lines.reduce((s, l) => s + l.requests, 0), promptTokens: lines.reduce((s, l) => s + l.promptTokens, 0), cachedTokens: 0,
    completionTokens: lines.reduce((s, l) => s + l.completionTokens, 0), costUsd: lines.reduce((s, l) => s + l.costUsd, 0),
    estimated: lines.some((l) => l.estimated), unpricedTokens: lines.reduce((s, l) => s + l.unpricedTokens, 0),
    unpricedRequests: lines.reduce((s, l) => s + l.unpricedRequests, 0),
  });
  const { key: _m, ...monthTotals } = sum(byModel, '');
  const { key: _t, ...today } = sum(Object.keys(MODELS).map((m) => line(m, days.slice(-1))).filter((l) => l.requests > 0), '');
  const scaled = (key: string, share: number): UsageLine => ({ ...monthTotals, key, requests: Math.round(monthTotals.requests * share), promptTokens: Math.round(monthTotals.promptTokens * share), completionTokens: Math.round(monthTotals.completionTokens * share), costUsd: monthTotals.costUsd * share, unpricedTokens: Math.round(monthTotals.unpricedTokens * share), unpricedRequests: Math.floor(monthTotals.unpricedRequests * share) });
  return {
    locale: 'en', month: '2026-11', today, monthTotals, days, byModel,
    byProvider: [scaled('api.holysheep.ai', 0.8), scaled('api.deepseek.com', 0.2)],
    bySource: [scaled('chat', 0.55), scaled('explain', 0.15), scaled('completion', 0.25), scaled('lm', 0.05)],
    budget: { monthlyUsd: 60 }, problems: [],
    ...overrides,
  };
}

/** A new user's view: nothing counted. */
export function emptyUsage(): UsageView {
  return {
    locale: 'en', month: '2026-11', today: TOTALS_ZERO, monthTotals: TOTALS_ZERO, days: lastDays('2026-11-22').map((day) => ({ day, byModel: {} })),
    byModel: [], byProvider: [], bySource: [], problems: [],
  };
}

/**
 * The same totals, but for the order of additions: costs are sums of fractions of a cent, added per
 * record by the report and per day and source by the running totals, so they may differ in the last bits.
 */
export function assertSameTotals(actual: UsageTotals, expected: UsageTotals, message = ''): void {
  const { costUsd: a, ...restActual } = actual;
  const { costUsd: b, ...restExpected } = expected;
  if (JSON.stringify(restActual) !== JSON.stringify(restExpected) || Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b))) {
    throw new Error(`${message} totals differ: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  }
}
