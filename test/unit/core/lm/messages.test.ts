// Issue 9: the messages sent for an editor's language-model request, built without VS Code.
import * as assert from 'node:assert/strict';
import { lmChatMessages, lmTurnText } from '../../../../src/core/lm/messages';

describe('messages from an editor\'s language-model request', () => {
  it('joins each turn\'s text parts in order, keeps roles, leaves out empty turns and parts a relay cannot use', () => {
    const result = lmChatMessages([
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: '日本語で' }, { kind: 'ignored' }, { kind: 'text', text: '答えて 🙂' }] },
      { role: 'assistant', parts: [] },
      { role: 'assistant', parts: [{ kind: 'text', text: 'はい。' }] },
    ]);
    assert.deepEqual(result, {
      ok: true,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '日本語で答えて 🙂' }, { role: 'assistant', content: 'はい。' }],
    });
  });

  it('refuses tool calls, tool results and images anywhere in the conversation', () => {
    const user = { role: 'user' as const, parts: [{ kind: 'text' as const, text: 'hi' }] };
    assert.deepEqual(lmChatMessages([user, { role: 'assistant', parts: [{ kind: 'toolCall' }] }]), { ok: false, unsupported: 'tools' });
    assert.deepEqual(lmChatMessages([user, { role: 'user', parts: [{ kind: 'toolResult' }] }]), { ok: false, unsupported: 'tools' });
    assert.deepEqual(lmChatMessages([{ role: 'user', parts: [{ kind: 'text', text: 'what is this?' }, { kind: 'image' }] }]), { ok: false, unsupported: 'images' });
  });

  it('gives a turn\'s text for counting its tokens', () => {
    assert.equal(lmTurnText({ role: 'user', parts: [{ kind: 'text', text: 'a' }, { kind: 'toolCall' }, { kind: 'text', text: 'b' }] }), 'ab');
  });
});
