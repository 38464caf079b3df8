// Usage and cost (issue 10, "See what you spend"): one record per request (estimates marked).
import * as assert from 'node:assert/strict';
import { AnswerMeter } from '../../../../src/core/chat/answer-meter';
import { answerStats, estimateTokens } from '../../../../src/core/chat/answer-stats';
import { ChunkReader } from '../../../../src/core/transport/chunk-reader';
import type { StreamEvent } from '../../../../src/core/types';
import { DEFAULT_PRICING } from '../../../../src/core/usage/pricing';
import { completionRequest, readUsageRecord, usageRecord, type UsageRecord } from '../../../../src/core/usage/usage-record';

/** Local time (the report's days are the user's calendar days, whatever TZ the test runs in). */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

const rec = (when: number, over: Partial<Parameters<typeof usageRecord>[0]> = {}): UsageRecord =>
  usageRecord({ source: 'chat', model: 'gpt-4.1', provider: 'relay.example', promptTokens: 1000, completionTokens: 500, ...over }, DEFAULT_PRICING, when);

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

  it('keeps the cached part of the prompt, prices it at cachedInput, and reads it back (an old line without it still reads)', () => {
    // gpt-4.1: 200,000 × $2 + 800,000 × $0.50 + 100,000 × $8 per million = $1.60.
    const r = rec(at(2026, 3, 5), { promptTokens: 1_000_000, cachedTokens: 800_000, completionTokens: 100_000 });
    assert.equal(r.cachedTokens, 800_000);
    assert.equal(Math.round((r.costUsd ?? 0) * 100), 160);
    const line = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    assert.deepEqual(readUsageRecord(line), r);
    const { cachedTokens: _c, ...old } = line;
    assert.equal(readUsageRecord(old)?.cachedTokens, undefined);
    assert.equal(readUsageRecord(old)?.costUsd, r.costUsd, 'the stored cost is the cost: not priced again');
    for (const bad of ['800000', -1, 1_000_001, 1e12, null]) {
      const read = readUsageRecord({ ...line, cachedTokens: bad });
      assert.ok(read && read.cachedTokens === undefined, JSON.stringify(bad));
    }
  });

  it('believes a cached count only with a prompt count it is a part of', () => {
    assert.equal(rec(at(2026, 3, 5), { promptTokens: 100, cachedTokens: 101 }).cachedTokens, undefined);
    const estimated = usageRecord({ source: 'chat', model: 'gpt-4.1', provider: 'h', cachedTokens: 5, promptText: 'a'.repeat(400), completionTokens: 1 }, DEFAULT_PRICING, at(2026, 1, 1));
    assert.equal(estimated.cachedTokens, undefined);
    assert.equal(estimated.costUsd, (100 * 2 + 1 * 8) / 1e6, 'every estimated prompt token at the full rate');
    const completion = completionRequest({ model: 'gpt-4.1', usage: { promptTokens: 40, cachedPromptTokens: 32, completionTokens: 9 }, promptText: 'p', completionText: 'c' }, 'h');
    assert.equal(completion.cachedTokens, 32);
    assert.equal(usageRecord(completion, DEFAULT_PRICING, 0).costUsd, (8 * 2 + 32 * 0.5 + 9 * 8) / 1e6);
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
