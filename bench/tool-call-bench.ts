// Tool-call overhead: from the relay's last argument fragment to the whole call reaching the
// caller, against the same wait for a text token (last token written → text event), on SSE and the
// WebSocket. Paced as a model writes (PACE_MS between writes), the relay in this process; each figure
// is the median (and 90th percentile) of RUNS answers, in milliseconds, measured with performance.now().
//
//   npm run bench:tool-calls        env: TOOL_BENCH_RUNS (40), TOOL_BENCH_PACE_MS (15)
import { RelayClient, type TransportKind } from '../src/core';
import { FakeRelay } from '../test/fakes/fake-relay';

const RUNS = Number(process.env.TOOL_BENCH_RUNS) || 40;
const PACE_MS = Number(process.env.TOOL_BENCH_PACE_MS) || 15;
const ARGS = JSON.stringify({ query: '東京の天気 🌤️', days: 3, units: 'metric', detail: '日本語で詳しく' });
const TOOLS = [{ name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } }];

/** The relay's log arrays, stamped with performance.now() as each entry is written. */
function stampWrites(relay: FakeRelay): { text: number[]; lastFragment: number[] } {
  const stamps = { text: [] as number[], lastFragment: [] as number[] };
  relay.writes = [];
  const writes = relay.writes;
  writes.push = (...items) => {
    stamps.text.push(performance.now());
    return Array.prototype.push.apply(writes, items);
  };
  relay.toolCallWrites.push = (...items) => {
    if (items.some((i) => i.last)) stamps.lastFragment.push(performance.now());
    return Array.prototype.push.apply(relay.toolCallWrites, items);
  };
  return stamps;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? NaN;

async function measure(transport: TransportKind): Promise<{ call: number[]; text: number[] }> {
  const relay = await FakeRelay.start();
  const stamps = stampWrites(relay);
  const client = new RelayClient({ providers: [{ id: 'bench', baseUrl: relay.baseUrl, apiKey: 'bench-key-123' }], transport });
  const call: number[] = [];
  const text: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      relay.script({ tokens: ['調べます。'], toolCalls: [{ name: 'lookup', arguments: ARGS }], delayMs: PACE_MS });
      for await (const event of client.streamChat({ model: 'gpt-4.1', messages: [{ role: 'user', content: '調べて' }], tools: TOOLS })) {
        if (event.type === 'toolCall') call.push(performance.now() - (stamps.lastFragment.at(-1) ?? NaN));
      }
      relay.script({ tokens: ['一', '二', '三', '四'], delayMs: PACE_MS });
      let lastText = 0;
      for await (const event of client.streamChat({ model: 'gpt-4.1', messages: [{ role: 'user', content: '数えて' }] })) {
        if (event.type === 'text') lastText = performance.now();
      }
      text.push(lastText - (stamps.text.at(-1) ?? NaN));
    }
  } finally {
    client.close();
    await relay.close();
  }
  return { call, text };
}

async function main(): Promise<void> {
  console.log(`tool-call overhead: ${RUNS} answers per transport, ${PACE_MS} ms between writes, relay in process; ms, median (p90)`);
  console.log('transport   last fragment → toolCall event   last token → text event   ratio (medians)');
  for (const transport of ['sse', 'websocket'] as const) {
    const { call, text } = await measure(transport);
    const row = (xs: number[]) => `${median(xs).toFixed(2)} (${p90(xs).toFixed(2)})`;
    console.log(`${transport.padEnd(11)} ${row(call).padEnd(32)} ${row(text).padEnd(25)} ${(median(call) / median(text)).toFixed(2)}×`);
  }
}

void main();
