// Issue 16, "Unpriced models do not escape budgets": prices match a model's family (dated and
// provider-prefixed names, dots or dashes), never a shorter family's; a relay's published prices are
// used, hostile ones ignored; the user's entries win over the relay's, and the relay's over the defaults.
import * as assert from 'node:assert/strict';
import { priceFor } from '../../../../src/core/chat/answer-stats';
import type { Price } from '../../../../src/core/usage/price';
import { publishedPrices, readModelDetails, readPublishedPrice } from '../../../../src/core/client/models';
import { DEFAULT_PRICING, pricingTable, readPricing } from '../../../../src/core/usage/pricing';
import { RelayPrices } from '../../../../src/core/usage/relay-prices';
import { usageRecord } from '../../../../src/core/usage/usage-record';
import { emptyTotals, usageReport } from '../../../../src/core/usage/usage-report';

const price = (model: string, table: Record<string, Price> = DEFAULT_PRICING) => priceFor(model, table);
const D = DEFAULT_PRICING;

describe('pricing: a model is priced by its family, never by a shorter one', () => {
  it('prices dated, provider-prefixed and differently written names of a default model', () => {
    const cases: [string, Price | undefined][] = [
      ['gpt-4.1', D['gpt-4.1']], ['openai/gpt-4.1', D['gpt-4.1']], ['gpt-4.1-2025-04-14', D['gpt-4.1']], ['GPT-4.1', D['gpt-4.1']],
      ['gpt-4.1-mini', D['gpt-4.1-mini']], ['openai/gpt-4.1-mini-2025-04-14', D['gpt-4.1-mini']], ['gpt-4.1-nano', D['gpt-4.1-nano']],
      ['gpt-4o-mini', D['gpt-4o-mini']], ['gpt-4o-mini-2024-07-18', D['gpt-4o-mini']],
      ['claude-sonnet-4-5-20250929', D['claude-sonnet-4.5']], ['anthropic/claude-sonnet-4.5', D['claude-sonnet-4.5']],
      ['claude-sonnet-4-5', D['claude-sonnet-4.5']], ['claude-sonnet-4-5@20250929', D['claude-sonnet-4.5']], ['claude-sonnet-4-5-latest', D['claude-sonnet-4.5']],
      ['claude-haiku-4-5-20251001', D['claude-haiku-4.5']], ['anthropic/claude-haiku-4.5', D['claude-haiku-4.5']],
      ['gemini-2.5-flash', D['gemini-2.5-flash']], ['google/gemini-2.5-flash', D['gemini-2.5-flash']],
      ['gemini-2.5-flash-lite', D['gemini-2.5-flash-lite']], ['google/gemini-2.5-flash-lite', D['gemini-2.5-flash-lite']],
      ['deepseek-chat', D['deepseek-v3.2']], ['deepseek-reasoner', D['deepseek-v3.2']], ['deepseek/deepseek-chat', D['deepseek-v3.2']], ['deepseek-v3.2', D['deepseek-v3.2']],
    ];
    for (const [model, expected] of cases) assert.deepEqual(price(model), expected, model);
  });

  it('has the makers\' published rates for the cheap completion models', () => {
    assert.deepEqual(price('gpt-4.1-mini'), { input: 0.4, cachedInput: 0.1, output: 1.6 });
    assert.deepEqual(price('gpt-4.1-nano'), { input: 0.1, cachedInput: 0.025, output: 0.4 });
    assert.deepEqual(price('gpt-4o-mini'), { input: 0.15, cachedInput: 0.075, output: 0.6 });
    assert.deepEqual(price('claude-haiku-4-5'), { input: 1, cachedInput: 0.1, output: 5 });
    assert.deepEqual(price('gemini-2.5-flash-lite'), { input: 0.1, cachedInput: 0.01, output: 0.4 });
    assert.deepEqual(price('deepseek-chat'), { input: 0.28, cachedInput: 0.028, output: 0.42 });
  });

  it('never prices a model as a shorter family or a cousin: those stay unpriced', () => {
    const only = (key: string) => ({ [key]: { input: 1, output: 1 } });
    const never: [string, string][] = [
      ['gpt-4.1', 'gpt-4.1-mini'], ['gpt-4.1', 'gpt-4.1-nano'], ['gpt-4.1', 'openai/gpt-4.1-mini-2025-04-14'], ['gpt-4.1', 'gpt-4'], ['gpt-4.1', 'gpt-4.1-turbo'],
      ['gpt-4o-mini', 'gpt-4o'], ['gemini-2.5-flash', 'gemini-2.5-flash-lite'], ['gemini-2.5-flash', 'gemini-2.5-pro'],
      ['claude-sonnet-4.5', 'claude-sonnet-4'], ['claude-sonnet-4.5', 'claude-sonnet-4-5-thinking'], ['deepseek-v3.2', 'deepseek-chat:free'], ['deepseek-v3.2', 'deepseek-coder'],
    ];
    for (const [key, model] of never) assert.equal(price(model, only(key)), undefined, `${key} must not price ${model}`);
    for (const model of ['gpt-4', 'gpt-4o', 'gemini-2.5-pro', 'claude-opus-4-1', 'qwen-max', 'llama3:8b', '']) assert.equal(price(model), undefined, model);
  });

  it('takes the exact name before the family', () => {
    const table = { 'gpt-4.1': { output: 8 }, 'gpt-4.1-2025-04-14': { output: 6 } };
    assert.deepEqual(price('gpt-4.1-2025-04-14', table), { output: 6 });
    assert.deepEqual(price('openai/gpt-4.1', table), { output: 8 });
  });
});

describe('pricing: the prices a relay publishes in its model list', () => {
  it('reads OpenRouter\'s USD-per-token strings as USD per million tokens', () => {
    assert.deepEqual(readPublishedPrice({ prompt: '0.000002', completion: '0.000008', request: '0', image: '0' }, 'openai/gpt-4.1'), { input: 2, output: 8 });
    assert.deepEqual(readPublishedPrice({ prompt: '0', completion: '0' }, 'meta-llama/llama-3.3-70b-instruct:free'), { input: 0, output: 0 }, 'a free model is priced at $0, not unpriced');
    assert.deepEqual(readPublishedPrice({ prompt: '1.5e-7', completion: '6e-7' }, 'x'), { input: 0.15, output: 0.6 });
    const models = readModelDetails({ data: [
      { id: 'openai/gpt-4.1', context_length: 1047576, pricing: { prompt: '0.000002', completion: '0.000008' } },
      { id: 'no-price' },
    ] });
    assert.deepEqual(models.map((m) => [m.id, m.price]), [['no-price', undefined], ['openai/gpt-4.1', { input: 2, output: 8 }]]);
    assert.deepEqual(publishedPrices(models), { 'openai/gpt-4.1': { input: 2, output: 8 } });
  });

  it('reads OpenRouter\'s input_cache_read as cachedInput, only as a discount on the input rate', () => {
    assert.deepEqual(readPublishedPrice({ prompt: '0.000003', completion: '0.000015', input_cache_read: '0.0000003', input_cache_write: '0.00000375' }, 'anthropic/claude-sonnet-4.5'),
      { input: 3, output: 15, cachedInput: 0.3 });
    for (const bad of ['-1', 'abc', '0', '0.000009', null, {}]) {
      assert.deepEqual(readPublishedPrice({ prompt: '0.000003', completion: '0.000015', input_cache_read: bad }, 'x'), { input: 3, output: 15 }, JSON.stringify(bad));
    }
    assert.deepEqual(readPublishedPrice({ prompt: '0', completion: '0', input_cache_read: '0' }, 'm:free'), { input: 0, output: 0, cachedInput: 0 });
  });

  it('ignores hostile or broken rates: negative, not a number, absurd, missing', () => {
    const hostile: unknown[] = [
      { prompt: '-1', completion: '-1' }, // OpenRouter's router: the price depends on the model it picks
      { prompt: '0.000001', completion: '-0.000001' }, { prompt: 'NaN', completion: '0.000001' }, { prompt: '0.000001', completion: 'Infinity' },
      { prompt: '0.000001', completion: '0.5' }, { prompt: '1e300', completion: '0.000001' }, { prompt: '0.000001' }, { prompt: '0.000001', completion: '' },
      { prompt: '0.000001', completion: '1,5' }, { prompt: '0.000001', completion: null }, { prompt: {}, completion: '0.000001' }, { prompt: -1e-6, completion: 1e-6 },
      '0.000002', null, [], 42,
    ];
    for (const pricing of hostile) assert.equal(readPublishedPrice(pricing, 'x'), undefined, JSON.stringify(pricing));
    const models = readModelDetails({ data: [{ id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } }, { id: 'x', pricing: { prompt: '9', completion: '9' } }] });
    assert.deepEqual(publishedPrices(models), {});
  });

  it('needs both rates: a relay listing only the completion rate does not make the prompt free', () => {
    assert.equal(readPublishedPrice({ completion: '0.000008' }, 'gpt-4.1'), undefined);
    const prices = new RelayPrices();
    prices.remember('https://relay.example/v1', readModelDetails([{ id: 'gpt-4.1', pricing: { completion: '0.000008' } }]));
    assert.deepEqual(prices.for('https://relay.example/v1'), {});
    assert.deepEqual(price('gpt-4.1', pricingTable({}, prices.for('https://relay.example/v1'))), D['gpt-4.1'], 'the default of the family, prompt included');
  });

  it('believes a rate of 0 only for a model whose id says it is free (`:free`)', () => {
    const zero = { prompt: '0', completion: '0' };
    for (const pricing of [zero, { prompt: '0', completion: '0.000008' }, { prompt: '0.000002', completion: 0 }]) {
      assert.equal(readPublishedPrice(pricing, 'gpt-4.1'), undefined, JSON.stringify(pricing));
    }
    assert.deepEqual(readPublishedPrice(zero, 'deepseek/deepseek-r1:FREE'), { input: 0, output: 0 });
    const prices = new RelayPrices();
    prices.remember('https://relay.example/v1', readModelDetails([{ id: 'gpt-4.1', pricing: zero }, { id: 'my-relay-coder', pricing: zero }, { id: 'qwen/qwen3-coder:free', pricing: zero }]));
    const table = pricingTable({}, prices.for('https://relay.example/v1'));
    assert.deepEqual(price('gpt-4.1', table), D['gpt-4.1'], 'listed at 0: the default of its family, so budgets still trip');
    assert.equal(price('my-relay-coder', table), undefined, 'listed at 0 with no default: without a price (counted as such), not free');
    assert.deepEqual(price('qwen/qwen3-coder:free', table), { input: 0, output: 0 });
  });

  it('returns one frozen empty table for an endpoint whose list was not looked up (the price table is not rebuilt)', () => {
    const prices = new RelayPrices();
    const none = prices.for('https://relay.example/v1');
    assert.equal(prices.for('https://relay.example/v1'), none);
    assert.equal(prices.for('not a url'), none);
    assert.ok(Object.isFrozen(none));
  });

  it('keeps each endpoint\'s published prices apart; a new list replaces the old one', () => {
    const prices = new RelayPrices();
    prices.remember('https://openrouter.ai/api/v1', readModelDetails({ data: [{ id: 'a', pricing: { prompt: '0.000001', completion: '0.000002' } }] }));
    assert.deepEqual(prices.for('https://OpenRouter.ai/api/v1/'), { a: { input: 1, output: 2 } }, 'the same endpoint written another way');
    assert.deepEqual(prices.for('https://relay.example/v1'), {});
    assert.deepEqual(prices.for('not a url'), {});
    prices.remember('https://openrouter.ai/api/v1', readModelDetails({ data: [{ id: 'a' }] }));
    assert.deepEqual(prices.for('https://openrouter.ai/api/v1'), {}, 'a price the relay withdrew is not kept');
  });
});

describe('pricing: the user\'s entries, then the relay\'s prices, then the defaults', () => {
  const relay = { 'openai/gpt-4.1': { input: 1.8, output: 7.2 }, 'my-relay-coder': { input: 0.05, output: 0.1 }, 'gpt-4.1-mini': { input: 0.3, output: 1.2 } };

  it('prices from the relay before the defaults of the same family', () => {
    const table = pricingTable({}, relay);
    assert.deepEqual(price('openai/gpt-4.1', table), { input: 1.8, output: 7.2 });
    assert.deepEqual(price('gpt-4.1-mini', table), { input: 0.3, output: 1.2 });
    assert.deepEqual(price('my-relay-coder', table), { input: 0.05, output: 0.1 });
    assert.deepEqual(price('gpt-4.1-nano', table), D['gpt-4.1-nano'], 'not published: the default');
  });

  it('prices from the user\'s entry over everything, matched the same way', () => {
    const user = readPricing({ 'gpt-4.1': { input: 1, output: 4 }, 'GPT-4.1-MINI-2025-04-14': { output: 1 } }).entries;
    const table = pricingTable(user, relay);
    assert.deepEqual(price('openai/gpt-4.1', table), { input: 1, output: 4 }, 'the user\'s family entry beats the relay\'s exact price');
    assert.deepEqual(price('gpt-4.1-2025-04-14', table), { input: 1, output: 4 });
    assert.deepEqual(price('gpt-4.1-mini', table), { output: 1 });
    assert.deepEqual(price('gpt-4.1-nano', table), D['gpt-4.1-nano'], 'gpt-4.1 does not price gpt-4.1-nano');
  });

  it('lets the user\'s prefixed entry replace a default (the setting alone, no relay)', () => {
    const { prices } = readPricing({ 'openai/gpt-4.1': { input: 0, output: 0 } });
    assert.deepEqual(price('gpt-4.1', prices), { input: 0, output: 0 });
    assert.deepEqual(price('claude-sonnet-4-5-20250929', prices), D['claude-sonnet-4.5'], 'the other defaults stay');
  });

  it('falls back to the defaults when the relay\'s price is hostile', () => {
    const prices = new RelayPrices();
    prices.remember('https://relay.example/v1', readModelDetails([{ id: 'gpt-4.1', pricing: { prompt: '-0.000002', completion: '0.000008' } }]));
    assert.deepEqual(price('gpt-4.1', pricingTable({}, prices.for('https://relay.example/v1'))), D['gpt-4.1']);
  });
});

describe('usage: requests without a price are counted', () => {
  it('counts them in the totals, the month and by model, and leaves their tokens out of the cost', () => {
    const at = new Date(2026, 11, 7, 12).getTime();
    const table = pricingTable({});
    const records = [
      usageRecord({ source: 'completion', model: 'qwen-coder-turbo', provider: 'h', promptTokens: 100, completionTokens: 20 }, table, at),
      usageRecord({ source: 'completion', model: 'qwen-coder-turbo', provider: 'h', promptTokens: 50, completionTokens: 10 }, table, at),
      usageRecord({ source: 'chat', model: 'gpt-4.1-2025-04-14', provider: 'h', promptTokens: 1000, completionTokens: 500 }, table, at),
    ];
    assert.equal(records[2]?.unpriced, undefined, 'a dated name is priced');
    const report = usageReport(records, at);
    assert.deepEqual({ ...report.today }, { ...emptyTotals(), requests: 3, promptTokens: 1150, completionTokens: 530, costUsd: (1000 * 2 + 500 * 8) / 1e6, unpricedTokens: 180, unpricedRequests: 2 });
    assert.equal(report.monthTotals.unpricedRequests, 2);
    assert.deepEqual(report.byModel.map((l) => [l.key, l.unpricedRequests]), [['gpt-4.1-2025-04-14', 0], ['qwen-coder-turbo', 2]]);
  });
});
