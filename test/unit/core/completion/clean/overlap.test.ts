// Cleaning rules 5 and 6: text the prefix or the suffix already has.
import * as assert from 'node:assert/strict';
import { cleanCompletion, cutPrefixOverlap, cutSuffixOverlap } from '../../../../../src/core/completion/clean';
import { assertWellFormed } from '../../../support/completion-clean';

describe('completion cleaning', () => {
  describe('rule 5: overlap with the prefix', () => {
    it('removes an echo of the cursor line, whatever the indentation', () => {
      assert.equal(cutPrefixOverlap('  return a + b;', 'function add(a, b) {\n    return a', false), ' + b;');
    });

    it('removes the word being typed, in any script', () => {
      assert.equal(cutPrefixOverlap('getユーザー名();', 'const ユーザー名 = get', false), 'ユーザー名();');
      assert.equal(cutPrefixOverlap('用户列表 = [];', 'let 用户', false), '列表 = [];');
      assert.equal(cutPrefixOverlap('foo()', 'x = fo', false), 'o()');
    });

    it('removes two repeated kana or kanji at the seam: Japanese and Chinese words run together', () => {
      assert.equal(cutPrefixOverlap('コメントを書く', '// 日本語のコメ', false), 'ントを書く');
      assert.equal(cutPrefixOverlap('限流器的令牌', '# 这是限流', false), '器的令牌');
      assert.equal(cutPrefixOverlap('のテスト', '// 日本語の', false), 'のテスト', 'one kana is a coincidence');
    });

    it('drops an echo of the line that max_tokens cut off', () => {
      assert.equal(cutPrefixOverlap('// 優先度が高い順、同じなら期限が', '  // 優先度が高い順、同じなら期限が近い順に', false), '');
      assert.equal(cutPrefixOverlap('  const total', 'function f() {\n  const total = a', false), '');
      assert.equal(cleanCompletion({ raw: '<insert>const total', prefix: '  const total = a', suffix: '', multiline: false, fromChat: true }), undefined);
    });

    it('removes a longer overlap (3 code points or more) but not a short coincidence', () => {
      assert.equal(cutPrefixOverlap('a, b)', 'foo(x, a, ', false), 'b)');
      assert.equal(cutPrefixOverlap('b(c)', 'a = b(', false), 'b(c)');
    });

    it('counts code points, so an emoji is one character and never split', () => {
      assert.equal(cutPrefixOverlap('😀😀!\'', "s = '😀😀", false), '😀😀!\'', 'two emoji are 2 code points, below the threshold');
      const out = cutPrefixOverlap("'🎉🎉 done';", "const s = '🎉🎉", false);
      assert.equal(out, " done';");
      assertWellFormed(out);
    });

    it('removes repeated whole lines above the cursor in multiline mode', () => {
      assert.equal(cutPrefixOverlap('function f() {\n  return 1;\n}', 'function f() {\n  ', true), '  return 1;\n}');
      assert.equal(cutPrefixOverlap('// 合計を返す\nfunction sum() {\n  return 0;', '// 合計を返す\nfunction sum() {\n  ', true), '  return 0;');
    });

    it('single-line: removes repeated lines when more follows (a chat model rewrote the function)', () => {
      assert.equal(cutPrefixOverlap('function add(a, b) {\n  return a + b;\n}', 'function add(a, b) {\n  ', false), '  return a + b;\n}');
    });

    it('does not take a repeated closing bracket for an echo', () => {
      assert.equal(cutPrefixOverlap('}', 'if (a) {\n  if (b) {\n  }\n', true), '}');
    });
  });

  describe('rule 6: overlap with the suffix', () => {
    it('removes the rest of the cursor line when the completion ends with it', () => {
      assert.equal(cutSuffixOverlap('a, b);', ');\nbar();', 'foo('), 'a, b');
      assert.equal(cutSuffixOverlap('1 + b;', 'b;', 'a = '), '1 + ');
    });

    it('removes closing brackets, quotes and semicolons the line already has', () => {
      assert.equal(cutSuffixOverlap('hello")', '")', 'print("'), 'hello');
      assert.equal(cutSuffixOverlap('x > 0) {', ') {\n', 'if ('), 'x > 0');
    });

    it('keeps a closer the document needs: one opener for it and one for the line\'s', () => {
      assert.equal(cutSuffixOverlap('x)', ')\n', 'print(len('), 'x)');
    });

    it('keeps a closer that closes what the completion itself opened', () => {
      assert.equal(cutSuffixOverlap('foo()', ')', 'bar('), 'foo()');
      assert.equal(cutSuffixOverlap('"abc"', '"', 'x = '), '"abc"');
    });

    it('does not cut a short overlap of ordinary characters', () => {
      assert.equal(cutSuffixOverlap('1 + ab', 'ab + c', 'x = '), '1 + ab');
    });

    it('cuts CJK and emoji overlaps on code point boundaries', () => {
      assert.equal(cutSuffixOverlap('a😀\');', '😀\');', "log('"), 'a');
      assert.equal(cutSuffixOverlap('名前を表示");', '");', 'console.log("'), '名前を表示');
    });
  });

});
