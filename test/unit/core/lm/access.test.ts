import * as assert from 'node:assert/strict';
import { EDITOR_CHAT_INITIATORS, LmAccessGate, UNNAMED_CALLER, lmAccess, type AccessAnswer, type RememberedAccess } from '../../../../src/core';

/** A user who answers when the test says so, with the questions they were asked and the answers kept. */
function userAt(initial: RememberedAccess = {}) {
  const setting: Record<string, unknown> = { ...initial };
  const questions: string[] = [];
  const open = new Map<string, (answer: AccessAnswer) => void>();
  const gate = new LmAccessGate({
    remembered: () => setting,
    ask: (extensionId) => {
      questions.push(extensionId);
      return new Promise((resolve) => open.set(extensionId, resolve));
    },
    remember: async (extensionId, allowed) => { setting[extensionId] = allowed; },
  });
  const answer = (extensionId: string, a: AccessAnswer) => {
    const resolve = open.get(extensionId);
    assert.ok(resolve, `a question about ${extensionId} is open`);
    open.delete(extensionId);
    resolve(a);
  };
  return { gate, setting, questions, answer };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const never = () => new AbortController().signal;

describe('vscode.lm access: who may spend the relay key', () => {
  describe('lmAccess', () => {
    it("VS Code's own chat needs no answer: the workbench ('core') and the chat view's extension", () => {
      assert.deepEqual(EDITOR_CHAT_INITIATORS, ['core', 'github.copilot-chat']);
      assert.equal(lmAccess('core', {}), 'allowed');
      assert.equal(lmAccess('github.copilot-chat', {}), 'allowed');
      assert.equal(lmAccess('GitHub.copilot-chat', { 'github.copilot-chat': false }), 'allowed');
    });

    it('any other extension is asked about until the user answered; ids compare case-insensitively', () => {
      assert.equal(lmAccess('acme.helper', {}), 'ask');
      assert.equal(lmAccess('acme.helper', { 'acme.other': true }), 'ask');
      assert.equal(lmAccess('acme.helper', { 'Acme.Helper': true }), 'allowed');
      assert.equal(lmAccess('Acme.Helper', { 'acme.helper': false }), 'denied');
    });

    it('a value that is not true or false counts as no answer; two spellings that disagree refuse', () => {
      assert.equal(lmAccess('acme.helper', { 'acme.helper': 'yes' }), 'ask');
      assert.equal(lmAccess('acme.helper', { 'acme.helper': true, 'ACME.helper': false }), 'denied');
    });
  });

  describe('LmAccessGate', () => {
    it('admits VS Code\'s chat and remembered extensions without a question, refuses remembered refusals', async () => {
      const user = userAt({ 'acme.yes': true, 'acme.no': false });
      assert.equal(await user.gate.admit('core', never()), 'allowed');
      assert.equal(await user.gate.admit('github.copilot-chat', never()), 'allowed');
      assert.equal(await user.gate.admit('acme.yes', never()), 'allowed');
      assert.equal(await user.gate.admit('acme.no', never()), 'denied');
      assert.deepEqual(user.questions, []);
    });

    it('asks the first time, holds the request until the answer, and remembers it', async () => {
      const user = userAt();
      let admitted: string | undefined;
      const request = user.gate.admit('Acme.Helper', never()).then((a) => (admitted = a));
      await settle();
      assert.deepEqual(user.questions, ['acme.helper']);
      assert.equal(admitted, undefined, 'nothing goes on while the question is open');
      user.answer('acme.helper', 'allow');
      await request;
      assert.equal(admitted, 'allowed');
      assert.deepEqual(user.setting, { 'acme.helper': true });
      assert.equal(await user.gate.admit('acme.helper', never()), 'allowed');
      assert.deepEqual(user.questions, ['acme.helper'], 'asked once');
    });

    it("Don't Allow is remembered; a dismissed question refuses this request only", async () => {
      const user = userAt();
      const denied = user.gate.admit('acme.no', never());
      await settle();
      user.answer('acme.no', 'deny');
      assert.equal(await denied, 'denied');
      assert.deepEqual(user.setting, { 'acme.no': false });

      const dismissed = user.gate.admit('acme.maybe', never());
      await settle();
      user.answer('acme.maybe', 'dismissed');
      assert.equal(await dismissed, 'dismissed');
      assert.deepEqual(user.setting, { 'acme.no': false }, 'not remembered');
      const again = user.gate.admit('acme.maybe', never());
      await settle();
      assert.deepEqual(user.questions, ['acme.no', 'acme.maybe', 'acme.maybe'], 'asked again next time');
      user.answer('acme.maybe', 'allow');
      assert.equal(await again, 'allowed');
    });

    it('two answers given at the same moment are both kept: each write reads the setting the one before it wrote', async () => {
      // Like VS Code's settings: a write replaces the whole object, and takes a moment to land.
      let setting: RememberedAccess = {};
      const gate = new LmAccessGate({
        remembered: () => setting,
        ask: async () => 'allow',
        remember: async (extensionId, allowed) => {
          const read = { ...setting };
          await settle();
          setting = { ...read, [extensionId]: allowed };
        },
      });
      const admitted = await Promise.all([gate.admit('acme.one', never()), gate.admit('acme.two', never())]);
      assert.deepEqual(admitted, ['allowed', 'allowed']);
      assert.deepEqual(setting, { 'acme.one': true, 'acme.two': true });
    });

    it('requests of one extension while its question is open share that question and its answer', async () => {
      const user = userAt();
      const helper = [user.gate.admit('acme.helper', never()), user.gate.admit('ACME.helper', never())];
      const other = user.gate.admit('acme.other', never());
      await settle();
      assert.deepEqual(user.questions, ['acme.helper', 'acme.other'], 'one question per extension');
      user.answer('acme.helper', 'allow');
      assert.deepEqual(await Promise.all(helper), ['allowed', 'allowed']);
      user.answer('acme.other', 'deny');
      assert.equal(await other, 'denied');
      assert.deepEqual(user.setting, { 'acme.helper': true, 'acme.other': false });
    });

    it('a caller who cancels while the user is asked stops waiting at once; the question stays open for the others', async () => {
      const user = userAt();
      const cancelling = new AbortController();
      const cancelled = user.gate.admit('acme.helper', cancelling.signal);
      const waiting = user.gate.admit('acme.helper', never());
      await settle();
      cancelling.abort();
      assert.equal(await cancelled, 'cancelled');
      user.answer('acme.helper', 'allow');
      assert.equal(await waiting, 'allowed');
      assert.deepEqual(user.questions, ['acme.helper']);
      assert.deepEqual(user.setting, { 'acme.helper': true }, 'the answer given after the cancel is still kept');
    });

    it('a caller that cancelled before asking is not held, and no question is put', async () => {
      const user = userAt();
      const cancelled = new AbortController();
      cancelled.abort();
      assert.equal(await user.gate.admit('acme.helper', cancelled.signal), 'cancelled');
      assert.deepEqual(user.questions, []);
    });
  });
});

// Issue 16 §5: a vscode.lm request that names no caller is not taken for VS Code's own.
describe('vscode.lm: a caller without a name', () => {
  it('is asked about, whatever was remembered', () => {
    assert.equal(lmAccess(undefined, {}), 'ask');
    assert.equal(lmAccess(undefined, { core: true }), 'ask');
    assert.equal(lmAccess(undefined, { [UNNAMED_CALLER]: true }), 'ask');
    assert.equal(lmAccess('core', {}), 'allowed', "VS Code's own chat still needs no answer");
  });

  it('is asked each time, concurrent requests share one question, and no answer is kept', async () => {
    const questions: string[] = [];
    const kept: string[] = [];
    let answer: (a: AccessAnswer) => void = () => undefined;
    const gate = new LmAccessGate({
      remembered: () => ({}),
      ask: (id) => {
        questions.push(id);
        return new Promise((resolve) => (answer = resolve));
      },
      remember: async (id) => void kept.push(id),
    });
    const signal = new AbortController().signal;
    const first = gate.admit(undefined, signal);
    const second = gate.admit(undefined, signal);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(questions, [UNNAMED_CALLER], 'one question for both waiting requests');
    answer('allow');
    assert.deepEqual(await Promise.all([first, second]), ['allowed', 'allowed']);
    assert.deepEqual(kept, [], 'an unnamed allowance is never remembered');
    const third = gate.admit(undefined, signal);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(questions.length, 2, 'the next request is asked about again');
    answer('deny');
    assert.equal(await third, 'denied');
    assert.deepEqual(kept, []);
  });
});
