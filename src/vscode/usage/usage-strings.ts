import * as vscode from 'vscode';
import type { UiStrings } from '../../shared/protocol';

/** Every word of the panel's Usage view. {0}… are numbers, dates and names the view fills in, formatted for the locale. */
export function usageStrings(): UiStrings {
  return {
    usageOpen: vscode.l10n.t('Usage and cost'), usageTitle: vscode.l10n.t('Usage'), usageBack: vscode.l10n.t('Back to the chat'), usageLoading: vscode.l10n.t('Loading usage…'),
    usageToday: vscode.l10n.t('Today'), usageThisMonth: vscode.l10n.t('This month'), usageTokensRequests: vscode.l10n.t('{0} tokens · {1} requests'), usageTokensOneRequest: vscode.l10n.t('{0} tokens · 1 request'),
    usageCached: vscode.l10n.t('{0} prompt tokens from the cache'), usageCachedShort: vscode.l10n.t('{0} cached'),
    usageEstimatedNote: vscode.l10n.t('≈ Some counts are estimated: the relay did not report them, or reported them as estimates.'),
    usageUnpricedNote: vscode.l10n.t('{0} tokens are of models without a price, so the cost leaves them out. Add their prices (US dollars per million input and output tokens) to the setting {1}.'),
    usageBudget: vscode.l10n.t('Monthly budget'), usageBudgetOf: vscode.l10n.t('{0} of {1} ({2})'),
    usageBudgetNear: vscode.l10n.t('Close to the budget.'), usageBudgetOver: vscode.l10n.t('Over the budget.'),
    usageUnpricedRequests: vscode.l10n.t('{0} requests without a price'), usageUnpricedOneRequest: vscode.l10n.t('1 request without a price'),
    usageBudgetUnpriced: vscode.l10n.t('{0} requests without a price: the budget cannot count them.'),
    usageBudgetUnpricedOne: vscode.l10n.t('1 request without a price: the budget cannot count it.'),
    usageLast30: vscode.l10n.t('Last 30 days'), usageShow: vscode.l10n.t('Show'), usageCost: vscode.l10n.t('Cost'), usageTokens: vscode.l10n.t('Tokens'), usageRequests: vscode.l10n.t('Requests'),
    usageChartCost: vscode.l10n.t('Cost per day by model, {0} to {1}: {2} in total.'), usageChartTokens: vscode.l10n.t('Tokens per day by model, {0} to {1}: {2} in total.'),
    usageChartTop: vscode.l10n.t('The most: {0}, {1}.'), usageDay: vscode.l10n.t('Day'), usageTotal: vscode.l10n.t('Total'), usageDayTotal: vscode.l10n.t('Total: {0}'),
    usageNothing: vscode.l10n.t('Nothing this day.'), usageOther: vscode.l10n.t('Other models'),
    usageUnpricedModels: vscode.l10n.t('Without a price, so shown under Tokens only: {0}'),
    usageByModel: vscode.l10n.t('This month by model'), usageByProvider: vscode.l10n.t('This month by provider'), usageBySource: vscode.l10n.t('This month by source'),
    usageModel: vscode.l10n.t('Model'), usageProvider: vscode.l10n.t('Provider'), usageSource: vscode.l10n.t('Source'),
    usageSource_chat: vscode.l10n.t('Chat'), usageSource_explain: vscode.l10n.t('Explain Selection'), usageSource_completion: vscode.l10n.t('Inline suggestions'), usageSource_lm: vscode.l10n.t('Other extensions'),
    usageNoPrice: vscode.l10n.t('no price'), usagePlusUnpriced: vscode.l10n.t('+ tokens without a price'),
    usageEmpty: vscode.l10n.t('No usage yet.'),
    usageEmptyHow: vscode.l10n.t('Tokens and costs of chat answers, explanations and inline suggestions show here, per day and per model, once you use them.'),
  };
}
