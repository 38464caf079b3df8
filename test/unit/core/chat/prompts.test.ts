import * as assert from 'node:assert/strict';
import { answerLanguage, chatMessages, explainPrompt, fenceFor, userContent } from '../../../../src/core/chat/prompts';

describe('prompts', () => {
  it('answers in the display language', () => {
    assert.equal(answerLanguage('ja'), 'Answer in Japanese.');
    assert.equal(answerLanguage('zh-cn'), 'Answer in Simplified Chinese.');
    assert.equal(answerLanguage('en-us'), 'Answer in English.');
    assert.equal(answerLanguage('fr'), 'Answer in English.');
  });

  it('fences code so that the code cannot close the fence', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('has ``` inside'), '````');
  });

  it('builds the Explain prompt with file, language, lines, context and answer language', () => {
    const p = explainPrompt({ path: 'src/a.ts', language: 'typescript', code: 'const x = 1;', startLine: 3, endLine: 3, before: 'a\n', after: '\nb', wholeFile: false, displayLanguage: 'ja' });
    assert.match(p, /lines 3-3 of `src\/a\.ts` \(typescript\)/);
    assert.match(p, /Answer in Japanese\./);
    assert.match(p, /```typescript\nconst x = 1;\n```/);
    assert.match(p, /Surrounding code, for context only/);
  });

  it('folds attachments into the user turn and keeps chat order', () => {
    const content = userContent('Why?', [{ kind: 'selection', path: 'a.py', language: 'python', startLine: 1, endLine: 2, text: 'x = 1\ny = 2' }]);
    assert.match(content, /^Selection from `a\.py` \(lines 1-2\):\n```python\nx = 1\ny = 2\n```\n\nWhy\?$/);
    const msgs = chatMessages([{ role: 'user', text: 'q' }, { role: 'assistant', text: 'a' }], 'sys');
    assert.deepEqual(msgs.map((m) => m.role), ['system', 'user', 'assistant']);
  });
});
