// Issue 7: inline completions in the real extension host, through the provider VS Code calls.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { loadCorpus } from '../fakes/completion';
import { FakeRelay } from '../fakes/fake-relay';
import { api, resetSettings, setSettings, until } from './helpers';

const TOUCHED = ['baseUrl', 'model', 'transport', 'pricing', 'completions.enabled', 'completions.model', 'completions.mode', 'completions.dailyBudget', 'completions.languages'];
const TS = loadCorpus().find((f) => f.name === 'todo-store.ts')?.text ?? '';

/** An editor holding the corpus file with one statement line removed; the cursor where it was. */
async function editorWithHole(language = 'typescript', typed = 0): Promise<{ editor: vscode.TextEditor; line: string }> {
  const line = TS.split('\n').find((l) => /^\s+\S.*;$/.test(l) && l.trim().length > 12) as string;
  const at = TS.indexOf(line);
  const start = line.length - line.trimStart().length + typed;
  const text = TS.slice(0, at + start) + TS.slice(at + line.length);
  const doc = await vscode.workspace.openTextDocument({ language, content: text });
  const editor = await vscode.window.showTextDocument(doc);
  const position = doc.positionAt(at + start);
  editor.selection = new vscode.Selection(position, position);
  return { editor, line: line.slice(start) };
}

async function suggest(editor: vscode.TextEditor, trigger = vscode.InlineCompletionTriggerKind.Invoke): Promise<string | undefined> {
  const { completions } = await api();
  const source = new vscode.CancellationTokenSource();
  const context = { triggerKind: trigger, selectedCompletionInfo: undefined } as unknown as vscode.InlineCompletionContext;
  const items = await completions.provider.provideInlineCompletionItems(editor.document, editor.selection.active, context, source.token);
  source.dispose();
  const first = items?.[0]?.insertText;
  return typeof first === 'string' ? first : undefined;
}

describe('Inline completions in the real host', () => {
  let relay: FakeRelay;

  before(async () => {
    relay = await FakeRelay.start();
    await api();
  });
  after(async () => {
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await relay.close();
  });
  beforeEach(async () => {
    relay.completion.routes = { completions: true, fim: false };
    relay.completion.corrupt = [];
    relay.requireKey = undefined;
    await resetSettings(TOUCHED);
    await setSettings({ baseUrl: relay.baseUrl, model: 'gpt-4.1', 'completions.model': 'deepseek-v3.2' });
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    (await api()).completions.controller.engine.reset();
  });

  const completionRequests = () => relay.requests.filter((r) => /\/completions$/.test(r.path) && r.method === 'POST').length;

  it('fills the hole with the true line by fill-in-the-middle, capped on the server, and remembers the route', async () => {
    const { editor, line } = await editorWithHole();
    assert.strictEqual(await suggest(editor), line);
    const sent = relay.requests.filter((r) => r.path === '/v1/completions').pop()?.body;
    assert.ok(sent, 'a /completions request');
    // Nothing follows the cursor on its line: a blank line ends the answer, so a next line survives.
    assert.strictEqual(sent.max_tokens, 64);
    assert.deepStrictEqual(sent.stop, ['\n\n']);
    assert.strictEqual(sent.temperature, 0);
    const before = relay.requests.length;
    // The same cursor again: the cache answers, nothing is sent.
    assert.strictEqual(await suggest(editor), line);
    assert.strictEqual(relay.requests.length, before);
  });

  it('uses the chat endpoint where the relay has no FIM, and cleans what chat models add', async () => {
    relay.completion.routes = { completions: false, fim: false };
    // The echoed start of the line and the repeated next line are cut.
    relay.completion.corrupt = ['echoPrefix', 'repeatSuffix'];
    const { editor, line } = await editorWithHole('typescript', 4);
    assert.strictEqual(await suggest(editor), line);
    // Over the relay's WebSocket here (transport auto): the chat endpoint either way.
    assert.strictEqual(relay.completionLog[relay.completionLog.length - 1]?.route, 'chat');
  });

  it('typing through a suggestion keeps it without a request', async () => {
    const { editor, line } = await editorWithHole();
    assert.strictEqual(await suggest(editor), line);
    const before = completionRequests();
    await editor.edit((b) => b.insert(editor.selection.active, line.slice(0, 4)));
    assert.strictEqual(await suggest(editor, vscode.InlineCompletionTriggerKind.Automatic), line.slice(4));
    assert.strictEqual(completionRequests(), before);
  });

  it('stays quiet over a selection, in disabled languages, and when turned off', async () => {
    const { editor } = await editorWithHole();
    const anchor = editor.selection.active;
    editor.selection = new vscode.Selection(anchor.translate(0, -2), anchor);
    const before = relay.requests.length;
    assert.strictEqual(await suggest(editor), undefined);
    const md = await editorWithHole('markdown');
    assert.strictEqual(await suggest(md.editor), undefined);
    assert.strictEqual(relay.requests.length, before);

    await vscode.commands.executeCommand('relayChat.toggleCompletions');
    const a = await api();
    await until(() => a.completions.statusText() === '$(circle-slash)');
    const ts = await editorWithHole();
    assert.strictEqual(await suggest(ts.editor), undefined);
    assert.strictEqual(relay.requests.length, before);
    await vscode.commands.executeCommand('relayChat.toggleCompletions');
    await until(() => a.completions.statusText() === '$(sparkle)');
  });

  it('snoozes, and says so in the status bar', async () => {
    const a = await api();
    await vscode.commands.executeCommand('relayChat.snoozeCompletions', 15);
    assert.ok(a.completions.statusText().includes('snoozed'), a.completions.statusText());
    const { editor } = await editorWithHole();
    assert.strictEqual(await suggest(editor), undefined);
    await vscode.commands.executeCommand('relayChat.resumeCompletions');
    assert.strictEqual(a.completions.statusText(), '$(sparkle)');
  });

  it('a rejected key pauses completions with one notice, not one per keystroke', async () => {
    relay.requireKey = 'the-right-key-0123456789';
    const a = await api();
    const notices = a.completions.noticesShown();
    const sent = completionRoutesHit(relay);
    const { editor } = await editorWithHole();
    for (let i = 0; i < 5; i++) {
      await editor.edit((b) => b.insert(editor.selection.active, 'x'));
      await suggest(editor, vscode.InlineCompletionTriggerKind.Automatic);
    }
    assert.ok(a.completions.statusText().includes('key rejected'), a.completions.statusText());
    assert.strictEqual(a.completions.noticesShown(), notices + 1);
    assert.strictEqual(completionRoutesHit(relay) - sent, 1, 'one request, answered 401; none after it');
  });

  it('counts requests, tokens and cost per day, and pauses at the daily budget', async () => {
    await setSettings({ pricing: { 'deepseek-v3.2': { input: 1000, output: 1000 } } });
    const a = await api();
    const { editor } = await editorWithHole();
    const before = a.completions.controller.completionsToday()!;
    await suggest(editor);
    await until(() => a.completions.controller.completionsToday()!.requests === before.requests + 1);
    assert.ok(a.completions.controller.completionsToday()!.costUsd > before.costUsd, 'the request cost something');
    assert.ok(a.completions.statusTooltip().includes('Today:'), a.completions.statusTooltip());

    await setSettings({ 'completions.dailyBudget': 0.000001 });
    await editor.edit((b) => b.insert(editor.selection.active, 'q'));
    const sent = relay.completionLog.length;
    assert.strictEqual(await suggest(editor), undefined);
    assert.strictEqual(a.completions.controller.state.reason, 'budget');
    assert.strictEqual(relay.completionLog.length, sent, 'nothing is sent over the budget');
    assert.ok(a.completions.statusText().includes('budget'), a.completions.statusText());
  });

  it('Test Connection reports which way completions work for the completion model', async () => {
    relay.completion.routes = { completions: false, fim: true };
    await vscode.commands.executeCommand('relayChat.testConnection');
    const report = (await api()).lastReport();
    const step = report?.steps.find((s) => s.id === 'completions');
    assert.ok(step, 'a completions step');
    assert.strictEqual(step.outcome, 'ok');
    assert.strictEqual(step.facts.route, 'fim');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

/** Requests to the FIM routes (the fake answers a missing key with 401 before routing). */
function completionRoutesHit(relay: FakeRelay): number {
  return relay.requests.filter((r) => r.path === '/v1/completions' || r.path === '/v1/fim/completions').length;
}
