import * as vscode from 'vscode';
import { CompletionEngine, pickCompletionModel, type CompletionState, type CompletionTrace, type KeyValueStore, type Logger, type UsageTotals, emptyTotals } from '../../core';
import type { ClientService } from '../client-service';
import type { KeyStore } from '../keys';
import type { UsageService } from '../usage/usage-service';
import { COMPLETIONS, readCompletionSettings } from './completion-settings';

const SNOOZE_KEY = 'relayChat.completionsSnoozedUntil';

/**
 * Owns the completion engine and keeps it in step with VS Code: settings (on/off, model, mode,
 * budget), the key (a new key ends a no-key or rejected-key pause), the snooze (kept across reloads),
 * and the completion model picked from the relay's list when none is set.
 */
export class CompletionController implements vscode.Disposable {
  readonly engine: CompletionEngine;
  private autoModel: string | undefined;
  private wake: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** State or today's usage changed: the status bar redraws. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  /**
   * `usage`: where each request is counted (the usage files every window shares), what today's
   * completions cost in all windows (the daily budget), and the monthly budget that pauses
   * completions (no question at a keystroke).
   */
  constructor(
    private readonly service: ClientService, keys: KeyStore, private readonly memento: vscode.Memento, logger: Logger,
    private readonly usage?: Pick<UsageService, 'recordCompletion' | 'completionSpentToday' | 'totals' | 'gate' | 'onDidChange'>,
  ) {
    const store: KeyValueStore = { get: (key) => memento.get(key), set: (key, value) => memento.update(key, value) };
    this.engine = new CompletionEngine({
      client: () => service.get(),
      settings: () => {
        const s = readCompletionSettings();
        return { model: this.model, mode: s.mode, dailyBudgetUsd: s.dailyBudgetUsd };
      },
      endpoint: () => service.settings.baseUrl,
      store,
      logger,
      observer: (trace) => this.observe(trace, logger),
      counted: (request) => usage?.recordCompletion(request),
      ...(usage ? { spentToday: () => usage.completionSpentToday() } : {}),
      monthBudgetReached: () => usage?.gate.completionsBlocked ?? false,
    });
    const offPause = this.engine.pause.onChange((state) => {
      this.scheduleWake(state.until);
      this.changed.fire();
    });
    this.subscriptions.push(
      { dispose: offPause },
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('relayChat')) return;
        const reset = e.affectsConfiguration('relayChat.baseUrl') || e.affectsConfiguration('relayChat.model')
          || e.affectsConfiguration(`${COMPLETIONS}.model`) || e.affectsConfiguration(`${COMPLETIONS}.mode`);
        if (reset) {
          this.autoModel = undefined;
          this.engine.reset();
        }
        if (e.affectsConfiguration(`${COMPLETIONS}.dailyBudget`) && this.engine.state.reason === 'budget') this.engine.pause.resume();
        this.syncEnabled();
        this.changed.fire();
      }),
      // The counts changed (this window's or another's): another window's completions may have spent
      // today's budget; or the month was allowed past its budget, or the budget raised: completions go on.
      usage?.onDidChange(() => {
        if (this.engine.state.reason === 'month-budget' && !usage.gate.completionsBlocked) this.engine.pause.resume();
        this.engine.checkDailyBudget();
        this.changed.fire();
      }) ?? { dispose: () => undefined },
      keys.onDidChange(() => {
        const reason = this.engine.state.reason;
        if (reason === 'no-key' || reason === 'auth') this.engine.pause.resume();
      }),
    );
    this.syncEnabled();
  }

  /** The completion model: the setting, else a cheap fast one from the relay's list, else the chat model. */
  get model(): string {
    const chosen = readCompletionSettings().model;
    if (chosen) return chosen;
    if (this.autoModel === undefined) {
      this.autoModel = this.service.settings.model;
      void this.service.use((client) => client.listModels()).then(
        (models) => (this.autoModel = pickCompletionModel(models, this.service.settings.model)),
        () => undefined,
      ).then(() => this.changed.fire());
    }
    return this.autoModel;
  }

  get state(): CompletionState {
    return this.engine.state;
  }

  /** Today's inline completions in every window (undefined without the usage record). */
  completionsToday(): UsageTotals | undefined {
    return this.usage ? this.usage.totals().todayBySource.completion ?? emptyTotals() : undefined;
  }

  snooze(minutes: number): void {
    const until = Date.now() + minutes * 60_000;
    void this.memento.update(SNOOZE_KEY, until);
    this.engine.cancel();
    this.engine.pause.pause('snoozed', until);
  }

  resume(): void {
    void this.memento.update(SNOOZE_KEY, undefined);
    this.engine.pause.resume();
    this.syncEnabled();
  }

  /** A timed pause (snooze, rate limit, offline backoff) ends by itself: redraw when it does. */
  private scheduleWake(until: number | undefined): void {
    clearTimeout(this.wake);
    if (until === undefined) return;
    this.wake = setTimeout(() => {
      void this.engine.state; // reading the state ends an expired pause and tells the listeners
      this.changed.fire();
    }, Math.max(0, until - Date.now()) + 50);
  }

  dispose(): void {
    clearTimeout(this.wake);
    this.engine.cancel();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }

  /** Off in settings is a pause of its own; a snooze saved by an earlier window still holds. */
  private syncEnabled(): void {
    const reason = this.engine.state.reason;
    if (!readCompletionSettings().enabled) {
      this.engine.cancel();
      if (reason !== 'disabled') this.engine.pause.pause('disabled');
      return;
    }
    if (reason === 'disabled') this.engine.pause.resume();
    const until = this.memento.get<number>(SNOOZE_KEY);
    if (until && until > Date.now() && this.engine.state.reason === null) this.engine.pause.pause('snoozed', until);
  }

  private observe(trace: CompletionTrace, logger: Logger): void {
    if (trace.type === 'request') {
      const e = trace.end;
      logger.debug(`completion request ${trace.id} via ${trace.route} (${trace.model}): ${e.aborted ? 'superseded' : e.error ? e.error.code : 'done'}, ${e.raw.length} chars, ${Math.round(trace.endedAt - trace.startedAt)} ms`);
      this.changed.fire();
    }
  }
}
