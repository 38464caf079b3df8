import * as assert from 'node:assert/strict';
import { setStrings } from '../../../src/webview/dom';
import { statsLine } from '../../../src/webview/stats-line';

describe('the stats line under an answer: cached and reasoning tokens', () => {
  before(() => setStrings({ tokens: '{0} tokens', reasoningTokens: '{0} of them reasoning', cachedTokens: '{0} of {1} prompt tokens cached' }));
  after(() => setStrings({}));

  it('shows the reasoning and cached tokens the relay reported', () => {
    const line = statsLine({ completionTokens: 300, reasoningTokens: 256, promptTokens: 1000, cachedPromptTokens: 800, estimated: false, costUsd: 0.0123 });
    assert.equal(line, '300 tokens · 256 of them reasoning · 800 of 1000 prompt tokens cached · $0.012');
  });

  it('says nothing of them when the relay did not report them, or reported none', () => {
    assert.equal(statsLine({ completionTokens: 300, promptTokens: 1000, estimated: false }), '300 tokens');
    assert.equal(statsLine({ completionTokens: 300, promptTokens: 1000, cachedPromptTokens: 0, reasoningTokens: 0, estimated: false }), '300 tokens');
  });
});
