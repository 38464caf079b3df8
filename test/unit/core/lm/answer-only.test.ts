// What a vscode.lm caller is given of an answer: the answer text, never reasoning in <think> tags; a model
// known to close its reasoning with a lone </think> is held until the tag, as text given cannot be taken back.
import * as assert from 'node:assert/strict';
import { AnswerOnly } from '../../../../src/core/lm/answer-only';

/** What the caller gets after each piece, and at the end. */
function given(hold: boolean, pieces: string[]): { steps: string[]; leaked: boolean } {
  const answer = new AnswerOnly(hold);
  const steps = pieces.map((p) => answer.push(p));
  steps.push(answer.end());
  return { steps, leaked: answer.leaked };
}

describe('AnswerOnly: the answer text for vscode.lm callers', () => {
  it('streams an answer without tags as it comes', () => {
    assert.deepEqual(given(false, ['Hel', 'lo']), { steps: ['Hel', 'lo', ''], leaked: false });
  });

  it('never gives <think> reasoning, cut anywhere, and trims the answer start', () => {
    const sample = '<think>考える</think>\n\n答え';
    for (let i = 0; i <= sample.length; i++) {
      assert.deepEqual(given(false, [sample.slice(0, i), sample.slice(i)]).steps.join(''), '答え', `cut at ${i}`);
    }
  });

  it('holds a thinking-first model\'s text until its lone </think>, then gives only the answer', () => {
    assert.deepEqual(given(true, ['Okay, ', 'so.</think>', '\nHi', '!']), { steps: ['', '', 'Hi', '!', ''], leaked: false });
    assert.deepEqual(given(true, ['Just ', 'an answer']), { steps: ['', '', 'Just an answer'], leaked: false }, 'released whole at the end when no tag came');
  });

  it('says when a lone </think> came after text was given (the model is held from then on)', () => {
    assert.deepEqual(given(false, ['Okay.', '</think>Hi']), { steps: ['Okay.', 'Hi', ''], leaked: true });
  });
});
