// Usage and cost (issue 10, "See what you spend"): the report in local calendar days.
import * as assert from 'node:assert/strict';
import { DEFAULT_PRICING } from '../../../../src/core/usage/pricing';
import { usageRecord, type UsageRecord } from '../../../../src/core/usage/usage-record';
import { lastDays, usageReport } from '../../../../src/core/usage/usage-report';

/** Local time (the report's days are the user's calendar days, whatever TZ the test runs in). */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

const rec = (when: number, over: Partial<Parameters<typeof usageRecord>[0]> = {}): UsageRecord =>
  usageRecord({ source: 'chat', model: 'gpt-4.1', provider: 'relay.example', promptTokens: 1000, completionTokens: 500, ...over }, DEFAULT_PRICING, when);

describe('usage: report', () => {
  it('counts today, this month and the last 30 days by model, every day present', () => {
    const now = at(2026, 3, 10, 9);
    const records = [
      rec(at(2026, 3, 10, 8)), rec(at(2026, 3, 10, 0, 1), { model: 'claude-sonnet-4.5', provider: 'backup', source: 'explain' }),
      rec(at(2026, 3, 2), { model: 'local', source: 'completion', estimated: true }),
      rec(at(2026, 2, 20), { source: 'lm' }), // last month: in the 30 days, not in the month
      rec(at(2026, 2, 8)), // 30 days ago and more: nowhere
    ];
    const r = usageReport(records, now);
    assert.equal(r.month, '2026-03');
    assert.equal(r.today.requests, 2);
    assert.equal(r.today.costUsd, (1000 * 2 + 500 * 8) / 1e6 + (1000 * 3 + 500 * 15) / 1e6);
    assert.equal(r.today.estimated, false);
    assert.equal(r.monthTotals.requests, 3);
    assert.equal(r.monthTotals.estimated, true);
    assert.equal(r.monthTotals.unpricedTokens, 1500);
    assert.equal(r.days.length, 30);
    assert.equal(r.days[0]?.day, '2026-02-09');
    assert.equal(r.days[29]?.day, '2026-03-10');
    assert.deepEqual(r.days.find((d) => d.day === '2026-02-20')?.byModel, { 'gpt-4.1': { costUsd: 0.006, tokens: 1500 } });
    assert.deepEqual(r.days.find((d) => d.day === '2026-03-01')?.byModel, {});
    assert.deepEqual(r.byModel.map((l) => l.key), ['claude-sonnet-4.5', 'gpt-4.1', 'local']);
    assert.deepEqual(r.byProvider.map((l) => [l.key, l.requests]), [['backup', 1], ['relay.example', 2]]);
    assert.deepEqual(r.bySource.map((l) => l.key).sort(), ['chat', 'completion', 'explain']);
    assert.equal(r.bySource.find((l) => l.key === 'completion')?.estimated, true);
  });

  it('adds up the cached prompt tokens per model and in the totals (the Usage view shows them)', () => {
    const now = at(2026, 3, 10, 9);
    const records = [rec(at(2026, 3, 10, 8), { cachedTokens: 800 }), rec(at(2026, 3, 10, 8)), rec(at(2026, 3, 3), { model: 'deepseek-v3.2', cachedTokens: 600 })];
    const r = usageReport(records, now);
    assert.equal(r.today.cachedTokens, 800);
    assert.equal(r.monthTotals.cachedTokens, 1400);
    assert.deepEqual(r.byModel.map((l) => [l.key, l.cachedTokens]), [['gpt-4.1', 800], ['deepseek-v3.2', 600]]);
    assert.equal(r.today.costUsd, (200 * 2 + 800 * 0.5 + 500 * 8) / 1e6 + (1000 * 2 + 500 * 8) / 1e6);
  });

  it('puts a count a minute before midnight on its day, and one a minute after on the next', () => {
    const before = rec(at(2026, 3, 9, 23, 59));
    const after = rec(at(2026, 3, 10, 0, 1));
    assert.equal(usageReport([before, after], at(2026, 3, 10, 0, 2)).today.requests, 1);
    assert.equal(usageReport([before, after], at(2026, 3, 9, 23, 59)).today.requests, 1);
    assert.equal(usageReport([before], at(2026, 3, 10, 0, 2)).days.at(-2)?.day, '2026-03-09');
  });

  it('starts a new month at local midnight on the 1st (and knows leap years and year ends)', () => {
    const lastOfFeb = rec(at(2028, 2, 29, 23, 59));
    const r = usageReport([lastOfFeb], at(2028, 3, 1, 0, 1));
    assert.equal(r.month, '2028-03');
    assert.equal(r.monthTotals.requests, 0);
    assert.equal(r.days.at(-2)?.day, '2028-02-29');
    assert.equal(r.days.at(-2)?.byModel['gpt-4.1']?.tokens, 1500);
    assert.equal(usageReport([lastOfFeb], at(2028, 2, 29, 23, 59)).monthTotals.requests, 1);
    assert.deepEqual(lastDays(at(2027, 1, 1, 0, 0), 2), ['2026-12-31', '2027-01-01']);
    assert.equal(usageReport([rec(at(2026, 12, 31, 23, 59))], at(2027, 1, 1, 0, 0)).month, '2027-01');
  });
});
