import * as assert from 'node:assert/strict';
import { BEHAVIOURS, wantedOf, type QualityCase } from '../../../bench/completion/quality/case';
import { QUALITY_CASES } from '../../../bench/completion/quality/corpus';
import { verdictOf } from '../../../bench/completion/quality/run';

const at = (truth: string, extra: Partial<QualityCase> = {}): QualityCase => ({
  behaviour: 'clean', name: 't', model: 'm', route: 'completions', languageId: 'typescript', fileName: 'a.ts', prefix: '', suffix: '', raw: '', truth, ...extra,
});

describe('ghost-text quality corpus', () => {
  it('holds at least 70 cases, at least 6 per behaviour, with unique names', () => {
    assert.ok(QUALITY_CASES.length >= 70, `${QUALITY_CASES.length} cases`);
    for (const b of BEHAVIOURS) assert.ok(QUALITY_CASES.filter((c) => c.behaviour === b).length >= 6, b);
    assert.equal(new Set(QUALITY_CASES.map((c) => c.name)).size, QUALITY_CASES.length);
  });

  it('wants the truth\'s first non-empty line, or the whole block that line opens', () => {
    assert.equal(wantedOf(at('\n  return x;\n}\n')), '\n  return x;');
    assert.equal(wantedOf(at(' {\n  a();\n  b();\n}\n\nnext();')), ' {\n  a();\n  b();\n}');
    assert.equal(wantedOf(at('\n    ports:\n      - "80:80"\n    volumes:', { languageId: 'yaml' })), '\n    ports:\n      - "80:80"');
    // The opener continues the cursor's line: its indentation is that line's.
    assert.equal(wantedOf(at(':\n        a()\n        b()\n    c()', { languageId: 'python', prefix: 'def f():\n    for x in y' })), ':\n        a()\n        b()');
    assert.equal(wantedOf(at(' =>\n  compute(a);\nother();')), ' =>\n  compute(a);');
    assert.equal(wantedOf(at('a\nb', { wanted: 'a\nb' })), 'a\nb');
  });

  it('scores right only a shown prefix of the truth that covers what is wanted; nothing shown where the truth is empty is not shown', () => {
    assert.equal(verdictOf(at('\n}'), '\n}'), 'right');
    assert.equal(verdictOf(at('value'), 'value)'), 'wrong');
    assert.equal(verdictOf(at(' {\n  a();\n}'), ' {'), 'wrong');
    assert.equal(verdictOf(at('\n}'), ''), 'not shown');
    assert.equal(verdictOf(at(''), ''), 'not shown');
    assert.equal(verdictOf(at(''), '}'), 'wrong');
  });
});
