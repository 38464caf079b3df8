// Cleaning rule 8: brackets.
import * as assert from 'node:assert/strict';
import { balanceBrackets } from '../../../../../src/core/completion/clean';

describe('completion cleaning', () => {
  describe('rule 8: brackets', () => {
    it('cuts before a mismatched closer', () => {
      assert.equal(balanceBrackets('foo(a]', 'x = ', '', false), 'foo(a');
      assert.equal(balanceBrackets('1, 2, 3);', 'const xs = [', '\n', false), '1, 2, 3', 'closes the line\'s [ with )');
    });

    it('lets the completion close a bracket opened before the cursor', () => {
      assert.equal(balanceBrackets('a)', 'foo(', '', false), 'a)');
      assert.equal(balanceBrackets('x)', 'foo(bar(', ')', false), 'x)', 'the line closes the outer one');
    });

    it('cuts a closer the rest of the line already provides', () => {
      assert.equal(balanceBrackets('a) + 1', 'foo(', ')', false), 'a');
    });

    it('keeps as many closers as the document has openers for', () => {
      assert.equal(balanceBrackets('x)))', 'print(len(', ')', false), 'x)');
    });

    it('accepts it when the rest of the line closes something the completion opened', () => {
      assert.equal(balanceBrackets('a) + g(b', 'foo(', ')', false), 'a) + g(b');
    });

    it('ignores brackets in strings and comments', () => {
      assert.equal(balanceBrackets('"a)" + x', 'log(', ')', false), '"a)" + x');
      assert.equal(balanceBrackets("'「)」' + 名前", 'log(', ')', false), "'「)」' + 名前");
      assert.equal(balanceBrackets('total  # sum of (a and b', 'print(', ')', false), 'total  # sum of (a and b');
      assert.equal(balanceBrackets('x; // see )', 'f(', ')', false), 'x; // see )');
    });

    it('multiline: cuts at the line that closes a block the document already closes', () => {
      assert.equal(balanceBrackets('expect(a).toBe(1);\n}\n', "it('x', () => {\n  ", '\n});', true), 'expect(a).toBe(1);\n');
    });

    it('leaves unclosed openers alone (the user keeps typing)', () => {
      assert.equal(balanceBrackets('foo(a, ', 'x = ', '', false), 'foo(a, ');
      assert.equal(balanceBrackets('{\n  a: 1,', 'const o = ', '', true), '{\n  a: 1,');
    });
  });

});
