// The messages between the panel and the host, as the protocol checks them.
// The Usage view's messages (issue 10); its totals carry how many requests had no price (issue 16), checked
// like every other number the view draws (a count, whole, and never more than the requests it is part of).
// The welcome's buttons reach the host as the same `fix` messages as the buttons under an error: only
// the actions the protocol names pass the check every webview message goes through, and they go to the
// panel actions, not a conversation.
import * as assert from 'node:assert/strict';
import { isHostToWebview, isPanelAction, isUsageView, isWebviewToHost, type UsageView, type WebviewToHost } from '../../../src/shared/protocol';
import { emptyUsage, realisticUsage } from '../support/usage-fixture';

describe('Usage view messages', () => {
  it('accepts usageView open/closed from the webview, not as a panel action, and nothing else by that name', () => {
    for (const open of [true, false]) {
      const m = { type: 'usageView', open };
      assert.ok(isWebviewToHost(m));
      assert.equal(isPanelAction(m as WebviewToHost), false);
    }
    for (const open of ['true', 1, undefined, null]) assert.equal(isWebviewToHost({ type: 'usageView', open }), false, String(open));
  });

  it('accepts full usage views and showUsage from the host', () => {
    assert.ok(isHostToWebview({ type: 'showUsage' }));
    for (const usage of [realisticUsage(), emptyUsage(), (({ budget: _none, ...unbudgeted }) => unbudgeted)(realisticUsage({ locale: 'zh-CN' }))]) assert.ok(isHostToWebview({ type: 'usage', usage }));
    const cached = realisticUsage();
    assert.ok(isHostToWebview({ type: 'usage', usage: { ...cached, today: { ...cached.today, cachedTokens: cached.today.promptTokens } } }), 'a prompt all from the cache');
  });

  it('drops a usage view with any malformed part, down to one number', () => {
    const good = realisticUsage();
    const day = good.days[20]!;
    const broken: [string, unknown][] = [
      ['no view', undefined], ['a list', [good]],
      ['locale', { ...good, locale: 42 }], ['month', { ...good, month: 'November' }],
      ['today NaN', { ...good, today: { ...good.today, costUsd: Number.NaN } }],
      ['month negative', { ...good, monthTotals: { ...good.monthTotals, promptTokens: -5 } }],
      ['estimated as text', { ...good, today: { ...good.today, estimated: 'yes' } }],
      ['days not a list', { ...good, days: {} }],
      ['a day without a date', { ...good, days: [...good.days.slice(0, 29), { ...day, day: 'today' }] }],
      ['a day cost as text', { ...good, days: [{ ...day, byModel: { 'gpt-4.1': { costUsd: '0.5', tokens: 10 } } }] }],
      ['a day tokens infinite', { ...good, days: [{ ...day, byModel: { 'gpt-4.1': { costUsd: 0.5, tokens: Infinity } } }] }],
      ['byModel missing', { ...good, byModel: undefined }],
      ['a line without key', { ...good, bySource: [{ ...good.bySource[0], key: undefined }] }],
      ['budget as number', { ...good, budget: 50 }], ['budget negative', { ...good, budget: { monthlyUsd: -1 } }],
      ['problems not text', { ...good, problems: [{ message: 'x' }] }],
      ['too many days', { ...good, days: Array.from({ length: 401 }, () => day) }],
      ['cached tokens missing', { ...good, today: (({ cachedTokens: _c, ...rest }) => rest)(good.today) }],
      ['cached tokens as text', { ...good, monthTotals: { ...good.monthTotals, cachedTokens: '5' } }],
      ['more cached than prompt tokens', { ...good, byModel: [{ ...good.byModel[0]!, cachedTokens: good.byModel[0]!.promptTokens + 1 }] }],
    ];
    for (const [what, usage] of broken) {
      assert.equal(isUsageView(usage), false, what);
      assert.equal(isHostToWebview({ type: 'usage', usage }), false, what);
    }
  });
});

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

describe('welcome commands in the panel protocol', () => {
  it('accepts Explain Selection and the inline suggestions menu, as panel actions', () => {
    for (const action of ['explainSelection', 'completionsMenu']) {
      const message = { type: 'fix', action };
      assert.ok(isWebviewToHost(message), action);
      assert.ok(isPanelAction(message as WebviewToHost), `${action} is for the panel actions`);
    }
  });

  it('refuses any other command: a webview cannot run what it likes', () => {
    for (const action of ['relayChat.explainSelection', 'workbench.action.terminal.new', '', 3, undefined, { toString: () => 'explainSelection' }]) {
      assert.equal(isWebviewToHost({ type: 'fix', action }), false, String(action));
    }
    assert.equal(isWebviewToHost({ type: 'run', command: 'explainSelection' }), false, 'no second message for commands');
  });
});

describe('rewrite: the answer shown again when its text so far was reasoning', () => {
  it('accepts a rewrite with the whole text and reasoning, and drops a malformed one', () => {
    const good = { type: 'rewrite', chatId: 'c1', messageId: 'm1', text: '', reasoning: 'Okay, the user asks' };
    assert.ok(isHostToWebview(good));
    for (const bad of [{ ...good, reasoning: undefined }, { ...good, text: 5 }, { ...good, messageId: 'a b' }, { ...good, chatId: undefined }]) {
      assert.equal(isHostToWebview(bad), false, JSON.stringify(bad));
    }
  });
});
