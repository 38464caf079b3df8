import * as assert from 'node:assert/strict';
import { LmAccessGate, UNNAMED_CALLER, lmAccess, type AccessAnswer } from '../../../../src/core';

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
