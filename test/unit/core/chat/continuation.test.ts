// Continuing an answer that dropped (issue 10): whatever way the model goes on — at the exact character,
// repeating the last words or the last line, or opening the code block again — the stitched answer is
// the answer that never dropped, at every drop point of a corpus of Markdown answers.
import * as assert from 'node:assert/strict';
import { continuationMessages, CONTINUE_INSTRUCTION, stitchAnswer } from '../../../../src/core/chat/continuation';
import { continuationWays } from '../../../fakes/continuation';
import { ANSWERS } from '../../support/continuation-answers';

describe('continuing a dropped answer', () => {
  it('asks with the conversation, the partial answer as the assistant\'s, and the instruction to go on', () => {
    const conversation = [{ role: 'user' as const, content: '説明して' }];
    assert.deepEqual(continuationMessages(conversation, '途中まで'), [
      { role: 'user', content: '説明して' }, { role: 'assistant', content: '途中まで' }, { role: 'user', content: CONTINUE_INSTRUCTION },
    ]);
  });

  for (const [name, text] of Object.entries(ANSWERS)) {
    it(`stitches "${name}" back whole, dropped at every character, whichever way the model goes on`, () => {
      for (let d = 1; d < text.length; d++) {
        for (const [way, continuation] of Object.entries(continuationWays(text, d))) {
          assert.equal(stitchAnswer(text.slice(0, d), continuation), text, `dropped at ${d} (${JSON.stringify(text.slice(Math.max(0, d - 12), d))}|), model went on: ${way}`);
        }
      }
    });
  }

  it('keeps a bare fence line at the seam: there it closes the block', () => {
    assert.equal(stitchAnswer('```ts\nconst a = 1;\n', '```\n\nDone.'), '```ts\nconst a = 1;\n```\n\nDone.');
  });

  it('keeps text that only looks like a repeat: whitespace, or a part of a word', () => {
    assert.equal(stitchAnswer('one\n', '\ntwo'), 'one\n\ntwo');
    assert.equal(stitchAnswer('a tat', 'too'), 'a tattoo', 'the t repeats inside a word, by chance');
  });

  it('keeps one character that repeats by chance where the drop fell between two equal ones', () => {
    // Found in the real host: 「ここまで」 dropped after the first こ, and the model went on at the exact character.
    assert.equal(stitchAnswer('回答が途切れても、こ', 'こまでの内容は残ります。'), '回答が途切れても、ここまでの内容は残ります。');
    assert.equal(stitchAnswer('大家都是人', '人都有份'), '大家都是人人都有份');
    assert.equal(stitchAnswer('回答が途切れても、ここ', 'ここまでの'), '回答が途切れても、ここまでの', 'two characters are');
  });
});
