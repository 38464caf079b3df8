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
