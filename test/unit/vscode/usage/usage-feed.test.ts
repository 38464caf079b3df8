// The host side of the Usage view: the feed that sends the view's numbers only while it is open.
import * as assert from 'node:assert/strict';
import type { HostToWebview } from '../../../../src/shared/protocol';
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
