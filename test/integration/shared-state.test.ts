// Issue 16 in the real host: what must hold for every window does. "Another window" here is what
// another window's extension host runs — a SharedStateFile on the same global storage folder; its
// writes reach this window only through the file (and the watch on it). And the automatic completion
// model is chosen again once the relay gives the list (a key set, the relay back).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SharedStateFile } from '../../src/core/util/shared-state-file';
import { SHARED_KEYS } from '../../src/core/util/shared-state-keys';
import { FakeRelay } from '../fakes/fake-relay';
import { tokenize } from '../fakes/scenario';
import { api, resetSettings, setSettings, until } from './helpers';

const TOUCHED = ['baseUrl', 'model', 'completions.model', 'completions.enabled', 'budget.monthlyUsd'];

/** A code line with the cursor at its end, and VS Code's explicit request for a suggestion there. */
async function invoke(): Promise<string | undefined> {
  const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export function total(items: number[]) {\n  return \n}\n' });
  const editor = await vscode.window.showTextDocument(doc);
  const at = new vscode.Position(1, 9);
  editor.selection = new vscode.Selection(at, at);
  const source = new vscode.CancellationTokenSource();
  const context = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined } as unknown as vscode.InlineCompletionContext;
  const items = await (await api()).completions.provider.provideInlineCompletionItems(doc, at, context, source.token);
  source.dispose();
  const first = items?.[0]?.insertText;
  return typeof first === 'string' ? first : undefined;
}

/** Lines of the Relay Chat log that include `text`. */
async function logged(text: string): Promise<number> {
  const log = path.join((await api()).logUri.fsPath, 'Relay Chat.log');
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(text)).length : 0;
}
const NOT_CHOSEN = 'completion model not chosen yet';

describe('Shared state across windows', () => {
  let relay: FakeRelay;
  let otherWindow: SharedStateFile;

  before(async () => {
    relay = await FakeRelay.start();
    const a = await api();
    // The extension's global storage folder (chats and usage are kept beside it).
    otherWindow = new SharedStateFile(path.join(path.dirname(a.chatFolder), 'shared'));
    otherWindow.watch();
  });
  after(async () => {
    // Later suites start from no snooze and no month allowed past the budget.
    await otherWindow.set(SHARED_KEYS.snoozedUntil, undefined);
    await otherWindow.set(SHARED_KEYS.allowedMonth, undefined);
    const a = await api();
    await until(() => !a.usage.gate.allowedThisMonth);
    otherWindow.dispose();
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await relay.close();
  });
  beforeEach(async () => {
    relay.requireKey = undefined;
    await resetSettings(TOUCHED);
  });

  it("another window's snooze pauses this window's completions; Resume here ends it there, and its resume ends it here", async () => {
    await setSettings({ baseUrl: relay.baseUrl, model: 'gpt-4.1', 'completions.model': 'deepseek-v3.2' });
    const a = await api();
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    assert.strictEqual(a.completions.controller.state.reason, null);

    const until10 = Date.now() + 10 * 60_000;
    await otherWindow.set(SHARED_KEYS.snoozedUntil, until10);
    await until(() => a.completions.controller.state.reason === 'snoozed');
    assert.strictEqual(a.completions.controller.state.until, until10);
    assert.ok(a.completions.statusText().includes('snoozed'), a.completions.statusText());
    const sent = relay.requests.length;
    assert.strictEqual(await invoke(), undefined);
    assert.strictEqual(relay.requests.length, sent, 'nothing is sent while snoozed');

    // Resume in this window: the other window sees the snooze gone.
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    assert.strictEqual(a.completions.controller.state.reason, null);
    await until(() => otherWindow.get(SHARED_KEYS.snoozedUntil) === undefined);

    // Snoozed there again, then resumed there: completions run here again.
    await otherWindow.set(SHARED_KEYS.snoozedUntil, Date.now() + 10 * 60_000);
    await until(() => a.completions.controller.state.reason === 'snoozed');
    await otherWindow.set(SHARED_KEYS.snoozedUntil, undefined);
    await until(() => a.completions.controller.state.reason === null);
    await invoke();
    assert.ok(relay.requests.length > sent, 'a completion request again');
  });

  it("this window's snooze reaches the other window's file; a hostile number snoozes nothing", async () => {
    await setSettings({ baseUrl: relay.baseUrl, 'completions.model': 'deepseek-v3.2' });
    const { controller } = (await api()).completions;
    for (const bad of [Number.NaN, 0, -5]) {
      await vscode.commands.executeCommand('relayChat.snoozeCompletions', bad);
      assert.strictEqual(controller.state.reason, null, String(bad));
    }
    assert.strictEqual(otherWindow.get(SHARED_KEYS.snoozedUntil), undefined);
    await vscode.commands.executeCommand('relayChat.snoozeCompletions', 15);
    await until(() => typeof otherWindow.get(SHARED_KEYS.snoozedUntil) === 'number');
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    await until(() => otherWindow.get(SHARED_KEYS.snoozedUntil) === undefined);
  });

  it("'Allow for This Month' answered in another window resumes this window's completions, and this window does not ask again", async () => {
    const a = await api();
    await otherWindow.set(SHARED_KEYS.allowedMonth, undefined);
    await until(() => !a.usage.gate.allowedThisMonth);
    await setSettings({ baseUrl: relay.baseUrl, model: 'gpt-4.1', 'completions.model': 'deepseek-v3.2' });
    relay.script({ tokens: tokenize('spent') });
    await a.chat.send('spend a little');
    await setSettings({ 'budget.monthlyUsd': 0.000001 });
    await until(() => a.usage.gate.level === 'over');
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    a.completions.controller.engine.reset();
    await invoke();
    assert.strictEqual(a.completions.controller.state.reason, 'month-budget');

    await otherWindow.set(SHARED_KEYS.allowedMonth, a.usage.report().month);
    await until(() => a.completions.controller.state.reason === null);
    // Asking would open a modal here and hang the test.
    assert.strictEqual(await a.usage.gate.admit(), true);
  });

  it("a key set in another window ends this window's rejected-key pause", async () => {
    relay.requireKey = 'key-set-in-another-window';
    await setSettings({ baseUrl: relay.baseUrl, model: 'gpt-4.1', 'completions.model': 'deepseek-v3.2' });
    const { controller } = (await api()).completions;
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    await invoke();
    assert.strictEqual(controller.state.reason, 'auth');
    // What the other window's Set API Key leaves in the shared file (the key itself is in SecretStorage).
    await otherWindow.set(SHARED_KEYS.keyChanged, { origin: new URL(relay.baseUrl).origin, at: Date.now() });
    await until(() => controller.state.reason === null);
  });

  it('the automatic completion model is chosen once the key is set (the relay refused the list without it)', async () => {
    relay.requireKey = 'sk-shared-state-test';
    await setSettings({ baseUrl: relay.baseUrl, model: 'gpt-4.1', 'completions.model': '' });
    const { controller } = (await api()).completions;
    const lookups = () => relay.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/models')).length;
    const before = lookups();
    const failed = await logged(NOT_CHOSEN);
    assert.strictEqual(controller.model, 'gpt-4.1', 'nothing known yet: the chat model');
    await until(() => lookups() > before);
    await until(async () => (await logged(NOT_CHOSEN)) > failed);
    assert.strictEqual(controller.model, 'gpt-4.1', 'refused: still the chat model');
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: 'sk-shared-state-test' });
    await until(() => controller.model === 'deepseek-v3.2');
  });

  it('the automatic completion model is chosen once the relay is back and a request works', async () => {
    const port = Number(new URL(relay.baseUrl).port);
    await relay.close();
    await setSettings({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'gpt-4.1', 'completions.model': '' });
    const { controller } = (await api()).completions;
    const failed = await logged(NOT_CHOSEN);
    assert.strictEqual(controller.model, 'gpt-4.1');
    await until(async () => (await logged(NOT_CHOSEN)) > failed);
    relay = await FakeRelay.start(port);
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    await invoke();
    assert.deepStrictEqual(relay.requests.map((r) => r.body?.model), ['gpt-4.1'], 'the chat model meanwhile, as before');
    await until(() => controller.model === 'deepseek-v3.2');
  });
});
