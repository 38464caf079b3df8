// Cleaning rule 9: indentation.
import * as assert from 'node:assert/strict';
import { fixIndentation } from '../../../../../src/core/completion/clean';
import { opensBlock } from '../../../../../src/core/completion/context';

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

// One pattern says what opens a block (context.ts opensBlock): the scope at the cursor, the
// suggestion's shape and the indentation rule read a line the same way.
describe('block openers', () => {
  it('are a bracket, a colon or an arrow, or a keyword that opens a body, before an optional comment', () => {
    for (const line of ['if (ok) {', 'def f(x):', 'items.map((x) =>', 'fn f() ->', 'if ok then', 'items.each do', 'else', 'begin', 'if (ok) { // check', 'for x in y:  # each']) {
      assert.equal(opensBlock(line), true, line);
    }
    for (const line of ['return x;', 'x = y // a comment', 'done()', 'run();', 'let thenable = 1']) assert.equal(opensBlock(line), false, line);
  });

  it('indent a chat answer written from column 0 whose first line opens a block with a keyword or before a comment', () => {
    assert.equal(fixIndentation('if ok then\n  print(x)\nend', 'function f()\n  local x = 1\n  ', true), 'if ok then\n    print(x)\n  end');
    assert.equal(fixIndentation('if (ok) { // check\n  run();\n}', 'function f() {\n  const x = 1;\n  ', true), 'if (ok) { // check\n    run();\n  }');
    assert.equal(fixIndentation('if (ok) {\n  run();\n}', 'function f() {\n  const x = 1;\n  ', true), 'if (ok) {\n    run();\n  }', 'as without the comment');
  });

  it('leave a FIM answer whose opener\'s next line is flush where FIM wrote it: outside the block', () => {
    assert.equal(fixIndentation('if ok then\nprint(x)', 'function f()\n  local x = 1\n  ', true, false), 'if ok then\nprint(x)');
    assert.equal(fixIndentation('if (ok) {\nrun();', 'function f() {\n  const x = 1;\n  ', true, false), 'if (ok) {\nrun();');
  });
});
