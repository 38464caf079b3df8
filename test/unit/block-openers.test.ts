// One pattern says what opens a block (context.ts opensBlock): the scope at the cursor, the
// suggestion's shape and the indentation rule read a line the same way.
import * as assert from 'node:assert/strict';
import { opensBlock } from '../../src/core/completion/context';
import { fixIndentation } from '../../src/core/completion/clean/indentation';

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
