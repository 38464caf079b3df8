// Driving the chat panel in the real workbench for the benchmark, and reading the renderer's costs.
/* global setTimeout, window, document, performance, requestAnimationFrame -- Node timers, and browser globals inside frame.evaluate callbacks */
import { runCommand } from '../../test/e2e/workbench.mjs';

/** The panel's frame once its composer is there, and the ms from the command to then. */
export async function openPanel(page) {
  let openStarted = 0;
  await runCommand(page, 'Relay Chat: Open Chat', { beforeClick: () => (openStarted = Date.now()) });
  for (;;) {
    for (const f of page.frames()) if (await f.$('.composer textarea').catch(() => null)) return { frame: f, ms: Date.now() - openStarted };
    await page.waitForTimeout(10);
  }
}

/**
 * The renderer's main thread (the workbench and its webviews share it in code-server): cumulative
 * busy time from CDP, and the JS heap with the DOM's (embedder) heap after a full collection.
 */
export class Renderer {
  static async attach(page) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    return new Renderer(cdp);
  }

  constructor(cdp) {
    this.cdp = cdp;
  }

  async busyMs() {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  }

  /** Bytes in use after garbage collection: the JS heap (V8), and Blink's (DOM nodes, their styles and layout). */
  async heap() {
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
    const usage = await this.cdp.send('Runtime.getHeapUsage');
    return { js: usage.usedSize, dom: usage.embedderHeapUsedSize ?? 0 };
  }
}

/**
 * Sends a message and waits for the answer's footer. While it streams, samples the main thread's busy
 * time against the answer's length (for the cost of the first and the last 1,000 tokens).
 */
export async function streamAnswer({ frame, relay, renderer, scenario, prompt, onStarted }) {
  relay.writes = [];
  relay.reasoningWrites.splice(0);
  relay.script(scenario);
  await frame.evaluate(() => [window.__relayPerf, window.__relayPerfDeltas].forEach((a) => a.splice(0)));
  const count = await frame.locator('.message.assistant').count();
  await frame.locator('.composer textarea').fill(prompt);
  await frame.locator('.composer textarea').press('Enter');
  const answer = frame.locator('.message.assistant').nth(count);
  await answer.waitFor({ timeout: 30_000 });
  await onStarted?.(answer);
  await frame.evaluate((index) => {
    window.__footerAt = undefined;
    const poll = () => {
      if (document.querySelectorAll('.message.assistant')[index]?.querySelector('.footer .stats')) window.__footerAt = performance.timeOrigin + performance.now();
      else requestAnimationFrame(poll);
    };
    poll();
  }, count);
  const busy = [];
  while (!(await frame.evaluate(() => window.__footerAt))) {
    busy.push({ chars: relay.writes.at(-1)?.chars ?? 0, reasoningChars: relay.reasoningWrites.at(-1)?.chars ?? 0, taskMs: await renderer.busyMs() });
    await new Promise((r) => setTimeout(r, 200));
  }
  busy.push({ chars: Infinity, reasoningChars: Infinity, taskMs: await renderer.busyMs() });
  const footerAt = await frame.evaluate(() => window.__footerAt);
  // Taken out of the page (and emptied there): the heap figures measure the panel, not these samples.
  const samples = await frame.evaluate(() => window.__relayPerf.splice(0));
  const deltas = await frame.evaluate(() => window.__relayPerfDeltas.splice(0));
  const writes = relay.writes;
  relay.writes = undefined;
  // The stream starts with its first token, reasoning or text.
  const firstAt = Math.min(writes[0].at, relay.reasoningWrites[0]?.at ?? Infinity);
  return { samples, deltas, writes, reasoningWrites: relay.reasoningWrites.slice(), busy, answer, streamMs: writes.at(-1).at - firstAt, footerMs: footerAt - firstAt };
}

/** Frame intervals (ms) while the wheel scrolls the panel's list `steps` times by `dy`. */
export async function scrollFrames(page, frame, { steps, dy }) {
  const box = await (await frame.frameElement()).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await frame.evaluate(() => {
    const stamps = [];
    window.__frames = stamps;
    const tick = (t) => {
      stamps.push(t);
      if (window.__frames === stamps) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, dy);
    await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
  const stamps = await frame.evaluate(() => {
    const s = window.__frames;
    window.__frames = undefined;
    return s;
  });
  return stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
}
