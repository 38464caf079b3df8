// The panel's Usage view in a real DOM (headless Chromium, like markdown-dom.test.ts): the whole webview
// app bundled as the panel loads it, fed the host's messages through the same check as in the panel.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { REPO, launchChromium, type Browser, type Page } from '../../support/dom-page';
import type { HostToWebview, UsageView, WebviewToHost } from '../../../../src/shared/protocol';
import { emptyUsage, realisticUsage } from '../../support/usage-fixture';


interface Panel {
  deliver(message: unknown): void;
  posted: WebviewToHost[];
  app: { handle(m: HostToWebview): void };
}
declare const window: { panel: Panel; webview: { ChatApp: new (host: object, root: HTMLElement) => { handle(m: HostToWebview): void; ready(): void }; isHostToWebview(v: unknown): boolean } };

/** The webview as esbuild bundles it for the panel: the app, its CSS, and the protocol's check. */
function bundle(): { js: string; css: string } {
  const result = buildSync({
    stdin: { contents: "import './src/webview/style.css';\nexport { ChatApp } from './src/webview/app';\nexport { isHostToWebview } from './src/shared/protocol';\n", resolveDir: REPO, loader: 'ts' },
    bundle: true, format: 'iife', globalName: 'webview', platform: 'browser', target: 'es2022', write: false, outdir: path.join(REPO, 'out', 'usage-dom'),
  });
  const file = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))!.text;
  return { js: file('.js'), css: file('.css') };
}

const STRINGS = {
  usageNoPrice: 'no price', usageOther: 'Other models', usageCost: 'Cost', usageTokens: 'Tokens', usageUnpricedModels: 'Without a price: {0}',
  usageUnpricedRequests: '{0} requests without a price', usageUnpricedOneRequest: '1 request without a price',
  usageBudgetUnpriced: '{0} requests without a price: the budget cannot count them.', usageBudgetUnpricedOne: '1 request without a price: the budget cannot count it.',
};
const INIT = {
  type: 'init', model: 'gpt-4.1', perf: false, chats: [], strings: STRINGS,
  chat: { id: 'c1', title: '説明', updatedAt: 0, model: 'gpt-4.1', messages: [
    { id: 'm1', role: 'user', text: 'この関数を説明してください', state: 'complete' },
    { id: 'm2', role: 'assistant', text: 'The function ', state: 'streaming' },
  ] },
};

describe('the Usage view in a real DOM (Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let code: { js: string; css: string };

  before(async () => {
    code = bundle();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewportSize({ width: 420, height: 800 });
  });
  after(async () => browser?.close());

  /** A fresh panel with a chat whose answer is still streaming. */
  beforeEach(async () => {
    await page.setContent('<!doctype html><html><body><div id="app"></div></body></html>');
    await page.addStyleTag({ content: code.css });
    await page.addScriptTag({ content: code.js });
    await page.evaluate((init) => {
      const posted: WebviewToHost[] = [];
      let state: unknown;
      const app = new window.webview.ChatApp({ postMessage: (m: WebviewToHost) => posted.push(m), getState: () => state, setState: (s: unknown) => (state = s) }, document.getElementById('app')!);
      window.panel = { app, posted, deliver: (m) => { if (window.webview.isHostToWebview(m)) app.handle(m as HostToWebview); } };
      app.handle(init as HostToWebview);
    }, INIT);
  });

  const deliver = (message: unknown) => page.evaluate((m) => window.panel.deliver(m), message);
  const open = async (usage: UsageView) => {
    await deliver({ type: 'showUsage' });
    await deliver({ type: 'usage', usage });
  };
  /** The chart's bars: per day, its stacks (model, height in the drawing's units). */
  const bars = () => page.evaluate(() => [...document.querySelectorAll('.usage-chart svg .day')].map((g) => ({
    day: g.getAttribute('data-day')!,
    stacks: [...g.querySelectorAll('rect.bar')].map((r) => ({ model: r.getAttribute('data-model')!, height: Number(r.getAttribute('height')) })),
  })), undefined);

  it('draws one stacked bar per day, 30 in all, each stack as high as its cost', async () => {
    const usage = realisticUsage();
    await open(usage);
    const drawn = await bars();
    assert.equal(drawn.length, 30);
    assert.deepEqual(drawn.map((d) => d.day), usage.days.map((d) => d.day));
    const ratios: number[] = [];
    for (const { day, stacks } of drawn) {
      const expected = usage.days.find((d) => d.day === day)!.byModel;
      const priced = Object.entries(expected).filter(([, e]) => e.costUsd > 0).map(([m]) => m).sort();
      assert.deepEqual(stacks.map((s) => s.model).sort(), priced, `models drawn on ${day}`);
      for (const s of stacks) ratios.push(s.height / expected[s.model]!.costUsd);
    }
    assert.ok(ratios.length > 40, `${ratios.length} stacks`);
    for (const r of ratios) assert.ok(Math.abs(r / ratios[0]! - 1) < 1e-9, `height/cost ${r} vs ${ratios[0]}`);
    // The tallest day reaches at most the axis top (100 units), and at least three quarters of it.
    const tallest = Math.max(...drawn.map((d) => d.stacks.reduce((s, x) => s + x.height, 0)));
    assert.ok(tallest <= 100 && tallest >= 75, `tallest ${tallest}`);
  });

  it('has a legend by cost, a Tokens toggle that adds the model without a price, and says where it went in Cost', async () => {
    await open(realisticUsage());
    const legend = () => page.evaluate(() => [...document.querySelectorAll('.usage-legend li')].map((li) => li.getAttribute('data-model')), undefined);
    assert.deepEqual(await legend(), ['claude-sonnet-4.5', 'gpt-4.1', 'gemini-2.5-flash', 'deepseek-v3.2']);
    assert.match(await page.evaluate(() => document.querySelector('.usage-unpriced')?.textContent ?? '', undefined), /通义千问-max/);
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('.usage-metric')].map((b) => b.getAttribute('aria-pressed')), undefined), ['true', 'false']);
    await page.evaluate(() => (document.querySelector('.usage-metric[data-metric="tokens"]') as HTMLElement).click(), undefined);
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('.usage-metric')].map((b) => b.getAttribute('aria-pressed')), undefined), ['false', 'true']);
    assert.ok((await legend()).includes('通义千问-max'), 'the CJK model without a price shows in Tokens');
    assert.equal(await page.evaluate(() => document.querySelector('.usage-unpriced'), undefined), null);
    // In Tokens, heights follow tokens.
    const usage = realisticUsage();
    const ratios = (await bars()).flatMap(({ day, stacks }) => stacks.map((s) => s.height / usage.days.find((d) => d.day === day)!.byModel[s.model]!.tokens));
    for (const r of ratios) assert.ok(Math.abs(r / ratios[0]! - 1) < 1e-9);
    // A new `usage` keeps the chosen metric, and the keyboard focus on its button.
    await page.evaluate(() => document.querySelector<HTMLElement>('.usage-metric[data-metric="tokens"]')!.focus(), undefined);
    await deliver({ type: 'usage', usage });
    assert.equal(await page.evaluate(() => document.querySelector('.usage-metric[aria-pressed="true"]')?.getAttribute('data-metric'), undefined), 'tokens');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-metric'), undefined), 'tokens');
  });

  it('merges models past the sixth into Other models', async () => {
    const usage = realisticUsage();
    for (let i = 0; i < 4; i++) usage.days[10]!.byModel[`model-${i}`] = { costUsd: 0.001 * (i + 1), tokens: 100 };
    await open(usage);
    const names = await page.evaluate(() => [...document.querySelectorAll('.usage-legend li .name')].map((n) => n.textContent), undefined);
    assert.equal(names.length, 6);
    assert.equal(names[5], 'Other models');
  });

  it('marks estimated costs with ≈ and a note; no marker when the counts are exact', async () => {
    const estimated = realisticUsage();
    await open(estimated);
    const cards = () => page.evaluate(() => [...document.querySelectorAll('.usage-cost')].map((c) => c.textContent ?? ''), undefined);
    const costs = await cards();
    assert.ok(costs[1]!.startsWith('≈$'), costs[1]);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.usage-note').length, undefined), 2, 'the estimate note and the unpriced note');
    await deliver({ type: 'usage', usage: realisticUsage({ today: { ...estimated.today, estimated: false }, monthTotals: { ...estimated.monthTotals, estimated: false, unpricedTokens: 0 } }) });
    assert.ok((await cards()).every((c) => c.startsWith('$')), String(await cards()));
    assert.equal(await page.evaluate(() => document.querySelectorAll('.usage-note').length, undefined), 0);
  });

  it('shows the budget as a bar: plain below 80 %, warning from 80 %, error past 100 %, none when unset', async () => {
    const usage = realisticUsage();
    const spent = usage.monthTotals.costUsd;
    const budget = async (monthlyUsd: number | undefined) => {
      await deliver({ type: 'usage', usage: { ...usage, budget: monthlyUsd === undefined ? undefined : { monthlyUsd } } });
      return page.evaluate(() => {
        const bar = document.querySelector('.usage-budget');
        const fill = bar?.querySelector<HTMLElement>('.usage-budget-fill');
        return bar && { state: bar.classList[1], now: bar.querySelector('[role=progressbar]')!.getAttribute('aria-valuenow'), width: fill!.style.width, colour: getComputedStyle(fill!).backgroundColor };
      }, undefined);
    };
    await deliver({ type: 'showUsage' });
    await page.evaluate(() => document.documentElement.style.cssText = '--vscode-charts-blue: rgb(0, 0, 255); --vscode-editorWarning-foreground: rgb(255, 200, 0); --vscode-errorForeground: rgb(255, 0, 0)', undefined);
    assert.deepEqual(await budget(spent * 2), { state: 'ok', now: '50', width: '50%', colour: 'rgb(0, 0, 255)' });
    assert.deepEqual(await budget(spent / 0.85), { state: 'warning', now: '85', width: '85%', colour: 'rgb(255, 200, 0)' });
    assert.deepEqual(await budget(spent / 1.2), { state: 'over', now: '120', width: '100%', colour: 'rgb(255, 0, 0)' });
    assert.equal(await budget(undefined), null);
  });

  it('says how many requests have no price, on the totals and on the budget bar that cannot count them (issue 16)', async () => {
    const usage = realisticUsage();
    const month = usage.monthTotals.unpricedRequests;
    assert.ok(month > 1 && usage.today.unpricedRequests !== 1, 'the fixture has requests of a model without a price');
    const seen = () => page.evaluate(() => ({
      cards: [...document.querySelectorAll('.usage-card')].map((c) => c.querySelector('.usage-unpriced-count')?.textContent ?? null),
      budget: document.querySelector('.usage-budget .usage-budget-unpriced')?.textContent ?? null,
    }), undefined);
    const count = (n: number) => new Intl.NumberFormat('en').format(n);
    await open({ ...usage, budget: { monthlyUsd: usage.monthTotals.costUsd * 2 } });
    assert.deepEqual(await seen(), {
      cards: [usage.today.unpricedRequests ? `${count(usage.today.unpricedRequests)} requests without a price` : null, `${count(month)} requests without a price`],
      budget: `${count(month)} requests without a price: the budget cannot count them.`,
    });
    const one = { ...usage.monthTotals, unpricedRequests: 1 };
    await deliver({ type: 'usage', usage: { ...usage, today: one, monthTotals: one, budget: { monthlyUsd: 100 } } });
    assert.deepEqual(await seen(), { cards: ['1 request without a price', '1 request without a price'], budget: '1 request without a price: the budget cannot count it.' });
    const none = { ...usage.monthTotals, unpricedRequests: 0, unpricedTokens: 0 };
    await deliver({ type: 'usage', usage: { ...usage, today: none, monthTotals: none, budget: { monthlyUsd: 100 } } });
    assert.deepEqual(await seen(), { cards: [null, null], budget: null });
  });

  it('greets a new user with the empty state, no chart', async () => {
    await open(emptyUsage());
    assert.deepEqual(await page.evaluate(() => ({ empty: !!document.querySelector('.usage-empty'), chart: !!document.querySelector('.usage-chart'), text: document.querySelector('.usage-empty')?.textContent }), undefined),
      { empty: true, chart: false, text: 'usageEmptyusageEmptyHow' });
  });

  it("lists the host's problems, above the numbers and in the empty state alike", async () => {
    const problems = ['relayChat.pricing: "gpt-4.1" needs input and output prices per million tokens (numbers).', '使用量ファイルが壊れていたため、usage.json.corrupt に移しました。'];
    const listed = () => page.evaluate(() => {
      const list = document.querySelector('.usage-problems');
      return list && { role: list.getAttribute('role'), items: [...list.querySelectorAll('li')].map((li) => li.textContent), first: list === document.querySelector('.usage-body')!.firstElementChild };
    }, undefined);
    await open(realisticUsage({ problems }));
    assert.deepEqual(await listed(), { role: 'alert', items: problems, first: true });
    await deliver({ type: 'usage', usage: { ...emptyUsage(), problems } });
    assert.deepEqual(await listed(), { role: 'alert', items: problems, first: true });
    await deliver({ type: 'usage', usage: realisticUsage() });
    assert.equal(await listed(), null);
  });

  it('has an image with a summary and a hidden table of every day, numbers formatted for the locale', async () => {
    const usage = realisticUsage({ locale: 'ja' });
    await open(usage);
    const seen = await page.evaluate(() => {
      const svg = document.querySelector('.usage-chart svg')!;
      const table = document.querySelector('table.usage-data')!;
      return {
        role: svg.getAttribute('role'), label: svg.getAttribute('aria-label'), hidden: getComputedStyle(table).clip,
        head: [...table.querySelectorAll('thead th')].map((th) => th.textContent),
        rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      };
    }, undefined);
    assert.equal(seen.role, 'img');
    assert.ok(seen.label && seen.label.length > 20, `label: ${seen.label}`);
    assert.match(seen.hidden, /rect\(0px/);
    assert.deepEqual(seen.head, ['usageDay', 'claude-sonnet-4.5', 'gpt-4.1', 'gemini-2.5-flash', 'deepseek-v3.2', 'usageTotal']);
    assert.equal(seen.rows.length, 30);
    const money = new Intl.NumberFormat('ja', { style: 'currency', currency: 'USD' });
    const moneyOf = (v: number) => (v > 0 && v < 0.01 ? new Intl.NumberFormat('ja', { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 }) : money).format(v);
    const day = usage.days[20]!;
    const row = seen.rows[20]!;
    assert.equal(row[0], new Intl.DateTimeFormat('ja', { weekday: 'short', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(2026, 10, 13)));
    assert.equal(day.day, '2026-11-13');
    assert.deepEqual(row.slice(1, 5), ['claude-sonnet-4.5', 'gpt-4.1', 'gemini-2.5-flash', 'deepseek-v3.2'].map((m) => moneyOf(day.byModel[m]?.costUsd ?? 0)));
    const total = Object.values(day.byModel).reduce((s, e) => s + e.costUsd, 0);
    assert.equal(row[5], moneyOf(total));
  });

  it("shows a day's numbers on hover and with the arrow keys", async () => {
    const usage = realisticUsage();
    await open(usage);
    const tip = () => page.evaluate(() => { const t = document.querySelector<HTMLElement>('.usage-tip')!; return t.hidden ? null : t.textContent; }, undefined);
    assert.equal(await tip(), null);
    await page.evaluate(() => {
      const svg = document.querySelector('.usage-chart svg')!;
      const box = svg.getBoundingClientRect();
      svg.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + box.width * (20.5 / 30), clientY: box.top + 10, bubbles: true }));
    }, undefined);
    const fmt = (v: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(v);
    const hovered = (await tip())!;
    assert.match(hovered, /November 13, 2026/);
    for (const [model, { costUsd }] of Object.entries(usage.days[20]!.byModel)) if (costUsd > 0) assert.ok(hovered.includes(`${model}: ${fmt(costUsd)}`), hovered);
    assert.ok(Object.keys(usage.days[20]!.byModel).length >= 2, 'a day with several models');
    await page.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>('.usage-chart svg')!;
      svg.focus();
      svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    }, undefined);
    assert.match((await tip())!, /November 12, 2026/);
    await page.evaluate(() => document.querySelector<SVGSVGElement>('.usage-chart svg')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })), undefined);
    assert.match((await tip())!, /November 22, 2026/);
  });

  it('closes back to the same chat: same nodes, draft and scroll kept, the answer streamed on meanwhile', async () => {
    await page.evaluate(() => {
      const list = document.querySelector('.messages')!;
      (list as HTMLElement & { mark?: string }).mark = 'same';
      const textarea = document.querySelector<HTMLTextAreaElement>('.composer textarea')!;
      textarea.value = '下書き: まだ送っていない';
      textarea.dispatchEvent(new Event('input'));
    }, undefined);
    await page.evaluate(() => {
      const graph = document.querySelector<HTMLElement>('.toolbar button[aria-label="usageOpen"]')!;
      graph.focus();
      graph.click();
    }, undefined);
    assert.deepEqual(await page.evaluate(() => window.panel.posted.filter((m) => m.type === 'usageView'), undefined), [{ type: 'usageView', open: true }]);
    await deliver({ type: 'usage', usage: realisticUsage() });
    const whileOpen = await page.evaluate(() => ({ chat: getComputedStyle(document.querySelector('.messages')!).display, usage: getComputedStyle(document.querySelector('.usage-view')!).display }), undefined);
    assert.deepEqual(whileOpen, { chat: 'none', usage: 'flex' });
    await deliver({ type: 'delta', chatId: 'c1', messageId: 'm2', text: 'returns the sum.' });
    await page.evaluate(() => (document.querySelector('.usage-view .toolbar button') as HTMLElement).click(), undefined);
    const after = await page.evaluate(() => ({
      mark: (document.querySelector('.messages') as HTMLElement & { mark?: string }).mark,
      draft: document.querySelector<HTMLTextAreaElement>('.composer textarea')!.value,
      answer: document.querySelector('[data-id="m2"]')?.textContent ?? '',
      chat: getComputedStyle(document.querySelector('.messages')!).display,
      usageHidden: document.querySelector<HTMLElement>('.usage-view')!.hidden,
      focus: document.activeElement?.getAttribute('aria-label'),
      posted: window.panel.posted.filter((m) => m.type === 'usageView'),
    }), undefined);
    assert.equal(after.mark, 'same', 'the chat was not rebuilt');
    assert.equal(after.draft, '下書き: まだ送っていない');
    assert.match(after.answer, /The function returns the sum\./);
    assert.equal(after.chat, 'block');
    assert.equal(after.usageHidden, true);
    assert.equal(after.focus, 'usageOpen', 'focus back on the button that opened it');
    assert.deepEqual(after.posted, [{ type: 'usageView', open: true }, { type: 'usageView', open: false }]);
  });

  it("keeps the chat's scroll where the user left it, and follows an answer that was followed to its end", async () => {
    const many = { ...INIT, chat: { ...INIT.chat, messages: Array.from({ length: 40 }, (_, i) => ({ id: `q${i}`, role: i % 2 ? 'assistant' : 'user', text: `line ${i}\n\n`.repeat(4), state: 'complete' })) } };
    await deliver(many);
    await deliver({ type: 'message', chatId: 'c1', message: { id: 'm9', role: 'assistant', text: 'Streaming', state: 'streaming' } });
    const painted = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))), undefined);
    const scroll = () => page.evaluate(() => { const l = document.querySelector('.messages')!; return { top: l.scrollTop, fromEnd: l.scrollHeight - l.scrollTop - l.clientHeight }; }, undefined);
    const roundTrip = async () => {
      await deliver({ type: 'showUsage' });
      await deliver({ type: 'usage', usage: realisticUsage() });
      await deliver({ type: 'delta', chatId: 'c1', messageId: 'm9', text: '\n\nmore text '.repeat(20) });
      await painted(); // the answer rendered while the Usage view was open
      await page.evaluate(() => (document.querySelector('.usage-view .toolbar button') as HTMLElement).click(), undefined);
      await painted();
    };
    // At the end: after the round trip it is at the (new) end.
    assert.ok((await scroll()).fromEnd < 2);
    await roundTrip();
    assert.ok((await scroll()).fromEnd < 2, JSON.stringify(await scroll()));
    // Scrolled up to read: it stays there.
    await page.evaluate(() => { document.querySelector('.messages')!.scrollTop = 300; }, undefined);
    await roundTrip();
    assert.equal((await scroll()).top, 300);
  });

  it('drops malformed usage and keeps showing the last good one', async () => {
    await open(realisticUsage());
    const good = realisticUsage();
    const broken: unknown[] = [
      { ...good, days: 'not a list' },
      { ...good, today: { ...good.today, costUsd: Number.NaN } },
      { ...good, monthTotals: { ...good.monthTotals, requests: -1 } },
      { ...good, days: [{ day: '2026-11-22', byModel: { 'gpt-4.1': { costUsd: '1', tokens: 5 } } }] },
      { ...good, byModel: undefined },
      { ...good, problems: [42] },
      null,
    ];
    for (const usage of broken) await deliver({ type: 'usage', usage });
    assert.equal((await bars()).length, 30);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.usage-table').length, undefined), 3);
    await deliver({ type: 'usage', usage: emptyUsage() });
    assert.equal(await page.evaluate(() => !!document.querySelector('.usage-empty'), undefined), true, 'a good one after them still shows');
  });
});
