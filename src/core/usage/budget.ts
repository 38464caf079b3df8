import type { KeyValueStore } from '../util/key-value-store';
import type { SharedStore } from '../util/shared-state-file';
import { SHARED_KEYS } from '../util/shared-state-keys';

/**
 * Where the gate keeps the month allowed and the month warned. The extension gives it the shared state
 * file (every window sees them; see SHARED_KEYS); a plain store (tests, a Map) works without `onChange`
 * (no other window) and `claim` (no race for the warning).
 */
export type BudgetStore = KeyValueStore & Partial<Pick<SharedStore, 'onChange' | 'claim'>>;

/** Where this month's spending stands against `relayChat.budget.monthlyUsd`. */
export type BudgetLevel = 'none' | 'ok' | 'warn' | 'over';

export const BUDGET_WARN_AT = 0.8;

export function budgetLevel(spentUsd: number, monthlyUsd: number): BudgetLevel {
  if (!(monthlyUsd > 0)) return 'none';
  if (spentUsd >= monthlyUsd) return 'over';
  return spentUsd >= monthlyUsd * BUDGET_WARN_AT ? 'warn' : 'ok';
}

/** The user's answer when a request would go past the budget. */
export type BudgetAnswer = 'once' | 'month' | 'cancel';

export interface Spending {
  /** Local month, YYYY-MM. */
  month: string;
  costUsd: number;
}

export interface BudgetGateDeps {
  monthlyUsd(): number;
  spending(): Spending;
  /** Remembers the month allowed and the month warned across reloads and windows (the shared state file in the extension). */
  store: BudgetStore;
  /** Asks the user (a modal in the extension); one question at a time. */
  ask(spending: Spending, monthlyUsd: number): Promise<BudgetAnswer>;
  /** The refusal pass() rejects with when the user cancels: its message says what happened and what to do. */
  declined?(): Error;
}

const ALLOWED_KEY = SHARED_KEYS.allowedMonth;
const WARNED_KEY = SHARED_KEYS.warnedMonth;

/**
 * The monthly budget's gate, the one every way of spending tokens calls. Below the budget everything
 * goes. At or past it, a request that can ask — chat, Explain, Continue, `vscode.lm` — asks first
 * (send this once, allow for the rest of the month, or cancel: pass(), or admit() for the one request
 * nobody started, the automatic continuation), and inline completions (which cannot ask at every
 * keystroke) pause until the month is allowed, the budget raised, or a new month starts
 * (completionsBlocked).
 */
export class BudgetGate {
  private question: Promise<BudgetAnswer> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: BudgetGateDeps) {
    // Another window allowed the month: this window's completions resume too.
    deps.store.onChange?.((keys) => {
      if (keys.includes(ALLOWED_KEY)) for (const listener of this.listeners) listener();
    });
  }

  get level(): BudgetLevel {
    return budgetLevel(this.deps.spending().costUsd, this.deps.monthlyUsd());
  }

  /** The user allowed going past the budget for the rest of this month. */
  get allowedThisMonth(): boolean {
    return this.deps.store.get<string>(ALLOWED_KEY) === this.deps.spending().month;
  }

  /**
   * A request someone asked for (chat, Explain, Continue, `vscode.lm`): resolves when it may go, asking
   * once the month is at or past the budget; a Cancel rejects with the `declined` error, which the
   * caller shows where that request's errors go (under the composer, in a notification, to the
   * extension that asked).
   */
  async pass(): Promise<void> {
    if (!(await this.admit())) throw this.deps.declined?.() ?? new Error('Not sent: past the monthly budget, and the user chose Cancel.');
  }

  /** Whether a request that can ask may go: asks once the month is at or past the budget (false: cancelled, nothing said). */
  async admit(): Promise<boolean> {
    if (this.level !== 'over' || this.allowedThisMonth) return true;
    // Requests that arrive while the question is open share its answer.
    this.question ??= this.deps.ask(this.deps.spending(), this.deps.monthlyUsd()).finally(() => (this.question = undefined));
    const answer = await this.question;
    if (answer === 'month') await this.allowMonth();
    return answer !== 'cancel';
  }

  /** Inline completions: paused while over the budget and not allowed. */
  get completionsBlocked(): boolean {
    return this.level === 'over' && !this.allowedThisMonth;
  }

  async allowMonth(): Promise<void> {
    await this.deps.store.set(ALLOWED_KEY, this.deps.spending().month);
    for (const listener of this.listeners) listener();
  }

  /** The allowance changed (completions may resume). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The 80 % (or 100 %) warning is due: true once per month, remembered across reloads (the caller
   * shows it), and in only one window when several cross 80 % together (an exclusive claim per month).
   * Not due while under 80 % or with no budget.
   */
  warningDue(): boolean {
    const level = this.level;
    if (level !== 'warn' && level !== 'over') return false;
    const { month } = this.deps.spending();
    if (this.deps.store.get<string>(WARNED_KEY) === month) return false;
    if (this.deps.store.claim?.(`budget-warned-${month}`) === false) return false;
    void Promise.resolve(this.deps.store.set(WARNED_KEY, month)).catch(() => undefined);
    return true;
  }
}

/** What a request that can ask is given: the gate, or OPEN_GATE where no budget applies (tests). */
export type RequestGate = Pick<BudgetGate, 'admit' | 'pass'>;

export const OPEN_GATE: RequestGate = { admit: async () => true, pass: async () => undefined };
