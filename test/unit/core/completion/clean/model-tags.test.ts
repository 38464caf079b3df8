// Cleaning rules 1 and 2: reasoning blocks, tags and control tokens.
import * as assert from 'node:assert/strict';
import { stripControlTokens, stripThinking, unwrapInsertTag } from '../../../../../src/core/completion/clean';
import { clean } from '../../../support/completion-clean';

describe('completion cleaning', () => {
  describe('rule 1: reasoning blocks', () => {
    it('removes a leading <think> block and the blank lines after it', () => {
      assert.equal(stripThinking('<think>The user adds two numbers.</think>\n\nreturn a + b;'), 'return a + b;');
    });

    it('removes <thinking> blocks anywhere, in any case', () => {
      assert.equal(stripThinking('const a = 1;<thinking>hmm</thinking>\nconst b = 2;<THINK>x</THINK>'), 'const a = 1;\nconst b = 2;');
    });

    it('treats an unterminated <think> as reasoning still streaming: nothing usable', () => {
      assert.equal(stripThinking('<think>Let me look at the suffix, the function'), undefined);
      assert.equal(stripThinking('  \n<think>'), undefined);
      assert.equal(clean('<think>Let me think about the 用户 variable', 'const x = '), undefined);
    });

    it('keeps usable text before an unterminated <think>', () => {
      assert.equal(stripThinking('foo();\n<think>and then'), 'foo();\n');
    });

    it('drops the reasoning of models that only emit the closing tag', () => {
      assert.equal(stripThinking('The cursor is in a loop body.\n</think>\n\ni++;'), 'i++;');
    });
  });

  describe('rule 2: tags and control tokens', () => {
    it('keeps only what is inside <insert>, also while it streams', () => {
      assert.equal(unwrapInsertTag('Sure.\n<insert>return a + b;</insert>\nHope this helps!'), 'return a + b;');
      assert.equal(unwrapInsertTag('<insert>\nconst x = 1;\nconst y'), 'const x = 1;\nconst y');
    });

    it('drops stray tags, and commentary after a lone closing tag', () => {
      assert.equal(unwrapInsertTag('foo()</insert>\nThis calls foo.'), 'foo()');
      assert.equal(unwrapInsertTag('<insert>a<insert>b</insert>'), 'ab');
    });

    it('removes FIM control tokens and the cursor marker', () => {
      assert.equal(stripControlTokens('<|fim_middle|>return x;'), 'return x;');
      assert.equal(stripControlTokens('<fim_middle>a<|cursor|>b<|fim_suffix|>'), 'ab');
      assert.equal(stripControlTokens('<｜fim▁hole｜>x = 1'), 'x = 1');
    });

    it('drops everything after an end-of-text or file-separator token', () => {
      assert.equal(stripControlTokens('return x;<|endoftext|>def other():'), 'return x;');
      assert.equal(stripControlTokens('x<|file_separator|>src/b.ts\ny'), 'x');
      assert.equal(stripControlTokens('done();<|im_end|>\n<|im_start|>user'), 'done();');
      assert.equal(stripControlTokens('ok<｜end▁of▁sentence｜>junk'), 'ok');
    });

    it('cleans FIM output too (not only chat)', () => {
      assert.equal(clean('<|fim_middle|>items.length;<|endoftext|>', 'const n = '), 'items.length;');
    });
  });

});
