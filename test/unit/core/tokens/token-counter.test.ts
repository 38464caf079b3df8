// Token counts (issue 21): OpenAI's encodings count exactly; other families are estimated, never low.
import * as assert from 'node:assert/strict';
import { estimateCounter, tokenCounterFor } from '../../../../src/core/tokens/token-counter';

describe('tokens: counter', () => {
  // The counts gpt-tokenizer's o200k_base and cl100k_base give (the same as OpenAI's tiktoken).
  const exact: [string, number, number][] = [
    ['Hello, world!', 4, 4],
    ['The quick brown fox jumps over the lazy dog.', 10, 10],
    ['function add(a, b) { return a + b; }', 13, 13],
    ['日本語の文章を数えます。', 9, 11],
    ['今天天气很好，我们去公园散步吧。', 12, 20],
    ['😀👍🏽🎉', 6, 11],
  ];
  for (const [text, o200k, cl100k] of exact) {
    it(`counts ${JSON.stringify(text)}: o200k ${o200k}, cl100k ${cl100k}`, async () => {
      assert.equal((await tokenCounterFor('openai/gpt-4.1')).count(text), o200k);
      assert.equal((await tokenCounterFor('gpt-4-turbo')).count(text), cl100k);
    });
  }

  it('says which counts are exact and which are estimates', async () => {
    const gpt = await tokenCounterFor('gpt-4o');
    assert.deepEqual([gpt.family, gpt.exact], ['o200k', true]);
    const claude = await tokenCounterFor('claude-sonnet-4-5');
    assert.deepEqual([claude.family, claude.exact], ['claude', false]);
  });

  it('counts special-token text as ordinary text instead of throwing', async () => {
    const counter = await tokenCounterFor('gpt-4o');
    assert.ok(counter.count('say <|endoftext|> and <|im_start|>') > 5);
  });

  it('counts nothing in an empty text and at least one token in any other', async () => {
    for (const model of ['gpt-4o', 'gpt-4', 'claude-opus-4', 'gemini-2.5-pro', 'deepseek-chat', 'qwen3-max', 'llama-4']) {
      const counter = await tokenCounterFor(model);
      assert.equal(counter.count(''), 0, model);
      assert.ok(counter.count('a') >= 1, model);
    }
  });

  it('estimates CJK text higher than the same number of ASCII characters', () => {
    for (const family of ['claude', 'gemini', 'deepseek', 'qwen', 'other'] as const) {
      const counter = estimateCounter(family);
      assert.ok(counter.count('今天天气很好我们去公园散步') > counter.count('abcdefghijklm'), family);
      assert.ok(counter.count('😀👍🏽🎉') >= 3, family);
    }
  });

  it("estimates an OpenAI family with the 'other' coefficients when its encoding is unavailable", () => {
    const fallback = estimateCounter('o200k');
    assert.deepEqual([fallback.family, fallback.exact], ['o200k', false]);
    assert.equal(fallback.count('Hello there, world'), estimateCounter('other').count('Hello there, world'));
  });

  it('counts Claude Opus 4.7 and later (a new tokenizer, no public one) 1.35× the Claude estimate, older Claude models as the family', async () => {
    const text = 'The quick brown fox jumps over the lazy dog, and then writes some TypeScript code.';
    const claude = (await tokenCounterFor('claude-sonnet-4.5')).count(text);
    assert.equal((await tokenCounterFor('anthropic/claude-opus-4.6')).count(text), claude);
    for (const model of ['claude-opus-4-7', 'anthropic/claude-opus-4.7', 'claude-sonnet-4-8-20270101', 'claude-opus-5']) {
      assert.equal((await tokenCounterFor(model)).count(text), Math.ceil(claude * 1.35), model);
    }
    assert.equal((await tokenCounterFor('claude-opus-4-1-20250805')).count(text), claude, 'a date is no version');
  });
});
