import type { UsageDay } from '../../shared/protocol';
import { h, t } from '../dom';
import type { UsageFormat } from './format';
import { dayValue, niceMax, OTHER, seriesOf, type Metric, type Series } from './series';

const SVG = 'http://www.w3.org/2000/svg';
/** The drawing's own units: each day a slot of SLOT, bars BAR wide, the axis top at HEIGHT. */
const SLOT = 10;
const BAR = 7;
const HEIGHT = 100;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export interface ChartState {
  /** The day shown in the tooltip (hovered, or chosen with the arrow keys), if any. */
  selected?: number | undefined;
}

/**
 * The last 30 days as stacked bars, one stack per model (SVG built with DOM APIs, colours from the
 * theme's `--vscode-charts-*`). For assistive technology the drawing is one image with a summary,
 * and a visually hidden table holds every number; hovering a bar, or focusing the chart and using
 * the arrow keys, shows that day's numbers.
 */
export class UsageChart {
  readonly element: HTMLElement;
  private readonly series: Series[];
  private readonly max: number;
  private readonly drawing: SVGSVGElement;
  private readonly tip = h('div', { class: 'usage-tip', 'aria-live': 'polite', hidden: true });
  private selected: number | undefined;

  constructor(private readonly days: UsageDay[], private readonly metric: Metric, private readonly fmt: UsageFormat, state: ChartState = {}) {
    this.series = seriesOf(days, metric);
    this.max = niceMax(Math.max(0, ...days.map((d) => this.total(d))));
    this.drawing = this.draw();
    this.element = h('figure', { class: 'usage-chart' },
      h('div', { class: 'usage-plot' },
        h('div', { class: 'usage-axis muted', 'aria-hidden': 'true' }, h('span', {}, this.format(this.max)), h('span', {}, this.format(0))),
        h('div', { class: 'usage-bars' }, this.drawing, this.tip)),
      this.dates(), this.legend(), this.table());
    if (state.selected !== undefined) this.select(state.selected);
  }

  get state(): ChartState {
    return { selected: this.selected };
  }

  focus(): void {
    this.drawing.focus();
  }

  private name(s: Series): string {
    return s.key === OTHER ? t('usageOther') : s.key;
  }

  private format(v: number, compact = true): string {
    return this.metric === 'cost' ? this.fmt.money(v) : this.fmt.tokens(v, compact);
  }

  private total(day: UsageDay): number {
    return this.series.reduce((sum, s) => sum + dayValue(day, s, this.metric), 0);
  }

  private draw(): SVGSVGElement {
    const width = this.days.length * SLOT;
    const root = svg('svg', { viewBox: `0 0 ${width} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img', tabindex: 0, 'aria-label': this.summary() });
    for (const y of [0, HEIGHT / 2]) root.append(svg('line', { class: 'grid', x1: 0, x2: width, y1: y, y2: y, 'vector-effect': 'non-scaling-stroke' }));
    this.days.forEach((day, i) => {
      // The band behind the bars marks the day whose numbers show.
      const g = svg('g', { class: 'day', 'data-day': day.day });
      g.append(svg('rect', { class: 'band', x: i * SLOT, y: 0, width: SLOT, height: HEIGHT }));
      let top = HEIGHT;
      for (const s of this.series) {
        const v = dayValue(day, s, this.metric);
        if (!(v > 0)) continue;
        const height = (v / this.max) * HEIGHT;
        top -= height;
        g.append(svg('rect', { class: `bar series-${s.colour}`, x: i * SLOT + (SLOT - BAR) / 2, y: top, width: BAR, height, 'data-model': s.key, 'vector-effect': 'non-scaling-stroke' }));
      }
      root.append(g);
    });
    root.append(svg('line', { class: 'baseline', x1: 0, x2: width, y1: HEIGHT, y2: HEIGHT, 'vector-effect': 'non-scaling-stroke' }));
    root.addEventListener('pointermove', (e) => {
      const box = root.getBoundingClientRect();
      if (box.width > 0) this.select(Math.floor(((e.clientX - box.left) / box.width) * this.days.length));
    });
    root.addEventListener('pointerleave', () => { if (document.activeElement !== root) this.select(undefined); });
    root.addEventListener('focus', () => this.select(this.selected ?? this.days.length - 1));
    root.addEventListener('blur', () => this.select(undefined));
    root.addEventListener('keydown', (e) => this.key(e));
    return root;
  }

  private key(e: KeyboardEvent): void {
    const last = this.days.length - 1;
    const at = this.selected ?? last;
    const next = ({ ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: last } as Record<string, number>)[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.select(Math.max(0, Math.min(last, next)));
  }

  /** Shows one day's numbers over its bar (or hides them). */
  private select(index: number | undefined): void {
    const day = index === undefined ? undefined : this.days[Math.max(0, Math.min(this.days.length - 1, index))];
    this.selected = day ? this.days.indexOf(day) : undefined;
    for (const g of this.drawing.querySelectorAll('.day')) g.classList.toggle('selected', g.getAttribute('data-day') === day?.day);
    this.tip.hidden = !day;
    if (!day) return;
    const lines = this.series.map((s) => ({ s, v: dayValue(day, s, this.metric) })).filter(({ v }) => v > 0);
    this.tip.replaceChildren(
      h('strong', {}, this.fmt.day(day.day, true)),
      h('div', {}, t('usageDayTotal', this.format(this.total(day), false))),
      ...lines.map(({ s, v }) => h('div', { class: 'usage-tip-line' }, h('span', { class: `swatch series-${s.colour}`, 'aria-hidden': 'true' }), `${this.name(s)}: ${this.format(v, false)}`)),
      ...(lines.length ? [] : [h('div', { class: 'muted' }, t('usageNothing'))]));
    // Centred over the bar, kept inside the chart (a percentage of the plot's width).
    const centre = ((this.selected! + 0.5) / this.days.length) * 100;
    this.tip.style.left = `${Math.min(80, Math.max(20, centre))}%`;
  }

  private summary(): string {
    const first = this.days[0]?.day;
    const last = this.days[this.days.length - 1]?.day;
    const sum = this.series.reduce((s, x) => s + x.total, 0);
    const top = this.series[0];
    const range = first && last ? [this.fmt.day(first, true), this.fmt.day(last, true)] : ['', ''];
    return t(this.metric === 'cost' ? 'usageChartCost' : 'usageChartTokens', range[0]!, range[1]!, this.format(sum, false))
      + (top ? ' ' + t('usageChartTop', this.name(top), this.format(top.total, false)) : '');
  }

  private dates(): HTMLElement {
    const first = this.days[0];
    const last = this.days[this.days.length - 1];
    return h('div', { class: 'usage-dates muted', 'aria-hidden': 'true' }, h('span', {}, first ? this.fmt.day(first.day) : ''), h('span', {}, last ? this.fmt.day(last.day) : ''));
  }

  private legend(): HTMLElement {
    return h('ul', { class: 'usage-legend', 'aria-hidden': 'true' }, ...this.series.map((s) =>
      h('li', { 'data-model': s.key }, h('span', { class: `swatch series-${s.colour}` }), h('span', { class: 'name' }, this.name(s)), h('span', { class: 'muted' }, this.format(s.total, false)))));
  }

  /** Every number of the drawing, for screen readers (class sr-only: not shown). */
  private table(): HTMLElement {
    const head = h('tr', {}, h('th', { scope: 'col' }, t('usageDay')), ...this.series.map((s) => h('th', { scope: 'col' }, this.name(s))), h('th', { scope: 'col' }, t('usageTotal')));
    const rows = this.days.map((d) => h('tr', {}, h('th', { scope: 'row' }, this.fmt.day(d.day, true)),
      ...this.series.map((s) => h('td', {}, this.format(dayValue(d, s, this.metric), false))), h('td', {}, this.format(this.total(d), false))));
    return h('table', { class: 'sr-only usage-data' }, h('caption', {}, this.summary()), h('thead', {}, head), h('tbody', {}, ...rows));
  }
}
