// The text around the cursor (src/core/completion/cursor-text.ts), which the engine and the
// clean-up rules share: a CRLF document reads as its LF twin wherever the cursor's line is used.
import * as assert from 'node:assert/strict';
import { scopeOf, wantsBlock } from '../../../../src/core/completion/context';
import { currentLinePrefix, currentLineSuffix, cursorLine, lineAbove, lineBelow, nextNonBlankLine } from '../../../../src/core/completion/cursor-text';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

describe('text around the cursor', () => {
  it('reads the cursor\'s line on both sides, without the "\\r" of a CRLF line end', () => {
    assert.equal(currentLinePrefix('a\n  b = '), '  b = ');
    assert.equal(currentLinePrefix(crlf('a\n  b = ')), '  b = ');
    assert.equal(currentLineSuffix(';\nc'), ';');
    assert.equal(currentLineSuffix(crlf(';\nc')), ';');
    assert.equal(currentLineSuffix('rest'), 'rest', 'the last line of the window');
    assert.deepEqual(cursorLine({ prefix: crlf('x\n  f('), suffix: crlf(');\ny') }), { linePrefix: '  f(', lineSuffix: ');' });
  });

  it('gives a CRLF document the scope of its LF twin', () => {
    const cursors: [string, string][] = [
      ['function f() {\n  ', '\n}\n'],
      ['def f(x):\n    ', '\n'],
      ['if (a) {\n  run();\n  ', '\n}\n'],
      ['function f() {\n  const a', '\n}\n'],
      ['items.map((x) => ', ');\n'],
      ['const x = 1;', '\nconst y = 2;\n'],
      ['call(', 'b);\n'],
    ];
    for (const [prefix, suffix] of cursors) {
      assert.equal(scopeOf(crlf(prefix), crlf(suffix)), scopeOf(prefix, suffix), JSON.stringify(prefix));
      assert.equal(wantsBlock(crlf(prefix), crlf(suffix)), wantsBlock(prefix, suffix), JSON.stringify(prefix));
    }
  });

  it('finds the nearest non-blank lines above and below the cursor\'s line, as written', () => {
    assert.equal(lineAbove('  if (a) {\n\n   \n  '), '  if (a) {', 'blank and white-space lines are skipped');
    assert.equal(lineAbove('x = 1'), '', 'no line above the first');
    assert.equal(lineAbove('\n'), '', 'only a blank line above');
    assert.equal(lineAbove(crlf('a {\n  ')), 'a {\r', 'as written: the caller trims');
    assert.equal(lineBelow('rest of line\n\n    }\nmore'), '    }', 'the cursor\'s own line is not below it');
    assert.equal(lineBelow('only this line'), undefined);
    assert.equal(nextNonBlankLine('x\n  \n  y  \n'), 'y');
  });
});
