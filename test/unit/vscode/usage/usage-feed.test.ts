// The host side of the Usage view: the messages it accepts and sends, and the feed that sends the view's
// numbers only while it is open.
import * as assert from 'node:assert/strict';
import { isHostToWebview, isPanelAction, isUsageView, isWebviewToHost, type HostToWebview, type WebviewToHost } from '../../../../src/shared/protocol';
import { UsageFeed } from '../../../../src/vscode/usage/usage-feed';
import type { UsageSource } from '../../../../src/vscode/usage/usage-source';
import { emptyUsage, realisticUsage } from '../../support/usage-fixture';

/** A UsageSource whose counts the test changes; it counts its listeners to show they are removed. */
class CountingSource implements UsageSource {
  private readonly listeners = new Set<() => void>();
  views = 0;
  current = realisticUsage();
  view() {
    this.views++;
    return this.current;
  }
  readonly onDidChange = (listener: () => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  get listening(): number {
    return this.listeners.size;
  }
  change(): void {
    for (const l of [...this.listeners]) l();
  }
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

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
    ];
    for (const [what, usage] of broken) {
      assert.equal(isUsageView(usage), false, what);
      assert.equal(isHostToWebview({ type: 'usage', usage }), false, what);
    }
  });
});

describe('UsageFeed', () => {
  it('sends the view at once on open and on every change while open, then nothing after close', () => {
    const source = new CountingSource();
    const posted: HostToWebview[] = [];
    const feed = new UsageFeed(source, (m) => posted.push(m), silent);
    source.change();
    assert.equal(posted.length, 0, 'closed: nothing sent');
    feed.setOpen(true);
    assert.deepEqual(posted, [{ type: 'usage', usage: source.current }]);
    source.current = emptyUsage();
    source.change();
    assert.deepEqual(posted[1], { type: 'usage', usage: emptyUsage() });
    feed.setOpen(true); // opened again (a second Show Usage): one send, still one listener
    assert.equal(source.listening, 1);
    assert.equal(posted.length, 3);
    feed.setOpen(false);
    assert.equal(source.listening, 0, 'the listener is removed on close');
    source.change();
    assert.equal(posted.length, 3);
    assert.equal(source.views, 3, 'no reads while closed: no polling');
  });

  it('removes its listener on dispose and on close by the panel', () => {
    const source = new CountingSource();
    const feed = new UsageFeed(source, () => {}, silent);
    feed.setOpen(true);
    feed.close();
    assert.equal(source.listening, 0);
    feed.setOpen(true);
    feed.dispose();
    assert.equal(source.listening, 0);
  });

  it('without a usage source sends nothing and listens to nothing', () => {
    const posted: HostToWebview[] = [];
    const feed = new UsageFeed(undefined, (m) => posted.push(m), silent);
    feed.setOpen(true);
    assert.deepEqual(posted, []);
    assert.equal(feed.isOpen, false);
  });

  it('logs a source that fails instead of breaking the panel', () => {
    const errors: string[] = [];
    const source = new CountingSource();
    source.view = () => { throw new Error('usage file unreadable'); };
    const feed = new UsageFeed(source, () => assert.fail('nothing to send'), { ...silent, error: (m: string) => errors.push(m) });
    feed.setOpen(true);
    assert.deepEqual(errors, ['usage view: usage file unreadable']);
    feed.dispose();
  });
});
