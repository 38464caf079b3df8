import * as assert from 'node:assert/strict';
import { answerStats, estimateTokens, priceFor } from '../../../../src/core/chat/answer-stats';

describe('answer stats', () => {
  it('estimates about a token per CJK character and per four Latin characters', () => {
    assert.equal(estimateTokens('日本語のテキスト'), 8);
    assert.equal(estimateTokens('abcdefgh'), 2);
    assert.equal(estimateTokens(''), 0);
  });

  it('computes TTFT, tokens per second and cost from reported usage', () => {
    const s = answerStats('x', { promptTokens: 1000, completionTokens: 500, totalTokens: 1500 }, { startedAt: 0, firstTokenAt: 400, endedAt: 10_400 }, { input: 2, output: 8 });
    assert.deepEqual(s, { completionTokens: 500, promptTokens: 1000, estimated: false, ttftMs: 400, tokensPerSecond: 50, costUsd: (500 * 8 + 1000 * 2) / 1e6 });
  });

  it('falls back to an estimate, marked as such', () => {
    const s = answerStats('你好世界', undefined, { startedAt: 0, endedAt: 10 }, { output: 0.42 });
    assert.equal(s.estimated, true);
    assert.equal(s.completionTokens, 4);
    assert.equal(s.costUsd, (4 * 0.42) / 1e6);
  });

  it('finds prices by exact name or without a vendor prefix', () => {
    const table = { 'gpt-4.1': { output: 8 }, 'DeepSeek-V3.2': { output: 0.42 } };
    assert.equal(priceFor('openai/gpt-4.1', table)?.output, 8);
    assert.equal(priceFor('deepseek-v3.2', table)?.output, 0.42);
    assert.equal(priceFor('unknown', table), undefined);
  });
});
