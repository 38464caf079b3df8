// Continue where it dropped (issue 10), end to end in the core: the real RelayClient against the fake
// relay, over SSE and WebSocket (both dialects). An answer drops — every fault the transports know, at
// drop points inside and outside code blocks, in Markdown, Japanese and Chinese — then the continuation
// request (continuationMessages) is streamed through the ContinuationStitcher: the text shown equals the
// answer that never dropped, and the usage the relay reported for both requests is seen.
import * as assert from 'node:assert/strict';
import {
  ContinuationStitcher, continuationMessages, isDroppedAnswer, RelayClient, type ChatMessage, type ErrorCode, type StreamEvent,
  type WebSocketDialect,
} from '../../../../src/core';
import { openFence } from '../../../../src/core/chat/continuation';
import { completionTokens } from '../../../fakes/completion/tokens';
import { continuingReply, droppingAfter, overlappingContinuation, type DropFault, type OverlapWay } from '../../../fakes/continuation';
import { demoAnswer } from '../../../fakes/demo';
import { FakeRelay } from '../../../fakes/fake-relay';
import { PRESETS } from '../../../fakes/presets';
import { ANSWERS } from '../../support/continuation-answers';
import { collect, type Collected } from '../../support/helpers';

interface Wire {
  name: string;
  transport: 'sse' | 'websocket';
  dialect: WebSocketDialect;
  faults: DropFault[];
}

const WIRES: Wire[] = [
  { name: 'SSE', transport: 'sse', dialect: 'chunks', faults: ['reset', 'stall', 'serverError', 'upstreamError', 'truncated', 'noFinish'] },
  { name: 'WebSocket (chunks)', transport: 'websocket', dialect: 'chunks', faults: ['reset', 'stall', 'close1011', 'close1000', 'serverError', 'upstreamError', 'noFinish'] },
  // The typed dialect's done message always means complete: it has no "end without a finish reason".
  { name: 'WebSocket (typed)', transport: 'websocket', dialect: 'typed', faults: ['reset', 'stall', 'close1011', 'close1000', 'serverError', 'upstreamError'] },
];

/** How each fault ends the dropped answer on each transport (what isDroppedAnswer is given). */
const ENDS: Record<DropFault, { sse?: ErrorCode | 'incomplete'; websocket?: ErrorCode | 'incomplete'; words: string }> = {
  reset: { sse: 'network', websocket: 'network', words: 'a connection reset (WebSocket: dropped without a close frame)' },
  stall: { sse: 'timeout_idle', websocket: 'timeout_idle', words: 'a stall (the idle limit)' },
  close1011: { websocket: 'server', words: 'a close with code 1011' },
  close1000: { websocket: 'network', words: 'a normal close before the answer finished' },
  serverError: { sse: 'server', websocket: 'server', words: 'an in-band server error' },
  upstreamError: { sse: 'upstream', websocket: 'upstream', words: 'an in-band upstream error' },
  truncated: { sse: 'truncated', words: 'a truncated stream' },
  noFinish: { sse: 'incomplete', websocket: 'incomplete', words: 'an end without any finish reason' },
};

const IDLE_MS = 400;
const QUESTION: ChatMessage[] = [{ role: 'user', content: 'Explain it, please.' }];
const ROTATION: OverlapWay[] = ['lastWords', 'exact', 'lastWord', 'line'];

interface DropCase {
  answer: string;
  name: string;
  /** Tokens sent before the drop. */
  after: number;
  way: OverlapWay;
}

/** Drop points of one answer: near the start, a third and two thirds in, before the last token, and inside its code block. */
function dropCases(name: string): DropCase[] {
  const answer = ANSWERS[name] as string;
  const tokens = completionTokens(answer);
  const inFence = tokens.map((_, n) => n).filter((n) => n > 0 && openFence(tokens.slice(0, n).join('')));
  const points = new Set([1, Math.round(tokens.length / 3), Math.round((2 * tokens.length) / 3), tokens.length - 1, inFence[0], inFence.at(-1)]);
  return [...points].filter((n): n is number => n !== undefined).sort((a, b) => a - b).map((after, i) => ({
    answer, name, after, way: inFence.includes(after) ? 'fence' : ROTATION[i % ROTATION.length] as OverlapWay,
  }));
}

const CASES = ['unindented fence between numbered items', 'japanese', 'chinese', 'tilde fence containing backticks and blank lines'].flatMap(dropCases);
/** A stall costs the idle limit: two drop points, one inside a code block (Japanese), one in Chinese prose. */
const STALL_CASES = [CASES.find((c) => c.name === 'japanese' && c.way === 'fence'), CASES.find((c) => c.name === 'chinese' && c.after > 1)]
  .filter((c): c is DropCase => c !== undefined);

function clientFor(wire: Wire, baseUrls: string[]): RelayClient {
  return new RelayClient({
    providers: baseUrls.map((baseUrl, i) => ({ id: i ? 'backup' : 'primary', baseUrl, apiKey: 'sk-test-key-0123456789' })),
    transport: wire.transport,
    // A dropped socket is replaced by the next request, not in the background: every request opens its own.
    webSocket: { dialect: wire.dialect, reconnectBaseDelayMs: 60_000 },
    timeouts: { firstByteMs: 5000, idleMs: IDLE_MS, totalMs: 0 },
    retry: { maxRetries: 0 },
  });
}

const usages = (out: Collected) => out.events.flatMap((e) => (e.type === 'usage' ? [e.usage.completionTokens] : []));

/** The continuation streamed through the stitcher: what the panel shows after the partial answer. */
async function continueAnswer(client: RelayClient, partial: string): Promise<{ shown: string; out: Collected }> {
  const stitcher = new ContinuationStitcher(partial);
  let shown = '';
  const out = await collect(client.streamChat({ model: 'gpt-4.1', messages: continuationMessages(QUESTION, partial) }), (e: StreamEvent) => {
    if (e.type === 'text') shown += stitcher.push(e.text);
  });
  return { shown: shown + stitcher.end(), out };
}

function endOf(out: Collected): ErrorCode | 'incomplete' | 'other' {
  if (out.last.type === 'error') return out.last.error.code;
  return out.last.type === 'done' && out.last.incomplete ? 'incomplete' : 'other';
}

describe('continuing a dropped answer with the real client', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(() => relay.close());

  for (const wire of WIRES) {
    for (const fault of wire.faults) {
      const cases = fault === 'stall' ? STALL_CASES : CASES;
      it(`${wire.name}: after ${ENDS[fault].words}, Continue gives the whole answer (${cases.length} drop points)`, async () => {
        const client = clientFor(wire, [relay.baseUrl]);
        try {
          for (const c of cases) {
            const where = `${c.name}, dropped after ${c.after} tokens, continued ${c.way}`;
            const tokens = completionTokens(c.answer);
            relay.script(droppingAfter(tokens, c.after, fault), { reply: continuingReply(c.answer, c.way) });
            const first = await collect(client.streamChat({ model: 'gpt-4.1', messages: QUESTION }));
            assert.equal(endOf(first), ENDS[fault][wire.transport], `${where}: how it ended`);
            assert.ok(c.answer.startsWith(first.text) && first.text, `${where}: the partial answer is the answer's start`);
            assert.ok(isDroppedAnswer(first.last, true), `${where}: Continue is offered`);

            const { shown, out } = await continueAnswer(client, first.text);
            assert.equal(first.text + shown, c.answer, `${where}: the stitched answer`);
            const sent = relay.requests.at(-1)?.body?.messages as ChatMessage[];
            assert.deepEqual(sent, continuationMessages(QUESTION, first.text), `${where}: the continuation request`);
            // Usage as the relay reported it: the continuation's own tokens, and the dropped answer's when its
            // stream got as far as the usage chunk (an end without a finish reason, or a body cut after it).
            const continuation = overlappingContinuation(c.answer, first.text.length, c.way);
            assert.deepEqual(usages(out), [completionTokens(continuation).length], `${where}: the continuation's usage`);
            assert.deepEqual(usages(first), fault === 'noFinish' || fault === 'truncated' ? [c.after] : [], `${where}: the dropped answer's usage`);
          }
        } finally {
          client.close();
        }
      });
    }
  }

  it('ends that offer no Continue: a user stop, a bad key, nothing shown', async () => {
    const client = clientFor(WIRES[0] as Wire, [relay.baseUrl]);
    try {
      const stopping = new AbortController();
      relay.script({ tokens: completionTokens(ANSWERS.chinese as string), delayMs: 20 });
      const stopped = await collect(client.streamChat({ model: 'gpt-4.1', messages: QUESTION, signal: stopping.signal }), (e) => {
        if (e.type === 'text') stopping.abort();
      });
      assert.ok(stopped.last.type === 'done' && stopped.last.aborted && stopped.text);
      assert.equal(isDroppedAnswer(stopped.last, true), false, 'a user stop');

      relay.script(droppingAfter(completionTokens(ANSWERS.chinese as string), 3, 'upstreamError'));
      relay.script({ tokens: ['Hi'], inBandError: { after: 1, style: 'data', error: { message: 'Invalid API key', code: 'invalid_api_key' } } });
      const upstream = await collect(client.streamChat({ model: 'gpt-4.1', messages: QUESTION }));
      const auth = await collect(client.streamChat({ model: 'gpt-4.1', messages: QUESTION }));
      assert.equal(isDroppedAnswer(upstream.last, upstream.text.length > 0), true);
      assert.equal(auth.error?.code, 'auth');
      assert.equal(isDroppedAnswer(auth.last, auth.text.length > 0), false, 'a rejected key mid-answer: continuing fails the same way');

      relay.script(droppingAfter(completionTokens(ANSWERS.chinese as string), 0, 'reset'));
      const none = await collect(client.streamChat({ model: 'gpt-4.1', messages: QUESTION }));
      assert.equal(none.text, '');
      assert.equal(isDroppedAnswer(none.last, false), false, 'nothing was shown: nothing to continue');
    } finally {
      client.close();
    }
  });
});

describe('continuing a dropped answer across a fallback', () => {
  let primary: FakeRelay;
  let backup: FakeRelay;
  beforeEach(async () => ([primary, backup] = await Promise.all([FakeRelay.start(), FakeRelay.start()])));
  afterEach(() => Promise.all([primary.close(), backup.close()]));

  for (const wire of WIRES.slice(0, 2)) {
    it(`${wire.name}: the primary drops, then refuses the continuation (502); the backup continues it`, async () => {
      const client = clientFor(wire, [primary.baseUrl, backup.baseUrl]);
      try {
        for (const c of CASES.filter((k) => k.name === 'japanese')) {
          const where = `dropped after ${c.after} tokens, continued ${c.way}`;
          primary.webSocket = {};
          primary.script(droppingAfter(completionTokens(c.answer), c.after, 'reset'));
          backup.script({ reply: continuingReply(c.answer, c.way) });
          const first = await collect(client.streamChat({ model: 'gpt-4.1', messages: QUESTION }));
          assert.ok(isDroppedAnswer(first.last, first.text.length > 0), `${where}: Continue is offered`);
          // Over WebSocket the refusal is the answer to the upgrade of the new connection the continuation needs.
          if (wire.transport === 'websocket') primary.webSocket = { refuseUpgrade: 502 };
          else primary.script({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' });

          const { shown, out } = await continueAnswer(client, first.text);
          assert.equal(first.text + shown, c.answer, `${where}: the stitched answer`);
          const fallback = out.events.find((e) => e.type === 'fallback');
          assert.ok(fallback?.type === 'fallback' && fallback.error.code === 'server' && fallback.to.id === 'backup', `${where}: moved to the backup`);
          assert.deepEqual(backup.requests.at(-1)?.body?.messages, continuationMessages(QUESTION, first.text), `${where}: the backup was asked to continue`);
          assert.equal(usages(out).length, 1, `${where}: the backup's usage`);
        }
      } finally {
        client.close();
      }
    });
  }
});

describe('the fake-drop preset (trying Continue by hand)', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(() => relay.close());

  for (const question of ['How do I use it?', '使い方を日本語で教えて']) {
    it(`drops the demo's answer to ${JSON.stringify(question)} at 40 % and continues it repeating the last words`, async () => {
      const answer = demoAnswer({ messages: [{ role: 'user', content: question }] });
      // The preset as it is, without its pace (10 ms a token) to keep the test quick.
      const preset = { ...PRESETS['fake-drop'], delayMs: 0 };
      relay.script(preset, preset);
      const client = clientFor(WIRES[0] as Wire, [relay.baseUrl]);
      try {
        const messages = [{ role: 'user' as const, content: question }];
        const first = await collect(client.streamChat({ model: 'fake-drop', messages }));
        assert.equal(first.error?.code, 'network');
        assert.ok(answer.startsWith(first.text));
        const share = completionTokens(first.text).length / completionTokens(answer).length;
        assert.ok(Math.abs(share - 0.4) < 0.02, `dropped after ${Math.round(share * 100)} % of the answer`);

        const stitcher = new ContinuationStitcher(first.text);
        const rest = await collect(client.streamChat({ model: 'fake-drop', messages: continuationMessages(messages, first.text) }));
        const lastWords = first.text.slice(first.text.search(/(?:\S+\s+){2}\S*$/));
        assert.ok(lastWords && rest.text.startsWith(lastWords), `the continuation repeats ${JSON.stringify(lastWords)}`);
        assert.equal(first.text + stitcher.push(rest.text) + stitcher.end(), answer);
      } finally {
        client.close();
      }
    });
  }
});
