import * as assert from 'node:assert/strict';
import { addAnswerStats } from '../../../../src/core/chat/answer-parts';

describe('answer parts: cached and reasoning tokens', () => {
  it('adds up the cached and reasoning tokens of a dropped answer and its continuation', () => {
    const first = { completionTokens: 300, promptTokens: 1000, cachedPromptTokens: 800, reasoningTokens: 200, estimated: false, costUsd: 0.002 };
    const second = { completionTokens: 100, promptTokens: 1400, cachedPromptTokens: 1024, estimated: false, costUsd: 0.001 };
    const both = addAnswerStats(first, second);
    assert.equal(both.cachedPromptTokens, 1824);
    assert.equal(both.reasoningTokens, 200);
    assert.equal(addAnswerStats({ completionTokens: 1, estimated: true }, { completionTokens: 2, estimated: false }).cachedPromptTokens, undefined, 'none reported, none shown');
  });
});
