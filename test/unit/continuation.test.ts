// Continuing an answer that dropped (issue 10): whatever way the model goes on — at the exact character,
// repeating the last words or the last line, or opening the code block again — the stitched answer is
// the answer that never dropped, at every drop point of a corpus of Markdown answers.
import * as assert from 'node:assert/strict';
import { continuationMessages, CONTINUE_INSTRUCTION, openFence, stitchAnswer } from '../../src/core/chat/continuation';
import { MARKDOWN_CORPUS } from './markdown-corpus';

const ANSWERS: Record<string, string> = {
  ...MARKDOWN_CORPUS,
  japanese: '## 使い方\n\nこの関数は入力を検証してから保存します。失敗した場合はエラーを返します。\n\n```ts\nconst 結果 = 保存する(データ);\n```\n\n以上です。🙂',
  chinese: '### 说明\n\n这个函数先检查输入，然后保存。如果失败，就返回错误。\n\n- 第一步：检查\n- 第二步：保存\n',
};

/** Where words start: a model that repeats "the last words" starts there. */
function wordStarts(text: string, end: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < end; i++) if (/\S/.test(text[i]!) && (i === 0 || /\s/.test(text[i - 1]!))) starts.push(i);
  return starts;
}

/**
 * How models go on after `text` dropped at `d`. A repeat of only spaces or markup (`#`, `-`, backticks)
 * cannot be told from text that goes on at the exact character, so the stitch keeps it as text and
 * such repeats are not among the ways tried: exact continuation always is.
 */
function continuations(text: string, d: number): Record<string, string> {
  const words = wordStarts(text, d);
  const lineStart = text.lastIndexOf('\n', d - 1) + 1;
  const repeats: Record<string, number> = {
    'last word again': words.at(-1) ?? d,
    'last three words again': words.at(-3) ?? words[0] ?? d,
    'the line again': lineStart,
  };
  const ways: Record<string, string> = { exact: text.slice(d) };
  for (const [way, from] of Object.entries(repeats)) {
    if (from === d || /[\p{L}\p{N}]/u.test(text.slice(from, d))) ways[way] = text.slice(from);
  }
  const fence = openFence(text.slice(0, d));
  if (fence?.info && (lineStart === d || /[\p{L}\p{N}]/u.test(text.slice(lineStart, d)))) {
    ways['code block opened again'] = `${fence.char.repeat(fence.length)}${fence.info}\n${text.slice(lineStart)}`;
  }
  return ways;
}

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
        for (const [way, continuation] of Object.entries(continuations(text, d))) {
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
});
