// Figures from the samples the panel keeps in benchmark mode (RELAY_CHAT_PERF=1) and the relay's writes.

export const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const ms = (n) => `${n.toFixed(1)} ms`;

/** For each token the relay wrote, the time until the DOM held that much of the answer. */
export function latencies(writes, samples) {
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
 * render that first held it. Host stamps come with the delta in benchmark mode.
 */
export function split(writes, deltas, samples) {
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

/**
 * The renderer's cost per token of the first and of the last `window` tokens: its busy time (CDP
 * Performance metrics, sampled every 200 ms as the answer grew) between the samples in each stretch,
 * per token written between them. `busy` holds { chars, taskMs } samples taken while these tokens
 * streamed (not after the last: finishing the answer is not a token's cost).
 */
export function costRatio(busy, writes, window = 1000) {
  const charsAt = (n) => writes[Math.min(writes.length - 1, n - 1)]?.chars ?? 0;
  const per = (from, to) => {
    const inside = busy.filter((b) => b.chars > from && b.chars <= to && b.chars <= writes.at(-1).chars);
    if (inside.length < 2) return NaN;
    const tokens = writes.filter((w) => w.chars > inside[0].chars && w.chars <= inside.at(-1).chars).length;
    return (inside.at(-1).taskMs - inside[0].taskMs) / Math.max(1, tokens);
  };
  const first = per(0, charsAt(window));
  const last = per(charsAt(writes.length - window), Infinity);
  return { first, last, ratio: last / first };
}
