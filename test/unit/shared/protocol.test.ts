// Issue 16: the Usage view's totals carry how many requests had no price, checked like every other
// number the view draws (a count, whole, and never more than the requests it is part of).
import * as assert from 'node:assert/strict';
import { isHostToWebview, isUsageView, type UsageView } from '../../../src/shared/protocol';
import { realisticUsage } from '../support/usage-fixture';

describe('protocol: unpricedRequests in the Usage view', () => {
  const withMonth = (change: Record<string, unknown>): unknown => {
    const usage = realisticUsage();
    return { ...usage, monthTotals: { ...usage.monthTotals, ...change } };
  };

  it('accepts totals, lines and a usage message that count requests without a price', () => {
    const usage: UsageView = realisticUsage();
    assert.ok(usage.monthTotals.unpricedRequests > 0, 'the fixture has a model without a price');
    assert.equal(isUsageView(usage), true);
    assert.equal(isUsageView(withMonth({ unpricedRequests: 0 })), true);
    assert.equal(isHostToWebview({ type: 'usage', usage }), true);
  });

  it('rejects a count that is missing, negative, not whole, not a number, or more than the requests', () => {
    const requests = realisticUsage().monthTotals.requests;
    for (const unpricedRequests of [undefined, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null, requests + 1]) {
      assert.equal(isUsageView(withMonth({ unpricedRequests })), false, String(unpricedRequests));
    }
    const usage = realisticUsage();
    const [first, ...rest] = usage.byModel;
    assert.equal(isUsageView({ ...usage, byModel: [{ ...first, unpricedRequests: -2 }, ...rest] }), false, 'in a line too');
    assert.equal(isHostToWebview({ type: 'usage', usage: withMonth({ unpricedRequests: -1 }) }), false);
  });
});
