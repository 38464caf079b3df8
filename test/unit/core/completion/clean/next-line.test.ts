// Cleaning rule 7: never repeat the next line.
import * as assert from 'node:assert/strict';
import { stopBeforeNextLine } from '../../../../../src/core/completion/clean';
import { clean } from '../../../support/completion-clean';

describe('completion cleaning', () => {
  describe('rule 7: never repeat the next line', () => {
    it('single-line: nothing when the completion is the next line again', () => {
      assert.equal(stopBeforeNextLine('const b = 2;', 'const a = 1;\n', '\n  const b = 2;\n', false), undefined);
      assert.equal(stopBeforeNextLine(');', 'a();\nb(', '\nb();', false), undefined, 'the line it would make is the next line');
      assert.equal(stopBeforeNextLine('const c = 3;', 'const a = 1;\n', '\nconst b = 2;', false), 'const c = 3;');
    });

    it('multiline: stops before the first line equal to the next line', () => {
      assert.equal(stopBeforeNextLine('const x = 1;\nreturn x;\n}', 'function f() {\n  ', '\n  return x;\n}', true), 'const x = 1;');
    });

    it('multiline: does not stop at an equal line nested in a block the completion opened', () => {
      const raw = 'if (a) {\n  return 1;\n}\nreturn 2;';
      assert.equal(stopBeforeNextLine(raw, 'function f() {\n  ', '\n}', true), raw);
      // A closing line is the bracket rule's to judge (it may close the next block out); the whole clean-up drops it.
      assert.equal(stopBeforeNextLine(`${raw}\n}`, 'function f() {\n  ', '\n}', true), `${raw}\n}`);
      assert.equal(clean(`${raw}\n}`, 'function f() {\n  ', { suffix: '\n}', multiline: true, fromChat: true }), 'if (a) {\n    return 1;\n  }\n  return 2;');
    });
  });

});
