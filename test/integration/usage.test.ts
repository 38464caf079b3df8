// Issue 10, "See what you spend": every way tokens are spent is recorded in the usage folder with its
// source, model, provider, tokens and cost; another window sees the counts; the status bar's tooltip
// shows them; bad pricing and unreadable usage lines are named (the rest counts); the monthly budget pauses completions.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { UsageStore, costUsd, usageFileName, usageRecord, type UsageRecord } from '../../src/core';
import type { RelayChatApi } from '../../src/vscode/extension';
import { loadCorpus } from '../fakes/completion';
import { FakeRelay } from '../fakes/fake-relay';
import { chunkJson, tokenize } from '../fakes/scenario';
import { SHAPE_CACHED_TOKENS, SHAPE_PROMPT_TOKENS } from '../fakes/usage-shapes';
import { totalsText } from '../../src/vscode/usage/usage-text';
import { api, LM_CONSUMER, lmConsumer, resetSettings, setSettings, until } from './helpers';

const KEY = 'test-usage-key-0123456789';
const TOUCHED = ['baseUrl', 'model', 'transport', 'pricing', 'budget.monthlyUsd', 'completions.model', 'completions.mode', 'completions.dailyBudget', 'languageModels.extensionAccess'];
const hostTakesProviders = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';
const month = (d = new Date()) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

describe('Usage and cost in the real host (issue 10)', function () {
  this.timeout(60_000);
  let relay: FakeRelay;
  let relayChat: RelayChatApi;
  let host: string;
  let since = 0;
  /** This test's records (the folder also holds earlier tests' and sessions'). */
  const mine = (): UsageRecord[] => relayChat.usage.store.records().filter((r) => r.at >= since);

  before(async () => {
    relay = await FakeRelay.start();
    relayChat = await api();
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse' });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
    host = new URL(relay.baseUrl).host;
    await relayChat.usage.ready;
  });
  after(async () => {
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await relay.close();
  });
  beforeEach(() => {
    since = Date.now();
    relay.defaultScenario = {};
  });

  it('records a panel answer as chat, with the model, the relay\'s host, its tokens and the price', async () => {
    const tokens = tokenize('日本語の回答。A short answer.');
    relay.script({ tokens });
    await relayChat.chat.send('how much?');
    const [r] = mine();
    assert.ok(r, 'one record');
    assert.deepStrictEqual({ source: r.source, model: r.model, provider: r.provider, promptTokens: r.promptTokens, completionTokens: r.completionTokens, estimated: r.estimated },
      { source: 'chat', model: 'gpt-4.1', provider: host, promptTokens: 12, completionTokens: tokens.length, estimated: false });
    assert.strictEqual(r.costUsd, (12 * 2 + tokens.length * 8) / 1e6, 'input and output priced from the defaults');
  });

  it('records the prompt tokens the relay served from its cache, priced at the cached rate, and shows them under the answer', async () => {
    const tokens = tokenize('A cached answer.');
    relay.script({ tokens, usageShape: 'openai-cached' });
    await relayChat.chat.send('cached?');
    const [r] = mine();
    const stats = [...relayChat.chat.active.messages].reverse().find((m) => m.role === 'assistant')?.stats;
    assert.ok(r, 'one record');
    assert.deepStrictEqual({ promptTokens: r.promptTokens, cachedTokens: r.cachedTokens, completionTokens: r.completionTokens, estimated: r.estimated },
      { promptTokens: SHAPE_PROMPT_TOKENS, cachedTokens: SHAPE_CACHED_TOKENS, completionTokens: tokens.length, estimated: false });
    // gpt-4.1's defaults: 464 uncached × $2, 1,536 cached × $0.50, the answer × $8 per million.
    assert.strictEqual(r.costUsd, costUsd({ input: 2, cachedInput: 0.5, output: 8 }, SHAPE_PROMPT_TOKENS, tokens.length, SHAPE_CACHED_TOKENS));
    assert.ok(Math.abs((r.costUsd ?? 0) - (464 * 2 + 1536 * 0.5 + tokens.length * 8) / 1e6) < 1e-15);
    assert.strictEqual(stats?.cachedPromptTokens, SHAPE_CACHED_TOKENS, 'the answer\'s stats say so too');
    assert.strictEqual(stats?.costUsd, r.costUsd, 'the stats and the record agree');
  });

  it('records an Explain as explain, and the status bar tooltip shows today\'s total', async () => {
    relay.script({ tokens: tokenize('This function adds.') });
    await relayChat.chat.sendInNewChat('Explain lines 1–2 of a.ts', [], 'Explain this code: function add(a, b) { return a + b; }');
    assert.deepStrictEqual(mine().map((r) => r.source), ['explain']);
    // Today holds earlier suites' counts too (and completions may still be counted): compare with the report as it is.
    await until(() => relayChat.statusBarTooltip().includes(`${vscode.l10n.t('Today')}: ${totalsText(relayChat.usage.report().today)}`));
    assert.ok(relayChat.usage.report().today.costUsd > 0);
  });

  it('marks counts the relay flags as its own estimate', async () => {
    const usage = { prompt_tokens: 30, completion_tokens: 5, total_tokens: 35, estimated: true };
    relay.script({ raw: [`data: ${chunkJson('gpt-4.1', { content: 'estimated answer' })}\n\n`, `data: ${chunkJson('gpt-4.1', {}, 'stop')}\n\n`, `data: ${JSON.stringify({ choices: [], usage })}\n\n`, 'data: [DONE]\n\n'] });
    await relayChat.chat.send('estimate?');
    const [r] = mine();
    assert.deepStrictEqual({ promptTokens: r?.promptTokens, completionTokens: r?.completionTokens, estimated: r?.estimated }, { promptTokens: 30, completionTokens: 5, estimated: true });
    assert.strictEqual(relayChat.usage.report().today.estimated, true);
  });

  it('records an inline completion as completion, with the completion model', async () => {
    await setSettings({ 'completions.model': 'deepseek-v3.2', model: 'gpt-4.1' });
    relayChat.completions.controller.engine.reset();
    const text = loadCorpus().find((f) => f.name === 'todo-store.ts')?.text ?? '';
    const cut = text.indexOf('\n', text.length / 2) + 1;
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: text.slice(0, cut) + text.slice(text.indexOf('\n', cut) + 1) });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(doc.positionAt(cut), doc.positionAt(cut));
    const source = new vscode.CancellationTokenSource();
    const context = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined } as unknown as vscode.InlineCompletionContext;
    await relayChat.completions.provider.provideInlineCompletionItems(doc, editor.selection.active, context, source.token);
    source.dispose();
    await until(() => mine().length === 1);
    const [r] = mine() as [UsageRecord];
    assert.deepStrictEqual({ source: r.source, model: r.model, provider: r.provider }, { source: 'completion', model: 'deepseek-v3.2', provider: host });
    assert.ok(r.completionTokens > 0);
    assert.strictEqual(r.costUsd, (r.promptTokens * 0.28 + r.completionTokens * 0.42) / 1e6);
  });

  // Hosts without the provider API have no vscode.lm models (lm.test.ts checks that case).
  if (hostTakesProviders) it('records a vscode.lm answer as lm', async () => {
    await setSettings({ 'languageModels.extensionAccess': { [LM_CONSUMER]: true } });
    const consumer = await lmConsumer<{ ask(vendor: string, id: string, messages: [string, string][]): Promise<{ text: string }> }>();
    assert.ok(consumer);
    const tokens = tokenize('lm answer');
    relay.script({ tokens });
    await consumer.ask('relay-chat', 'gpt-4.1', [['user', 'cost?']]);
    const [r] = mine();
    assert.deepStrictEqual({ source: r?.source, model: r?.model, provider: r?.provider, promptTokens: r?.promptTokens, completionTokens: r?.completionTokens },
      { source: 'lm', model: 'gpt-4.1', provider: host, promptTokens: 12, completionTokens: tokens.length });
    assert.strictEqual(r?.costUsd, (12 * 2 + tokens.length * 8) / 1e6);
  });

  it('another window sees these counts on disk, and this window sees another window\'s as they are written', async () => {
    relay.script({ tokens: tokenize('counted twice?') });
    await relayChat.chat.send('two windows');
    await relayChat.usage.close(); // what the batch timer does a moment later
    const other = new UsageStore(relayChat.usage.folder);
    await other.refresh();
    assert.deepStrictEqual(other.records().filter((r) => r.at >= since), mine(), 'the other window reads exactly these counts');
    // The other window counts something: this one hears of it through the folder watch, no polling.
    let heard = 0;
    const listening = relayChat.usage.onDidChange(() => heard++);
    other.add(usageRecord({ source: 'chat', model: 'other-window-model', provider: 'elsewhere', promptTokens: 7, completionTokens: 3 }, {}, Date.now()));
    await other.flush();
    await until(() => relayChat.usage.report().byModel.some((l) => l.key === 'other-window-model'));
    listening.dispose();
    assert.ok(heard > 0, 'onDidChange fired');
    assert.strictEqual(relayChat.usage.view().byProvider.find((l) => l.key === 'elsewhere')?.unpricedTokens, 10);
  });

  it('names a malformed pricing entry (warned and logged once per value) and still prices the valid ones', async () => {
    await setSettings({ pricing: { 'half-priced': { input: 1 }, 'my-coder': { input: 0.5, output: 1 } } });
    await until(() => relayChat.usage.view().problems.some((p) => p.includes('"half-priced"')));
    const problems = relayChat.usage.view().problems;
    assert.strictEqual(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /"output"/);
    const log = path.join(relayChat.logUri.fsPath, 'Relay Chat.log');
    await until(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('"half-priced"'));
    assert.strictEqual(fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('"half-priced"')).length, 1);
    relay.script({ tokens: tokenize('priced') });
    relay.models = [...relay.models, 'my-coder'];
    await vscode.commands.executeCommand('relayChat.selectModel', 'my-coder');
    await relayChat.chat.send('priced?');
    const [r] = mine();
    assert.strictEqual(r?.costUsd, (12 * 0.5 + (r?.completionTokens ?? 0) * 1) / 1e6, 'the valid entry applies');
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
  });

  it('pauses inline completions at the monthly budget with the reason in their status, until the month is allowed', async () => {
    await setSettings({ 'budget.monthlyUsd': 0.000001 });
    assert.strictEqual(relayChat.usage.gate.level, 'over');
    const tooltip = () => relayChat.statusBarTooltip();
    await until(() => /Monthly budget: \$\S+ of \$0\.0000/.test(tooltip()));
    const engine = relayChat.completions.controller.engine;
    engine.reset();
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'function add(a: number, b: number) {\n  return a\n}\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 10, 1, 10);
    const before = relay.requests.length;
    const context = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined } as unknown as vscode.InlineCompletionContext;
    await relayChat.completions.provider.provideInlineCompletionItems(doc, editor.selection.active, context, new vscode.CancellationTokenSource().token);
    assert.strictEqual(relay.requests.length, before, 'nothing sent past the budget');
    assert.strictEqual(engine.state.reason, 'month-budget');
    await until(() => relayChat.completions.statusText().includes('monthly budget reached'));
    await relayChat.usage.gate.allowMonth();
    assert.strictEqual(engine.state.reason, null, 'allowed for the month: completions go on');
    // Allowed: a chat request is sent without a question (a modal here would hang the test).
    relay.script({ tokens: tokenize('allowed') });
    await relayChat.chat.send('past the budget, allowed');
    assert.strictEqual(mine().filter((r) => r.source === 'chat').length, 1);
    await setSettings({ 'budget.monthlyUsd': 0 });
  });

  it('another window\'s completions count against this window\'s daily budget: it pauses without a request of its own, and its tooltip shows every window\'s', async () => {
    const engine = relayChat.completions.controller.engine;
    engine.reset();
    await setSettings({ 'completions.dailyBudget': 0.5 });
    assert.strictEqual(engine.state.reason, null);
    const before = relay.requests.length;
    // Another window (its own store on the same folder) spends $0.60 on completions.
    const other = new UsageStore(relayChat.usage.folder);
    other.add(usageRecord({ source: 'completion', model: 'other-window-coder', provider: 'elsewhere', promptTokens: 1_000_000, completionTokens: 0 }, { 'other-window-coder': { input: 0.6, output: 1 } }, Date.now()));
    await other.flush();
    await until(() => engine.state.reason === 'budget');
    assert.strictEqual(relay.requests.length, before, 'paused by the other window\'s spending alone');
    const today = relayChat.completions.controller.completionsToday();
    assert.ok(today && today.costUsd >= 0.6, JSON.stringify(today));
    await until(() => relayChat.completions.statusTooltip().includes(`${today.requests} requests`));
    await setSettings({ 'completions.dailyBudget': 0 });
    assert.strictEqual(engine.state.reason, null, 'no budget, no pause');
  });

  it('skips a line of the usage file that cannot be read: the month\'s totals in the status bar stay, the line is reported, counting goes on', async () => {
    relay.script({ tokens: tokenize('before the bad line') });
    await relayChat.chat.send('counted before');
    await relayChat.usage.close();
    const name = usageFileName(month());
    const file = path.join(relayChat.usage.folder, name);
    const before = structuredClone(relayChat.usage.totals().monthTotals);
    assert.ok(before.requests > 0 && before.costUsd > 0);
    const monthLine = () => `${vscode.l10n.t('This month')}: ${totalsText(relayChat.usage.totals().monthTotals)}`;
    await until(() => relayChat.statusBarTooltip().includes(monthLine()));
    const skipped = () => relayChat.usage.store.skipped.find((f) => f.file === name)?.count ?? 0;
    const already = skipped();
    // One line that is not JSON, one with a negative count (what a bad relay number used to write).
    const negative = { ...mine()[0], promptTokens: -1000 };
    fs.appendFileSync(file, `{"not a usage record"\n${JSON.stringify(negative)}\n`);
    await until(() => skipped() === already + 2);
    assert.deepStrictEqual(relayChat.usage.totals().monthTotals, before, 'every good line still counts');
    assert.ok(relayChat.statusBarTooltip().includes(`${vscode.l10n.t('This month')}: ${totalsText(before)}`), relayChat.statusBarTooltip());
    // The report adds per record, the running totals per day and source: the costs may differ in the last bits.
    const { costUsd: reportCost, ...reportRest } = relayChat.usage.report().monthTotals;
    const { costUsd: beforeCost, ...beforeRest } = before;
    assert.deepStrictEqual(reportRest, beforeRest, 'the Usage view\'s report too');
    assert.ok(Math.abs(reportCost - beforeCost) < 1e-9, `${reportCost} vs ${beforeCost}`);
    assert.ok(relayChat.usage.view().problems.some((p) => p.includes(name)), relayChat.usage.view().problems.join('\n'));
    const log = path.join(relayChat.logUri.fsPath, 'Relay Chat.log');
    await until(() => fs.readFileSync(log, 'utf8').split('\n').some((l) => l.includes(name) && l.includes('could not be read')));
    assert.ok(fs.readFileSync(file, 'utf8').includes('{"not a usage record"\n'), 'the line stays in the file as it was');
    relay.script({ tokens: tokenize('after') });
    await relayChat.chat.send('still counting?');
    await relayChat.usage.close();
    assert.strictEqual(relayChat.usage.totals().monthTotals.requests, before.requests + 1, 'counting goes on in the same file');
    assert.ok(fs.readFileSync(file, 'utf8').trimEnd().endsWith('}'), 'after the bad lines');
  });
});
