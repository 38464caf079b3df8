// Issue 16: the states every window shares (snooze, the month allowed past the budget, the month warned)
// live in one small file several processes write at once. Real processes here: none loses another's
// key, a change arrives through the watch, one window only shows the 80 % warning, a corrupt file is
// reported and read as empty.
import * as assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetGate } from '../../../../src/core/usage/budget';
import { SharedStateFile } from '../../../../src/core/util/shared-state-file';
import { SHARED_KEYS, activeSnooze, moveLegacyState } from '../../../../src/core/util/shared-state-keys';

const WRITER = path.join(__dirname, '../../support/shared-state-writer.js');

function exited(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
}

function writer(folder: string, id: string, count: number): Promise<void> {
  return exited(fork(WRITER, ['write', folder, id, String(count)], { stdio: 'inherit' }), `writer ${id}`);
}

/** Resolves once `store` announces `key` (no sleep: the watch must deliver it). */
function announced(store: SharedStateFile, key: string): Promise<string[]> {
  return new Promise((resolve) => {
    const off = store.onChange((keys) => {
      if (!keys.includes(key)) return;
      off();
      resolve(keys);
    });
  });
}

describe('shared state file (many windows)', function () {
  let folder: string;
  const opened: SharedStateFile[] = [];
  const open = (errors?: Error[]) => {
    const store = new SharedStateFile(folder, { onError: (e) => errors?.push(e) });
    opened.push(store);
    return store;
  };
  beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-shared-'))));
  afterEach(() => {
    for (const store of opened.splice(0)) store.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('four processes writing 4 × 200 different keys at once lose none of them', async () => {
    const ids = ['a', 'b', 'c', 'd'];
    await Promise.all(ids.map((id) => writer(folder, id, 200)));
    const store = open();
    for (const id of ids) {
      for (let i = 0; i < 200; i++) assert.equal(store.get(`${id}-${i}`), i, `${id}-${i}`);
    }
    assert.deepEqual(fs.readdirSync(folder).sort(), ['state.json'], 'no lock or temporary file left behind');
  });

  it("another process's change arrives through the watch, and a removal too", async () => {
    const here = open();
    here.watch();
    const arrived = announced(here, 'w-2');
    await writer(folder, 'w', 3);
    assert.ok((await arrived).includes('w-2'));
    assert.equal(here.get('w-2'), 2);

    const other = open();
    const removed = announced(here, SHARED_KEYS.snoozedUntil);
    await other.set(SHARED_KEYS.snoozedUntil, 123);
    await removed;
    assert.equal(here.get(SHARED_KEYS.snoozedUntil), 123);
    const resumed = announced(here, SHARED_KEYS.snoozedUntil);
    await other.set(SHARED_KEYS.snoozedUntil, undefined);
    await resumed;
    assert.equal(here.get(SHARED_KEYS.snoozedUntil), undefined);
  });

  it('a month allowed past the budget in one window is allowed in another, whose gate tells its listeners', async () => {
    const budget = { monthlyUsd: () => 10, spending: () => ({ month: '2026-12', costUsd: 12 }), ask: () => Promise.resolve('cancel' as const) };
    const a = new BudgetGate({ ...budget, store: open() });
    const bStore = open();
    bStore.watch();
    const b = new BudgetGate({ ...budget, store: bStore });
    assert.equal(b.completionsBlocked, true);
    const told = new Promise<void>((resolve) => b.onChange(resolve));
    await a.allowMonth();
    await told;
    assert.equal(b.completionsBlocked, false);
    assert.equal(await b.admit(), true, 'B does not ask again');
  });

  it('two windows crossing 80 % at the same moment: exactly one shows the warning', async () => {
    for (let round = 0; round < 3; round++) {
      const children = [0, 1].map(() => fork(WRITER, ['warn', folder], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] }));
      const answers = children.map((child) => new Promise<boolean>((resolve) => child.once('message', (m: { due: boolean }) => resolve(m.due))));
      const done = children.map((child, i) => exited(child, `window ${i}`));
      for (const child of children) child.send('go');
      const due = await Promise.all(answers);
      await Promise.all(done);
      assert.equal(due.filter(Boolean).length, round === 0 ? 1 : 0, `round ${round}: ${JSON.stringify(due)}`);
    }
    assert.equal(open().get(SHARED_KEYS.warnedMonth), '2026-12');
  });

  it('a corrupt file is reported and read as empty; the next write sets it aside and works', async () => {
    fs.writeFileSync(path.join(folder, 'state.json'), '{"relayChat.budget.allowedMonth": "2026-1');
    const errors: Error[] = [];
    const store = open(errors);
    assert.equal(store.get(SHARED_KEYS.allowedMonth), undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /not a JSON object/);
    await store.set(SHARED_KEYS.allowedMonth, '2026-12');
    assert.equal(open().get(SHARED_KEYS.allowedMonth), '2026-12');
    assert.equal(fs.readFileSync(path.join(folder, 'state.json.corrupt'), 'utf8'), '{"relayChat.budget.allowedMonth": "2026-1', 'the corrupt content is kept aside');
    for (const bad of ['[1,2]', 'null', '']) {
      fs.writeFileSync(path.join(folder, 'state.json'), bad);
      const more: Error[] = [];
      assert.equal(open(more).get(SHARED_KEYS.allowedMonth), undefined, bad);
      assert.equal(more.length, 1, bad);
    }
  });

  it('a lock left by a process that is gone, or old, is broken; a fresh live one is waited for and then reported', async () => {
    const gone = fork(WRITER, ['write', folder, 'x', '0']);
    await exited(gone, 'x');
    fs.writeFileSync(path.join(folder, 'state.json.lock'), String(gone.pid));
    const store = open();
    await store.set('k', 1);
    assert.equal(open().get('k'), 1);

    fs.writeFileSync(path.join(folder, 'state.json.lock'), String(process.pid));
    const errors: Error[] = [];
    const held = new SharedStateFile(folder, { lockWaitMs: 50, onError: (e) => errors.push(e) });
    opened.push(held);
    await assert.rejects(held.set('k', 2), /held by another window/);
    assert.equal(held.get('k'), 2, 'the value still holds in this window');
    assert.equal(errors.length, 1);

    // A live process id in an old lock: the id was reused after a crash.
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(folder, 'state.json.lock'), old, old);
    await held.set('k', 3);
    assert.equal(open().get('k'), 3);
  });

  it('a snooze read from the file: only a finite time in the future, at most a day away', () => {
    const now = 1_000_000;
    assert.equal(activeSnooze(now + 60_000, now), now + 60_000);
    assert.equal(activeSnooze(now - 1, now), undefined);
    assert.equal(activeSnooze('soon', now), undefined);
    assert.equal(activeSnooze(Number.MAX_VALUE, now), now + 24 * 60 * 60_000);
  });

  it('moves a snooze and an allowed month an older version left in globalState, once', async () => {
    const legacy = new Map<string, unknown>([[SHARED_KEYS.snoozedUntil, 42], [SHARED_KEYS.allowedMonth, '2026-11']]);
    const memento = { get: <T>(k: string) => legacy.get(k) as T | undefined, set: (k: string, v: unknown) => (v === undefined ? legacy.delete(k) : legacy.set(k, v)) };
    const store = open();
    await store.set(SHARED_KEYS.allowedMonth, '2026-12');
    assert.deepEqual(await moveLegacyState(memento, store), [SHARED_KEYS.snoozedUntil]);
    assert.equal(open().get(SHARED_KEYS.snoozedUntil), 42);
    assert.equal(store.get(SHARED_KEYS.allowedMonth), '2026-12', 'a newer shared value wins');
    assert.equal(legacy.size, 0, 'the old values are gone: the move happens once');
    assert.deepEqual(await moveLegacyState(memento, store), []);
  });
});
