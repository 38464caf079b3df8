// The welcome's buttons reach the host as the same `fix` messages as the buttons under an error: only
// the actions the protocol names pass the check every webview message goes through, and they go to the
// panel actions, not a conversation.
import * as assert from 'node:assert/strict';
import { isPanelAction, isWebviewToHost, type WebviewToHost } from '../../../src/shared/protocol';

describe('welcome commands in the panel protocol', () => {
  it('accepts Explain Selection and the inline suggestions menu, as panel actions', () => {
    for (const action of ['explainSelection', 'completionsMenu']) {
      const message = { type: 'fix', action };
      assert.ok(isWebviewToHost(message), action);
      assert.ok(isPanelAction(message as WebviewToHost), `${action} is for the panel actions`);
    }
  });

  it('refuses any other command: a webview cannot run what it likes', () => {
    for (const action of ['relayChat.explainSelection', 'workbench.action.terminal.new', '', 3, undefined, { toString: () => 'explainSelection' }]) {
      assert.equal(isWebviewToHost({ type: 'fix', action }), false, String(action));
    }
    assert.equal(isWebviewToHost({ type: 'run', command: 'explainSelection' }), false, 'no second message for commands');
  });
});
