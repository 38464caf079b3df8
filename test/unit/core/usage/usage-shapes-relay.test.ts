// The true price end to end: the fake relay sends usage in each maker's shape, over SSE and both
// WebSocket dialects, and the answer's meter prices the cached prompt tokens at the cached rate.
import * as assert from 'node:assert/strict';
import { AnswerMeter } from '../../../../src/core/chat/answer-meter';
import type { TransportKind, WebSocketDialect } from '../../../../src/core';
import { DEFAULT_PRICING } from '../../../../src/core/usage/pricing';
import { FakeRelay } from '../../../fakes/fake-relay';
import { SHAPE_CACHED_TOKENS, SHAPE_PROMPT_TOKENS, SHAPE_REASONING_TOKENS, type UsageShape } from '../../../fakes/usage-shapes';
import { ask, fastClient } from '../../support/helpers';

const TEXT_TOKENS = ['one ', 'two ', 'three'];

describe('usage shapes from the fake relay, priced', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(() => relay.close());

  const ways: [TransportKind, WebSocketDialect?][] = [['sse'], ['websocket', 'chunks'], ['websocket', 'typed']];
  for (const [transport, dialect] of ways) {
    for (const shape of ['openai-cached', 'anthropic', 'deepseek'] as UsageShape[]) {
      it(`counts ${SHAPE_CACHED_TOKENS} of ${SHAPE_PROMPT_TOKENS} prompt tokens as cached in the ${shape} shape (${transport}${dialect ? ` ${dialect}` : ''})`, async () => {
        relay.script({ tokens: TEXT_TOKENS, usageShape: shape });
        const client = fastClient(relay.baseUrl, { transport, ...(dialect ? { webSocket: { dialect } } : {}) });
        try {
          const meter = new AnswerMeter();
          for await (const event of client.streamChat(ask())) meter.observe(event);
          const stats = meter.stats('gpt-4.1', DEFAULT_PRICING);
          assert.deepEqual([stats.promptTokens, stats.cachedPromptTokens, stats.completionTokens, stats.estimated], [SHAPE_PROMPT_TOKENS, SHAPE_CACHED_TOKENS, 3, false]);
          // gpt-4.1: 464 × $2 + 1,536 × $0.50 + 3 × $8 per million = $0.000928 + $0.000768 + $0.000024.
          assert.ok(Math.abs((stats.costUsd ?? 0) - 0.00172) < 1e-12, String(stats.costUsd));
        } finally {
          client.close();
        }
      });
    }
  }

  it('counts the reasoning tokens the relay reports, as part of the completion', async () => {
    relay.script({ tokens: TEXT_TOKENS, usageShape: 'reasoning' });
    const client = fastClient(relay.baseUrl);
    try {
      const meter = new AnswerMeter();
      for await (const event of client.streamChat(ask())) meter.observe(event);
      const stats = meter.stats('gpt-4.1', DEFAULT_PRICING);
      assert.deepEqual([stats.reasoningTokens, stats.completionTokens, stats.cachedPromptTokens], [SHAPE_REASONING_TOKENS, 3 + SHAPE_REASONING_TOKENS, undefined]);
    } finally {
      client.close();
    }
  });
});
