// The welcome's buttons reach the host as `run` messages: only the two commands it offers pass the
// check every webview message goes through, and they go to the panel actions, not a conversation.
import * as assert from 'node:assert/strict';
import { isPanelAction, isWebviewToHost, type WebviewToHost } from '../../src/shared/protocol';

describe('welcome commands in the panel protocol', () => {
  it('accepts Explain Selection and the inline suggestions menu, as panel actions', () => {
    for (const command of ['explainSelection', 'completionsMenu']) {
      const message = { type: 'run', command };
      assert.ok(isWebviewToHost(message), command);
      assert.ok(isPanelAction(message as WebviewToHost), `${command} is for the panel actions`);
    }
  });

  it('refuses any other command: a webview cannot run what it likes', () => {
    for (const command of ['relayChat.explainSelection', 'workbench.action.terminal.new', 'setApiKey', '', 3, undefined, { toString: () => 'explainSelection' }]) {
      assert.equal(isWebviewToHost({ type: 'run', command }), false, String(command));
    }
  });
});
