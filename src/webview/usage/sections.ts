import type { UsageLine, UsageTotals, UsageView } from '../../shared/protocol';
import { button, h, icon, t } from '../dom';
import type { UsageFormat } from './format';

/** Budget use from which the bar turns to the warning colour (the host warns at the same point). */
export const BUDGET_WARNING = 0.8;

const MARK = '\u0000';
/** A localised sentence whose {n} was filled with MARK, the mark replaced by `code` (a setting's name). */
const withCode = (sentence: string, code: string) => sentence.split(MARK).flatMap((part, i) => (i ? [h('code', {}, code), part] : [part]));

/** "N requests without a price" ('' when every request has one). */
const unpricedCount = (n: number, fmt: UsageFormat) => (n === 1 ? t('usageUnpricedOneRequest') : t('usageUnpricedRequests', fmt.number(n)));

/** Today's or the month's totals: the cost large, tokens and requests under it, and what the cost leaves out. */
export function totalsCard(title: string, totals: UsageTotals, fmt: UsageFormat): HTMLElement {
  return h('section', { class: 'usage-card' },
    h('h3', {}, title),
    h('div', { class: 'usage-cost' }, fmt.cost(totals)),
    h('div', { class: 'muted' }, totals.requests === 1 ? t('usageTokensOneRequest', fmt.tokens(totals.promptTokens + totals.completionTokens)) : t('usageTokensRequests', fmt.tokens(totals.promptTokens + totals.completionTokens), fmt.number(totals.requests))),
    cachedNote(totals, fmt),
    totals.unpricedRequests > 0 ? h('div', { class: 'usage-unpriced-count' }, icon('warning'), unpricedCount(totals.unpricedRequests, fmt)) : undefined);
}

/** "12,345 prompt tokens from the cache" under the tokens, when the relays reported any (they cost less). */
function cachedNote(totals: UsageTotals, fmt: UsageFormat, short = false): HTMLElement | undefined {
  // A table cell in a narrow side bar takes the short form: the long one pushed the cost column out of view.
  return totals.cachedTokens > 0 ? h('div', { class: 'muted usage-cached' }, t(short ? 'usageCachedShort' : 'usageCached', fmt.tokens(totals.cachedTokens))) : undefined;
}

/** What the totals need said: that "≈" means estimated, and which tokens have no price (and where to add one). */
export function notes(usage: UsageView, fmt: UsageFormat, openSettings: () => void): HTMLElement | undefined {
  const items: HTMLElement[] = [];
  if (usage.today.estimated || usage.monthTotals.estimated) items.push(h('p', { class: 'usage-note' }, icon('info'), h('span', {}, t('usageEstimatedNote'))));
  if (usage.monthTotals.unpricedTokens > 0) {
    items.push(h('p', { class: 'usage-note' }, icon('warning'),
      h('span', {}, ...withCode(t('usageUnpricedNote', fmt.tokens(usage.monthTotals.unpricedTokens), MARK), 'relayChat.pricing')),
      button('settings-gear', t('fix_openSettings'), openSettings, { text: true, className: 'secondary' })));
  }
  return items.length ? h('div', { class: 'usage-notes' }, ...items) : undefined;
}

/** The month's spending against `relayChat.budget.monthlyUsd`: a bar, warning colour from 80 %, error colour past 100 %. */
export function budgetBar(usage: UsageView, fmt: UsageFormat): HTMLElement | undefined {
  const budget = usage.budget?.monthlyUsd;
  if (!(budget && budget > 0)) return undefined;
  const used = usage.monthTotals.costUsd / budget;
  // Requests of models without a price are not in the cost: the bar cannot show them, so it says how many.
  const unpriced = usage.monthTotals.unpricedRequests;
  const state = used > 1 ? 'over' : used >= BUDGET_WARNING ? 'warning' : 'ok';
  const text = t('usageBudgetOf', fmt.cost(usage.monthTotals), fmt.money(budget), fmt.ratio(used));
  const fill = h('div', { class: 'usage-budget-fill' });
  fill.style.width = `${Math.min(100, used * 100)}%`;
  return h('section', { class: `usage-budget ${state}` },
    h('h3', {}, t('usageBudget')),
    h('div', { class: 'usage-budget-track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(Math.round(used * 100)), 'aria-valuetext': text, 'aria-label': t('usageBudget') }, fill),
    h('p', { class: 'usage-budget-text' }, state === 'ok' ? undefined : icon(state === 'over' ? 'error' : 'warning'), text,
      state === 'over' ? ` ${t('usageBudgetOver')}` : state === 'warning' ? ` ${t('usageBudgetNear')}` : ''),
    unpriced ? h('p', { class: 'usage-budget-unpriced' }, icon('warning'),
      unpriced === 1 ? t('usageBudgetUnpricedOne') : t('usageBudgetUnpriced', fmt.number(unpriced))) : undefined);
}

/** The month by model, provider or source: requests, tokens, cost ("no price" for unpriced models). */
export function linesTable(caption: string, keyHeading: string, lines: UsageLine[], fmt: UsageFormat, name: (key: string) => string = (k) => k): HTMLElement | undefined {
  if (!lines.length) return undefined;
  const cost = (l: UsageLine) => (l.costUsd === 0 && l.unpricedTokens > 0 ? [t('usageNoPrice')]
    : [fmt.cost(l), l.unpricedTokens > 0 ? h('div', { class: 'muted usage-plus' }, t('usagePlusUnpriced')) : '']);
  return h('table', { class: 'usage-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, keyHeading), h('th', { scope: 'col' }, t('usageRequests')), h('th', { scope: 'col' }, t('usageTokens')), h('th', { scope: 'col' }, t('usageCost')))),
    h('tbody', {}, ...lines.map((l) => h('tr', {},
      h('th', { scope: 'row' }, name(l.key)), h('td', {}, fmt.number(l.requests)), h('td', {}, fmt.tokens(l.promptTokens + l.completionTokens), cachedNote(l, fmt, true)), h('td', {}, ...cost(l))))));
}

/** Problems the host found (a malformed pricing entry, a usage file set aside), already localised. */
export function problemList(problems: string[]): HTMLElement | undefined {
  if (!problems.length) return undefined;
  return h('ul', { class: 'usage-problems', role: 'alert' }, ...problems.map((p) => h('li', {}, icon('warning'), h('span', {}, p))));
}

/** What a new user sees: nothing counted yet, and what will be. */
export function emptyState(): HTMLElement {
  return h('div', { class: 'empty usage-empty' }, icon('graph'), h('p', {}, t('usageEmpty')), h('p', { class: 'muted' }, t('usageEmptyHow')));
}
