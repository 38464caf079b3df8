// UI-test helpers: drive code-server's real workbench in headless Chromium through playwright-core.
// Starting the server and the browser is shared with the integration runner (scripts/host/code-server.mjs).
/* global process, console -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import fs from 'node:fs';
import path from 'node:path';
import { REPO, startCodeServer, launchChromium } from '../../scripts/host/code-server.mjs';

export { REPO, startCodeServer, launchChromium, workbenchUrl } from '../../scripts/host/code-server.mjs';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The README's screenshots: with RELAY_SCREENSHOTS=<folder> (`npm run screenshots` sets docs/images)
 * the UI tests run in a 1280x800 window and also save these shots there; otherwise they save none.
 */
const README_SHOTS = process.env.RELAY_SCREENSHOTS ? path.resolve(REPO, process.env.RELAY_SCREENSHOTS) : undefined;
const README_VIEWPORT = { width: 1280, height: 800 };

/** Saves a README screenshot (see README_SHOTS) of the whole window; does nothing in a plain test run. */
export async function readmeShot(page, file) {
  if (!README_SHOTS) return;
  fs.mkdirSync(README_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(README_SHOTS, file) });
  console.log(`  - README screenshot ${path.relative(REPO, path.join(README_SHOTS, file))}`);
}

/** Open a workbench URL (see workbenchUrl) and wait until the workbench has rendered. */
export async function openWorkbench(page, url, { timeout = 60_000 } = {}) {
  if (process.env.VERBOSE) page.on('console', (m) => console.log(`  [browser ${m.type()}]`, m.text()));
  page.on('pageerror', (e) => console.log('  [page error]', e.message));
  await page.goto(url);
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout });
}

/**
 * Run a command by its palette title ("Category: Title") by clicking its exact row: Enter would run the
 * top fuzzy match, which may be another command. Retries with a fresh palette, because one opened
 * before the extension host registered the extension's commands never refreshes its list.
 * `beforeClick(row)` runs once the row is there (e.g. for a screenshot). `asks: true` for commands
 * that prompt (input box, quick pick): the same widget stays open for their question.
 */
export async function runCommand(page, title, { attempts = 6, rowTimeout = 5000, beforeClick, asks = false } = {}) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill('>' + title);
    try {
      await row.waitFor({ timeout: rowTimeout });
    } catch (e) {
      await page.keyboard.press('Escape');
      if (attempt >= attempts) throw new Error(`no "${title}" in the command palette after ${attempts} tries`, { cause: e });
      continue;
    }
    await beforeClick?.(row);
    await row.click();
    if (!asks) await input.waitFor({ state: 'hidden' });
    return;
  }
}

/** The frame (webviews are nested iframes) that holds `selector`, polling until `timeout`. */
export async function findFrame(page, selector, { timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame holds ${selector}; frames:\n${page.frames().map((f) => f.url()).join('\n')}`);
    await page.waitForTimeout(250);
  }
}

/**
 * The notification whose text contains `text`. Headless, a message may skip the toast and land only
 * in the notification center, so look there too.
 */
export async function waitForNotification(page, text, { timeout = 15_000 } = {}) {
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  try {
    await toast.waitFor({ timeout: Math.min(timeout, 4000) });
    return toast;
  } catch {
    await runCommand(page, 'Notifications: Show Notifications');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    await item.waitFor({ timeout });
    return item;
  }
}

/**
 * One UI test: `prepare` (may return more server options, e.g. a packaged .vsix), a throwaway
 * code-server and Chromium, then `body({ page, server, shot, step })`. A failure is reported with
 * a screenshot test-results/<name>-fail.png; `cleanup` always runs; the process exits 0 or 1.
 */
export async function uiTest(name, { server: serverOptions = {}, prepare, cleanup } = {}, body) {
  const out = path.join(REPO, 'test-results');
  fs.mkdirSync(out, { recursive: true });
  const shot = (file) => path.join(out, file);
  const step = (s) => console.log(`  - ${s}`);
  fs.rmSync(shot(`${name}-fail.png`), { force: true }); // no stale failure shot next to a passing run
  let server;
  let browser;
  let ok = false;
  try {
    const extra = (await prepare?.({ shot, step })) ?? {};
    // No empty secondary side bar (hosts that open one by default) taking room from the screenshots.
    const settings = { 'workbench.secondarySideBar.defaultVisibility': 'hidden', ...serverOptions.settings };
    server = await startCodeServer({ ...serverOptions, settings, ...extra });
    browser = await launchChromium(README_SHOTS ? { viewport: README_VIEWPORT } : {});
    await body({ page: browser.page, server, shot, step });
    ok = true;
    console.log(`${name} e2e: passed; screenshots in test-results/`);
  } catch (e) {
    console.log(`${name} e2e: FAILED:`, e.message);
    await browser?.page.screenshot({ path: shot(`${name}-fail.png`) }).catch(() => {});
  } finally {
    await browser?.close();
    await server?.stop({ keepRunDir: !ok });
    await cleanup?.();
  }
  process.exit(ok ? 0 : 1);
}
