// Every scheduling decision of the inline-completion engine, on a fake clock and a fake client the
// test drives event by event: no test waits on real time.
import * as assert from 'node:assert/strict';
import { estimateTokens } from '../../../../src/core/chat/answer-stats';
import type { Price } from '../../../../src/core/usage/price';
import { CompletionEngine, type CompletionEngineOptions, type CompletionSettings, type CompletionTrace, type Suggestion } from '../../../../src/core/completion/engine';
import type { PauseReason } from '../../../../src/core/completion/pause-state';
import type { Cursor } from '../../../../src/core/completion/context';
import { completionRequest, usageRecord } from '../../../../src/core/usage/usage-record';
import { UsageStore } from '../../../../src/core/usage/usage-store';
import { dayOf } from '../../../../src/core/util/calendar';
import { AuthError, BadRequestError, ConfigError, HttpError, NetworkError, RateLimitedError } from '../../../../src/core/errors';
import { FakeClient, FakeClock, MapStore, cursorAt, settle, typed, type FakeStream } from '../../support/completion-fakes';

/** One line: the cursor on a blank top-level line. */
const LINE = cursorAt('const x = 1;\n');
/** A block: an empty, indented line right after `{`. */
const BLOCK = cursorAt('function total(items: number[]) {\n  ', '\n}\n');
/** Somewhere else: another document. */
const OTHER = cursorAt('let y = 2;\n', '', { documentId: 'file:///src/other.ts', fileName: 'src/other.ts' });
/** A third place: a third document. */
const THIRD = cursorAt('let z = 3;\n', '', { documentId: 'file:///src/third.ts', fileName: 'src/third.ts' });
const LONGEST_DEBOUNCE = 450;
const ENDPOINT = 'https://relay.example/v1';

interface Rig {
  engine: CompletionEngine;
  clock: FakeClock;
  client: FakeClient;
  store: MapStore;
  /** The shared usage record the rig counts into (every window's, in the extension). */
  usage: UsageStore;
  settings: CompletionSettings;
  /** Every pause-state change the listeners heard. */
  changes: (PauseReason | null)[];
  traces: CompletionTrace[];
}

/**
 * An engine counting into a usage store as the extension wires it. The store is never flushed here:
 * its records stay pending (counted, not written), so no test touches the disk.
 */
function rig(settings: Partial<CompletionSettings> = {}, extra: { store?: MapStore; usage?: UsageStore; pricing?: Record<string, Price>; client?: () => FakeClient; options?: Partial<CompletionEngineOptions> } = {}): Rig {
  const clock = new FakeClock();
  const client = new FakeClient();
  const store = extra.store ?? new MapStore();
  const usage = extra.usage ?? new UsageStore('/nonexistent/relay-usage', { batchMs: 2 ** 30, now: () => clock.now() });
  const current: CompletionSettings = { model: 'codestral-latest', mode: 'auto', dailyBudgetUsd: 0, ...settings };
  const traces: CompletionTrace[] = [];
  const engine = new CompletionEngine({
    client: extra.client ?? (() => client), settings: () => current, endpoint: () => ENDPOINT,
    counted: (request) => usage.add(usageRecord(completionRequest(request, 'relay.example'), extra.pricing ?? {}, clock.now())),
    spentToday: () => usage.totals(clock.now()).todayBySource.completion?.costUsd ?? 0,
    store, clock, observer: (trace) => traces.push(trace), ...extra.options,
  });
  const changes: (PauseReason | null)[] = [];
  engine.pause.onChange((state) => changes.push(state.reason));
  return { engine, clock, client, store, usage, settings: current, changes, traces };
}

/** Today's completions as the status bar shows them (the shared record's running totals). */
function today(r: Rig): { requests: number; promptTokens: number; completionTokens: number; costUsd: number; estimated: boolean } {
  const t = r.usage.totals(r.clock.now()).todayBySource.completion;
  return { requests: t?.requests ?? 0, promptTokens: t?.promptTokens ?? 0, completionTokens: t?.completionTokens ?? 0, costUsd: t?.costUsd ?? 0, estimated: t?.estimated ?? false };
}

/** One call of `complete`, as VS Code makes it: its own cancellation, its result read later. */
class Call {
  readonly controller = new AbortController();
  readonly promise: Promise<Suggestion | undefined>;
  settled = false;
  result: Suggestion | undefined;

  constructor(engine: CompletionEngine, cursor: Cursor) {
    this.promise = engine.complete(cursor, this.controller.signal).then((s) => {
      this.settled = true;
      this.result = s;
      return s;
    });
  }

  cancel(): void {
    this.controller.abort();
  }
}

const ask = (r: Rig, cursor: Cursor) => new Call(r.engine, cursor);

/** Asks at `cursor` and lets any debounce pass: exactly one new request must have gone out. */
async function request(r: Rig, cursor: Cursor): Promise<{ call: Call; stream: FakeStream }> {
  const before = r.client.count;
  const call = ask(r, cursor);
  await r.clock.advance(LONGEST_DEBOUNCE);
  assert.equal(r.client.count, before + 1, 'one request sent');
  return { call, stream: r.client.last };
}

/** A suggestion from a new request answered with `answer`. */
async function served(r: Rig, cursor: Cursor, answer: string): Promise<Suggestion | undefined> {
  const { call, stream } = await request(r, cursor);
  stream.answer(answer);
  return call.promise;
}

/** Types `text` one character every `gapMs`, each keystroke cancelling the previous call like VS Code does. */
async function typeAlong(r: Rig, start: Cursor, text: string, gaps: number | number[]): Promise<Cursor> {
  let cursor = start;
  let call: Call | undefined;
  let i = 0;
  for (const ch of text) {
    call?.cancel();
    cursor = typed(cursor, ch);
    call = ask(r, cursor);
    await r.clock.advance(typeof gaps === 'number' ? gaps : (gaps[i++ % gaps.length] as number));
  }
  call?.cancel();
  await settle();
  return cursor;
}

const lastSleep = (r: Rig) => r.clock.sleeps[r.clock.sleeps.length - 1] as number;

describe('completion engine', () => {
  describe('debounce', () => {
    it('sends no request before the typing-rhythm delay has passed', async () => {
      const r = rig();
      const call = ask(r, LINE);
      await r.clock.advance(199);
      assert.equal(r.client.count, 0, 'nothing sent during the 200 ms initial delay');
      await r.clock.advance(1);
      assert.equal(r.client.count, 1);
      assert.deepEqual(r.clock.sleeps, [200]);
      r.client.last.answer('console.log(x);\n');
      assert.deepEqual(await call.promise, { text: 'console.log(x);', source: 'network' });
    });

    it('sends no request when the call is cancelled during the debounce', async () => {
      const r = rig();
      const call = ask(r, LINE);
      await r.clock.advance(150);
      call.cancel();
      await r.clock.advance(5_000);
      assert.equal(await call.promise, undefined);
      assert.equal(r.client.count, 0);
      assert.equal(r.clock.waiting, 0, 'the debounce timer is gone');
    });

    it('waits less after fast steady typing than after slow typing, always within 80–450 ms', async () => {
      const fast = rig();
      const slow = rig();
      // Each request is answered at once with something the next keystroke contradicts: every keystroke debounces anew.
      for (const r of [fast, slow]) r.client.onRequest = (s) => s.answer('zzz;\n');
      await typeAlong(fast, LINE, 'abcdefghijklmnopqrst', 60);
      await typeAlong(slow, LINE, 'abcdefghijklmnopqrst', 400);
      const [fastDelay, slowDelay] = [lastSleep(fast), lastSleep(slow)];
      assert.equal(fast.clock.sleeps[0], 200, 'before any rhythm is known');
      assert.ok(fastDelay < 200 && slowDelay > 200, `fast ${fastDelay} ms, slow ${slowDelay} ms`);
      assert.ok(fastDelay < slowDelay);
      for (const d of [...fast.clock.sleeps, ...slow.clock.sleeps]) assert.ok(d >= 80 && d <= 450, `${d} ms`);
      assert.equal(fastDelay, 80, 'clamped to the minimum');
    });

    it('never shortens the delay because the server is slow', async () => {
      const quick = rig();
      const slow = rig();
      quick.client.onRequest = (s) => s.answer('zzz;\n');
      // The slow relay starts an answer and never finishes it (each is superseded by the next keystroke).
      slow.client.onRequest = (s) => s.text('zz');
      const gaps = [100, 120, 600, 90, 110, 800, 130, 70, 1200, 100];
      await typeAlong(quick, LINE, 'abcdefghij', gaps);
      await typeAlong(slow, LINE, 'abcdefghij', gaps);
      assert.ok(slow.client.count >= 3 && slow.client.streams.every((s) => s.aborted || !s.ended), 'the slow relay never finished');
      assert.equal(slow.clock.sleeps.length, 10, 'every keystroke debounced');
      assert.deepEqual(slow.clock.sleeps, quick.clock.sleeps, 'the same typing gives the same delays, whatever the server speed');
      // Waiting for a slow answer does not count as typing either.
      const { call, stream } = await request(slow, OTHER);
      const before = lastSleep(slow);
      await slow.clock.advance(5_000);
      stream.answer('console.log(y);\n');
      await call.promise;
      ask(slow, typed(OTHER, 'z'));
      await settle();
      assert.equal(lastSleep(slow), before);
    });

    it('skips the debounce for an explicit request', async () => {
      const r = rig();
      const call = ask(r, { ...LINE, explicit: true });
      await settle();
      assert.equal(r.client.count, 1, 'sent at once');
      assert.deepEqual(r.clock.sleeps, []);
      r.client.last.answer('console.log(x);\n');
      assert.equal((await call.promise)?.text, 'console.log(x);');
    });
  });

  describe('superseding', () => {
    it('closes the request in flight at once when the new cursor does not fit its answer', async () => {
      const r = rig();
      const { call, stream } = await request(r, LINE);
      stream.text('cons');
      await settle();
      call.cancel();
      ask(r, typed(LINE, 'x'));
      await settle();
      assert.ok(stream.aborted, 'socket closed before the new debounce ends');
      assert.equal(r.clock.waiting, 1, 'the new debounce is still running');
      assert.equal(r.client.count, 1);
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, 2);
      assert.equal(await call.promise, undefined);
    });

    it('closes it too when the new cursor is served from the cache', async () => {
      const r = rig();
      await served(r, LINE, 'console.log(x);\n');
      const { stream } = await request(r, OTHER);
      const back = await ask(r, LINE).promise;
      assert.deepEqual(back, { text: 'console.log(x);', source: 'cache' });
      assert.ok(stream.aborted, 'the request for the other document was closed');
    });
  });

  describe('in-flight reuse', () => {
    it('serves typing that matches what the answer streamed so far from the same request', async () => {
      const r = rig();
      const first = await request(r, LINE);
      first.stream.text('cons');
      await settle();
      first.call.cancel(); // VS Code cancels the previous call on each keystroke; the request lives on
      const second = ask(r, typed(LINE, 'co'));
      await settle();
      assert.ok(!first.stream.aborted);
      first.stream.text('ole.log(x);\n');
      assert.deepEqual(await second.promise, { text: 'nsole.log(x);', source: 'in-flight' });
      await r.clock.advance(5_000);
      assert.equal(r.client.count, 1, 'no second request');
    });

    it('waits for an answer that has not started while up to 12 characters are typed', async () => {
      const r = rig();
      const first = await request(r, LINE);
      let cursor = LINE;
      let call = first.call;
      for (const ch of 'console.log(') {
        call.cancel();
        cursor = typed(cursor, ch);
        call = ask(r, cursor);
        await r.clock.advance(50);
      }
      assert.equal(r.client.count, 1, 'no new request');
      assert.ok(!first.stream.aborted);
      first.stream.text('console.log(x);\n');
      assert.deepEqual(await call.promise, { text: 'x);', source: 'in-flight' });
    });

    it('gives up on an answer that has not started after more than 12 typed characters', async () => {
      const r = rig();
      const first = await request(r, LINE);
      ask(r, typed(LINE, 'console.log(x'));
      await settle();
      assert.ok(first.stream.aborted);
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, 2);
    });

    it('closes the request when the typed text contradicts its answer', async () => {
      const r = rig();
      const first = await request(r, LINE);
      first.stream.text('console.');
      await settle();
      ask(r, typed(LINE, 'cond'));
      await settle();
      assert.ok(first.stream.aborted);
    });
  });

  describe('type-through', () => {
    it('returns the rest of the shown suggestion as its first characters are typed, without a request', async () => {
      const r = rig();
      assert.equal((await served(r, LINE, 'console.log(x);\n'))?.text, 'console.log(x);');
      let cursor = LINE;
      for (const [ch, rest] of [['c', 'onsole.log(x);'], ['o', 'nsole.log(x);'], ['n', 'sole.log(x);']] as const) {
        cursor = typed(cursor, ch);
        assert.deepEqual(await ask(r, cursor).promise, { text: rest, source: 'typed-through' });
      }
      assert.equal(r.client.count, 1);
      assert.equal(r.clock.waiting, 0, 'no debounce either');
    });
  });

  describe('cache', () => {
    it('serves the same cursor again from the cache after moving away and back', async () => {
      const r = rig();
      await served(r, LINE, 'console.log(x);\n');
      await served(r, OTHER, 'console.log(y);\n');
      const hits = r.engine.cache.hits;
      assert.deepEqual(await ask(r, LINE).promise, { text: 'console.log(x);', source: 'cache' });
      assert.deepEqual(await ask(r, OTHER).promise, { text: 'console.log(y);', source: 'cache' });
      assert.equal(r.engine.cache.hits, hits + 2);
      assert.equal(r.client.count, 2);
    });

    it('finds a suggestion made a few characters earlier (walk-back)', async () => {
      const r = rig();
      await served(r, LINE, 'console.log(x);\n');
      await served(r, OTHER, 'console.log(y);\n'); // the shown suggestion is now elsewhere
      assert.deepEqual(await ask(r, typed(LINE, 'conso')).promise, { text: 'le.log(x);', source: 'cache' });
      assert.equal(r.client.count, 2);
    });

    it('serves the next lines of a partly accepted block from the cache', async () => {
      const r = rig();
      const block = await served(r, BLOCK, 'let sum = 0;\n  for (const i of items) sum += i;\n  return sum;\n');
      assert.equal(block?.text, 'let sum = 0;\n  for (const i of items) sum += i;\n  return sum;');
      await served(r, OTHER, 'console.log(y);\n');
      // Accept Next Line inserts the first line with its line break.
      const line2 = typed(BLOCK, 'let sum = 0;\n');
      assert.deepEqual(await ask(r, line2).promise, { text: '  for (const i of items) sum += i;', source: 'cache' });
      await served(r, THIRD, 'console.log(z);\n');
      assert.deepEqual(await ask(r, typed(line2, '  for (const i of items) sum += i;\n')).promise, { text: '  return sum;', source: 'cache' });
      assert.equal(r.client.count, 3);
    });

    it('does not cache the unfinished answer of a superseded request', async () => {
      const r = rig();
      const { stream } = await request(r, LINE);
      stream.text('console.log(');
      await settle();
      await served(r, OTHER, 'console.log(y);\n');
      assert.ok(stream.aborted);
      ask(r, LINE);
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, 3, 'asked again instead of showing "console.log("');
    });
  });

  describe('early return', () => {
    it('one line: resolves at the first newline while the stream stays open, and keeps reading it', async () => {
      const r = rig({}, { pricing: { 'codestral-latest': { input: 1, output: 1 } } });
      const { call, stream } = await request(r, LINE);
      stream.text('console.');
      await settle();
      assert.ok(!call.settled);
      stream.text('log(x);\nexport');
      await settle();
      assert.deepEqual(call.result, { text: 'console.log(x);', source: 'network' });
      assert.ok(!stream.ended && !stream.aborted, 'the stream is still open and still read');
      stream.text(' {};\n').usage({ promptTokens: 40, completionTokens: 9 }).finish().end();
      await settle();
      assert.deepEqual(today(r), { requests: 1, promptTokens: 40, completionTokens: 9, costUsd: 49 / 1e6, estimated: false });
      const trace = r.traces.find((t) => t.type === 'request');
      assert.equal(trace?.type === 'request' && trace.end.raw, 'console.log(x);\nexport {};\n');
    });

    it('keeps reading an answer whose caller gave up, and caches it', async () => {
      const r = rig();
      const { call, stream } = await request(r, LINE);
      call.cancel();
      assert.equal(await call.promise, undefined);
      stream.text('console.log(x);\n').finish().end();
      await settle();
      assert.ok(!stream.aborted);
      assert.deepEqual(await ask(r, LINE).promise, { text: 'console.log(x);', source: 'cache' });
      assert.equal(r.client.count, 1);
    });

    it('block: waits until a line leaves the block, then resolves while the stream is still open', async () => {
      const r = rig();
      const { call, stream } = await request(r, BLOCK);
      for (const piece of ['let sum = 0;\n', '  for (const i of items) sum += i;\n', '  return sum;\n']) {
        stream.text(piece);
        await settle();
        assert.ok(!call.settled, `still waiting after ${JSON.stringify(piece)}`);
      }
      stream.text('}\n\nexport function');
      await settle();
      assert.deepEqual(call.result, { text: 'let sum = 0;\n  for (const i of items) sum += i;\n  return sum;', source: 'network' });
      assert.ok(!stream.ended);
    });

    it('block: a dedented line ends a Python block too', async () => {
      const r = rig();
      const python = cursorAt('def total(items):\n    ', '\n', { languageId: 'python', fileName: 'total.py', documentId: 'file:///total.py' });
      const { call, stream } = await request(r, python);
      stream.text('s = 0\n    for i in items:\n        s += i\n    return s\n');
      await settle();
      assert.ok(!call.settled);
      stream.text('\nprint(total([1, 2]))\n');
      await settle();
      assert.deepEqual(call.result, { text: 's = 0\n    for i in items:\n        s += i\n    return s', source: 'network' });
      assert.ok(!stream.ended);
      stream.finish().end();
      await settle();
      // What lands in the cache is the block, not the code the model ran on into.
      assert.deepEqual(await ask(r, python).promise, { text: 's = 0\n    for i in items:\n        s += i\n    return s', source: 'cache' });
    });

    it('block: the finish event alone is enough when the relay keeps the stream open', async () => {
      const r = rig();
      const { call, stream } = await request(r, BLOCK);
      stream.text('let sum = 0;\n  return sum;');
      await settle();
      assert.ok(!call.settled);
      stream.finish();
      await settle();
      assert.deepEqual(call.result, { text: 'let sum = 0;\n  return sum;', source: 'network' });
      assert.ok(!stream.ended);
    });
  });

  describe('server caps', () => {
    it('caps a one-line FIM request: 48 tokens, stop at the newline, temperature 0, no retries, prompt = prefix', async () => {
      const r = rig();
      const { stream } = await request(r, cursorAt('const x = 1;\nconst y = ', ';\n'));
      assert.equal(stream.kind, 'fim');
      const { signal, ...fields } = stream.fim;
      assert.ok(signal instanceof AbortSignal);
      assert.deepEqual(fields, {
        model: 'codestral-latest', route: 'completions', prompt: 'const x = 1;\nconst y = ', suffix: ';\n',
        maxTokens: 48, stop: ['\n'], temperature: 0, retry: { maxRetries: 0 },
      });
    });

    it('gives a block request a larger budget and stops it at a run of blank lines', async () => {
      const r = rig();
      const { stream } = await request(r, BLOCK);
      assert.equal(stream.fim.maxTokens, 192);
      assert.deepEqual(stream.fim.stop, ['\n\n\n']);
      assert.equal(stream.fim.temperature, 0);
      assert.deepEqual(stream.fim.retry, { maxRetries: 0 });
      assert.equal(stream.fim.prompt, BLOCK.prefix);
      assert.equal(stream.fim.suffix, BLOCK.suffix);
    });

    it('caps chat requests too, with reasoning off for models that have a switch and no such field otherwise', async () => {
      const gemini = rig({ model: 'gemini-2.5-flash', mode: 'chat' });
      const line = (await request(gemini, LINE)).stream.chat;
      assert.deepEqual([line.maxTokens, line.stop, line.temperature, line.retry], [96, ['</insert>', '\n\n'], 0, { maxRetries: 0 }]);
      assert.deepEqual(line.extraBody, { reasoning_effort: 'none' });
      gemini.engine.cancel();
      const block = (await request(gemini, BLOCK)).stream.chat;
      assert.deepEqual([block.maxTokens, block.stop], [256, ['</insert>']]);
      const local = rig({ model: 'my-local-coder', mode: 'chat' });
      assert.deepEqual((await request(local, LINE)).stream.chat.extraBody, {});
    });
  });

  describe('routes', () => {
    /** A relay without FIM: /completions is not found, /fim/completions refuses the request. */
    const refuseFim = (s: FakeStream) => {
      if (s.route === 'completions') s.fail(new HttpError('Not Found', { status: 404 }));
      else if (s.route === 'fim') s.fail(new BadRequestError('suffix is not supported for this model'));
    };

    it('auto: tries /completions, then /fim/completions, then chat, and remembers the one that answered', async () => {
      const r = rig({ model: 'deepseek-v3.2' });
      r.client.onRequest = refuseFim;
      const call = ask(r, LINE);
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.deepEqual(r.client.routes(), ['completions', 'fim', 'chat']);
      r.client.last.answer('<insert>console.log(x);</insert>');
      assert.deepEqual(await call.promise, { text: 'console.log(x);', source: 'network' });
      assert.equal(r.engine.state.reason, null, 'a refused route pauses nothing');
      assert.deepEqual(await served(r, OTHER, '<insert>console.log(y);</insert>'), { text: 'console.log(y);', source: 'network' });
      assert.deepEqual(r.client.routes(), ['completions', 'fim', 'chat', 'chat'], 'the second request goes straight to chat');
      assert.equal(r.engine.routes.remembered(ENDPOINT, 'deepseek-v3.2'), 'chat');
    });

    it('auto: a new engine on the same store goes straight to the remembered route', async () => {
      const first = rig({ model: 'deepseek-v3.2' });
      first.client.onRequest = refuseFim;
      ask(first, LINE);
      await first.clock.advance(LONGEST_DEBOUNCE);
      first.client.last.answer('<insert>console.log(x);</insert>');
      await settle();
      assert.deepEqual(first.client.routes(), ['completions', 'fim', 'chat']);
      const second = rig({ model: 'deepseek-v3.2' }, { store: first.store });
      second.client.onRequest = refuseFim;
      assert.equal((await served(second, LINE, '<insert>console.log(x);</insert>'))?.text, 'console.log(x);');
      assert.deepEqual(second.client.routes(), ['chat']);
    });

    it('chat mode never calls streamFim; fim mode never calls streamChat', async () => {
      const chat = rig({ mode: 'chat' });
      await served(chat, LINE, '<insert>console.log(x);</insert>');
      await served(chat, OTHER, '<insert>console.log(y);</insert>');
      assert.deepEqual(chat.client.streams.map((s) => s.kind), ['chat', 'chat']);
      const fim = rig({ mode: 'fim' });
      fim.client.onRequest = refuseFim;
      ask(fim, LINE);
      await fim.clock.advance(LONGEST_DEBOUNCE);
      assert.deepEqual(fim.client.routes(), ['completions', 'fim']);
      assert.equal(fim.engine.state.reason, 'refused', 'no route left: paused, the relay refused the request');
      ask(fim, { ...OTHER, explicit: true });
      await settle();
      assert.ok(fim.client.streams.every((s) => s.kind === 'fim'));
    });
  });

  describe('pauses', () => {
    it('401: pauses (auth), sends nothing more, and tells listeners once', async () => {
      const r = rig();
      const { call, stream } = await request(r, LINE);
      stream.fail(new AuthError('Invalid API key'));
      assert.equal(await call.promise, undefined);
      assert.equal(r.engine.state.reason, 'auth');
      await typeAlong(r, LINE, 'console', 300);
      ask(r, OTHER);
      ask(r, { ...THIRD, explicit: true });
      await r.clock.advance(10_000);
      assert.equal(r.client.count, 1, 'no request while paused, not even an explicit one');
      assert.deepEqual(r.changes, ['auth'], 'one change, not one per keystroke');
      r.engine.pause.resume();
      await served(r, OTHER, 'console.log(y);\n');
      assert.deepEqual(r.changes, ['auth', null]);
    });

    it('a model whose whole answers keep cleaning to nothing is paused (unusable) after 10 in a row; a usable one resets the count', async () => {
      const r = rig({ mode: 'chat' });
      const junk = '<think>The user wants code. Let me think about it.</think>';
      const places = Array.from({ length: 12 }, (_, i) => cursorAt(`let v${i} = ${i};\n`, '', { documentId: `file:///src/f${i}.ts`, fileName: `src/f${i}.ts` }));
      // The first answer's thoughts end at the blank-line stop: asked again without it (see routedStream), the same thoughts.
      const first = await request(r, places[0] as Cursor);
      first.stream.answer(junk);
      await settle();
      r.client.last.answer(junk);
      assert.equal(await first.call.promise, undefined);
      for (const place of places.slice(1, 9)) assert.equal(await served(r, place, junk), undefined);
      assert.equal(r.engine.state.reason, null, 'nine is not yet a pattern');
      assert.deepEqual(await served(r, places[9] as Cursor, '<insert>console.log(v);</insert>'), { text: 'console.log(v);', source: 'network' });
      for (const place of places.slice(10)) assert.equal(await served(r, place, junk), undefined);
      assert.equal(r.engine.state.reason, null, 'the usable answer started the count again');
      const more = Array.from({ length: 8 }, (_, i) => cursorAt(`let w${i} = ${i};\n`, '', { documentId: `file:///src/g${i}.ts`, fileName: `src/g${i}.ts` }));
      for (const place of more) assert.equal(await served(r, place, junk), undefined);
      assert.equal(r.engine.state.reason, 'unusable');
      const sent = r.client.count;
      ask(r, typed(LINE, 'c'));
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, sent, 'nothing more is billed');
    });

    it('a missing key pauses with no-key', async () => {
      const r = rig();
      const { stream } = await request(r, LINE);
      stream.fail(new ConfigError('No API key is set', { reason: 'missing_key' }));
      await settle();
      assert.equal(r.engine.state.reason, 'no-key');
      ask(r, typed(LINE, 'c'));
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, 1);
    });

    it('429: pauses until Retry-After and resumes by itself when the clock passes it', async () => {
      const r = rig();
      const { stream } = await request(r, LINE);
      const failedAt = r.clock.now();
      stream.fail(new RateLimitedError('Too many requests', { retryAfterMs: 30_000 }));
      await settle();
      assert.deepEqual({ ...r.engine.state, error: undefined }, { reason: 'rate-limited', until: failedAt + 30_000, error: undefined });
      await r.clock.advance(29_000);
      ask(r, typed(LINE, 'c'));
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, 1, 'still paused');
      await r.clock.advanceTo(failedAt + 30_000);
      assert.equal(r.engine.state.reason, null);
      await served(r, typed(LINE, 'co'), 'nsole.log(x);\n');
      assert.equal(r.client.count, 2);
      assert.deepEqual(r.changes, ['rate-limited', null]);
    });

    it('network errors back off 15 s, then 30 s', async () => {
      const r = rig();
      r.client.onRequest = (s) => s.fail(new NetworkError('connect ECONNREFUSED'));
      ask(r, LINE);
      await r.clock.advance(LONGEST_DEBOUNCE);
      const first = r.engine.state;
      assert.equal(first.reason, 'offline');
      assert.equal(first.until, r.clock.now() - LONGEST_DEBOUNCE + 200 + 15_000);
      await r.clock.advanceTo((first.until as number) - 1);
      ask(r, typed(LINE, 'c'));
      await r.clock.advance(0);
      assert.equal(r.client.count, 1, 'not before the backoff ends');
      await r.clock.advanceTo(first.until as number);
      ask(r, typed(LINE, 'co'));
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, 2);
      const second = r.engine.state;
      assert.equal(second.reason, 'offline');
      const sentAt = (first.until as number) + (r.clock.sleeps[r.clock.sleeps.length - 1] as number);
      assert.equal((second.until as number) - sentAt, 30_000);
    });

    it('disabled and snoozed return nothing, not even cached suggestions, until resume()', async () => {
      const r = rig();
      await served(r, LINE, 'console.log(x);\n');
      for (const reason of ['disabled', 'snoozed'] as const) {
        r.engine.pause.pause(reason, reason === 'snoozed' ? r.clock.now() + 60_000 : undefined);
        assert.equal(await ask(r, LINE).promise, undefined, `${reason}: not from the cache`);
        assert.equal(await ask(r, typed(LINE, 'c')).promise, undefined, `${reason}: not typed through`);
        assert.equal(await ask(r, { ...OTHER, explicit: true }).promise, undefined, `${reason}: not even explicitly`);
        r.engine.pause.resume();
        assert.equal(r.engine.state.reason, null);
      }
      assert.equal(r.client.count, 1);
      assert.deepEqual(await ask(r, LINE).promise, { text: 'console.log(x);', source: 'cache' });
    });
  });

  describe('money', () => {
    const pricing = { 'codestral-latest': { input: 0.3, output: 0.9 } };

    it('records each request per day: reported tokens, or estimated and marked so, priced per million', async () => {
      const r = rig({}, { pricing });
      const a = await request(r, LINE);
      a.stream.text('console.log(x);\n').usage({ promptTokens: 1000, completionTokens: 10 }).finish().end();
      await a.call.promise;
      await settle();
      assert.deepEqual(today(r), { requests: 1, promptTokens: 1000, completionTokens: 10, costUsd: (1000 * 0.3 + 10 * 0.9) / 1e6, estimated: false });
      const b = await request(r, OTHER);
      b.stream.answer('console.log(y);\n');
      await settle();
      const promptEstimate = estimateTokens(OTHER.prefix + OTHER.suffix);
      const completionEstimate = estimateTokens('console.log(y);\n');
      const both = today(r);
      assert.deepEqual({ ...both, costUsd: 0 }, { requests: 2, promptTokens: 1000 + promptEstimate, completionTokens: 10 + completionEstimate, costUsd: 0, estimated: true });
      assert.ok(Math.abs(both.costUsd - ((1000 + promptEstimate) * 0.3 + (10 + completionEstimate) * 0.9) / 1e6) < 1e-12);
      // The next day starts from zero; both days stay in the record.
      const firstDay = dayOf(r.clock.now());
      await r.clock.advanceTo(new Date(2026, 2, 11, 8, 0).getTime());
      const c = await request(r, THIRD);
      c.stream.text('console.log(z);\n').usage({ promptTokens: 5, completionTokens: 5 }).finish().end();
      await settle();
      assert.equal(today(r).requests, 1);
      assert.deepEqual(r.usage.records().map((x) => x.day), [firstDay, firstDay, dayOf(r.clock.now())]);
      assert.equal(r.store.get('relayChat.completionUsage'), undefined, 'no second count in globalState');
    });

    it('pauses at the daily budget until the next local midnight, and sends nothing while over it', async () => {
      const r = rig({ dailyBudgetUsd: 0.01 }, { pricing: { 'codestral-latest': { input: 1, output: 10 } } });
      const { stream } = await request(r, LINE);
      stream.text('console.log(x);\n').usage({ promptTokens: 2000, completionTokens: 800 }).finish().end();
      await settle();
      const midnight = new Date(2026, 2, 11, 0, 0, 0, 0).getTime();
      assert.deepEqual({ reason: r.engine.state.reason, until: r.engine.state.until }, { reason: 'budget', until: midnight });
      await typeAlong(r, OTHER, 'console', 100);
      ask(r, { ...OTHER, explicit: true });
      await r.clock.advance(60 * 60_000);
      assert.equal(r.client.count, 1, 'nothing sent over budget, not even explicitly');
      await r.clock.advanceTo(midnight);
      assert.equal(r.engine.state.reason, null);
      await served(r, OTHER, 'console.log(y);\n');
      assert.equal(r.client.count, 2, 'a new day, a new budget');
      assert.deepEqual(r.changes, ['budget', null]);
    });

    it('sends nothing when the day\'s budget is already spent at startup', async () => {
      const now = new FakeClock().now();
      const usage = new UsageStore('/nonexistent/relay-usage', { batchMs: 2 ** 30, now: () => now });
      usage.add(usageRecord({ source: 'completion', model: 'codestral-latest', provider: 'h', promptTokens: 250_000, completionTokens: 250_000 }, { 'codestral-latest': { input: 1, output: 1 } }, now));
      const r = rig({ dailyBudgetUsd: 0.5 }, { usage });
      ask(r, LINE);
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, 0);
      assert.equal(r.engine.state.reason, 'budget');
    });

    it('two windows share one daily budget: their sum reaches it, and neither sends past it', async () => {
      const pricing = { 'codestral-latest': { input: 1, output: 10 } };
      const first = rig({ dailyBudgetUsd: 0.01 }, { pricing });
      // A second window: its own engine, the same usage record (in the extension: the shared files).
      const second = rig({ dailyBudgetUsd: 0.01 }, { pricing, usage: first.usage });
      const a = await request(first, LINE);
      a.stream.text('console.log(x);\n').usage({ promptTokens: 1000, completionTokens: 300 }).finish().end(); // $0.004
      await settle();
      const b = await request(second, OTHER);
      b.stream.text('console.log(y);\n').usage({ promptTokens: 1000, completionTokens: 300 }).finish().end(); // $0.008 together
      await settle();
      assert.deepEqual([first.engine.state.reason, second.engine.state.reason], [null, null], 'under the budget together');
      const c = await request(second, THIRD);
      c.stream.text('console.log(z);\n').usage({ promptTokens: 1000, completionTokens: 300 }).finish().end(); // $0.012 together
      await settle();
      assert.equal(second.engine.state.reason, 'budget');
      assert.equal(first.engine.checkDailyBudget(), true, 'the other window\'s spending pauses this one');
      assert.equal(first.engine.state.reason, 'budget');
      ask(first, { ...typed(LINE, 'c'), explicit: true });
      await first.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(first.client.count, 1, 'nothing more sent by the first window');
      assert.equal(today(first).requests, 3);
    });

    it('hands each counted request to the usage record (all sources share one monthly count)', async () => {
      const counted: { model: string; promptTokens?: number; completionText: string }[] = [];
      const r = rig({}, { options: { counted: (c) => counted.push({ model: c.model, ...(c.usage ? { promptTokens: c.usage.promptTokens } : {}), completionText: c.completionText }) } });
      const { stream } = await request(r, LINE);
      stream.text('console.log(x);\n').usage({ promptTokens: 40, completionTokens: 9 }).finish().end();
      await settle();
      assert.deepEqual(counted, [{ model: 'codestral-latest', promptTokens: 40, completionText: 'console.log(x);\n' }]);
    });

    it('pauses for the monthly budget (no question at a keystroke) until allowed, then sends again', async () => {
      let reached = true;
      const r = rig({}, { options: { monthBudgetReached: () => reached } });
      ask(r, { ...LINE, explicit: true });
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(r.client.count, 0, 'nothing sent past the monthly budget');
      assert.equal(r.engine.state.reason, 'month-budget');
      assert.equal(r.engine.state.until, new Date(2026, 3, 1).getTime(), 'ends by itself when the month does');
      reached = false;
      r.engine.pause.resume(); // what the controller does when the month is allowed
      await served(r, OTHER, 'console.log(y);\n');
      assert.equal(r.client.count, 1);
    });
  });

  describe('never garbage', () => {
    it('turns a chat answer with <think>, <insert> and a fence into the bare code', async () => {
      const r = rig({ mode: 'chat', model: 'deepseek-reasoner' });
      const { call, stream } = await request(r, LINE);
      for (const piece of ['<think>The user wants\n', 'to log x.</think>', '<insert>```ts\n']) {
        stream.text(piece);
        await settle();
        assert.ok(!call.settled, `nothing usable yet after ${JSON.stringify(piece)}`);
      }
      stream.text('console.log(x);\n```</insert>').finish().end();
      assert.deepEqual(await call.promise, { text: 'console.log(x);', source: 'network' });
    });

    it('returns nothing for an answer that cleans to nothing, and does not cache it', async () => {
      const r = rig({ mode: 'chat', model: 'gpt-4.1-mini' });
      assert.equal(await served(r, LINE, '<insert>\n\n</insert>'), undefined);
      await settle();
      assert.equal(await served(r, LINE, "I'm sorry, but I can't help with that."), undefined);
      assert.equal(r.client.count, 2, 'asked again: nothing was cached');
      assert.equal(r.engine.cache.hits, 0);
    });

    it('never rejects when the client cannot even be created', async () => {
      const r = rig({}, { client: () => { throw new ConfigError('No provider configured: set a base URL.'); } });
      const call = ask(r, LINE);
      await r.clock.advance(LONGEST_DEBOUNCE);
      assert.equal(await call.promise, undefined);
      assert.equal(r.engine.state.reason, 'model');
    });
  });
});
