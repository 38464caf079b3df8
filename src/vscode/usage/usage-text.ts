import * as vscode from 'vscode';
import type { PricingProblem, SetAsideFile, UsageTotals } from '../../core';

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
    case 'unknown-key':
      return vscode.l10n.t('relayChat.pricing: the entry "{0}" has "{1}", which is not a price field: use "input" and "output".', problem.model, problem.key ?? '');
  }
}

/** An unreadable usage file: where it went, and that counting goes on. */
export function setAsideText(file: SetAsideFile): string {
  return vscode.l10n.t('The usage file {0} could not be read (line {1}): it was set aside as {2}, kept as it was, and counting goes on in a new file.', file.file, file.line, file.movedTo);
}

/** US dollars, with more digits for small sums (completions cost fractions of a cent). */
export function usd(value: number): string {
  return `$${value.toFixed(value > 0 && value < 0.1 ? 4 : 2)}`;
}

/** "$1.23, 45,678 tokens (estimated)" for the status bar's tooltip. */
export function totalsText(totals: UsageTotals): string {
  const tokens = (totals.promptTokens + totals.completionTokens).toLocaleString(vscode.env.language);
  const text = totals.requests === 1 ? vscode.l10n.t('{0}, {1} tokens, 1 request', usd(totals.costUsd), tokens) : vscode.l10n.t('{0}, {1} tokens, {2} requests', usd(totals.costUsd), tokens, totals.requests);
  const unpriced = totals.unpricedTokens ? ` · ${vscode.l10n.t('{0} tokens without a price', totals.unpricedTokens.toLocaleString(vscode.env.language))}` : '';
  return `${text}${totals.estimated ? ` (${vscode.l10n.t('estimated')})` : ''}${unpriced}`;
}
