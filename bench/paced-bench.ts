// Streaming cost at two deliveries of the same answer, for our client, the openai SDK and bare undici +
// eventsource-parser. "flood": the relay writes everything at once, so each read holds many events
// (the SDK copies the read buffer per event, so its cost grows with read size). "paced": one write
// per event at about 10k tokens/s, as a fast model streams, so reads are small. The figure is client
// CPU per chunk (the relay is a separate process); every contender must decode the text exactly.
//
//   npm run bench:paced        env: PACED_CHUNKS (20000), PACED_TOKENS_PER_S (10000), PACED_RUNS (7)
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { RelayClient } from '../src/core';
import { buildStream } from './stream-server';

const CHUNKS = positive('PACED_CHUNKS', 20_000);
const TOKENS_PER_S = positive('PACED_TOKENS_PER_S', 10_000);
const RUNS = positive('PACED_RUNS', 7);
const DELIVERIES = ['flood', 'paced'] as const;
type Delivery = (typeof DELIVERIES)[number];

function positive(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return n > 0 ? n : fallback;
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];
const requestBody = JSON.stringify({ model: 'bench', messages, stream: true });

/** What one run returns: the decoded text (checked) and how many body reads it took. */
interface Run { text?: string; reads?: number }
type Contender = { key: string; label: string; run(delivery: Delivery): Promise<Run> };

function contenders(port: number): Contender[] {
  const baseUrl = (d: Delivery) => `http://127.0.0.1:${port}/${d}/v1`;
  const ours = new Map(DELIVERIES.map((d) => [d, new RelayClient({ providers: [{ id: 'bench', baseUrl: baseUrl(d), apiKey: 'bench-key-123' }], transport: 'sse', includeUsage: false })]));
  const sdk = new Map(DELIVERIES.map((d) => [d, new OpenAI({ baseURL: baseUrl(d), apiKey: 'bench', maxRetries: 0 })]));
  const post = (d: Delivery) => request(`${baseUrl(d)}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: requestBody, dispatcher });
  return [
    {
      key: 'reads', label: 'undici, read and discard',
      run: async (d) => {
        let reads = 0;
        for await (const _chunk of (await post(d)).body) reads++;
        return { reads };
      },
    },
    {
      key: 'bare', label: 'undici + eventsource-parser',
      run: async (d) => {
        let text = '';
        const parser = createParser({
          onEvent: ({ data }) => {
            if (data !== '[DONE]') text += (JSON.parse(data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '';
          },
        });
        const utf8 = new TextDecoder();
        for await (const chunk of (await post(d)).body) parser.feed(utf8.decode(chunk as Buffer, { stream: true }));
        parser.feed(utf8.decode());
        return { text };
      },
    },
    {
      key: 'sdk', label: 'openai SDK',
      run: async (d) => {
        let text = '';
        for await (const chunk of await sdk.get(d)!.chat.completions.create({ model: 'bench', messages, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
        return { text };
      },
    },
    {
      key: 'ours', label: 'RelayClient (ours)',
      run: async (d) => {
        let text = '';
        for await (const event of ours.get(d)!.streamChat({ model: 'bench', messages })) {
          if (event.type === 'text') text += event.text;
          if (event.type === 'error') throw event.error;
        }
        return { text };
      },
    },
  ];
}

function startRelay(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(__dirname, 'paced-server.js'), [String(CHUNKS), String(TOKENS_PER_S)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`paced relay exited (code ${code})`)));
  });
}

/** Client CPU (user + system) for one run, in ms. */
async function cpuOf(c: Contender, delivery: Delivery, expected: string): Promise<{ cpuMs: number; reads?: number }> {
  collectGarbage();
  const before = process.cpuUsage();
  const out = await c.run(delivery);
  const used = process.cpuUsage(before);
  if (out.text !== undefined && out.text !== expected) throw new Error(`${c.label} (${delivery}) decoded the stream wrong`);
  return { cpuMs: (used.user + used.system) / 1000, ...(out.reads !== undefined ? { reads: out.reads } : {}) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const expected = buildStream(CHUNKS).text;
  const { child, port } = await startRelay();
  const list = contenders(port);
  console.log(`paced-bench  node ${process.version}  ${os.cpus().length} cores  ${CHUNKS} chunks  paced at ${TOKENS_PER_S} tokens/s  median of ${RUNS} runs (+1 warm-up), rotating order`);
  for (const delivery of DELIVERIES) {
    const cpu = new Map<string, number[]>(list.map((c) => [c.key, []]));
    const reads: number[] = [];
    for (let run = -1; run < RUNS; run++) {
      for (let k = 0; k < list.length; k++) {
        const c = list[(run + 1 + k) % list.length]!;
        const sample = await cpuOf(c, delivery, expected);
        if (run < 0) continue;
        cpu.get(c.key)!.push(sample.cpuMs);
        if (sample.reads !== undefined) reads.push(sample.reads);
      }
    }
    const cpuMs = (key: string) => median(cpu.get(key)!);
    console.log(`\n${delivery}: ${delivery === 'flood' ? 'all events written at once' : `one write per event at ${TOKENS_PER_S}/s`}; ~${median(reads)} reads per answer (${(CHUNKS / median(reads)).toFixed(1)} events per read)`);
    for (const c of list) console.log(`  ${c.label.padEnd(28)} CPU ${cpuMs(c.key).toFixed(1).padStart(7)} ms  ${((cpuMs(c.key) * 1e6) / CHUNKS).toFixed(0).padStart(6)} ns/chunk`);
    console.log(`  openai SDK / ours ${(cpuMs('sdk') / cpuMs('ours')).toFixed(2)}×   ours / undici+parser ${(cpuMs('ours') / cpuMs('bare')).toFixed(2)}×`);
  }
  child.disconnect();
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(`paced-bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
