import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  BudgetGate, UsageStore, completionRequest, isUsageFile, readPricing, watchFolder, usageRecord, usageReport,
  type BudgetAnswer, type BudgetStore, type CountedRequest, type Logger, type RequestRecord, type RunningTotals, type Spending, type UsageReport,
} from '../../core';
import type { UsageView } from '../../shared/protocol';
import type { AnswerRecord } from '../answer-recorder';
import { SECTION, baseUrlHost, readSettings, settingReader, userValue } from '../settings';
import { BudgetDeclined, askPastBudget, budgetWarningText } from './budget-prompt';
import type { UsageSource } from './usage-source';
import { pricingProblemText, skippedLinesText } from './usage-text';
import { WorkspaceOverrideLog } from './workspace-overrides';

export const BUDGET_SETTING = 'budget.monthlyUsd';

/** How the service speaks to the user (VS Code's notifications; tests may watch them). */
export interface UsageUi {
  warn(message: string): void;
  /** `unpricedRequests`: this month's requests the spending cannot count (models without a price). */
  ask(spending: Spending, monthlyUsd: number, unpricedRequests: number): Promise<BudgetAnswer>;
}

const vscodeUi: UsageUi = { warn: (message) => void vscode.window.showWarningMessage(message), ask: askPastBudget };

/** `relayChat.budget.monthlyUsd` from the user's settings (never a workspace's): a number > 0, else no budget. */
export function monthlyBudget(): number {
  return settingReader(vscode.workspace.getConfiguration(SECTION), '').number(BUDGET_SETTING);
}

/**
 * Every request's usage and cost — the panel's chat and Explain, inline completions, `vscode.lm` —
 * kept in the usage folder (shared by all windows: another window's counts arrive through a watch
 * on the folder, never a polling loop), reported to the Usage view and the status bar, and held
 * against the monthly budget (`gate`: what chat, Explain, Continue, the lm provider and completions call).
 */
export class UsageService implements UsageSource, vscode.Disposable {
  readonly store: UsageStore;
  readonly gate: BudgetGate;
  /** The first read of the folder (counts of earlier sessions and other windows). */
  readonly ready: Promise<void>;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private watcher: fs.FSWatcher | undefined;
  /** The pricing value last warned about: the same malformed value is not warned about again. */
  private pricingWarnedFor: string | undefined;

  /** `budgetStore`: the month allowed and the month warned, shared by every window (the shared state file). */
  constructor(readonly folder: string, budgetStore: BudgetStore, private readonly logger: Logger, private readonly ui: UsageUi = vscodeUi) {
    fs.mkdirSync(folder, { recursive: true });
    this.store = new UsageStore(folder, { onError: (e) => logger.warn(`usage file could not be written or read back (the counts are kept and tried again with the next write or read): ${e.message}`) });
    this.gate = new BudgetGate({
      monthlyUsd: monthlyBudget, spending: () => this.spending(), store: budgetStore, ask: (s, b) => this.ui.ask(s, b, this.unpricedThisMonth()), declined: () => new BudgetDeclined(),
    });
    const offChange = this.store.onChange(() => this.countsChanged());
    // Logged as each read finds them; the Usage view lists every file's (no notification: each window would show one).
    const offSkipped = this.store.onSkipped((file, lines) => logger.warn(skippedLinesText({ file, count: lines.length, lines })));
    const offGate = this.gate.onChange(() => this.changed.fire());
    this.subscriptions.push(
      { dispose: () => (offChange(), offSkipped(), offGate()) },
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.pricing`)) this.checkPricing();
        if (e.affectsConfiguration(`${SECTION}.${BUDGET_SETTING}`)) this.countsChanged();
      }),
      new WorkspaceOverrideLog(logger),
    );
    this.ready = this.refresh();
    this.watch();
    this.checkPricing();
  }

  /** A chat, Explain or `vscode.lm` answer (from the AnswerRecorder). */
  recordAnswer(answer: AnswerRecord): void {
    const { stats } = answer;
    this.record({
      source: answer.source, model: answer.model, provider: stats.provider ?? this.endpointHost(), completionTokens: stats.completionTokens,
      ...(stats.promptTokens !== undefined ? { promptTokens: stats.promptTokens } : {}), estimated: stats.estimated,
      ...(stats.cachedPromptTokens !== undefined ? { cachedTokens: stats.cachedPromptTokens } : {}),
    });
  }

  /** An inline completion request (from the completion engine). */
  recordCompletion(request: RequestRecord): void {
    this.record(completionRequest(request, this.endpointHost()));
  }

  /** Today's and this month's totals of every window, kept running: cheap enough for every request and redraw. */
  totals(): Readonly<RunningTotals> {
    return this.store.totals(Date.now());
  }

  /** What today's inline completions cost in every window: the daily completion budget's count. */
  completionSpentToday(): number {
    return this.totals().todayBySource.completion?.costUsd ?? 0;
  }

  /** The full report, a pass over every record: only for the Usage view (see view()). */
  report(now = Date.now()): UsageReport {
    return usageReport(this.store.records(), now);
  }

  view(): UsageView {
    const budget = monthlyBudget();
    return { locale: vscode.env.language, ...this.report(), ...(budget > 0 ? { budget: { monthlyUsd: budget } } : {}), problems: this.problems() };
  }

  /** What the user should fix or know, localised: malformed pricing entries, usage lines that could not be read. */
  problems(): string[] {
    return [...readPricing(this.pricingSetting()).problems.map(pricingProblemText), ...this.store.skipped.map(skippedLinesText)];
  }

  /** Reads what other windows (or earlier sessions) added. Never rejects: a failure is logged. */
  async refresh(): Promise<void> {
    try {
      await this.store.refresh();
    } catch (e) {
      this.logger.warn(`usage could not be read: ${(e as Error).message}`);
    }
  }

  /** Writes what is pending (deactivation awaits this). */
  async close(): Promise<void> {
    await this.store.flush().catch((e: Error) => this.logger.warn(`usage could not be written: ${e.message}`));
  }

  dispose(): void {
    this.watcher?.close();
    for (const s of this.subscriptions) s.dispose();
    void this.close().finally(() => this.store.dispose());
    this.changed.dispose();
  }

  private record(request: CountedRequest): void {
    this.store.add(usageRecord(request, readSettings().pricing, Date.now()));
  }

  private spending(): Spending {
    const { month, monthTotals } = this.totals();
    return { month, costUsd: monthTotals.costUsd };
  }

  private countsChanged(): void {
    this.changed.fire();
    const budget = monthlyBudget();
    if (this.gate.warningDue()) this.ui.warn(budgetWarningText(this.spending(), budget, this.unpricedThisMonth()));
  }

  private endpointHost(): string {
    const { baseUrl } = readSettings();
    return baseUrlHost(baseUrl) ?? baseUrl;
  }

  /** Another window appended: read the new bytes. fs.watch is inotify here, FSEvents/ReadDirectoryChangesW elsewhere. */
  private watch(): void {
    this.watcher = watchFolder(this.folder, isUsageFile, () => void this.refresh(), (message) => this.logger.warn(`usage: ${message}`));
  }

  /** This month's requests of models without a price: no budget can count them. */
  private unpricedThisMonth(): number {
    return this.totals().monthTotals.unpricedRequests;
  }

  /** The user's `relayChat.pricing` (a workspace's is ignored). */
  private pricingSetting(): unknown {
    return userValue(vscode.workspace.getConfiguration(SECTION), 'pricing');
  }

  /** A malformed pricing entry: a warning naming it, at activation and when the setting changes, once per value. */
  private checkPricing(): void {
    const value = this.pricingSetting();
    const key = JSON.stringify(value) ?? '';
    if (key === this.pricingWarnedFor) return;
    this.pricingWarnedFor = key;
    for (const problem of readPricing(value).problems) {
      const text = pricingProblemText(problem);
      this.logger.warn(text);
      this.ui.warn(text);
    }
    this.changed.fire();
  }
}
