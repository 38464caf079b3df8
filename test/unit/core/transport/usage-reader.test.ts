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

  it('OpenAI prompt_tokens with Anthropic cache fields: the total when OpenAI\'s cached count confirms it, else the parts added (never under-counted)', () => {
    const confirmed = { prompt_tokens: 1_000_000, cache_read_input_tokens: 800_000, completion_tokens: 0, prompt_tokens_details: { cached_tokens: 800_000 } };
    assert.equal(readUsage(confirmed)?.promptTokens, 1_000_000);
    assert.equal(readUsage(confirmed)?.cachedPromptTokens, 800_000);
    // Haiku 4.5: 200,000 × $1 + 800,000 × $0.10 = $0.20 + $0.08.
    assertDollars(costOf('claude-haiku-4.5', confirmed), 0.28);
    const unconfirmed = { prompt_tokens: 200_000, cache_read_input_tokens: 800_000, completion_tokens: 0 };
    assert.equal(readUsage(unconfirmed)?.promptTokens, 1_000_000, 'Anthropic\'s exclusive count copied into prompt_tokens: added');
    assertDollars(costOf('claude-haiku-4.5', unconfirmed), 0.28);
    // 5,000 may be the whole prompt or its uncached part: the dearer reading, 5,000 + 4,000.
    const ambiguous = { prompt_tokens: 5000, cache_read_input_tokens: 4000, completion_tokens: 100 };
    assert.equal(readUsage(ambiguous)?.promptTokens, 9000);
    // Sonnet 4.5: 5,000 × $3 + 4,000 × $0.30 + 100 × $15 = $0.015 + $0.0012 + $0.0015.
    assertDollars(costOf('claude-sonnet-4.5', ambiguous), 0.0177);
  });

  it('takes OpenAI\'s cached count when an Anthropic field beside it says 0', () => {
    const raw = { prompt_tokens: 1000, completion_tokens: 0, cache_read_input_tokens: 0, prompt_tokens_details: { cached_tokens: 800 } };
    assert.equal(readUsage(raw)?.promptTokens, 1000);
    assert.equal(readUsage(raw)?.cachedPromptTokens, 800);
  });

  it('reads a null Anthropic cache field as none, keeping the relay\'s own counts', () => {
    const raw = { input_tokens: 5000, cache_read_input_tokens: 3000, cache_creation_input_tokens: null, output_tokens: 10 };
    assert.deepEqual(readUsage(raw), { promptTokens: 8000, cachedPromptTokens: 3000, completionTokens: 10, totalTokens: 8010 });
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

  it('never bills fewer answer tokens than the relay says were reasoning, when the completion count must be estimated', () => {
    const raw = { prompt_tokens: 10, completion_tokens: 'n/a', completion_tokens_details: { reasoning_tokens: 5000 } };
    const stats = answerStats('a short visible answer', readUsage(raw), { startedAt: 0, endedAt: 1 }, DEFAULT_PRICING['gpt-4.1']);
    assert.equal(stats.completionTokens, 5000);
    // gpt-4.1: 10 × $2 + 5,000 × $8 per million.
    assertDollars(stats.costUsd, 0.04002);
  });

  it('keeps completion_tokens_details.reasoning_tokens through to the answer\'s stats', () => {
    const raw = { prompt_tokens: 10, completion_tokens: 300, completion_tokens_details: { reasoning_tokens: 256 }, prompt_tokens_details: { cached_tokens: 0 } };
    const stats = answerStats('x', readUsage(raw), { startedAt: 0, endedAt: 1 }, undefined);
    assert.equal(stats.reasoningTokens, 256);
    assert.equal(stats.cachedPromptTokens, 0);
    assert.equal(stats.completionTokens, 300, 'reasoning is part of the completion, not added to it');
  });
});
