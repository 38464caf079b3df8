import type { UsageSourceKind, UsageView } from '../../shared/protocol';
import { button, h, t } from '../dom';
import { UsageChart } from './chart';
import { UsageFormat } from './format';
import { budgetBar, emptyState, linesTable, notes, problemList, totalsCard } from './sections';
import { seriesOf, type Metric } from './series';
import './usage.css';

export interface UsagePanelActions {
  /** The view was closed (Back, Escape): the chat shows again. */
  close(): void;
  openSettings(): void;
}

const SOURCES: readonly UsageSourceKind[] = ['chat', 'explain', 'completion', 'lm'];

/**
 * The Usage view: today's and the month's totals, the budget, the last 30 days by model and the month's
 * tables. It is built beside the chat, never in place of it: opening hides the chat, closing shows it as it was.
 * Each `usage` from the host rebuilds the content; the chosen metric, the selected day and the scroll stay.
 */
export class UsagePanel {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'usage-body' });
  private readonly heading = h('h1', { class: 'title', id: 'usage-title', tabindex: '-1' });
  private usage: UsageView | undefined;
  private metric: Metric | undefined;
  private chart: UsageChart | undefined;

  constructor(private readonly actions: UsagePanelActions) {
    this.heading.textContent = t('usageTitle');
    this.element = h('section', { class: 'usage-view', 'aria-labelledby': 'usage-title', hidden: true },
      h('div', { class: 'toolbar' }, button('arrow-left', t('usageBack'), () => actions.close()), this.heading),
      this.body);
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        actions.close();
      }
    });
    this.body.append(h('p', { class: 'muted usage-loading' }, t('usageLoading')));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  show(open: boolean): void {
    this.element.hidden = !open;
    if (open) this.heading.focus();
  }

  update(usage: UsageView): void {
    this.usage = usage;
    this.render();
  }

  private render(): void {
    const usage = this.usage;
    if (!usage) return;
    const fmt = new UsageFormat(usage.locale);
    const scroll = this.body.scrollTop;
    // An update replaces the content: focus on the chart or a Cost/Tokens button moves to the new one.
    const chartFocused = !!this.chart && this.chart.element.contains(document.activeElement);
    const metricFocused = document.activeElement?.closest('.usage-metric')?.getAttribute('data-metric');
    this.heading.textContent = `${t('usageTitle')} · ${fmt.month(usage.month)}`;
    const nothing = usage.monthTotals.requests === 0 && usage.days.every((d) => Object.keys(d.byModel).length === 0);
    if (nothing) {
      this.chart = undefined;
      this.body.replaceChildren(...[problemList(usage.problems), emptyState()].filter((e) => e !== undefined));
      return;
    }
    // Cost unless nothing has a price yet: then the chart would be empty, and Tokens says more.
    const metric = this.metric ?? (seriesOf(usage.days, 'cost').length ? 'cost' : 'tokens');
    this.chart = new UsageChart(usage.days, metric, fmt, this.chart?.state);
    const source = (k: string) => (SOURCES.includes(k as UsageSourceKind) ? t(`usageSource_${k}`) : k);
    this.body.replaceChildren(...[
      problemList(usage.problems),
      h('div', { class: 'usage-cards' }, totalsCard(t('usageToday'), usage.today, fmt), totalsCard(t('usageThisMonth'), usage.monthTotals, fmt)),
      notes(usage, fmt, this.actions.openSettings),
      budgetBar(usage, fmt),
      h('section', { class: 'usage-days' },
        h('div', { class: 'usage-days-head' }, h('h2', {}, t('usageLast30')), this.toggle(metric)),
        this.chart.element, this.unpricedInCost(usage, metric)),
      linesTable(t('usageByModel'), t('usageModel'), usage.byModel, fmt),
      linesTable(t('usageByProvider'), t('usageProvider'), usage.byProvider, fmt),
      linesTable(t('usageBySource'), t('usageSource'), usage.bySource, fmt, source),
    ].filter((e) => e !== undefined));
    this.body.scrollTop = scroll;
    if (chartFocused) this.chart.focus();
    if (metricFocused) this.focusMetric(metricFocused);
  }

  /** Cost / Tokens: two toggle buttons, the pressed one is the chart's metric. */
  private toggle(metric: Metric): HTMLElement {
    const option = (m: Metric, label: string) => {
      const b = h('button', { type: 'button', class: 'btn usage-metric', 'data-metric': m, 'aria-pressed': String(m === metric) }, label);
      b.addEventListener('click', () => {
        if (this.metric === m && m === metric) return;
        this.metric = m;
        this.render();
        this.focusMetric(m);
      });
      return b;
    };
    return h('div', { class: 'usage-toggle', role: 'group', 'aria-label': t('usageShow') }, option('cost', t('usageCost')), option('tokens', t('usageTokens')));
  }

  private focusMetric(metric: string): void {
    this.element.querySelector<HTMLElement>(`.usage-metric[data-metric="${metric}"]`)?.focus();
  }

  /** In Cost, models without a price draw nothing: say so, and where they are. */
  private unpricedInCost(usage: UsageView, metric: Metric): HTMLElement | undefined {
    if (metric !== 'cost') return undefined;
    const priced = new Set(seriesOf(usage.days, 'cost').flatMap((s) => s.models));
    const unpriced = seriesOf(usage.days, 'tokens').flatMap((s) => s.models).filter((m) => !priced.has(m));
    return unpriced.length ? h('p', { class: 'muted usage-unpriced' }, t('usageUnpricedModels', unpriced.join(', '))) : undefined;
  }
}
