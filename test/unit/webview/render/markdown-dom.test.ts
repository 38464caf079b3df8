// The panel's renderer in a real DOM (headless Debian Chromium through playwright-core, installed by
// scripts/setup-tools.sh like the UI tests): the sanitiser, and streamed answers' final DOM.
import * as assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { REPO, launchChromium, type Browser, type Page } from '../../support/dom-page';
import { MARKDOWN_CORPUS } from '../../support/markdown-corpus';



/** The page's view of src/webview/render (bundled like the webview). */
interface Renderer {
  sanitize(html: string): DocumentFragment;
  renderMarkdown(markdown: string, final: boolean): DocumentFragment;
  StreamingMarkdown: new (hook: (root: DocumentFragment) => void, onFrame?: undefined, schedule?: (render: () => void) => void) => {
    element: HTMLElement; append(text: string): void; finish(): void; setText(text: string): void;
  };
  frameScheduler(render: () => void, sinceLastRenderMs: number, lastRenderMs: number): void;
  CHUNK_NODES: number;
  FollowScroll: new (list: HTMLElement) => { changed(): void; toEnd(): void };
  ReasoningText: new () => { element: HTMLElement; append(text: string): void };
}
declare const window: { renderer: Renderer };

function bundle(): string {
  const result = buildSync({
    stdin: {
      contents: "export { sanitize, renderMarkdown } from './src/webview/render/markdown';\nexport { StreamingMarkdown, frameScheduler } from './src/webview/render/streaming-markdown';\n"
        + "export { CHUNK_NODES } from './src/webview/render/chunked-blocks';\nexport { FollowScroll } from './src/webview/follow-scroll';\n"
        + "export { ReasoningText } from './src/webview/render/reasoning-text';\n",
      resolveDir: REPO, loader: 'ts',
    },
    bundle: true, format: 'iife', globalName: 'renderer', platform: 'browser', target: 'es2022', write: false,
  });
  return result.outputFiles[0]!.text;
}

describe('Markdown in a real DOM (Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: bundle() });
  });
  after(async () => browser?.close());

  /** Sanitised HTML, serialised. */
  const clean = (html: string) => page.evaluate((h) => {
    const div = document.createElement('div');
    div.append(window.renderer.sanitize(h));
    return div.innerHTML;
  }, html);

  it('keeps list start numbers and table alignment (left, center, right only, on cells only)', async () => {
    assert.equal(await clean('<ol start="3"><li>three</li></ol>'), '<ol start="3"><li>three</li></ol>');
    assert.equal(await clean('<table><tr><th align="left">a</th><td align="center">b</td><td align="right">c</td></tr></table>'),
      '<table><tbody><tr><th align="left">a</th><td align="center">b</td><td align="right">c</td></tr></tbody></table>');
    assert.equal(await clean('<table><tr><td align="justify">x</td></tr></table><p align="right">p</p>'), '<table><tbody><tr><td>x</td></tr></tbody></table><p>p</p>');
  });

  it('still removes unsafe attributes, styles and links', async () => {
    const cases: [string, string][] = [
      ['<table><tr><td align="right" onclick="alert(1)" style="text-align:right">x</td></tr></table>', '<table><tbody><tr><td align="right">x</td></tr></tbody></table>'],
      ['<th style="text-align:right;background:url(https://evil.example/)">x</th>', 'x'],
      ['<p style="position:fixed">x</p>', '<p>x</p>'],
      ['<a href="javascript:alert(1)">x</a><a href="https://ok.example/">y</a>', '<a>x</a><a href="https://ok.example/">y</a>'],
      ['<img src="x" onerror="alert(1)"><svg onload="alert(1)"></svg>', ''],
      ['<ol start="3" onmouseover="alert(1)"><li>a</li></ol>', '<ol start="3"><li>a</li></ol>'],
      ['<ol start="javascript:alert(1)"><li>a</li></ol><p start="3" align="left">b</p>', '<ol><li>a</li></ol><p>b</p>'],
    ];
    for (const [html, expected] of cases) assert.equal(await clean(html), expected, html);
  });

  it('shows a list starting at 3 as 3, and aligns table columns (computed style)', async () => {
    const seen = await page.evaluate((table) => {
      const div = document.createElement('div');
      div.append(window.renderer.renderMarkdown(`3. three\n4. four\n\n${table}`, true));
      document.body.replaceChildren(div);
      return { start: div.querySelector('ol')?.start, aligns: [...div.querySelectorAll('tr:first-child th')].map((th) => getComputedStyle(th).textAlign.replace(/^-webkit-/, '')) }; // align="right" computes as -webkit-right
    }, MARKDOWN_CORPUS['table with alignment']!);
    assert.deepEqual(seen, { start: 3, aligns: ['left', 'center', 'right'] });
  });

  it('puts a paced token into the DOM at once, and text that comes while rendering is busy into the next frame', async () => {
    const seen = await page.evaluate(async () => {
      const view = new window.renderer.StreamingMarkdown(() => {});
      view.append('Hello');
      const paced = view.element.textContent!.trim();
      // The scheduler's decisions, given the time since the last render started and its cost (ms):
      // no wall clock, so the verdicts do not depend on how fast or loaded the machine is.
      const when = async (since: number, cost: number) => {
        let ran = false;
        window.renderer.frameScheduler(() => { ran = true; }, since, cost);
        const atOnce = ran;
        await new Promise(requestAnimationFrame);
        return atOnce ? 'at once' : ran ? 'next frame' : 'never';
      };
      return {
        paced,
        idle: await when(50, 2),
        busy: await when(3, 2),
        frameAlreadyPassed: await when(20, 30),
      };
    }, undefined);
    assert.deepEqual(seen, { paced: 'Hello', idle: 'at once', busy: 'next frame', frameAlreadyPassed: 'at once' });
  });

  it('a streamed answer ends with the same DOM as the answer rendered whole, cut at every character', async () => {
    const mismatches = await page.evaluate((corpus) => {
      const { StreamingMarkdown } = window.renderer;
      // The panel's code block buttons, so that kept and re-rendered blocks are decorated alike.
      const decorate = (root: DocumentFragment) => { for (const pre of root.querySelectorAll('pre')) pre.before(Object.assign(document.createElement('div'), { className: 'code-tools' })); };
      const render = (chunks: string[]) => {
        const view = new StreamingMarkdown(decorate, undefined, (r) => r());
        for (const chunk of chunks) view.append(chunk);
        view.finish();
        return view.element.innerHTML;
      };
      const found: string[] = [];
      for (const [name, text] of Object.entries(corpus)) {
        const whole = new StreamingMarkdown(decorate, undefined, (r) => r());
        whole.setText(text);
        const expected = whole.element.innerHTML;
        for (let i = 0; i <= text.length; i++) if (render([text.slice(0, i), text.slice(i)]) !== expected) found.push(`${name}: cut at ${i}`);
        if (render(text.split('')) !== expected) found.push(`${name}: one character at a time`);
      }
      return found;
    }, MARKDOWN_CORPUS);
    assert.deepEqual(mismatches, []);
  });

  it('keeps a long answer in chunks the browser can skip, the same streamed or whole, a late reference included', async () => {
    const seen = await page.evaluate(() => {
      const { StreamingMarkdown, CHUNK_NODES } = window.renderer;
      // About 2,000 top-level nodes; [docs] in the first block is defined only at the very end.
      const text = `See [docs].\n\n${Array.from({ length: 500 }, (_, n) => `## ${n}\n\nText ${n}.\n\n`).join('')}[docs]: https://example.com/docs\n`;
      const html = (chunks: string[]) => {
        const view = new StreamingMarkdown(() => {}, undefined, (r) => r());
        for (const chunk of chunks) view.append(chunk);
        view.finish();
        return view.element;
      };
      const whole = new StreamingMarkdown(() => {}, undefined, (r) => r());
      whole.setText(text);
      const streamed = html(text.match(/[\s\S]{1,7}/g)!);
      const chunks = [...streamed.querySelectorAll('.frozen > .section > .chunk')];
      return {
        same: streamed.innerHTML === whole.element.innerHTML,
        chunks: chunks.length,
        fullest: Math.max(...chunks.map((c) => c.childNodes.length)),
        limit: CHUNK_NODES,
        linked: streamed.querySelector('a')?.getAttribute('href'),
      };
    }, undefined);
    assert.ok(seen.same, 'streamed DOM equals the whole render');
    assert.ok(seen.chunks >= 15, `${seen.chunks} chunks`);
    assert.ok(seen.fullest <= seen.limit, `a chunk holds ${seen.fullest} nodes`);
    assert.equal(seen.linked, 'https://example.com/docs', 'the late definition re-rendered the first block');
  });

  it('follows a growing list to its end until the user scrolls up (not when the browser moves it), and again once they are back at the end', async () => {
    const seen = await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const list = document.createElement('div');
      list.style.cssText = 'height: 200px; overflow-y: auto';
      document.body.replaceChildren(list);
      const follow = new window.renderer.FollowScroll(list);
      const add = (lines: number) => {
        for (let i = 0; i < lines; i++) list.append(Object.assign(document.createElement('p'), { textContent: `line ${i}` }));
      };
      const grow = async (lines: number) => {
        add(lines);
        follow.changed();
        await frame();
      };
      const atEnd = () => list.scrollHeight - list.scrollTop - list.clientHeight < 2;
      follow.toEnd();
      await grow(50);
      const followed = atEnd();
      // Text arrives after a scroll to the end and before its scroll event: still following.
      add(5);
      follow.changed();
      await new Promise(requestAnimationFrame); // the scroll to the end; its event comes with the next frame
      await grow(5);
      await grow(5);
      const stillFollowing = atEnd();
      list.scrollTop -= 200; // the browser moves the list up (scroll anchoring): no user input, still following
      await frame();
      await grow(5);
      const browserMoveIgnored = atEnd();
      list.dispatchEvent(new WheelEvent('wheel', { deltaY: -500 })); // the user scrolls up to read
      list.scrollTop = 100;
      await frame();
      await grow(50);
      const stayed = list.scrollTop === 100;
      list.dispatchEvent(new WheelEvent('wheel', { deltaY: 5000 })); // and back down to the end
      list.scrollTop = list.scrollHeight;
      await frame();
      await grow(50);
      return { followed, stillFollowing, browserMoveIgnored, stayed, followsAgain: atEnd() };
    }, undefined);
    assert.deepEqual(seen, { followed: true, stillFollowing: true, browserMoveIgnored: true, stayed: true, followsAgain: true });
  });

  it('writes long reasoning in chunks that end after a line break, the same streamed or whole', async () => {
    const seen = await page.evaluate(() => {
      const { ReasoningText } = window.renderer;
      const text = Array.from({ length: 400 }, (_, n) => `考え ${n}: the user wants ${'x'.repeat(n % 90)}…\n${n % 7 === 0 ? '\n' : ''}`).join('') + 'no break at the end';
      const whole = new ReasoningText();
      whole.append(text);
      const streamed = new ReasoningText();
      for (let i = 0; i < text.length;) {
        const size = 1 + ((i * 13) % 37);
        streamed.append(text.slice(i, i + size));
        i += size;
      }
      const chunks = [...streamed.element.children].map((c) => c.textContent ?? '');
      return {
        same: streamed.element.innerHTML === whole.element.innerHTML,
        text: streamed.element.textContent === text,
        chunks: chunks.length,
        endOnBreaks: chunks.slice(0, -1).every((c) => c.endsWith('\n')),
      };
    }, undefined);
    assert.deepEqual(seen, { same: true, text: true, chunks: seen.chunks, endOnBreaks: true });
    assert.ok(seen.chunks >= 10, `${seen.chunks} chunks`);
  });
});
