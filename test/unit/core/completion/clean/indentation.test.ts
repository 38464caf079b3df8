// Cleaning rule 9: indentation.
import * as assert from 'node:assert/strict';
import { fixIndentation } from '../../../../../src/core/completion/clean';

describe('completion cleaning', () => {
  describe('rule 9: indentation', () => {
    it('does not repeat the cursor indentation on the first line', () => {
      assert.equal(fixIndentation('    return 1', 'def f():\n    ', true), 'return 1');
      assert.equal(fixIndentation('\treturn 1', 'def f():\n\t', false), 'return 1');
    });

    it('re-indents a Python body written from column 0', () => {
      assert.equal(fixIndentation('if x:\n    return 1\nreturn 0', 'def f(x):\n    ', true), 'if x:\n        return 1\n    return 0');
    });

    it('keeps a FIM body already at absolute indentation', () => {
      assert.equal(fixIndentation('if x:\n        return 1\n    return 0', 'def f(x):\n    ', true), 'if x:\n        return 1\n    return 0');
    });

    it('re-indents statements that came back at column 0', () => {
      assert.equal(fixIndentation('const a = 1;\nreturn a;', 'function f() {\n  ', true), 'const a = 1;\n  return a;');
    });

    it('keeps a line that closes the document\'s block where it is', () => {
      assert.equal(fixIndentation('return 1;\n}', 'function f() {\n  ', true), 'return 1;\n}');
    });

    it('uses the document\'s tabs, never a mix', () => {
      assert.equal(fixIndentation('if (a) {\n    b();\n}', 'function f() {\n\t', true), 'if (a) {\n\t\tb();\n\t}');
      assert.equal(fixIndentation('if (a) {\n        b();\n    }', 'function f() {\n\t', true), 'if (a) {\n\t\tb();\n\t}');
    });

    it('uses the document\'s spaces when the model sends tabs', () => {
      assert.equal(fixIndentation('if (a) {\n\tb();\n}', 'class A {\n  m() {\n    ', true), 'if (a) {\n      b();\n    }');
    });
  });

});
