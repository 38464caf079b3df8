// Issue 16 §5: a relay's 402 pauses inline completions as "out of credit", in its own sentence with
// the relay's words, not as "this model cannot complete code".
import * as assert from 'assert';
import * as vscode from 'vscode';
import { PaymentRequiredError, type DiagnosticReport } from '../../src/core';
import { CompletionNotices } from '../../src/vscode/completions/completion-notices';
import { renderReport } from '../../src/vscode/report';
import { FakeRelay } from '../fakes/fake-relay';
import { api, recorder, resetSettings, setSettings, until } from './helpers';

const TOUCHED = ['baseUrl', 'model', 'transport', 'completions.model', 'completions.mode'];
const BROKE = { error: { message: 'Insufficient account balance, please recharge', type: 'insufficient_balance' } };

describe('Out of credit at the relay (issue 16 §5)', function () {
  this.timeout(30_000);
  let relay: FakeRelay;

  before(async () => {
    relay = await FakeRelay.start();
    await api();
  });
  after(async () => {
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings(TOUCHED);
    await relay.close();
  });

  it('a 402 pauses completions with the out-of-credit sentence, once, and sends nothing more', async () => {
    await resetSettings(TOUCHED);
    await setSettings({ baseUrl: relay.baseUrl, model: 'gpt-4.1', transport: 'sse', 'completions.model': 'deepseek-v3.2', 'completions.mode': 'chat' });
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    const a = await api();
    a.completions.controller.engine.reset();
    relay.script({ status: 402, body: BROKE });

    const shown: string[] = [];
    const showWarning = vscode.window.showWarningMessage;
    vscode.window.showWarningMessage = ((message: string) => (shown.push(message), Promise.resolve(undefined))) as typeof showWarning;
    // The notices of the extension's controller, shown through this module's (stubbed) window: when the
    // suite loads the packaged extension, its own copy has a vscode API object of its own, which no stub reaches.
    const notices = new CompletionNotices(a.completions.controller);
    const noticesBefore = a.completions.noticesShown();
    try {
      const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export function add(a: number, b: number) {\n  return \n}\n' });
      const editor = await vscode.window.showTextDocument(document);
      const position = new vscode.Position(1, 9);
      editor.selection = new vscode.Selection(position, position);
      const context = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined } as unknown as vscode.InlineCompletionContext;
      const ask = async () => {
        const source = new vscode.CancellationTokenSource();
        await a.completions.provider.provideInlineCompletionItems(document, position, context, source.token);
        source.dispose();
      };
      const before = relay.requests.length;
      await ask();
      await until(() => a.completions.controller.state.reason !== null);
      assert.strictEqual(a.completions.controller.state.reason, 'credit');
      await until(() => shown.length > 0);
      assert.deepStrictEqual(shown, [
        'Relay Chat inline completions are paused: your relay account is out of credit. Top up your balance at the relay; completions try again by themselves every 10 min, or choose Resume now in the completions menu. The relay said: "Insufficient account balance, please recharge"',
      ]);
      assert.ok(a.completions.statusText().includes('out of credit'), a.completions.statusText());
      await ask();
      assert.strictEqual(relay.requests.length - before, 1, 'one request, answered 402; none while paused');
      assert.strictEqual(a.completions.noticesShown() - noticesBefore, 1, 'the extension announced the pause once');
    } finally {
      notices.dispose();
      vscode.window.showWarningMessage = showWarning;
    }
  });

  it('the panel\'s answer says out of credit, with the relay\'s words, and offers Retry', async () => {
    await setSettings({ baseUrl: relay.baseUrl, model: 'gpt-4.1', transport: 'sse' });
    const { chat } = await api();
    const rec = recorder();
    chat.attach(rec.surface);
    try {
      chat.newChat();
      relay.script({ status: 402, body: BROKE });
      await chat.send('hello');
      await chat.whenIdle();
      const answer = [...chat.active.messages].reverse().find((m) => m.role === 'assistant');
      assert.deepStrictEqual(answer?.error, {
        message: 'Your relay account is out of credit (HTTP 402). Top up your balance at the relay, then try again. The relay said: "Insufficient account balance, please recharge"',
        actions: ['retry', 'showLogs'],
      });
    } finally {
      chat.attach(undefined);
    }
  });

  it('Test Connection says out of credit and what to do', () => {
    const report: DiagnosticReport = {
      baseUrl: 'https://relay.example/v1', model: 'gpt-4.1', ok: false,
      steps: [{ id: 'chat', outcome: 'fail', ms: 80, facts: {}, error: new PaymentRequiredError('Out of credit', { params: { detail: 'balance 0' } }) }],
    };
    const text = renderReport(report);
    assert.match(text, /Your relay account is out of credit \(HTTP 402\)\. .* The relay said: "balance 0"/, text);
    assert.match(text.slice(text.indexOf('## ')), /top up your balance on the relay's website/, text);
  });
});
