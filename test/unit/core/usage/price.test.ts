import * as assert from 'node:assert/strict';
import { answerStats } from '../../../../src/core/chat/answer-stats';
import { costUsd } from '../../../../src/core/usage/price';
import { usageRecord } from '../../../../src/core/usage/usage-record';

describe('costUsd: the one cost formula', () => {
  it('prices prompt and completion tokens per million', () => {
    assert.equal(costUsd({ input: 2, output: 8 }, 1000, 500), (1000 * 2 + 500 * 8) / 1e6);
  });

  it('counts no prompt cost without an input price or without a prompt count', () => {
    assert.equal(costUsd({ output: 8 }, 1000, 500), (500 * 8) / 1e6);
    assert.equal(costUsd({ input: 0, output: 8 }, 1000, 500), (500 * 8) / 1e6);
    assert.equal(costUsd({ input: 2, output: 8 }, undefined, 500), (500 * 8) / 1e6);
  });

  it('gives an answer\'s stats and its usage record the same cost, to the last bit', () => {
    const price = { input: 0.3, output: 0.9 };
    for (const [promptTokens, completionTokens] of [[1000, 10], [7, 3], [123_457, 98_765], [0, 1]] as const) {
      const stats = answerStats('x', { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens }, { startedAt: 0, endedAt: 1 }, price);
      const record = usageRecord({ source: 'chat', model: 'm', provider: 'p', promptTokens, completionTokens }, { m: price }, 0);
      assert.equal(stats.costUsd, record.costUsd);
      assert.equal(record.costUsd, (promptTokens * 0.3 + completionTokens * 0.9) / 1e6);
    }
  });
});

describe('costUsd: cached prompt tokens', () => {
  it('takes a cached count that is not a number as none (the full rate), never NaN', () => {
    for (const cached of [Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(costUsd({ input: 2, cachedInput: 0.5, output: 8 }, 1000, 0, cached), (1000 * 2) / 1e6);
  });

  it('prices the cached part at cachedInput, the rest at input', () => {
    // 1,000,000 prompt of which 800,000 cached at gpt-4.1 rates, 100,000 completion: $0.40 + $0.40 + $0.80.
    assert.equal(Math.round(costUsd({ input: 2, cachedInput: 0.5, output: 8 }, 1_000_000, 100_000, 800_000) * 100), 160);
    assert.equal(costUsd({ input: 2, output: 8 }, 1000, 0, 800), (1000 * 2) / 1e6, 'without cachedInput, cached tokens cost input');
    assert.equal(costUsd({ input: 2, cachedInput: 0.5, output: 8 }, 1000, 500, 0), (1000 * 2 + 500 * 8) / 1e6, 'no cache hit: as before');
    assert.equal(costUsd({ input: 2, cachedInput: 0.5, output: 8 }, 1000, 0, 5000), (1000 * 0.5) / 1e6, 'held to the prompt');
    assert.equal(costUsd({ input: 2, cachedInput: 0.5, output: 8 }, undefined, 500, 800), (500 * 8) / 1e6);
  });

  it('gives the stats and the record of a cached answer the same cost, to the last bit', () => {
    const price = { input: 0.3, cachedInput: 0.03, output: 0.9 };
    for (const [promptTokens, cachedPromptTokens, completionTokens] of [[1000, 900, 10], [7, 3, 3], [123_457, 100_001, 98_765], [5, 5, 1]] as const) {
      const stats = answerStats('x', { promptTokens, cachedPromptTokens, completionTokens, totalTokens: promptTokens + completionTokens }, { startedAt: 0, endedAt: 1 }, price);
      const record = usageRecord({ source: 'chat', model: 'm', provider: 'p', promptTokens, cachedTokens: stats.cachedPromptTokens ?? -1, completionTokens }, { m: price }, 0);
      assert.equal(record.cachedTokens, cachedPromptTokens);
      assert.equal(stats.costUsd, record.costUsd);
      assert.ok(Math.abs((record.costUsd ?? 0) - ((promptTokens - cachedPromptTokens) * 0.3 + cachedPromptTokens * 0.03 + completionTokens * 0.9) / 1e6) < 1e-15);
    }
  });
});
