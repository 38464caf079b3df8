// Usage and cost (issue 10, "See what you spend"): prices with their problems named, one record per
// request (estimates marked), the report in local calendar days, and the monthly budget's rule.
import * as assert from 'node:assert/strict';
import { AnswerMeter } from '../../../../src/core/chat/answer-meter';
import { answerStats, estimateTokens } from '../../../../src/core/chat/answer-stats';
import { SETTING_DEFAULTS } from '../../../../src/core/client/defaults';
import { ChunkReader } from '../../../../src/core/transport/chunk-reader';
import type { StreamEvent } from '../../../../src/core/types';
import { BudgetGate, budgetLevel, type BudgetAnswer } from '../../../../src/core/usage/budget';
import { DEFAULT_PRICING, readPricing } from '../../../../src/core/usage/pricing';
import { completionRequest, readUsageRecord, usageRecord, type UsageRecord } from '../../../../src/core/usage/usage-record';
import { lastDays, usageReport } from '../../../../src/core/usage/usage-report';
import { MapStore } from '../../support/completion-fakes';

/** Local time (the report's days are the user's calendar days, whatever TZ the test runs in). */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

const rec = (when: number, over: Partial<Parameters<typeof usageRecord>[0]> = {}): UsageRecord =>
  usageRecord({ source: 'chat', model: 'gpt-4.1', provider: 'relay.example', promptTokens: 1000, completionTokens: 500, ...over }, DEFAULT_PRICING, when);

describe('usage: pricing', () => {
  it('has input and output rates for the defaults; the setting holds only the user\'s own entries', () => {
    assert.deepEqual(DEFAULT_PRICING, {
      'gpt-4.1': { input: 2, output: 8 }, 'gpt-4.1-mini': { input: 0.4, output: 1.6 }, 'gpt-4.1-nano': { input: 0.1, output: 0.4 },
      'gpt-4o-mini': { input: 0.15, output: 0.6 }, 'claude-sonnet-4.5': { input: 3, output: 15 }, 'claude-haiku-4.5': { input: 1, output: 5 },
      'gemini-2.5-flash': { input: 0.3, output: 2.5 }, 'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 }, 'deepseek-v3.2': { input: 0.28, output: 0.42 },
    });
    assert.deepEqual(SETTING_DEFAULTS.pricing, {});
  });

  it("merges the user's entries over the defaults: adding one model keeps the others", () => {
    const { prices, problems } = readPricing({ 'my-coder': { input: 0.1, output: 0.2 }, 'gpt-4.1': { input: 1, output: 4 } });
    assert.deepEqual(problems, []);
    assert.deepEqual(prices['my-coder'], { input: 0.1, output: 0.2 });
    assert.deepEqual(prices['gpt-4.1'], { input: 1, output: 4 });
    assert.deepEqual(prices['deepseek-v3.2'], DEFAULT_PRICING['deepseek-v3.2']);
  });

  it('names every malformed entry and says what is expected; the valid ones still apply', () => {
    const { prices, problems } = readPricing({
      good: { output: 1 }, str: '8', noOutput: { input: 1 }, negative: { output: -1 }, text: { output: '8' },
      badInput: { input: 'two', output: 8 }, typo: { ouput: 8, output: 3 }, nil: null,
    });
    assert.deepEqual(problems.map((p) => [p.model, p.kind, p.key]), [
      ['str', 'not-object', undefined], ['noOutput', 'output', undefined], ['negative', 'output', undefined], ['text', 'output', undefined],
      ['badInput', 'input', undefined], ['typo', 'unknown-key', 'ouput'], ['nil', 'not-object', undefined],
    ]);
    for (const p of problems) {
      assert.match(p.message, new RegExp(`"${p.model}"`));
      assert.match(p.message, /expected \{ "input".*"output"/);
    }
    assert.match(problems[1]?.message ?? '', /"output" is missing/);
    assert.match(problems[2]?.message ?? '', /"output" is -1/);
    assert.deepEqual(prices.good, { output: 1 });
    assert.deepEqual(prices.typo, { output: 3 }, 'a stray key is reported, the rates still apply');
    for (const bad of ['str', 'noOutput', 'negative', 'text', 'badInput', 'nil']) assert.equal(prices[bad], undefined);
    assert.equal(readPricing([1]).problems[0]?.kind, 'not-object');
  });
});

describe('usage: records', () => {
  it('prices input and output from the table, and marks unpriced models', () => {
    const r = rec(at(2026, 3, 5), { model: 'openai/gpt-4.1' });
    assert.equal(r.costUsd, (1000 * 2 + 500 * 8) / 1e6);
    assert.equal(r.estimated, false);
    assert.equal(r.day, '2026-03-05');
    const u = rec(at(2026, 3, 5), { model: 'local-llama' });
    assert.equal(u.unpriced, true);
    assert.equal(u.costUsd, undefined);
  });

  it('estimates what the relay did not report, from the texts, and marks it', () => {
    const r = usageRecord({ source: 'completion', model: 'deepseek-v3.2', provider: 'h', promptText: 'abcdefgh', completionText: '日本語' }, DEFAULT_PRICING, at(2026, 1, 1));
    assert.deepEqual([r.promptTokens, r.completionTokens, r.estimated], [2, 3, true]);
    const flagged = rec(at(2026, 1, 1), { estimated: true });
    assert.equal(flagged.estimated, true, "the relay's own estimate stays marked");
  });

  it('reads back only well-formed records (a newer version\'s source is kept)', () => {
    const r = rec(at(2026, 1, 1));
    assert.deepEqual(readUsageRecord(JSON.parse(JSON.stringify(r))), r);
    assert.equal(readUsageRecord({ ...r, source: 'agent' })?.source, 'agent');
    assert.equal(readUsageRecord({ ...r, promptTokens: -1 }), undefined);
    assert.equal(readUsageRecord({ ...r, day: '2026-1-1' }), undefined);
  });

  it('reads "estimated": true in the relay\'s usage object, and the answer stats say estimated', () => {
    const events: StreamEvent[] = [];
    const reader = new ChunkReader((e) => events.push(e), 'm');
    reader.acceptData(JSON.stringify({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 20, estimated: true } }));
    const usage = events.find((e) => e.type === 'usage');
    assert.ok(usage && usage.type === 'usage');
    assert.equal(usage.usage.estimated, true);
    assert.equal(answerStats('x', usage.usage, { startedAt: 0, endedAt: 1 }, undefined).estimated, true);
    assert.equal(answerStats('x', { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, { startedAt: 0, endedAt: 1 }, undefined).estimated, false);
    const completion = usageRecord(completionRequest({ model: 'gpt-4.1', usage: usage.usage, promptText: '', completionText: '' }, 'h'), DEFAULT_PRICING, 0);
    assert.equal(completion.estimated, true);
  });

  it('AnswerMeter estimates the prompt from its text when the relay reports no usage, and prices it', () => {
    const meter = new AnswerMeter(() => 0);
    meter.observe({ type: 'text', text: 'abcdefgh' });
    const prompt = 'Explain this: 日本語のコード';
    const stats = meter.stats('gpt-4.1', DEFAULT_PRICING, prompt);
    assert.equal(stats.promptTokens, estimateTokens(prompt));
    assert.equal(stats.estimated, true);
    assert.equal(stats.costUsd, (estimateTokens(prompt) * 2 + 2 * 8) / 1e6);
    assert.equal(meter.stats('gpt-4.1', DEFAULT_PRICING).promptTokens, undefined, 'without the prompt text: no guess');
  });
});

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

describe('usage: monthly budget', () => {
  it('is ok below 80 %, warns from 80 %, is over from 100 %; none without a budget', () => {
    assert.equal(budgetLevel(7.99, 10), 'ok');
    assert.equal(budgetLevel(8, 10), 'warn');
    assert.equal(budgetLevel(10, 10), 'over');
    assert.equal(budgetLevel(1000, 0), 'none');
  });

  function gate(spent: { value: number }, answers: BudgetAnswer[], store = new MapStore(), month = { value: '2026-03' }) {
    const asked: number[] = [];
    const g = new BudgetGate({
      monthlyUsd: () => 10, spending: () => ({ month: month.value, costUsd: spent.value }), store,
      ask: async (s) => {
        asked.push(s.costUsd);
        return answers.shift() ?? 'cancel';
      },
    });
    return { g, asked, store, month };
  }

  it('asks only at or past 100 %: once sends this one, cancel sends nothing, allow holds for the month', async () => {
    const spent = { value: 9.99 };
    const { g, asked, store, month } = gate(spent, ['once', 'cancel', 'month']);
    assert.equal(await g.admit(), true);
    assert.deepEqual(asked, [], 'below the budget nobody is asked');
    spent.value = 10;
    assert.equal(g.completionsBlocked, true);
    assert.equal(await g.admit(), true);
    assert.equal(await g.admit(), false);
    assert.equal(await g.admit(), true);
    assert.equal(await g.admit(), true, 'allowed for the month: not asked again');
    assert.equal(asked.length, 3);
    assert.equal(g.completionsBlocked, false);
    assert.equal(gate(spent, [], store).g.completionsBlocked, false, 'the allowance survives a reload');
    month.value = '2026-04';
    assert.equal(g.completionsBlocked, true, 'a new month over its budget asks again');
  });

  it('asks one question for requests that arrive together', async () => {
    const { g, asked } = gate({ value: 11 }, ['once']);
    assert.deepEqual(await Promise.all([g.admit(), g.admit()]), [true, true]);
    assert.equal(asked.length, 1);
  });

  it('warns once a month from 80 %, remembered across reloads', () => {
    const spent = { value: 7 };
    const { g, store, month } = gate(spent, []);
    assert.equal(g.warningDue(), false);
    spent.value = 8.5;
    assert.equal(g.warningDue(), true);
    assert.equal(g.warningDue(), false);
    assert.equal(gate(spent, [], store, month).g.warningDue(), false, 'not again after a reload');
    month.value = '2026-04';
    assert.equal(g.warningDue(), true);
  });
});
