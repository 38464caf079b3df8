import * as vscode from 'vscode';
import {
  AutoModelChoice, CompletionEngine, MAX_SNOOZE_MS, SHARED_KEYS, activeSnooze, emptyTotals,
  type CompletionState, type CompletionTrace, type KeyValueStore, type Logger, type SharedStore, type UsageTotals,
} from '../../core';
import type { ClientService } from '../client-service';
import type { KeyStore } from '../keys';
import type { UsageService } from '../usage/usage-service';
import { COMPLETIONS, readCompletionSettings } from './completion-settings';

/**
 * Owns the completion engine and keeps it in step with VS Code: settings (on/off, model, mode,
 * budget), the key (a new key ends a no-key or rejected-key pause, in every window), the snooze (kept
 * in the shared state file: it holds in every window and across reloads), and the completion model
 * picked from the relay's list when none is set (picked again when the key, the endpoint or the
 * relay's reachability changes).
 */
export class CompletionController implements vscode.Disposable {
  readonly engine: CompletionEngine;
  private readonly autoModel: AutoModelChoice;
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
    private readonly service: ClientService, keys: KeyStore, memento: vscode.Memento, private readonly shared: SharedStore, logger: Logger,
    private readonly usage?: Pick<UsageService, 'recordCompletion' | 'completionSpentToday' | 'totals' | 'gate' | 'onDidChange'>,
  ) {
    this.autoModel = new AutoModelChoice({
      list: () => service.use((client) => client.listModels()),
      chatModel: () => service.settings.model,
      inUse: () => !readCompletionSettings().model,
      changed: () => this.changed.fire(),
      logger,
    });
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
    let lastReason = this.engine.state.reason;
    const offPause = this.engine.pause.onChange((state) => {
      this.scheduleWake(state.until);
      // The offline back-off is over: the relay may be back, and the model list with it.
      if (lastReason === 'offline' && state.reason === null) void this.autoModel.reachable('offline pause ended');
      lastReason = state.reason;
      this.changed.fire();
    });
    const offShared = shared.onChange((changed) => {
      if (changed.includes(SHARED_KEYS.snoozedUntil)) this.applySnooze();
      if (changed.includes(SHARED_KEYS.keyChanged)) this.keyChanged('a key changed in another window');
    });
    this.subscriptions.push(
      { dispose: offPause },
      { dispose: offShared },
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('relayChat')) return;
        const reset = e.affectsConfiguration('relayChat.baseUrl') || e.affectsConfiguration('relayChat.model')
          || e.affectsConfiguration(`${COMPLETIONS}.model`) || e.affectsConfiguration(`${COMPLETIONS}.mode`);
        if (reset) this.engine.reset();
        if (e.affectsConfiguration('relayChat.baseUrl')) void this.autoModel.reset('base URL changed');
        else if (e.affectsConfiguration(`${COMPLETIONS}.model`)) void this.autoModel.reachable('completion model set to automatic');
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
      keys.onDidChange(() => this.keyChanged('key set or removed')),
      // Tell the other windows: their hosts may not announce this window's SecretStorage change.
      keys.onDidChangeHere((origin) => void shared.set(SHARED_KEYS.keyChanged, { origin, at: Date.now() }).catch(() => undefined)),
      // A WebSocket opened: the relay is reachable.
      service.onStatus((status) => {
        if (status.state === 'open') void this.autoModel.reachable('the relay answered');
      }),
    );
    this.syncEnabled();
  }

  /** The completion model: the setting, else a cheap fast one from the relay's list, else the chat model. */
  get model(): string {
    return readCompletionSettings().model || this.autoModel.model;
  }

  /** The relay answered (a request worked, Test Connection passed): a failed automatic choice is made again. */
  relayReachable(reason: string): Promise<void> {
    return this.autoModel.reachable(reason);
  }

  get state(): CompletionState {
    return this.engine.state;
  }

  /** Today's inline completions in every window (undefined without the usage record). */
  completionsToday(): UsageTotals | undefined {
    return this.usage ? this.usage.totals().todayBySource.completion ?? emptyTotals() : undefined;
  }

  /** Snoozes completions in every window (at most a day; a bad number is ignored). Resolves once the other windows can see it. */
  async snooze(minutes: number): Promise<void> {
    if (typeof minutes !== 'number' || !(minutes > 0)) return;
    const until = Date.now() + Math.min(minutes * 60_000, MAX_SNOOZE_MS);
    this.engine.cancel();
    this.engine.pause.pause('snoozed', until);
    await this.shared.set(SHARED_KEYS.snoozedUntil, until).catch(() => undefined);
  }

  /** Resumes this window's completions, and ends the snooze in every window. */
  async resume(): Promise<void> {
    // Cleared first (set() holds the new value at once): syncEnabled must not find the old snooze.
    const cleared = this.shared.get(SHARED_KEYS.snoozedUntil) !== undefined ? this.shared.set(SHARED_KEYS.snoozedUntil, undefined) : undefined;
    this.engine.pause.resume();
    this.syncEnabled();
    await cleared?.catch(() => undefined);
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
    this.applySnooze();
  }

  /**
   * Follows the shared snooze: a snooze set in any window pauses this one unless it is paused for a
   * reason the user must fix (off, no key, budget…: that one says more); a snooze ended anywhere ends here.
   */
  private applySnooze(): void {
    const until = activeSnooze(this.shared.get(SHARED_KEYS.snoozedUntil), Date.now());
    const { reason, until: current } = this.engine.state;
    if (until === undefined) {
      if (reason === 'snoozed') this.engine.pause.resume();
      return;
    }
    if (reason === null || reason === 'rate-limited' || reason === 'offline' || (reason === 'snoozed' && current !== until)) {
      this.engine.cancel();
      this.engine.pause.pause('snoozed', until);
    }
  }

  /** A key was set or removed (here or in another window): no-key and rejected-key pauses end, the automatic model is chosen again. */
  private keyChanged(reason: string): void {
    const paused = this.engine.state.reason;
    if (paused === 'no-key' || paused === 'auth') {
      this.engine.pause.resume();
      this.applySnooze();
    }
    void this.autoModel.reset(reason);
  }

  private observe(trace: CompletionTrace, logger: Logger): void {
    if (trace.type === 'request') {
      const e = trace.end;
      if (!e.error && !e.aborted) void this.autoModel.reachable('a completion request worked');
      logger.debug(`completion request ${trace.id} via ${trace.route} (${trace.model}): ${e.aborted ? 'superseded' : e.error ? e.error.code : 'done'}, ${e.raw.length} chars, ${Math.round(trace.endedAt - trace.startedAt)} ms`);
      this.changed.fire();
    }
  }
}
