import * as assert from 'node:assert/strict';
import { conversationMessages } from '../../src/core/chat/prompts';
import type { StoredMessage } from '../../src/core/chat/stored-chat';

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
});
