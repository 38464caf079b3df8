import * as vscode from 'vscode';
import type { BudgetAnswer, Spending } from '../../core';
import { budgetUnpricedText, usd } from './usage-text';

/** A request not sent because the user cancelled at the budget question (BudgetGate.pass); the message says so. */
export class BudgetDeclined extends Error {
  constructor() {
    super(vscode.l10n.t('Not sent: this month\'s spending is past your Relay Chat budget and you chose Cancel. To send, try again and allow it, or raise relayChat.budget.monthlyUsd.'));
    this.name = 'BudgetDeclined';
  }
}

/**
 * The modal at 100 %: send this once, allow for the rest of the month, or cancel (closing it cancels).
 * `unpricedRequests`: this month's requests of models without a price, which the spending leaves out.
 */
export async function askPastBudget(spending: Spending, monthlyUsd: number, unpricedRequests = 0): Promise<BudgetAnswer> {
  const once = vscode.l10n.t('Send This Once');
  const month = vscode.l10n.t('Allow for This Month');
  const detail = [vscode.l10n.t('Send this request anyway? "Allow for This Month" stops asking (and lets inline completions run) until {0} ends.', spending.month), budgetUnpricedText(unpricedRequests)];
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Relay Chat has spent {0} this month, past your budget of {1}.', usd(spending.costUsd), usd(monthlyUsd)),
    { modal: true, detail: detail.filter(Boolean).join('\n\n') },
    once, month,
  );
  return choice === once ? 'once' : choice === month ? 'month' : 'cancel';
}

/** The 80 % warning (once a month), with what the spending cannot count. */
export function budgetWarningText(spending: Spending, monthlyUsd: number, unpricedRequests = 0): string {
  const percent = Math.floor((spending.costUsd / monthlyUsd) * 100);
  const text = vscode.l10n.t('Relay Chat has spent {0} of your {1} monthly budget this month ({2} %). At 100 % it asks before each request and inline completions pause.', usd(spending.costUsd), usd(monthlyUsd), percent);
  const unpriced = budgetUnpricedText(unpricedRequests);
  return unpriced ? `${text} ${unpriced}` : text;
}
