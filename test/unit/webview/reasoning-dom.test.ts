// An answer's reasoning in the panel, in a real DOM (headless Chromium, like usage-dom.test.ts): the whole
// webview app fed the host's messages through the protocol's check. Reasoning fills the Reasoning block
// live; when the host says the text shown so far was reasoning (`rewrite`, a lone `</think>`), that text
// leaves the answer for the block, once; and Copy takes the answer only.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { REPO, launchChromium, type Browser, type Page } from '../support/dom-page';
import type { HostToWebview, WebviewToHost } from '../../../src/shared/protocol';


interface Panel { deliver(message: unknown): void; posted: WebviewToHost[] }
declare const window: { panel: Panel; webview: { ChatApp: new (host: object, root: HTMLElement) => { handle(m: HostToWebview): void }; isHostToWebview(v: unknown): boolean } };

function bundle(): string {
  const result = buildSync({
    stdin: { contents: "export { ChatApp } from './src/webview/app';\nexport { isHostToWebview } from './src/shared/protocol';\n", resolveDir: REPO, loader: 'ts' },
    bundle: true, format: 'iife', globalName: 'webview', platform: 'browser', target: 'es2022', write: false, outdir: path.join(REPO, 'out', 'reasoning-dom'),
  });
  return result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
}

const INIT = {
  type: 'init', model: 'qwq', perf: false, chats: [], strings: { copyAnswer: 'Copy answer', reasoning: 'Reasoning' },
  chat: { id: 'c1', title: 't', updatedAt: 0, model: 'qwq', messages: [
    { id: 'm1', role: 'user', text: 'こんにちは', state: 'complete' },
    { id: 'm2', role: 'assistant', text: '', state: 'streaming' },
  ] },
};

describe('reasoning in the panel (Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let code: string;

  before(async () => {
    code = bundle();
    browser = await launchChromium();
    page = await browser.newPage();
  });
  after(async () => browser?.close());

  beforeEach(async () => {
    await page.setContent('<!doctype html><html><body><div id="app"></div></body></html>');
    await page.addScriptTag({ content: code });
    await page.evaluate((init) => {
      const posted: WebviewToHost[] = [];
      const app = new window.webview.ChatApp({ postMessage: (m: WebviewToHost) => posted.push(m), getState: () => undefined, setState: () => undefined }, document.getElementById('app')!);
      window.panel = { posted, deliver: (m) => { if (window.webview.isHostToWebview(m)) app.handle(m as HostToWebview); } };
      app.handle(init as HostToWebview);
    }, INIT);
  });

  const deliver = (message: object) => page.evaluate((m) => window.panel.deliver(m), { chatId: 'c1', messageId: 'm2', ...message });
  /** The answer's Markdown and its Reasoning block, as the page shows them (after a frame, when Markdown renders). */
  const shown = () => page.evaluate(async () => {
    await new Promise(requestAnimationFrame);
    const answer = document.querySelector('[data-id="m2"]')!;
    return {
      answer: answer.querySelector('.markdown')?.textContent?.trim() ?? '',
      reasoning: answer.querySelector('details.reasoning .reasoning-text')?.textContent ?? null,
      blocks: answer.querySelectorAll('details.reasoning').length,
      open: answer.querySelector<HTMLDetailsElement>('details.reasoning')?.open ?? null,
    };
  }, undefined);

  it('fills the Reasoning block as reasoning deltas come, apart from the answer', async () => {
    await deliver({ type: 'delta', reasoning: '考えて' });
    assert.deepEqual(await shown(), { answer: '', reasoning: '考えて', blocks: 1, open: false });
    await deliver({ type: 'delta', reasoning: 'いる', text: 'Answer' });
    assert.deepEqual(await shown(), { answer: 'Answer', reasoning: '考えている', blocks: 1, open: false });
  });

  it('moves the text shown so far into the Reasoning block on rewrite, then streams the answer on; Copy takes the answer only', async () => {
    await deliver({ type: 'delta', text: 'Okay, the user ' });
    await deliver({ type: 'delta', text: 'says hello.' });
    assert.deepEqual(await shown(), { answer: 'Okay, the user says hello.', reasoning: null, blocks: 0, open: null });
    await deliver({ type: 'rewrite', text: '', reasoning: 'Okay, the user says hello.' });
    assert.deepEqual(await shown(), { answer: '', reasoning: 'Okay, the user says hello.', blocks: 1, open: false });
    await deliver({ type: 'delta', text: 'Hello **there**!' });
    await deliver({ type: 'end', state: 'complete' });
    assert.deepEqual(await shown(), { answer: 'Hello there!', reasoning: 'Okay, the user says hello.', blocks: 1, open: false });
    const copied = await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-id="m2"] .footer button[aria-label="Copy answer"]')!.click();
      return window.panel.posted.filter((m) => m.type === 'copy');
    }, undefined);
    assert.deepEqual(copied, [{ type: 'copy', text: 'Hello **there**!' }]);
  });

  it('keeps an open Reasoning block open when its reasoning is replaced', async () => {
    await deliver({ type: 'delta', reasoning: 'first ' });
    await page.evaluate(() => { document.querySelector<HTMLDetailsElement>('details.reasoning')!.open = true; }, undefined);
    await deliver({ type: 'delta', text: 'more thinking' });
    await deliver({ type: 'rewrite', text: '', reasoning: 'first more thinking' });
    assert.deepEqual(await shown(), { answer: '', reasoning: 'first more thinking', blocks: 1, open: true });
  });
});
