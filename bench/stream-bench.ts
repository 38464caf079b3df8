// What does our streaming client cost per chunk, next to the cheapest sensible decoder (fetch +
// eventsource-parser) and the openai SDK? Prints figures; it asserts only that every contender
// decoded the stream correctly (that doubles as a check for characters split across writes).
//
//   node out/bench/stream-bench.js [--json]
//   env: BENCH_RUNS (15), BENCH_WARMUP (3), BENCH_CHUNKS (20000), BENCH_MODES (event,split,ws),
//        BENCH_ONLY (e.g. "relay", to profile one contender with node --cpu-prof)
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { Agent } from 'undici';
import { RelayClient } from '../src/core';
import { buildStream } from './stream-server';
import { wsContenders } from './ws-contenders';

const RUNS = intEnv('BENCH_RUNS', 15);
const WARMUP = intEnv('BENCH_WARMUP', 3);
const CHUNKS = intEnv('BENCH_CHUNKS', 20_000);
const MODES = (process.env.BENCH_MODES ?? 'event,split,ws').split(',').filter((m): m is Mode => m === 'event' || m === 'split' || m === 'ws');
const ONLY = process.env.BENCH_ONLY?.split(',');
const JSON_OUT = process.argv.includes('--json');

const floorAgent = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

const GOAL_OURS_VS_BARE = 1.2; // ours may cost at most 1.2× fetch + eventsource-parser
const GOAL_SDK_VS_OURS = 2; // the SDK should cost at least 2× ours
const GOAL_WS_OURS_VS_BARE = 1.2; // ours over WebSocket may cost at most 1.2× ws + JSON.parse

type Mode = 'event' | 'split' | 'ws';
const MODE_TITLE: Record<Mode, string> = { event: 'one SSE event per write', split: 'random 1–61-byte writes', ws: 'WebSocket, one chunk per message, kept socket' };
/** WebSocket contenders (keys `ws-…`) run in the ws mode only; the SSE ones in the others. */
const forMode = (mode: Mode) => (c: Contender) => c.key.startsWith('ws-') === (mode === 'ws');

interface Outcome {
  text?: string;
  bytes?: number;
  reads?: number;
}

interface Contender {
  key: string;
  label: string;
  run(mode: Mode): Promise<Outcome>;
}

function intEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

// A forced collection before each measured run keeps one contender's garbage from being billed to
// the next. `node out/bench/stream-bench.js` has no --expose-gc, so it is switched on here.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(__dirname, 'stream-server.js'), [String(CHUNKS)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`bench server exited early (code ${code})`)));
  });
}

function contenders(port: number): Contender[] {
  const base = (mode: Mode) => `http://127.0.0.1:${port}/${mode}/v1`;
  const messages = [{ role: 'user' as const, content: 'hi' }];
  const requestBody = JSON.stringify({ model: 'bench', messages, stream: true });

  // One client per base URL, reused across runs as the extension reuses it.
  const relay = new Map<Mode, RelayClient>();
  const sdk = new Map<Mode, OpenAI>();
  for (const mode of MODES) {
    relay.set(mode, new RelayClient({ providers: [{ id: 'bench', baseUrl: base(mode), apiKey: 'bench-key-123' }], transport: 'sse', includeUsage: false }));
    sdk.set(mode, new OpenAI({ baseURL: base(mode), apiKey: 'bench', maxRetries: 0 }));
  }

  const all: Contender[] = [
    {
      key: 'floor',
      label: 'floor (undici, discard)',
      // Read-and-discard on the HTTP stack our client uses (undici's dispatcher, no timeouts): what
      // merely receiving the bytes costs, with no decoding at all.
      run: (mode) => new Promise((resolve, reject) => {
        const url = new URL(`${base(mode)}/chat/completions`);
        let bytes = 0;
        let reads = 0;
        floorAgent.dispatch({ origin: url.origin, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body: requestBody }, {
          onRequestStart() {},
          onResponseData(_c, chunk) {
            bytes += chunk.length;
            reads++;
          },
          onResponseEnd: () => resolve({ bytes, reads }),
          onResponseError: (_c, e) => reject(e),
        });
      }),
    },
    {
      key: 'bare',
      label: 'fetch + eventsource-parser',
      run: async (mode) => {
        const res = await fetch(`${base(mode)}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: requestBody });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        let text = '';
        const parser = createParser({
          onEvent: (event) => {
            if (event.data === '[DONE]') return;
            const chunk = JSON.parse(event.data) as { choices: { delta: { content?: string } }[] };
            text += chunk.choices[0]?.delta.content ?? '';
          },
        });
        const decoder = new TextDecoder('utf-8');
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
        parser.feed(decoder.decode());
        return { text };
      },
    },
    {
      key: 'sdk',
      label: 'openai SDK',
      run: async (mode) => {
        const stream = await (sdk.get(mode) as OpenAI).chat.completions.create({ model: 'bench', messages, stream: true });
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        return { text };
      },
    },
    {
      key: 'relay',
      label: 'RelayClient (ours)',
      run: async (mode) => {
        let text = '';
        let last: unknown;
        for await (const ev of (relay.get(mode) as RelayClient).streamChat({ model: 'bench', messages })) {
          if (ev.type === 'text') text += ev.text;
          last = ev;
        }
        const end = last as { type?: string; finishReason?: unknown; aborted?: unknown; error?: unknown } | undefined;
        if (end?.type !== 'done' || end.aborted || end.finishReason !== 'stop') {
          const detail = end?.type === 'error' ? String(end.error) : JSON.stringify(end);
          throw new Error(`RelayClient did not end with done/stop: ${detail}`);
        }
        return { text };
      },
    },
    ...wsContenders(port).map((c): Contender => ({ ...c, run: () => c.run() })),
  ];
  return ONLY ? all.filter((c) => ONLY.includes(c.key)) : all;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  reads?: number;
}

async function measure(c: Contender, mode: Mode, expected: { text: string; bytes: number }): Promise<Sample> {
  gc();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let out: Outcome;
  try {
    out = await c.run(mode);
  } catch (e) {
    fail(`${c.label} [${mode}] failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // Correctness first: a fast wrong answer is not a result.
  if (out.text !== undefined && out.text !== expected.text) {
    const at = firstDifference(out.text, expected.text);
    fail(`${c.label} [${mode}] produced wrong text: ${out.text.length} vs ${expected.text.length} UTF-16 units, first difference at ${at}: `
      + `got ${JSON.stringify(out.text.slice(at, at + 12))}, expected ${JSON.stringify(expected.text.slice(at, at + 12))}`);
  }
  if (out.bytes !== undefined && out.bytes !== expected.bytes) fail(`${c.label} [${mode}] read ${out.bytes} bytes, expected ${expected.bytes}`);
  if (out.text === undefined && out.bytes === undefined) fail(`${c.label} [${mode}] returned nothing to verify`);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, ...(out.reads !== undefined ? { reads: out.reads } : {}) };
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function fail(message: string): never {
  console.error(`stream-bench: ABORTED: ${message}`);
  process.exit(1);
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  // Nearest rank: with 15 runs p90 is the 14th value, a real observation rather than an interpolation.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

interface Summary {
  label: string;
  wallMedianMs: number;
  wallP90Ms: number;
  cpuMedianMs: number;
  cpuP90Ms: number;
  nsPerChunk: number;
  vsFloor?: number;
  readsMedian?: number;
  samples: Sample[];
}

async function benchMode(mode: Mode, list: Contender[], expected: { text: string; bytes: number }): Promise<Record<string, Summary>> {
  for (let i = 0; i < WARMUP; i++) for (const c of list) await measure(c, mode, expected);
  const samples = new Map<string, Sample[]>(list.map((c) => [c.key, []]));
  for (let run = 0; run < RUNS; run++) {
    // Rotate the order each run so that slow drift on the machine spreads over every contender.
    for (let k = 0; k < list.length; k++) {
      const c = list[(run + k) % list.length] as Contender;
      samples.get(c.key)?.push(await measure(c, mode, expected));
    }
  }
  const out: Record<string, Summary> = {};
  for (const c of list) {
    const s = samples.get(c.key) ?? [];
    const cpu = s.map((x) => x.cpuMs);
    const reads = s.flatMap((x) => (x.reads !== undefined ? [x.reads] : []));
    out[c.key] = {
      label: c.label,
      wallMedianMs: quantile(s.map((x) => x.wallMs), 0.5),
      wallP90Ms: quantile(s.map((x) => x.wallMs), 0.9),
      cpuMedianMs: quantile(cpu, 0.5),
      cpuP90Ms: quantile(cpu, 0.9),
      nsPerChunk: (quantile(cpu, 0.5) * 1e6) / CHUNKS,
      ...(reads.length ? { readsMedian: quantile(reads, 0.5) } : {}),
      samples: s,
    };
  }
  const floor = out.floor;
  if (floor) for (const s of Object.values(out)) s.vsFloor = s.cpuMedianMs / floor.cpuMedianMs;
  return out;
}

interface Ratio {
  name: string;
  value: number;
  goal: string;
  met: boolean;
}

function ratios(r: Record<string, Summary>): Ratio[] {
  const out: Ratio[] = [];
  const { relay, bare, sdk, 'ws-relay': wsRelay, 'ws-bare': wsBare } = r;
  // CPU, not wall time: the server runs in another process, so client CPU is what the client costs.
  if (relay && bare) {
    const value = relay.cpuMedianMs / bare.cpuMedianMs;
    out.push({ name: 'ours / fetch+parser (CPU)', value, goal: `≤ ${GOAL_OURS_VS_BARE}×`, met: value <= GOAL_OURS_VS_BARE });
  }
  if (relay && sdk) {
    const value = sdk.cpuMedianMs / relay.cpuMedianMs;
    out.push({ name: 'SDK / ours (CPU)', value, goal: `≥ ${GOAL_SDK_VS_OURS}×`, met: value >= GOAL_SDK_VS_OURS });
  }
  if (wsRelay && wsBare) {
    const value = wsRelay.cpuMedianMs / wsBare.cpuMedianMs;
    out.push({ name: 'ours / ws+JSON.parse (CPU)', value, goal: `≤ ${GOAL_WS_OURS_VS_BARE}×`, met: value <= GOAL_WS_OURS_VS_BARE });
  }
  return out;
}

function printMode(mode: Mode, r: Record<string, Summary>): void {
  const floorReads = r.floor?.readsMedian;
  console.log(`\n${mode}: ${MODE_TITLE[mode]}${floorReads !== undefined ? ` (floor got ~${floorReads} body chunks/run)` : ''}`);
  const head = ['contender', 'wall med', 'wall p90', 'CPU med', 'CPU p90', 'ns/chunk', '× floor'];
  const rows = Object.values(r).map((s) => [
    s.label, ms(s.wallMedianMs), ms(s.wallP90Ms), ms(s.cpuMedianMs), ms(s.cpuP90Ms), s.nsPerChunk.toFixed(0), s.vsFloor !== undefined ? `${s.vsFloor.toFixed(2)}×` : '–',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  for (const q of ratios(r)) console.log(`  ${q.name.padEnd(27)} ${q.value.toFixed(2)}×   goal ${q.goal}   ${q.met ? 'met' : 'NOT MET'}`);
}

function ms(v: number): string {
  return `${v.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const stream = buildStream(CHUNKS);
  const expected = { text: stream.text, bytes: stream.bytes };
  const { child, port } = await startServer();
  const list = contenders(port);
  if (!list.length) fail(`BENCH_ONLY=${process.env.BENCH_ONLY} matches no contender (floor, bare, sdk, relay, ws-bare, ws-relay)`);
  if (!JSON_OUT) {
    console.log(`stream-bench  node ${process.version}  ${os.cpus().length} cores  ${CHUNKS} chunks + stop + [DONE]  `
      + `${(stream.bytes / 1024).toFixed(0)} KiB  ${stream.text.length} UTF-16 units  runs ${RUNS} (+${WARMUP} warm-up), rotating order`);
    console.log('  CPU = client process user+sys (server is a separate process); ns/chunk = CPU med / chunks');
  }
  const results: Partial<Record<Mode, { contenders: Record<string, Summary>; ratios: Ratio[] }>> = {};
  for (const mode of MODES) {
    const r = await benchMode(mode, list.filter(forMode(mode)), expected);
    results[mode] = { contenders: r, ratios: ratios(r) };
    if (!JSON_OUT) printMode(mode, r);
  }
  if (JSON_OUT) {
    console.log(JSON.stringify({ node: process.version, cores: os.cpus().length, chunks: CHUNKS, bytes: stream.bytes, runs: RUNS, warmup: WARMUP, modes: results }, null, 2));
  }
  child.disconnect();
  // Kept-alive sockets (http agent, undici) would hold the process open for a few seconds.
  process.exit(0);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.stack ?? e.message : String(e)));
