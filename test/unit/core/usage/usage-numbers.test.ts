// Issue 16, "one bad record never costs the month": every kind of number a relay can send in its usage
// object — negative, not a number, Infinity, absurd, missing — is either a count that can be trusted or
// estimated from the text and marked so (never "0 tokens, $0, exact"); an answer billed without any
// visible text is still counted; and what is written from them is read back whole by every window.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnswerMeter } from '../../../../src/core/chat/answer-meter';
import { estimateTokens } from '../../../../src/core/chat/answer-stats';
import { ChunkReader } from '../../../../src/core/transport/chunk-reader';
import type { StreamEvent, Usage } from '../../../../src/core/types';
import { completionRequest, usageRecord, type UsageRecord } from '../../../../src/core/usage/usage-record';
import { usageReport } from '../../../../src/core/usage/usage-report';
import { UsageStore } from '../../../../src/core/usage/usage-store';
import { assertSameTotals } from '../../support/usage-fixture';

const PRICING = { 'gpt-4.1': { input: 2, output: 8 } };
const PROMPT = 'Explain this: 日本語のコードを説明してください。';
const ANSWER = 'It adds two numbers. 二つの数を足します。';

/** The usage a relay's final chunk carries, as the transports read it. */
function relayUsage(usage: unknown): Usage | undefined {
  const events: StreamEvent[] = [];
  new ChunkReader((e) => events.push(e), 'gpt-4.1').acceptData(JSON.stringify({ choices: [], usage }));
  const found = events.find((e) => e.type === 'usage');
  return found?.type === 'usage' ? found.usage : undefined;
}

/** A panel answer with this usage object, counted as the extension counts it (AnswerMeter, then the usage record). */
function panelRecord(usage: unknown, answer = ANSWER, reasoning = ''): UsageRecord {
  const meter = new AnswerMeter(() => 0);
  if (reasoning) meter.observe({ type: 'reasoning', text: reasoning });
  if (answer) meter.observe({ type: 'text', text: answer });
  const events: StreamEvent[] = [];
  new ChunkReader((e) => events.push(e), 'gpt-4.1').acceptData(JSON.stringify({ choices: [], usage }));
  for (const e of events) meter.observe(e);
  assert.equal(meter.billed, true, 'the answer is counted');
  const stats = meter.stats('gpt-4.1', PRICING, PROMPT);
  return usageRecord({
    source: 'chat', model: 'gpt-4.1', provider: 'relay.example', completionTokens: stats.completionTokens, estimated: stats.estimated,
    ...(stats.promptTokens !== undefined ? { promptTokens: stats.promptTokens } : {}),
  }, PRICING, Date.now());
}

/** An inline completion with this usage object, counted as the engine hands it over. */
function completionRecord(usage: unknown): UsageRecord {
  return usageRecord(completionRequest({ model: 'gpt-4.1', usage: relayUsage(usage), promptText: PROMPT, completionText: ANSWER }, 'relay.example'), PRICING, Date.now());
}

const sane = (r: UsageRecord) => {
  for (const n of [r.promptTokens, r.completionTokens, r.costUsd ?? 0]) assert.ok(Number.isFinite(n) && n >= 0 && Number.isInteger(r.promptTokens) && Number.isInteger(r.completionTokens), JSON.stringify(r));
  assert.ok(r.promptTokens + r.completionTokens < 10_000_000);
};

describe('usage: numbers from a relay', () => {
  it('takes counts it can trust: whole numbers, also quoted, and a float\'s rounding', () => {
    assert.deepEqual(relayUsage({ prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 }), { promptTokens: 12, completionTokens: 30, totalTokens: 42 });
    assert.deepEqual(relayUsage({ input_tokens: '12', output_tokens: 30.0000000001 }), { promptTokens: 12, completionTokens: 30, totalTokens: 42 });
  });

  const bad: [string, unknown][] = [
    ['-5', -5], ['"NaN"', 'NaN'], ['"abc"', 'abc'], ['"Infinity"', 'Infinity'], ['1e12', 1e12], ['12.5', 12.5], ['null', null], ['{ n: 3 }', { n: 3 }],
  ];
  for (const [kind, value] of bad) {
    it(`does not trust the prompt count ${kind}: estimates it from the prompt, keeps the trusted completion count, and marks the answer estimated`, () => {
      const usage = relayUsage({ prompt_tokens: value, completion_tokens: 30 });
      assert.deepEqual(usage, { completionTokens: 30, estimated: true });
      const r = panelRecord({ prompt_tokens: value, completion_tokens: 30 });
      assert.deepEqual([r.promptTokens, r.completionTokens, r.estimated], [estimateTokens(PROMPT), 30, true]);
      assert.equal(r.costUsd, (estimateTokens(PROMPT) * 2 + 30 * 8) / 1e6);
      sane(r);
    });

    it(`does not trust the completion count ${kind} in an inline completion's usage`, () => {
      const r = completionRecord({ prompt_tokens: 40, completion_tokens: value });
      assert.deepEqual([r.promptTokens, r.completionTokens, r.estimated], [40, estimateTokens(ANSWER), true]);
      sane(r);
    });
  }

  it('estimates an empty usage object ({}) from the texts: never "0 tokens, $0, exact"', () => {
    for (const r of [panelRecord({}), completionRecord({})]) {
      assert.deepEqual([r.promptTokens, r.completionTokens, r.estimated], [estimateTokens(PROMPT), estimateTokens(ANSWER), true]);
      assert.ok((r.costUsd ?? 0) > 0);
    }
  });

  it('splits a lone total_tokens with the estimate of the prompt: the total is kept, the answer marked estimated', () => {
    for (const r of [panelRecord({ total_tokens: 500 }), completionRecord({ total_tokens: 500 })]) {
      assert.deepEqual([r.promptTokens, r.completionTokens, r.estimated], [estimateTokens(PROMPT), 500 - estimateTokens(PROMPT), true]);
    }
    const withPrompt = completionRecord({ prompt_tokens: 450, total_tokens: 500 });
    assert.deepEqual([withPrompt.promptTokens, withPrompt.completionTokens, withPrompt.estimated], [450, 50, true], 'the missing part is what the total leaves');
    const absurdTotal = completionRecord({ total_tokens: 1e12 });
    assert.deepEqual([absurdTotal.promptTokens, absurdTotal.completionTokens], [estimateTokens(PROMPT), estimateTokens(ANSWER)]);
  });

  it('counts an answer billed with no visible text: only reasoning, or only the relay\'s usage', () => {
    const reasoned = panelRecord({ prompt_tokens: 20, completion_tokens: 900 }, '', 'Let me think. '.repeat(50));
    assert.deepEqual([reasoned.promptTokens, reasoned.completionTokens, reasoned.estimated], [20, 900, false]);
    const usageOnly = panelRecord({ prompt_tokens: 20, completion_tokens: 900 }, '');
    assert.deepEqual([usageOnly.promptTokens, usageOnly.completionTokens], [20, 900]);
    assert.equal(usageOnly.costUsd, (20 * 2 + 900 * 8) / 1e6);
    // No usage at all: the reasoning is billed as completion tokens, so it is in the estimate.
    const meter = new AnswerMeter(() => 0);
    meter.observe({ type: 'reasoning', text: '考える'.repeat(10) });
    assert.equal(meter.stats('gpt-4.1', PRICING, PROMPT).completionTokens, 30);
  });

  it('writes what it counted so that every window reads the whole month back (nothing set aside)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-usage-'));
    try {
      const store = new UsageStore(dir, { batchMs: 60_000 });
      const records = [
        panelRecord({ prompt_tokens: 10, completion_tokens: 20 }), panelRecord({ prompt_tokens: -5, completion_tokens: -1 }), panelRecord({ prompt_tokens: 'NaN' }),
        panelRecord({ completion_tokens: Infinity }), completionRecord({ prompt_tokens: 1e12, completion_tokens: 1e12 }), completionRecord({}),
        completionRecord({ total_tokens: 77 }), panelRecord({ prompt_tokens: 10, completion_tokens: 20 }),
      ];
      for (const r of records) store.add(r);
      await store.flush();
      const other = new UsageStore(dir);
      await other.refresh();
      assert.deepEqual(other.skipped, []);
      assert.equal(other.records().length, records.length);
      const expected = usageReport(records, Date.now()).monthTotals;
      assertSameTotals(other.totals().monthTotals, expected);
      assert.ok(Number.isFinite(expected.costUsd) && expected.costUsd > 0 && expected.promptTokens < 1e6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
