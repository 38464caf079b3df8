// Usage and cost (issue 10, "See what you spend"): the monthly budget's rule.
import * as assert from 'node:assert/strict';
import { BudgetGate, budgetLevel, type BudgetAnswer } from '../../../../src/core/usage/budget';
import { MapStore } from '../../support/completion-fakes';

describe('usage: monthly budget', () => {
  it('is ok below 80 %, warns from 80 %, is over from 100 %; none without a budget', () => {
    assert.equal(budgetLevel(7.99, 10), 'ok');
    assert.equal(budgetLevel(8, 10), 'warn');
    assert.equal(budgetLevel(10, 10), 'over');
    assert.equal(budgetLevel(1000, 0), 'none');
  });

  function gate(spent: { value: number }, answers: BudgetAnswer[], store = new MapStore(), month = { value: '2026-03' }) {
    const asked: number[] = [];
    const g = new BudgetGate({
      monthlyUsd: () => 10, spending: () => ({ month: month.value, costUsd: spent.value }), store,
      ask: async (s) => {
        asked.push(s.costUsd);
        return answers.shift() ?? 'cancel';
      },
    });
    return { g, asked, store, month };
  }

  it('asks only at or past 100 %: once sends this one, cancel sends nothing, allow holds for the month', async () => {
    const spent = { value: 9.99 };
    const { g, asked, store, month } = gate(spent, ['once', 'cancel', 'month']);
    assert.equal(await g.admit(), true);
    assert.deepEqual(asked, [], 'below the budget nobody is asked');
    spent.value = 10;
    assert.equal(g.completionsBlocked, true);
    assert.equal(await g.admit(), true);
    assert.equal(await g.admit(), false);
    assert.equal(await g.admit(), true);
    assert.equal(await g.admit(), true, 'allowed for the month: not asked again');
    assert.equal(asked.length, 3);
    assert.equal(g.completionsBlocked, false);
    assert.equal(gate(spent, [], store).g.completionsBlocked, false, 'the allowance survives a reload');
    month.value = '2026-04';
    assert.equal(g.completionsBlocked, true, 'a new month over its budget asks again');
  });

  it('asks one question for requests that arrive together', async () => {
    const { g, asked } = gate({ value: 11 }, ['once']);
    assert.deepEqual(await Promise.all([g.admit(), g.admit()]), [true, true]);
    assert.equal(asked.length, 1);
  });

  it('warns once a month from 80 %, remembered across reloads', () => {
    const spent = { value: 7 };
    const { g, store, month } = gate(spent, []);
    assert.equal(g.warningDue(), false);
    spent.value = 8.5;
    assert.equal(g.warningDue(), true);
    assert.equal(g.warningDue(), false);
    assert.equal(gate(spent, [], store, month).g.warningDue(), false, 'not again after a reload');
    month.value = '2026-04';
    assert.equal(g.warningDue(), true);
  });
});
