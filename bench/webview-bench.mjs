// The chat panel in a real webview (code-server + Chromium) against the fake relay. Prints figures:
//  - token → DOM latency: from the relay writing a token to its text being in the panel's DOM (p50, p95);
//  - a 50,000-token answer with code blocks: render cost per token, last 1,000 vs first 1,000 tokens,
//    and the total main-thread time the renderer took;
//  - panel open time (command to a usable input box).
// usage: . scripts/env.sh && node esbuild.js && npx tsc -p tsconfig.test.json && node bench/webview-bench.mjs
//   env: BENCH_LATENCY_TOKENS (600), BENCH_LONG_TOKENS (50000), BENCH_TRANSPORT (websocket | sse)
/* global process, console, window -- Node globals, and browser ones inside frame.evaluate callbacks */
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, startCodeServer, launchChromium, workbenchUrl, openWorkbench, runCommand } from '../test/e2e/workbench.mjs';

const require = createRequire(import.meta.url);
const { FakeRelay } = require(path.join(REPO, 'out/test/fakes/fake-relay.js'));

const LATENCY_TOKENS = Number(process.env.BENCH_LATENCY_TOKENS ?? 600);
const LONG_TOKENS = Number(process.env.BENCH_LONG_TOKENS ?? 50_000);
const TRANSPORT = process.env.BENCH_TRANSPORT ?? 'websocket';

/** A realistic answer as tokens: prose (Latin, Japanese, Chinese), lists, and fenced code. */
function answerTokens(count) {
  const section = (n) => [
    `## 手順 ${n}\n\n`, 'The relay streams **chunks** and the panel renders them as they arrive. ',
    '日本語の説明と中文的解释が混ざります。', 'See `streamChat()` for details.\n\n',
    '- first item\n', '- second item 二番目\n\n',
    '```ts\n', `export function step${n}(a: number): number {\n`, '  return a * 2; // 二倍\n', '}\n', '```\n\n',
  ].join('');
  const tokens = [];
  for (let n = 0; tokens.length < count; n++) {
    const text = section(n);
    for (let i = 0; i < text.length && tokens.length < count;) {
      const size = 1 + ((i * 7 + n) % 4);
      tokens.push(text.slice(i, i + size));
      i += size;
    }
  }
  return tokens;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** For each token the relay wrote, the time until the DOM held that much of the answer. */
function latencies(writes, samples) {
  const out = [];
  let j = 0;
  for (const w of writes) {
    while (j < samples.length && samples[j].chars < w.chars) j++;
    if (j === samples.length) break;
    out.push(Math.max(0, samples[j].at - w.at));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Where a token's time goes, per token at the paced rate: the delta (host → webview message) and the
 * render that first held it. Host stamps come with the delta in benchmark mode (RELAY_CHAT_PERF).
 */
function split(writes, deltas, samples) {
  const parts = { 'relay write → host received': [], 'host received → posted (batching)': [], 'posted → webview handler (postMessage)': [],
    'handler → DOM updated (scheduling + render)': [], 'DOM updated → next frame': [] };
  let d = 0;
  let s = 0;
  for (const w of writes) {
    while (d < deltas.length && deltas[d].chars < w.chars) d++;
    while (s < samples.length && samples[s].chars < w.chars) s++;
    if (d === deltas.length || s === samples.length) break;
    const delta = deltas[d];
    const sample = samples[s];
    parts['relay write → host received'].push(delta.receivedAt - w.at);
    parts['host received → posted (batching)'].push(delta.postedAt - delta.receivedAt);
    parts['posted → webview handler (postMessage)'].push(delta.handledAt - delta.postedAt);
    parts['handler → DOM updated (scheduling + render)'].push(sample.at - delta.handledAt);
    if (sample.frameAt) parts['DOM updated → next frame'].push(sample.frameAt - sample.at);
  }
  return Object.entries(parts).map(([name, values]) => [name, values.sort((a, b) => a - b)]);
}

/** Render time per token over the tokens that end between answer lengths `from` and `to`. */
function costPerToken(samples, from, to, tokens) {
  const frames = samples.filter((s) => s.chars > from && s.chars <= to);
  return frames.reduce((sum, s) => sum + s.renderMs, 0) / tokens;
}

const relay = await FakeRelay.start();
const server = await startCodeServer({
  env: { RELAY_CHAT_PERF: '1' },
  settings: { 'relayChat.baseUrl': relay.baseUrl, 'relayChat.transport': TRANSPORT, 'relayChat.timeouts.idleSeconds': 300 },
});
const browser = await launchChromium();
const { page } = browser;
try {
  await openWorkbench(page, await workbenchUrl(server.url, { folder: server.workspace, devPath: REPO }));
  await page.locator('.statusbar-item', { hasText: 'gpt-4.1' }).first().waitFor({ timeout: 30_000 });
  /** ms from choosing "Open Chat" to an input box in the panel. */
  async function openPanel() {
    let openStarted = 0;
    await runCommand(page, 'Relay Chat: Open Chat', { beforeClick: () => (openStarted = Date.now()) });
    for (;;) {
      for (const f of page.frames()) if (await f.$('.composer textarea').catch(() => null)) return { frame: f, ms: Date.now() - openStarted };
      await page.waitForTimeout(10);
    }
  }
  const cold = await openPanel();
  // Warm: hide the side bar (the webview is discarded) and open the panel again.
  await runCommand(page, 'View: Close Primary Side Bar');
  await page.waitForTimeout(500);
  const warm = await openPanel();
  const frame = warm.frame;

  async function run(tokens, delayMs) {
    relay.writes = [];
    relay.script({ tokens, delayMs });
    await frame.evaluate(() => [window.__relayPerf, window.__relayPerfDeltas].forEach((a) => a.splice(0)));
    const count = await frame.locator('.message.assistant').count();
    await frame.locator('.composer textarea').fill(`benchmark ${tokens.length} tokens`);
    await frame.locator('.composer textarea').press('Enter');
    await frame.locator('.message.assistant').nth(count).locator('.footer .stats').waitFor({ timeout: 600_000 });
    const samples = await frame.evaluate(() => window.__relayPerf.slice());
    const deltas = await frame.evaluate(() => window.__relayPerfDeltas.slice());
    const writes = relay.writes;
    relay.writes = undefined;
    await frame.locator('.toolbar button[aria-label="New chat"]').click();
    return { samples, writes, deltas };
  }

  // 1. Latency at a realistic pace (about 50 tokens/s).
  const paced = await run(answerTokens(LATENCY_TOKENS), 20);
  const lat = latencies(paced.writes, paced.samples);

  // 2. A very long answer, paced at ~1 ms a token (about 16 tokens per frame) so that frames early and
  //    late in the answer carry the same amount of new text and their costs compare.
  const longTokens = answerTokens(LONG_TOKENS);
  const started = Date.now();
  const long = await run(longTokens, 1);
  const wallMs = Date.now() - started;
  const charsAt = (n) => long.writes[Math.min(long.writes.length - 1, n - 1)]?.chars ?? 0;
  const first = costPerToken(long.samples, 0, charsAt(1000), 1000);
  const lastFrom = charsAt(long.writes.length - 1000);
  const last = costPerToken(long.samples, lastFrom, Infinity, 1000);
  const totalRender = long.samples.reduce((sum, s) => sum + s.renderMs, 0);
  const finalChars = long.samples.at(-1)?.chars ?? 0;

  const ms = (n) => `${n.toFixed(1)} ms`;
  console.log(`webview-bench  code-server + Chromium, ${TRANSPORT}, node ${process.version}`);
  console.log(`\ntoken → DOM latency, ${paced.writes.length} tokens at ~50 tokens/s (${lat.length} measured)`);
  console.log(`  p50 ${ms(pct(lat, 50))}   p95 ${ms(pct(lat, 95))}   max ${ms(lat.at(-1))}   goal p95 ≤ 16 ms: ${pct(lat, 95) <= 16 ? 'met' : 'NOT MET'}`);
  console.log('  where the time goes (p50 / p95 per token):');
  for (const [name, values] of split(paced.writes, paced.deltas, paced.samples)) {
    if (values.length) console.log(`    ${name.padEnd(46)} ${ms(pct(values, 50)).padStart(8)} ${ms(pct(values, 95)).padStart(8)}`);
  }
  console.log(`\n${longTokens.length}-token answer with code blocks (${finalChars} characters, ${long.samples.length} frames, ${(wallMs / 1000).toFixed(1)} s to the last token)`);
  console.log(`  render cost per token: first 1k ${(first * 1000).toFixed(1)} µs, last 1k ${(last * 1000).toFixed(1)} µs, ratio ${(last / first).toFixed(2)}x   goal ≤ 1.5x: ${last / first <= 1.5 ? 'met' : 'NOT MET'}`);
  console.log(`  renderer main-thread time: ${ms(totalRender)} in all (${((totalRender / wallMs) * 100).toFixed(1)}% of the stream's duration), longest frame ${ms(Math.max(...long.samples.map((s) => s.renderMs)))}`);
  console.log(`\npanel open, from the command to a usable input box: first ${cold.ms} ms (the workbench creates its first webview), again ${warm.ms} ms`);
  if (finalChars !== longTokens.join('').length) console.log(`WARNING: the panel rendered ${finalChars} of ${longTokens.join('').length} characters`);
} finally {
  await browser.close();
  await server.stop();
  await relay.close();
}
