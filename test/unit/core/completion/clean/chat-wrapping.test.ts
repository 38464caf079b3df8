// Cleaning rules 3 and 4: code fences and prose preambles around a chat model's answer.
import * as assert from 'node:assert/strict';
import { isPreambleLine, isRefusal, stripFences, stripPreamble } from '../../../../../src/core/completion/clean';
import { clean } from '../../../support/completion-clean';

describe('completion cleaning', () => {
  describe('rule 3: code fences (chat only)', () => {
    it('keeps the inside of a fenced block, with prose before and after', () => {
      assert.equal(stripFences('```ts\nreturn a + b;\n```'), 'return a + b;');
      assert.equal(stripFences('Here you go\n```python\nx = 1\n```\nThis sets x.'), 'x = 1');
    });

    it('keeps the text after an unclosed opening fence', () => {
      assert.equal(stripFences('```ts\nconst a = 1;\nconst b'), 'const a = 1;\nconst b');
    });

    it('keeps the code before a fence that only closes it', () => {
      assert.equal(stripFences('return 1;\n```'), 'return 1;');
    });

    it('handles a closing fence glued to the last line and ~~~ fences', () => {
      assert.equal(stripFences('```js\nreturn x;```'), 'return x;');
      assert.equal(stripFences('~~~\nx\n~~~'), 'x');
    });

    it('leaves fences in FIM output alone (they may be the Markdown document itself)', () => {
      assert.equal(clean('```', '# Notes\n\n```ts\nconst a = 1;\n', { fromChat: false }), '```');
      assert.equal(clean('```', '# Notes\n\n```ts\nconst a = 1;\n', { fromChat: true }), undefined);
    });
  });

  describe('rule 4: prose preambles (chat only)', () => {
    it('recognises English, Japanese and Chinese introductions', () => {
      for (const line of [
        'Here is the completion:', "Here's the code:", 'Sure! Here is the missing line:', 'Certainly:', 'The completed code is:',
        'Completion:', 'Output:', '**Completion:**', 'Sure!', 'Sure', 'Here is the completed code.', '以下が補完です：', '補完：',
        'こちらが補完したコードです：', '以下が補完したコードです。', '以下是补全的代码：', '补全：', '这是补全后的代码：', '好的，这是补全的代码。',
      ]) {
        assert.equal(isPreambleLine(line), true, line);
      }
    });

    it('never takes code for prose', () => {
      for (const line of [
        'case 1:', 'default:', 'else:', 'def f():', '// Here is the code:', '# Here is the fix:', 'output:', 'result:',
        'Here = 1;', 'class Foo:', 'ユーザー名 = 取得()', '// 以下が補完です：', 'OK', 'Sure(x)',
        // Prose that could be the document's own text (a Markdown or comment completion).
        'This is a library for relays.', '以下の手順で実行します。',
      ]) {
        assert.equal(isPreambleLine(line), false, line);
      }
    });

    it('drops the introduction and the blank lines after it', () => {
      assert.equal(stripPreamble('Here is the completion:\n\nreturn a;'), 'return a;');
      assert.equal(stripPreamble('Sure!\nHere\'s the code:\nfoo()'), 'foo()');
      assert.equal(stripPreamble('以下が補完です：\nreturn ユーザー名;'), 'return ユーザー名;');
      assert.equal(stripPreamble('case 1:\n  return 1;'), 'case 1:\n  return 1;');
    });

    it('returns nothing for an answer that is only prose', () => {
      assert.equal(clean('Here is the completion:', 'const a = ', { fromChat: true }), undefined);
      assert.equal(isRefusal("I'm sorry, but I can't complete this without more context."), true);
      assert.equal(clean("I'm sorry, but I can't see the rest of the file.", 'const a = ', { fromChat: true }), undefined);
      assert.equal(clean('抱歉，我无法补全这段代码。', 'const a = ', { fromChat: true }), undefined);
    });

    it('keeps `case 1:` in a chat answer', () => {
      assert.equal(clean('case 1:', 'switch (x) {\n  ', { suffix: '\n}', fromChat: true }), 'case 1:');
    });
  });

});
