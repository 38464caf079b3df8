import * as assert from 'node:assert/strict';
import { answerLanguage, chatMessages, conversationMessages, explainPrompt, fenceFor, userContent } from '../../../../src/core/chat/prompts';
import type { StoredMessage } from '../../../../src/core/chat/stored-chat';

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

describe('the messages sent for a stored chat', () => {
  it('leaves out failed answers but keeps a failed question, oldest first', () => {
    const turns: StoredMessage[] = [
      { id: 'u1', role: 'user', text: 'first', state: 'complete' },
      { id: 'a1', role: 'assistant', text: 'half', state: 'error', error: { message: 'reset', actions: [] } },
      { id: 'u2', role: 'user', text: 'second', state: 'error' },
      { id: 'a2', role: 'assistant', text: 'answer', state: 'stopped' },
    ];
    assert.deepEqual(conversationMessages(turns), [
      { role: 'user', content: 'first' }, { role: 'user', content: 'second' }, { role: 'assistant', content: 'answer' },
    ]);
  });

  it('sends a turn\'s own prompt (Explain) instead of its text and attachments, and folds attachments in otherwise', () => {
    const attachments = [{ kind: 'file' as const, path: 'a.ts', language: 'typescript', text: 'let x = 1;' }];
    const turns: StoredMessage[] = [
      { id: 'u1', role: 'user', text: 'Explain a.ts', state: 'complete', attachments, prompt: 'Explain the file `a.ts`' },
      { id: 'u2', role: 'user', text: 'And this?', state: 'complete', attachments },
    ];
    const [explain, asked] = conversationMessages(turns);
    assert.deepEqual(explain, { role: 'user', content: 'Explain the file `a.ts`' });
    assert.match(asked?.content ?? '', /^File `a\.ts`:\n```typescript\nlet x = 1;\n```\n\nAnd this\?$/);
  });

  it('sends an answer\'s text only, never its stored reasoning (kept for the panel, not for the model)', () => {
    const turns: StoredMessage[] = [
      { id: 'u1', role: 'user', text: 'Hi', state: 'complete' },
      { id: 'a1', role: 'assistant', text: 'Hello!', reasoning: 'The user greets me; 考える', state: 'complete' },
      { id: 'u2', role: 'user', text: 'Again', state: 'complete' },
    ];
    const sent = conversationMessages(turns);
    assert.deepEqual(sent, [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }, { role: 'user', content: 'Again' }]);
    assert.ok(!JSON.stringify(sent).includes('greets'));
  });
});
