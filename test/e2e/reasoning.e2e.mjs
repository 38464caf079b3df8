// UI test of a model's reasoning in the chat panel, in English, Japanese and Simplified Chinese (the
// workbench in each display language, see test/fixtures/language-pack): the hardest shape, reasoning
// closed by a lone </think> (the chat template wrote the <think>), streams first as answer text and
// moves into the Reasoning block when the tag comes, while the answer is still streaming; the answer
// keeps none of it; the line under the answer shows the relay's reasoning and cached prompt tokens in
// the user's language, and the Usage view counts the cached tokens. Screenshots
// test-results/reasoning-<locale>.png and reasoning-usage-<locale>.png: look at them.
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node test/e2e/reasoning.e2e.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
/* global document, process -- document inside frame.evaluate; eslint.config.mjs declares no Node globals for .mjs outside the root */
import { REPO, EXTENSION, DARK_MODERN, workbenchUrl, openWorkbench, openChatPanel, uiRun, shownText } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));
const { SAMPLE_TEXT, tokenize } = require(path.join(REPO, 'out/test/fakes/scenario.js'));
const { SHAPE_CACHED_TOKENS, SHAPE_PROMPT_TOKENS, SHAPE_REASONING_TOKENS } = require(path.join(REPO, 'out/test/fakes/usage-shapes.js'));

const THINKING = ['ユーザーは', '挨拶を', '求めている。', '\n用户想要', '一个问候。', '\nKeep it short.'];
/** A long answer: the Reasoning block must be there while it still streams. */
const ANSWER = tokenize(`${SAMPLE_TEXT}\n\n${SAMPLE_TEXT}\n\n${SAMPLE_TEXT}`);

/** What the user's language says, from the extension's own bundle (English: the key itself). */
function say(locale, english, ...args) {
  const bundle = locale === 'en' ? {} : JSON.parse(fs.readFileSync(path.join(REPO, `l10n/bundle.l10n.${locale}.json`), 'utf8'));
  const text = bundle[english] ?? english;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

const relay = await FakeRelay.start();
relay.defaultScenario = { reasoning: THINKING, reasoningAs: 'thinkClose', tokens: ANSWER, usageShape: 'openai-reasoning-cached', delayMs: 40 };
let ok = true;
for (const locale of ['en', 'ja', 'zh-cn']) {
  const settings = { 'relayChat.baseUrl': relay.baseUrl, 'relayChat.model': 'gpt-4.1', 'workbench.colorTheme': DARK_MODERN };
  ok = await uiRun(`reasoning-${locale}`, { server: { settings, locale } }, async ({ page, server, shot, step }) => {
    await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: EXTENSION }));
    const frame = await openChatPanel(page);
    await frame.locator('.composer textarea').fill('こんにちは、你好');
    await frame.locator('.composer textarea').press('Enter');
    const answer = frame.locator('.message.assistant').last();
    const block = answer.locator('details.reasoning');
    await block.waitFor({ state: 'attached', timeout: 20_000 });
    if (await answer.locator('.footer .stats').count()) throw new Error('the Reasoning block came only with the end of the answer');
    const label = await block.locator('summary').innerText();
    if (label.trim() !== say(locale, 'Reasoning')) throw new Error(`the block is labelled "${label}", not "${say(locale, 'Reasoning')}"`);
    step(`a lone </think> moved the text shown so far into the block "${label.trim()}" while the answer streamed`);

    await answer.locator('.footer .stats').waitFor({ timeout: 20_000 });
    await block.locator('summary').click();
    // textContent, not innerText: the reasoning's chunks skip rendering off screen (content-visibility),
    // and innerText leaves out what was not yet laid out in the frame the block opened in.
    const reasoning = await block.textContent();
    if (!reasoning.includes('用户想要一个问候。') || !reasoning.includes('ユーザーは挨拶を求めている。')) throw new Error(`the block holds: ${reasoning}`);
    const shown = await shownText(answer.locator('.markdown'));
    if (shown.includes('</think>') || shown.includes('Keep it short') || !shown.includes('Relay works')) throw new Error(`the answer shows: ${shown}`);
    const stats = await answer.locator('.footer .stats').innerText();
    for (const part of [say(locale, '{0} of them reasoning', SHAPE_REASONING_TOKENS), say(locale, '{0} of {1} prompt tokens cached', SHAPE_CACHED_TOKENS, SHAPE_PROMPT_TOKENS)]) {
      if (!stats.includes(part)) throw new Error(`the line under the answer lacks "${part}": ${stats}`);
    }
    step(`the answer keeps none of the reasoning; under it: ${stats}`);
    await page.screenshot({ path: shot(`reasoning-${locale}.png`) });

    // The Usage view counts the cached prompt tokens too, in the same language.
    await frame.locator(`.toolbar button[aria-label="${say(locale, 'Usage and cost')}"]`).click();
    const cached = frame.locator('.usage-view .usage-cached').first();
    await cached.waitFor({ timeout: 15_000 });
    const note = await cached.innerText();
    const [before, after] = say(locale, '{0} prompt tokens from the cache', '\u0000').split('\u0000');
    if (!note.startsWith(before) || !note.endsWith(after) || !/1[,.\s]?536/.test(note)) throw new Error(`the Usage view says "${note}"`);
    const short = say(locale, '{0} cached', '\u0000').split('\u0000');
    const cell = await frame.locator('.usage-table .usage-cached').first().innerText();
    if (!cell.startsWith(short[0]) || !cell.endsWith(short[1])) throw new Error(`a table cell says "${cell}"`);
    // In the side bar's width every column stays in view (a long note in a cell used to push Tokens and Cost out).
    const overflow = await frame.evaluate(() => [...document.querySelectorAll('.usage-table')]
      .map((t) => t.getBoundingClientRect().right - document.documentElement.clientWidth).filter((d) => d > 1));
    if (overflow.length) throw new Error(`usage tables wider than the view by ${overflow.join(', ')} px`);
    step(`the Usage view: ${note}; its tables: ${cell}, every column in view`);
    await page.screenshot({ path: shot(`reasoning-usage-${locale}.png`) });
  }) && ok;
}
await relay.close();
process.exit(ok ? 0 : 1);
