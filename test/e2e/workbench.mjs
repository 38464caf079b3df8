// UI-test helpers: drive code-server's real workbench in headless Chromium through playwright-core.
// Starting the server and the browser is shared with the integration runner (scripts/host/code-server.mjs).
/* global process, console, performance -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import fs from 'node:fs';
import path from 'node:path';
import { REPO, HOST, startCodeServer, launchChromium } from '../../scripts/host/code-server.mjs';

export { REPO, EXTENSION, HOST, startCodeServer, launchChromium, workbenchUrl } from '../../scripts/host/code-server.mjs';

/**
 * Workbench selectors that the tests share. Where the hosts' DOMs differ (RELAY_HOST: 1.96.4 or 1.139.1),
 * the selector here matches both. QUICK_INPUT: the quick input's text box; 1.96's quick input also holds
 * hidden checkbox inputs (a "toggle all" box and one per row), so `.quick-input-widget input` is ambiguous there.
 */
export const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

/**
 * The settings id (workbench.colorTheme) of one of the host's built-in themes, found by its file:
 * 1.96.4 calls Dark Modern "Default Dark Modern", 1.139.1 "Dark Modern" (the picker shows "Dark Modern" in both).
 * An id the host does not know would leave the host's default theme, which is light on 1.96.4.
 */
export function builtinThemeId(file) {
  const manifest = path.join(HOST.vscodeDir, 'extensions/theme-defaults/package.json');
  const theme = JSON.parse(fs.readFileSync(manifest, 'utf8')).contributes.themes.find((t) => t.path === `./themes/${file}.json`);
  if (!theme) throw new Error(`no themes/${file}.json in ${manifest}`);
  return theme.id;
}
export const DARK_MODERN = builtinThemeId('dark_modern');

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The README's screenshots: with RELAY_SCREENSHOTS=<folder> (`npm run screenshots` sets docs/images)
 * the UI tests run in a 1280x800 window and also save these shots there; otherwise they save none.
 */
const README_SHOTS = process.env.RELAY_SCREENSHOTS ? path.resolve(REPO, process.env.RELAY_SCREENSHOTS) : undefined;
const README_VIEWPORT = { width: 1280, height: 800 };

/** Saves a README screenshot (see README_SHOTS) of the whole window, or of `clip`; does nothing in a plain test run. */
export async function readmeShot(page, file, { clip } = {}) {
  if (!README_SHOTS) return;
  fs.mkdirSync(README_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(README_SHOTS, file), clip });
  console.log(`  - README screenshot ${path.relative(REPO, path.join(README_SHOTS, file))}`);
}

/** Open a workbench URL (see workbenchUrl) and wait until the workbench is up (workbenchReady). */
export async function openWorkbench(page, url, { timeout = 60_000 } = {}) {
  if (process.env.VERBOSE) page.on('console', (m) => console.log(`  [browser ${m.type()}]`, m.text()));
  page.on('pageerror', (e) => console.log('  [page error]', e.message));
  await page.goto(url);
  await workbenchReady(page, { timeout });
}

/**
 * Wait until the workbench (just opened or reloaded) is fully up: VS Code marks the lifecycle phase
 * "Eventually" (performance mark code/LifecyclePhase/Eventually, in 1.96.4 and 1.139.1 alike) after it
 * restored its parts and loaded the extensions, about 2 s after the activity bar shows. Driven before
 * that, the restore undoes what a test did: on 1.96.4 "Relay Chat: Show Logs" run from the palette then
 * opened no panel in 2 of 5 runs, and a palette opened right after a reload closed again.
 */
export async function workbenchReady(page, { timeout = 60_000 } = {}) {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout });
  await page.waitForFunction(() => performance.getEntriesByName('code/LifecyclePhase/Eventually').length > 0, null, { timeout });
}

/**
 * Run a command by its palette title ("Category: Title") by clicking its exact row: Enter would run the
 * top fuzzy match, which may be another command. Retries with a fresh palette, because one opened
 * before the extension host registered the extension's commands never refreshes its list, and because
 * a palette opened while the workbench still restores its views (after a reload) closes when a view
 * takes the focus: its input and rows then stay in the DOM, hidden, and never become usable.
 * `beforeClick(row)` runs once the row is there (e.g. for a screenshot). `asks: true` for commands
 * that prompt (input box, quick pick): the same widget stays open for their question.
 */
export async function runCommand(page, title, { attempts = 6, rowTimeout = 5000, beforeClick, asks = false } = {}) {
  const input = page.locator(QUICK_INPUT);
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: rowTimeout });
      await input.fill('>' + title, { timeout: rowTimeout });
      await row.waitFor({ timeout: rowTimeout });
      await beforeClick?.(row);
      await row.click({ timeout: rowTimeout });
    } catch (e) {
      // Close the palette if it is still open; an Escape with it gone would reach the focused view.
      if (await input.isVisible()) await page.keyboard.press('Escape');
      if (attempt >= attempts) throw new Error(`no "${title}" to click in the command palette after ${attempts} tries`, { cause: e });
      continue;
    }
    if (!asks) await input.waitFor({ state: 'hidden' });
    return;
  }
}

/** Drags the edge of the side bar (where the chat is) so that it is `width` pixels wide. */
export async function widenSideBar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
  const now = (await page.locator('.part.sidebar').boundingBox()).width;
  if (Math.abs(now - width) > 8) throw new Error(`the side bar is ${now} px wide, not ${width}`);
}

/** Changes the colour theme and waits until the panel has it (`kind`: body.vscode-dark / vscode-light). */
export async function setTheme(page, frame, theme, kind) {
  await runCommand(page, 'Preferences: Color Theme', { asks: true });
  await page.keyboard.type(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${theme}`) }).first().click();
  await frame.locator(`body.vscode-${kind}`).waitFor({ state: 'attached', timeout: 15_000 });
}

/**
 * The text an answer shows (trimmed), read with textContent: innerText leaves out the chunks the
 * panel has not laid out yet (content-visibility: auto), so in the frame an answer ends or a window
 * reloads it can read empty while the panel shows the text.
 */
export async function shownText(locator) {
  return ((await locator.textContent()) ?? '').trim();
}

/** Relay Chat: Open Chat, and the chat panel's frame once its composer is there. */
export async function openChatPanel(page, { timeout = 30_000 } = {}) {
  await runCommand(page, 'Relay Chat: Open Chat');
  return findFrame(page, '.composer textarea', { timeout });
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
 * a screenshot test-results/<name>-fail.png; `cleanup` always runs; the process exits 0 or 1 (see uiRun).
 */
export async function uiTest(name, options, body) {
  process.exit((await uiRun(name, options, body)) ? 0 : 1);
}

/** One UI run as uiTest makes it, without ending the process: resolves to whether it passed (several runs in one test). */
export async function uiRun(name, { server: serverOptions = {}, prepare, cleanup } = {}, body) {
  // The current host's screenshots in test-results/ (the README shows them), another host's in a folder of its own.
  const out = path.join(REPO, 'test-results', ...(HOST.key === 'current' ? [] : [HOST.label]));
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
    console.log(`${name} e2e@${HOST.label}: passed; screenshots in ${path.relative(REPO, out)}/`);
  } catch (e) {
    console.log(`${name} e2e@${HOST.label}: FAILED:`, e.message);
    await browser?.page.screenshot({ path: shot(`${name}-fail.png`) }).catch(() => {});
  } finally {
    await browser?.close();
    await server?.stop({ keepRunDir: !ok });
    await cleanup?.();
  }
  return ok;
}
