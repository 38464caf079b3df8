// Usage and cost (issue 10, "See what you spend"): prices with their problems named.
import * as assert from 'node:assert/strict';
import { SETTING_DEFAULTS } from '../../../../src/core/client/defaults';
import { DEFAULT_PRICING, readPricing } from '../../../../src/core/usage/pricing';

describe('usage: pricing', () => {
  it('has input, cached input and output rates for the defaults; the setting holds only the user\'s own entries', () => {
    assert.deepEqual(DEFAULT_PRICING, {
      'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 }, 'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
      'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 }, 'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
      'claude-sonnet-4.5': { input: 3, cachedInput: 0.3, output: 15 }, 'claude-haiku-4.5': { input: 1, cachedInput: 0.1, output: 5 },
      'gemini-2.5-flash': { input: 0.3, cachedInput: 0.03, output: 2.5 }, 'gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.01, output: 0.4 },
      'deepseek-v3.2': { input: 0.28, cachedInput: 0.028, output: 0.42 },
    });
    assert.deepEqual(SETTING_DEFAULTS.pricing, {});
  });

  it("merges the user's entries over the defaults: adding one model keeps the others", () => {
    const { prices, problems } = readPricing({ 'my-coder': { input: 0.1, output: 0.2 }, 'gpt-4.1': { input: 1, output: 4 } });
    assert.deepEqual(problems, []);
    assert.deepEqual(prices['my-coder'], { input: 0.1, output: 0.2 });
    assert.deepEqual(prices['gpt-4.1'], { input: 1, output: 4 });
    assert.deepEqual(prices['deepseek-v3.2'], DEFAULT_PRICING['deepseek-v3.2']);
  });

  it('names every malformed entry and says what is expected; the valid ones still apply', () => {
    const { prices, problems } = readPricing({
      good: { output: 1 }, str: '8', noOutput: { input: 1 }, negative: { output: -1 }, text: { output: '8' },
      badInput: { input: 'two', output: 8 }, typo: { ouput: 8, output: 3 }, nil: null,
    });
    assert.deepEqual(problems.map((p) => [p.model, p.kind, p.key]), [
      ['str', 'not-object', undefined], ['noOutput', 'output', undefined], ['negative', 'output', undefined], ['text', 'output', undefined],
      ['badInput', 'input', undefined], ['typo', 'unknown-key', 'ouput'], ['nil', 'not-object', undefined],
    ]);
    for (const p of problems) {
      assert.match(p.message, new RegExp(`"${p.model}"`));
      assert.match(p.message, /expected \{ "input".*"output"/);
    }
    assert.match(problems[1]?.message ?? '', /"output" is missing/);
    assert.match(problems[2]?.message ?? '', /"output" is -1/);
    assert.deepEqual(prices.good, { output: 1 });
    assert.deepEqual(prices.typo, { output: 3 }, 'a stray key is reported, the rates still apply');
    for (const bad of ['str', 'noOutput', 'negative', 'text', 'badInput', 'nil']) assert.equal(prices[bad], undefined);
    assert.equal(readPricing([1]).problems[0]?.kind, 'not-object');
  });

  it('reads cachedInput, and names a malformed one like a malformed input (the entry waits for a fix)', () => {
    const { prices, problems } = readPricing({
      relay: { input: 1, cachedInput: 0.1, output: 4 }, free: { input: 1, cachedInput: 0, output: 4 },
      text: { input: 1, cachedInput: '0.1', output: 4 }, negative: { input: 1, cachedInput: -1, output: 4 }, nan: { input: 1, cachedInput: null, output: 4 },
    });
    assert.deepEqual(prices.relay, { input: 1, cachedInput: 0.1, output: 4 });
    assert.deepEqual(prices.free, { input: 1, cachedInput: 0, output: 4 });
    assert.deepEqual(problems.map((p) => [p.model, p.kind]), [['text', 'cachedInput'], ['negative', 'cachedInput'], ['nan', 'cachedInput']]);
    assert.match(problems[0]?.message ?? '', /"cachedInput" is "0\.1"/);
    for (const bad of ['text', 'negative', 'nan']) assert.equal(prices[bad], undefined, `${bad} is not priced (not at the default either)`);
    assert.deepEqual(readPricing({ typo: { cached: 1, output: 2 } }).problems.map((p) => p.key), ['cached']);
  });
});
