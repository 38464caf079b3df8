// The true price: cached prompt tokens in every usage shape relays send, priced to the cent.
import * as assert from 'node:assert/strict';
import { answerStats, priceFor } from '../../../../src/core/chat/answer-stats';
import { readUsage } from '../../../../src/core/transport/usage-reader';
import { DEFAULT_PRICING } from '../../../../src/core/usage/pricing';

/** What the answer's stats say a request cost, from the relay's raw usage object, at the default prices. */
const costOf = (model: string, raw: unknown): number | undefined =>
  answerStats('x', readUsage(raw), { startedAt: 0, endedAt: 1 }, priceFor(model, DEFAULT_PRICING)).costUsd;

/** Dollars to the cent (and well below it: the sums are exact to 1e-9). */
function assertDollars(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
  assert.equal(Math.round((actual ?? 0) * 100), Math.round(expected * 100));
}

describe('usage: cached prompt tokens in every shape', () => {
  it('OpenAI: prompt_tokens include prompt_tokens_details.cached_tokens', () => {
    const raw = { prompt_tokens: 1_000_000, completion_tokens: 100_000, prompt_tokens_details: { cached_tokens: 800_000 } };
    assert.deepEqual(readUsage(raw), { promptTokens: 1_000_000, cachedPromptTokens: 800_000, completionTokens: 100_000, totalTokens: 1_100_000 });
    // gpt-4.1: 200,000 × $2 + 800,000 × $0.50 + 100,000 × $8 per million = $0.40 + $0.40 + $0.80.
    assertDollars(costOf('gpt-4.1', raw), 1.6);
  });

  it('OpenAI Responses: input_tokens include input_tokens_details.cached_tokens', () => {
    const raw = { input_tokens: 1_000_000, output_tokens: 0, input_tokens_details: { cached_tokens: 500_000 } };
    assert.deepEqual(readUsage(raw), { promptTokens: 1_000_000, cachedPromptTokens: 500_000, completionTokens: 0, totalTokens: 1_000_000 });
    // gpt-4.1-mini: 500,000 × $0.40 + 500,000 × $0.10 = $0.20 + $0.05.
    assertDollars(costOf('gpt-4.1-mini', raw), 0.25);
  });

  it('Anthropic passed through: input_tokens exclude cache reads and writes, so the prompt is their sum', () => {
    const raw = { input_tokens: 100_000, cache_read_input_tokens: 800_000, cache_creation_input_tokens: 100_000, output_tokens: 50_000 };
    assert.deepEqual(readUsage(raw), { promptTokens: 1_000_000, cachedPromptTokens: 800_000, completionTokens: 50_000, totalTokens: 1_050_000 });
    // Sonnet 4.5: 200,000 × $3 (input and cache writes) + 800,000 × $0.30 + 50,000 × $15 = $0.60 + $0.24 + $0.75.
    assertDollars(costOf('claude-sonnet-4-5-20250929', raw), 1.59);
  });

  it('OpenAI prompt_tokens with Anthropic cache fields: a total when it can be one, else the uncached part', () => {
    const total = { prompt_tokens: 1_000_000, cache_read_input_tokens: 800_000, completion_tokens: 0 };
    assert.equal(readUsage(total)?.promptTokens, 1_000_000);
    assert.equal(readUsage(total)?.cachedPromptTokens, 800_000);
    const part = { prompt_tokens: 200_000, cache_read_input_tokens: 800_000, completion_tokens: 0 };
    assert.equal(readUsage(part)?.promptTokens, 1_000_000, 'below the cached count it cannot be the total: added');
    // Haiku 4.5 either way: 200,000 × $1 + 800,000 × $0.10 = $0.20 + $0.08.
    assertDollars(costOf('claude-haiku-4.5', total), 0.28);
    assertDollars(costOf('claude-haiku-4.5', part), 0.28);
  });

  it('DeepSeek: prompt_cache_hit_tokens are cached, hit + miss = prompt_tokens (also when prompt_tokens is missing)', () => {
    const raw = { prompt_tokens: 1_000_000, prompt_cache_hit_tokens: 900_000, prompt_cache_miss_tokens: 100_000, completion_tokens: 1_000_000 };
    assert.equal(readUsage(raw)?.cachedPromptTokens, 900_000);
    // V3.2: 100,000 × $0.28 + 900,000 × $0.028 + 1,000,000 × $0.42 = $0.028 + $0.0252 + $0.42.
    assertDollars(costOf('deepseek-chat', raw), 0.4732);
    const { prompt_tokens: _p, ...noPrompt } = raw;
    assert.equal(readUsage(noPrompt)?.promptTokens, 1_000_000);
    assertDollars(costOf('deepseek-reasoner', noPrompt), 0.4732);
  });

  it('never under-counts: an untrustworthy cached count is dropped and every prompt token costs the full rate', () => {
    // gpt-4.1 without the cache: 1,000,000 × $2 + 100,000 × $8 = $2.80.
    for (const cached of ['abc', -5, 1e12, 1_000_001, 12.5, null, { n: 1 }]) {
      const raw = { prompt_tokens: 1_000_000, completion_tokens: 100_000, prompt_tokens_details: { cached_tokens: cached } };
      assert.equal(readUsage(raw)?.cachedPromptTokens, undefined, JSON.stringify(cached));
      assertDollars(costOf('gpt-4.1', raw), 2.8);
    }
    const deepseek = { prompt_tokens: 1000, prompt_cache_hit_tokens: 5000, prompt_cache_miss_tokens: 0, completion_tokens: 0 };
    assert.equal(readUsage(deepseek)?.cachedPromptTokens, undefined, 'more hits than prompt tokens');
  });

  it('leaves the prompt unknown (then estimated, never 0) when an Anthropic cache part cannot be trusted', () => {
    const usage = readUsage({ input_tokens: 100, cache_read_input_tokens: 'lots', output_tokens: 10 });
    assert.equal(usage?.promptTokens, undefined);
    assert.equal(usage?.cachedPromptTokens, undefined);
    assert.equal(usage?.estimated, true);
    const stats = answerStats('x', usage, { startedAt: 0, endedAt: 1 }, DEFAULT_PRICING['gpt-4.1'], 'a prompt of some length');
    assert.ok((stats.promptTokens ?? 0) > 0 && stats.cachedPromptTokens === undefined);
  });

  it('keeps completion_tokens_details.reasoning_tokens through to the answer\'s stats', () => {
    const raw = { prompt_tokens: 10, completion_tokens: 300, completion_tokens_details: { reasoning_tokens: 256 }, prompt_tokens_details: { cached_tokens: 0 } };
    const stats = answerStats('x', readUsage(raw), { startedAt: 0, endedAt: 1 }, undefined);
    assert.equal(stats.reasoningTokens, 256);
    assert.equal(stats.cachedPromptTokens, 0);
    assert.equal(stats.completionTokens, 300, 'reasoning is part of the completion, not added to it');
  });
});
