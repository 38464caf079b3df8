// The chat format between disk and panel.
import * as assert from 'node:assert/strict';
import { isHostToWebview } from '../../../../src/shared/protocol';
import { messageView } from '../../../../src/vscode/chat/chat-mapping';

describe('chat format: disk to panel', () => {
  it('maps a stored message to the view field by field, dropping fixes this version does not know', () => {
    const view = messageView({
      id: 'a1', role: 'assistant', text: 'x', state: 'error', incomplete: true, model: 'm',
      error: { message: 'boom', actions: ['retry', 'launchRockets'] },
      stats: { completionTokens: 3, estimated: true },
      attachments: [{ kind: 'selection', path: 'a.ts', language: 'typescript', text: 'y', startLine: 1, endLine: 2 }],
    });
    assert.deepEqual(view, {
      id: 'a1', role: 'assistant', text: 'x', state: 'error', incomplete: true, model: 'm',
      error: { message: 'boom', actions: ['retry'] }, stats: { completionTokens: 3, estimated: true },
      attachments: [{ kind: 'selection', path: 'a.ts', language: 'typescript', text: 'y', startLine: 1, endLine: 2 }],
    });
    assert.equal('incomplete' in messageView({ id: 'a2', role: 'assistant', text: '', state: 'complete' }), false);
  });

  it('the panel accepts an end that says "may be cut off" and drops a malformed one', () => {
    const end = { type: 'end', chatId: 'c1', messageId: 'm1', state: 'complete' };
    assert.equal(isHostToWebview({ ...end, incomplete: true }), true);
    assert.equal(isHostToWebview(end), true);
    assert.equal(isHostToWebview({ ...end, incomplete: 'yes' }), false);
    assert.equal(isHostToWebview({ ...end, state: 'finished' }), false);
    assert.equal(isHostToWebview({ ...end, error: { message: 'x', actions: ['launchRockets'] } }), false);
    const message = { id: 'm1', role: 'assistant', text: 'x', state: 'complete' };
    assert.equal(isHostToWebview({ type: 'message', chatId: 'c1', message: { ...message, incomplete: true } }), true);
    assert.equal(isHostToWebview({ type: 'message', chatId: 'c1', message: { ...message, incomplete: 1 } }), false);
  });
});
