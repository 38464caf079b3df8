import * as vscode from 'vscode';
import type { PricingProblem, SkippedLines, UsageTotals } from '../../core';

/** A malformed `relayChat.pricing` entry, named, with what is expected. */
export function pricingProblemText(problem: PricingProblem): string {
  switch (problem.kind) {
    case 'not-object':
      return problem.model
        ? vscode.l10n.t('relayChat.pricing: the entry "{0}" is not a price. Expected {"input": …, "output": …} in US dollars per million tokens; this model is not priced until fixed.', problem.model)
        : vscode.l10n.t('relayChat.pricing must map model names to prices, e.g. {"my-model": {"input": 1, "output": 2}} (US dollars per million tokens). The default prices apply until fixed.');
    case 'output':
      return vscode.l10n.t('relayChat.pricing: the entry "{0}" needs "output", a number ≥ 0 (US dollars per million completion tokens); this model is not priced until fixed.', problem.model);
    case 'input':
      return vscode.l10n.t('relayChat.pricing: in the entry "{0}", "input" must be a number ≥ 0 (US dollars per million prompt tokens); this model is not priced until fixed.', problem.model);
    case 'cachedInput':
      return vscode.l10n.t('relayChat.pricing: in the entry "{0}", "cachedInput" must be a number ≥ 0 (US dollars per million cached prompt tokens); this model is not priced until fixed.', problem.model);
    case 'unknown-key':
      return vscode.l10n.t('relayChat.pricing: the entry "{0}" has "{1}", which is not a price field: use "input", "cachedInput" and "output".', problem.model, problem.key ?? '');
  }
}

/** Lines of a usage file that could not be read: which file, how many, which lines, and that the rest counts. */
export function skippedLinesText(skipped: SkippedLines): string {
  const more = skipped.count > skipped.lines.length ? ', …' : '';
  return skipped.count === 1
    ? vscode.l10n.t('The usage file {0} has a line that could not be read (line {1}): it is skipped and left in the file as it is; every other line counts.', skipped.file, skipped.lines[0] ?? '?')
    : vscode.l10n.t('The usage file {0} has {1} lines that could not be read (lines {2}): they are skipped and left in the file as they are; every other line counts.', skipped.file, skipped.count, skipped.lines.join(', ') + more);
}

/** US dollars, with more digits for small sums (completions cost fractions of a cent). */
export function usd(value: number): string {
  return `$${value.toFixed(value > 0 && value < 0.1 ? 4 : 2)}`;
}

/** "$1.23, 45,678 tokens (estimated) · 2 requests without a price (1,234 tokens)" for the status bar's tooltip. */
export function totalsText(totals: UsageTotals): string {
  const count = (n: number) => n.toLocaleString(vscode.env.language);
  const tokens = count(totals.promptTokens + totals.completionTokens);
  const text = totals.requests === 1 ? vscode.l10n.t('{0}, {1} tokens, 1 request', usd(totals.costUsd), tokens) : vscode.l10n.t('{0}, {1} tokens, {2} requests', usd(totals.costUsd), tokens, totals.requests);
  const unpriced = !totals.unpricedRequests ? ''
    : ` · ${totals.unpricedRequests === 1 ? vscode.l10n.t('1 request without a price ({0} tokens)', count(totals.unpricedTokens))
      : vscode.l10n.t('{0} requests without a price ({1} tokens)', count(totals.unpricedRequests), count(totals.unpricedTokens))}`;
  return `${text}${totals.estimated ? ` (${vscode.l10n.t('estimated')})` : ''}${unpriced}`;
}

/** What a budget cannot count: this month's requests of models without a price ('' when there are none). */
export function budgetUnpricedText(unpricedRequests: number): string {
  if (!unpricedRequests) return '';
  return unpricedRequests === 1
    ? vscode.l10n.t('The budget cannot count 1 request this month: its model has no price. Add its price to relayChat.pricing in your user settings.')
    : vscode.l10n.t('The budget cannot count {0} requests this month: their models have no price. Add their prices to relayChat.pricing in your user settings.', unpricedRequests.toLocaleString(vscode.env.language));
}

/** A workspace's value for a setting only the user's settings decide (logged once per value). */
export function workspaceOverrideText(key: string): string {
  return vscode.l10n.t('{0} is set in this workspace\'s settings and is ignored: Relay Chat reads prices and budgets from your user settings only.', key);
}
