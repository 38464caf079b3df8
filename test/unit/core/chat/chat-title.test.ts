import * as assert from 'node:assert/strict';
import { chatTitle } from '../../../../src/core/chat/chat-title';

describe('a chat\'s title', () => {
  it('is the first line of the first message, trimmed', () => {
    assert.equal(chatTitle('  How do I sort a map?\nIn TypeScript.', []), 'How do I sort a map?');
  });

  it('is cut at 60 characters with an ellipsis', () => {
    const title = chatTitle('x'.repeat(80), []);
    assert.equal(title, `${'x'.repeat(57)}…`);
    assert.equal(title.length, 58);
    assert.equal(chatTitle('y'.repeat(60), []), 'y'.repeat(60));
  });

  it('is the first attachment\'s path when nothing was typed, and an ellipsis when there is neither', () => {
    assert.equal(chatTitle('  \n', [{ kind: 'file', path: 'src/a.ts', language: 'typescript', text: 'x' }]), 'src/a.ts');
    assert.equal(chatTitle('', []), '…');
  });
});
