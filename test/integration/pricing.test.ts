// Issue 16, "Money that adds up", in the real host: a workspace's settings cannot zero the prices or
// switch the budgets off (a model the workspace picks is priced like any other); a relay's published
// prices are used; a request of a model without a price says so in the status bar's tooltip.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEFAULT_PRICING, usageRecord, type BudgetAnswer, type UsageRecord } from '../../src/core';
import { readCompletionSettings } from '../../src/vscode/completions/completion-settings';
import type { RelayChatApi } from '../../src/vscode/extension';
import { UsageService } from '../../src/vscode/usage/usage-service';
import { FakeRelay } from '../fakes/fake-relay';
import { tokenize } from '../fakes/scenario';
import { api, config, resetSettings, setSettings, until } from './helpers';

const KEY = 'test-pricing-key-0123456789';
const TOUCHED = ['baseUrl', 'model', 'transport', 'pricing', 'budget.monthlyUsd', 'completions.dailyBudget'];

describe('Prices and budgets come from the user, every model is priced or said to be unpriced (issue 16)', function () {
  this.timeout(60_000);
  let relay: FakeRelay;
  let relayChat: RelayChatApi;
  let since = 0;
  let settingsFile: string;
  let savedSettings: string | undefined;
  const mine = (): UsageRecord[] => relayChat.usage.store.records().filter((r) => r.at >= since);
  const tooltip = () => relayChat.statusBarTooltip();

  /** The workspace's own `.vscode/settings.json`, as a cloned repository would bring it. */
  const writeWorkspaceSettings = async (values: Record<string, unknown>) => {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    // A window-scoped marker: once VS Code shows it, it has read the whole file.
    fs.writeFileSync(settingsFile, JSON.stringify({ ...values, 'relayChat.completions.maxFileSizeKb': 511 }, null, 2));
    await until(() => config().inspect('completions.maxFileSizeKb')?.workspaceValue === 511, 15_000);
  };

  before(async () => {
    relay = await FakeRelay.start();
    relayChat = await api();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the test host opens a workspace folder');
    settingsFile = path.join(folder, '.vscode', 'settings.json');
    savedSettings = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    await setSettings({ baseUrl: relay.baseUrl, transport: 'sse' });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: KEY });
    await relayChat.usage.ready;
  });
  after(async () => {
    if (savedSettings === undefined) fs.rmSync(settingsFile, { force: true });
    else fs.writeFileSync(settingsFile, savedSettings);
    await until(() => config().inspect('completions.maxFileSizeKb')?.workspaceValue === undefined, 15_000);
    await resetSettings(TOUCHED);
    await relay.close();
  });
  beforeEach(() => {
    since = Date.now();
    relay.defaultScenario = {};
  });

  it('ignores a workspace that zeroes the prices and switches the budgets off, and prices the model it picks', async () => {
    await setSettings({ 'budget.monthlyUsd': 50, 'completions.dailyBudget': 2 });
    const picked = 'claude-sonnet-4-5-20250929';
    relay.models.push(picked);
    await writeWorkspaceSettings({
      'relayChat.model': picked,
      'relayChat.pricing': { [picked]: { input: 0, output: 0 }, 'claude-sonnet-4.5': { input: 0, output: 0 }, 'gpt-4.1': { input: 0, output: 0 } },
      'relayChat.budget.monthlyUsd': 0,
      'relayChat.completions.dailyBudget': 0,
    });
    assert.strictEqual(config().get('model'), picked, 'the model is the workspace\'s choice');

    const tokens = tokenize('価格はユーザー設定から。Prices come from user settings.');
    relay.script({ tokens });
    await relayChat.chat.send('what does this cost?');
    const [r] = mine();
    assert.ok(r, 'one record');
    assert.strictEqual(r.model, picked);
    assert.strictEqual(r.unpriced, undefined, 'the dated name is priced as claude-sonnet-4.5');
    assert.strictEqual(r.costUsd, (r.promptTokens * 3 + r.completionTokens * 15) / 1e6, 'priced at the default, not the workspace\'s $0');
    assert.ok((r.costUsd ?? 0) > 0);
    assert.deepStrictEqual(relayChat.usage.view().budget, { monthlyUsd: 50 }, 'the monthly budget stays on');
    assert.strictEqual(readCompletionSettings().dailyBudgetUsd, 2, 'the daily budget stays on');
    await until(() => /Monthly budget: \$\S+ of \$50\.00/.test(tooltip()));
    // Said once in the log, so a user who wonders why the repository's prices do nothing can see it.
    const log = path.join(relayChat.logUri.fsPath, 'Relay Chat.log');
    const said = (key: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '').split('\n').filter((l) => l.includes(`${key} is set in this workspace's settings and is ignored`)).length;
    await until(() => said('relayChat.pricing') === 1);
    assert.strictEqual(said('relayChat.budget.monthlyUsd'), 1);
    assert.strictEqual(said('relayChat.completions.dailyBudget'), 1);
  });

  it('prices a model from the price its relay publishes, and ignores a hostile one', async () => {
    relay.models.push('vendor/coder-x');
    relay.modelFields['vendor/coder-x'] = { pricing: { prompt: '0.000001', completion: '0.000004' } };
    relay.modelFields['gpt-4.1'] = { pricing: { prompt: '-1', completion: 'NaN' } };
    await vscode.commands.executeCommand('relayChat.testConnection'); // looks the model list up, as the picker does
    await vscode.commands.executeCommand('relayChat.selectModel', 'vendor/coder-x');
    relay.script({ tokens: tokenize('A priced answer.') });
    await relayChat.chat.send('cost?');
    await vscode.commands.executeCommand('relayChat.selectModel', 'gpt-4.1');
    relay.script({ tokens: tokenize('Another answer.') });
    await relayChat.chat.send('and this one?');
    const [coder, gpt] = mine().filter((r) => r.source === 'chat');
    assert.ok(coder && gpt, 'two records');
    assert.strictEqual(coder.costUsd, (coder.promptTokens * 1 + coder.completionTokens * 4) / 1e6, 'the relay\'s published price');
    assert.strictEqual(gpt.costUsd, (gpt.promptTokens * 2 + gpt.completionTokens * 8) / 1e6, 'the hostile price ignored: the default');
  });

  it('shows a request of a model without a price in the tooltip, and that the budget cannot count it', async () => {
    await setSettings({ 'budget.monthlyUsd': 50 });
    relay.models.push('qwen3-coder-plus');
    await vscode.commands.executeCommand('relayChat.selectModel', 'qwen3-coder-plus');
    relay.script({ tokens: tokenize('通义千问の答え。') });
    await relayChat.chat.send('no price?');
    const [r] = mine();
    assert.ok(r && r.unpriced, 'recorded without a price');
    const today = relayChat.usage.report().today.unpricedRequests;
    assert.ok(today >= 1);
    const count = today === 1 ? '1 request without a price' : `${today} requests without a price`;
    await until(() => tooltip().includes(count));
    assert.match(tooltip(), /The budget cannot count \d+ requests? this month/);
  });

  it('has the 80 % warning and the budget question say they cannot count the requests without a price', async () => {
    await setSettings({ 'budget.monthlyUsd': 0.001 });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-pricing-usage-'));
    const values = new Map<string, unknown>();
    const store = { get: <T>(key: string) => values.get(key) as T | undefined, set: async (key: string, value: unknown) => void values.set(key, value) };
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const warned: string[] = [];
    const asked: number[] = [];
    const service = new UsageService(folder, store, quiet, { warn: (m) => warned.push(m), ask: async (_s, _b, unpriced): Promise<BudgetAnswer> => (asked.push(unpriced), 'cancel') });
    try {
      await service.ready;
      const add = (model: string, promptTokens: number, completionTokens: number) =>
        service.store.add(usageRecord({ source: 'completion', model, provider: 'relay.example', promptTokens, completionTokens }, DEFAULT_PRICING, Date.now()));
      add('qwen3-coder-plus', 400, 40);
      add('gpt-4.1', 25, 100); // $0.00085: 85 % of the budget
      await until(() => warned.length > 0);
      assert.match(warned[0] ?? '', /85 %/);
      assert.match(warned[0] ?? '', /The budget cannot count 1 request this month: its model has no price/);
      add('qwen3-coder-plus', 10, 10);
      add('gpt-4.1', 100, 100); // past 100 %
      await until(() => service.report().monthTotals.requests === 4);
      assert.strictEqual(await service.gate.admit(), false, 'cancelled at the question');
      assert.deepStrictEqual(asked, [2], 'the question is told how many requests it cannot count');
    } finally {
      service.dispose();
      await service.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
