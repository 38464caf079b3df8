// Cleaning rules 10 and 11 (single-line mode, the final check) and the streaming helpers for whole lines.
import * as assert from 'node:assert/strict';
import { completeLines, finalizeCompletion, firstLine, isUsableLine, toWellFormed } from '../../../../../src/core/completion/clean';
import { assertWellFormed, clean } from '../../../support/completion-clean';

describe('completion cleaning', () => {
  describe('rule 10: single-line mode', () => {
    it('keeps only the first line', () => {
      assert.equal(firstLine('foo();\nbar();', 'x', ''), 'foo();');
    });

    it('returns nothing for a suggestion of the next line while the cursor line has text', () => {
      assert.equal(firstLine('\nconst b = 2;', 'const a = 1;', ''), undefined);
      assert.equal(clean('\nconst b = 2;', 'const a = 1;'), undefined);
    });

    it('on a blank line, skips the model\'s leading blank line', () => {
      assert.equal(firstLine('\nb();\nc();', 'a();\n', '\n'), 'b();');
    });
  });

  describe('rule 11: the final check', () => {
    it('removes trailing whitespace and newlines', () => {
      assert.equal(finalizeCompletion('x;  \n\n', ''), 'x;');
      assert.equal(finalizeCompletion('a\u3000', ''), 'a');
    });

    it('returns nothing for blank text or the rest of the line again', () => {
      assert.equal(finalizeCompletion(' \n\t', ''), undefined);
      assert.equal(finalizeCompletion(');', ' );\nnext();'), undefined);
    });

    it('never returns a lone surrogate', () => {
      assert.equal(toWellFormed('a\uD83D'), 'a');
      assert.equal(toWellFormed('\uDE00b😀'), 'b😀');
      const out = clean('ok 😀\uD83D', 'const s = "', { suffix: '";' });
      assert.equal(out, 'ok 😀');
      assertWellFormed(out);
    });
  });


  describe('streaming helpers', () => {
    it('isUsableLine: has a non-whitespace character', () => {
      assert.equal(isUsableLine('  x'), true);
      assert.equal(isUsableLine(' \t\u3000'), false);
      assert.equal(isUsableLine(''), false);
    });

    it('completeLines: the text up to and including the last newline', () => {
      assert.equal(completeLines('a\nb\nc'), 'a\nb\n');
      assert.equal(completeLines('partial'), '');
      assert.equal(completeLines('一行目\n'), '一行目\n');
    });
  });

});
