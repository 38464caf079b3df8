// Issue 16: the automatic completion model is chosen again when the key or the relay becomes available
// (a look-up that failed at start used to leave completions on the chat model until VS Code restarted).
// A real RelayClient against the fake relay, which refuses the list without the key, or is down.
// Below, the choice itself from a list (first tested with the completion parts, whose title it keeps).
import * as assert from 'node:assert/strict';
import { RelayClient } from '../../../../src/core/client/client';
import { AutoModelChoice, pickCompletionModel } from '../../../../src/core/completion/model-choice';
import { FakeRelay } from '../../../fakes/fake-relay';

const CHAT = 'gpt-4.1';
/** What pickCompletionModel takes from the fake relay's list. */
const CHEAP = 'deepseek-v3.2';

interface Rig {
  choice: AutoModelChoice;
  logs: string[];
  /** Resolves at the next end of a look-up. */
  settled(): Promise<void>;
}

function rig(baseUrl: () => string, key: () => string | undefined, inUse = () => true): Rig {
  const logs: string[] = [];
  let waiting: (() => void) | undefined;
  const choice = new AutoModelChoice({
    list: () => {
      const client = new RelayClient({ providers: [{ id: 'default', baseUrl: baseUrl(), apiKey: key }] });
      return client.listModels().finally(() => client.close());
    },
    chatModel: () => CHAT,
    inUse,
    changed: () => waiting?.(),
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
  });
  return { choice, logs, settled: () => new Promise<void>((resolve) => (waiting = resolve)) };
}

describe('automatic completion model', function () {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(() => relay.close());

  it('no key at start: the chat model meanwhile; the key set: the cheap model, logged', async () => {
    relay.requireKey = 'sk-right';
    const auth: { key?: string } = {};
    const { choice, logs, settled } = rig(() => relay.baseUrl, () => auth.key);
    const first = settled();
    assert.equal(choice.model, CHAT, 'nothing known yet: the chat model, as before');
    await first;
    assert.equal(choice.model, CHAT);
    assert.equal(choice.pending, true);
    assert.match(logs.at(-1) ?? '', /not chosen yet \(first use\).*gpt-4\.1/);
    const lookups = relay.requests.filter((r) => r.path.endsWith('/models')).length;
    assert.equal(choice.model, CHAT);
    assert.equal(relay.requests.filter((r) => r.path.endsWith('/models')).length, lookups, 'no retry per keystroke');

    auth.key = 'sk-right';
    await choice.reset('key set or removed');
    assert.equal(choice.model, CHEAP);
    assert.equal(choice.pending, false);
    assert.match(logs.at(-1) ?? '', /chosen automatically \(key set or removed\): deepseek-v3\.2, from 5 models/);
  });

  it('relay down at start: chosen once it is reachable again, not before', async () => {
    const port = Number(new URL(relay.baseUrl).port);
    await relay.close();
    const { choice, logs, settled } = rig(() => `http://127.0.0.1:${port}/v1`, () => undefined);
    const first = settled();
    assert.equal(choice.model, CHAT);
    await first;
    assert.match(logs.at(-1) ?? '', /not chosen yet/);
    await choice.reachable('offline pause ended');
    assert.equal(choice.model, CHAT, 'still down: still the chat model');
    relay = await FakeRelay.start(port);
    await choice.reachable('a completion request worked');
    assert.equal(choice.model, CHEAP);
    const lookups = relay.requests.length;
    await choice.reachable('a completion request worked');
    assert.equal(relay.requests.length, lookups, 'once chosen, a working request asks nothing');
  });

  it('a new endpoint drops the old choice; a look-up of the old endpoint answering late does not count', async () => {
    const other = await FakeRelay.start();
    try {
      other.models = ['gpt-4.1', 'gpt-4.1-mini'];
      let url = relay.baseUrl;
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const { choice } = rig(() => url, () => undefined);
      await choice.reset('start');
      assert.equal(choice.model, CHEAP);
      // The next look-up of the old endpoint answers only after the new endpoint's.
      const slow = new AutoModelChoice({
        list: async () => {
          const from = url;
          const client = new RelayClient({ providers: [{ id: 'default', baseUrl: from }] });
          const models = await client.listModels().finally(() => client.close());
          if (from === relay.baseUrl) await held;
          return models;
        },
        chatModel: () => CHAT, inUse: () => true,
      });
      url = relay.baseUrl;
      const old = slow.reset('start');
      url = other.baseUrl;
      await choice.reset('base URL changed');
      assert.equal(choice.model, 'gpt-4.1-mini');
      await slow.reset('base URL changed');
      assert.equal(slow.model, 'gpt-4.1-mini');
      release();
      await old;
      assert.equal(slow.model, 'gpt-4.1-mini', 'the old endpoint\'s model is never sent to the new one');
    } finally {
      await other.close();
    }
  });

  it('with a completion model set, nothing is looked up', async () => {
    const { choice } = rig(() => relay.baseUrl, () => undefined, () => false);
    await choice.reset('key set or removed');
    await choice.reachable('a completion request worked');
    assert.equal(relay.requests.length, 0);
  });
});

describe('completion parts', () => {
  describe('model choice', () => {
    it('prefers codestral, then deepseek v3.x, then a flash model, then a mini one, and falls back', () => {
      const all = ['gpt-4.1', 'claude-sonnet-4.5', 'gpt-4.1-mini', 'gemini-2.5-flash', 'deepseek-v3.2', 'codestral-2508'];
      assert.equal(pickCompletionModel(all, 'gpt-4.1'), 'codestral-2508');
      assert.equal(pickCompletionModel(all.slice(0, 5), 'gpt-4.1'), 'deepseek-v3.2');
      assert.equal(pickCompletionModel(all.slice(0, 4), 'gpt-4.1'), 'gemini-2.5-flash');
      assert.equal(pickCompletionModel(all.slice(0, 3), 'gpt-4.1'), 'gpt-4.1-mini');
      assert.equal(pickCompletionModel(['gpt-4.1', 'claude-sonnet-4.5'], 'gpt-4.1'), 'gpt-4.1');
      assert.equal(pickCompletionModel([], 'deepseek-v3.2'), 'deepseek-v3.2');
    });

    it('skips reasoning and thinking variants, and takes the shortest name of a family', () => {
      assert.equal(pickCompletionModel(['deepseek-reasoner', 'gemini-2.0-flash-thinking-exp', 'o3-mini-reasoning'], 'gpt-4.1'), 'gpt-4.1');
      assert.equal(pickCompletionModel(['deepseek-v3.1-terminus', 'deepseek-v3.1'], 'x'), 'deepseek-v3.1');
    });
  });
});
