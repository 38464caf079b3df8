// Usage and cost (issue 10, "See what you spend"): the monthly budget's rule.
import * as assert from 'node:assert/strict';
import { BudgetGate, OPEN_GATE, budgetLevel, type BudgetAnswer } from '../../../../src/core/usage/budget';
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

class Declined extends Error {}

function gate(costUsd: number, answers: BudgetAnswer[]) {
  const values = new Map<string, unknown>();
  const store = { get: <T>(key: string) => values.get(key) as T | undefined, set: async (key: string, value: unknown) => void values.set(key, value) };
  return new BudgetGate({ monthlyUsd: () => 10, spending: () => ({ month: '2026-03', costUsd }), store, ask: async () => answers.shift() ?? 'cancel', declined: () => new Declined('not sent') });
}

describe('BudgetGate.pass: the one call of a request that can ask', () => {
  it('lets a request go below the budget, and past it when the user sends once or allows the month', async () => {
    await gate(9.99, []).pass();
    const over = gate(10, ['once', 'month']);
    await over.pass();
    await over.pass();
    await over.pass(); // allowed for the month: not asked again (a third question would be answered cancel)
  });

  it('refuses with the declined error when the user cancels', async () => {
    await assert.rejects(gate(10, ['cancel']).pass(), (e) => e instanceof Declined && e.message === 'not sent');
  });

  it('refuses with a plain error without a declined error of its own', async () => {
    const g = new BudgetGate({ monthlyUsd: () => 10, spending: () => ({ month: '2026-03', costUsd: 10 }), store: { get: () => undefined, set: async () => undefined }, ask: async () => 'cancel' });
    await assert.rejects(g.pass(), /Not sent/);
  });

  it('has an open gate where no budget applies', async () => {
    assert.equal(await OPEN_GATE.admit(), true);
    await OPEN_GATE.pass();
  });
});
