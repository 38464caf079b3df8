// The parts the inline-completion engine decides with, one by one: the typing rhythm, pauses, the
// cache, the ledger, route memory, the in-flight request, the request shape and the model choice.
import * as assert from 'node:assert/strict';
import { wantsBlock, type CursorScope } from '../../../../src/core/completion/context';
import { pickCompletionModel } from '../../../../src/core/completion/model-choice';
import { PauseState, type PauseReason } from '../../../../src/core/completion/pause-state';
import { PendingCompletion, type Cursor } from '../../../../src/core/completion/pending-completion';
import { closeBlock } from '../../../../src/core/completion/suggestion-shape';
import { CURSOR_MARK, chatPrompt, reasoningOff, serverCaps } from '../../../../src/core/completion/request-shape';
import { RouteMemory, routeRefused } from '../../../../src/core/completion/route-memory';
import { SuggestionCache } from '../../../../src/core/completion/suggestion-cache';
import { DEFAULT_RHYTHM, TypingRhythm } from '../../../../src/core/completion/typing-rhythm';
import { dayOf } from '../../../../src/core/util/calendar';
import {
  AuthError, BadRequestError, ConfigError, ConnectTimeoutError, ForbiddenError, HttpError, IdleTimeoutError, ModelNotFoundError,
  NetworkError, RateLimitedError, ServerError, TruncatedStreamError,
} from '../../../../src/core/errors';
import type { StreamEvent } from '../../../../src/core/types';
import { FakeStream, MapStore, cursorAt, settle, typed } from '../../support/completion-fakes';

/** The delay after typing `gaps` (ms between keystrokes). */
function rhythmAfter(gaps: number[]): number {
  const rhythm = new TypingRhythm();
  let at = 1_000;
  rhythm.noteEdit(at);
  for (const gap of gaps) rhythm.noteEdit((at += gap));
  return rhythm.delayMs();
}

describe('completion parts', () => {
  describe('typing rhythm', () => {
    it('starts at 200 ms before anything is known about the typing', () => {
      assert.equal(new TypingRhythm().delayMs(), 200);
      assert.equal(rhythmAfter([]), 200, 'one keystroke is no rhythm yet');
    });

    it('waits a little longer than the usual gap: less after fast steady typing than after slow typing', () => {
      const fast = rhythmAfter(Array(30).fill(90));
      const slow = rhythmAfter(Array(30).fill(300));
      assert.ok(fast >= 90 && fast < 120, `fast ${fast}`);
      assert.ok(slow >= 300 && slow < 330, `slow ${slow}`);
      const uneven = rhythmAfter(Array.from({ length: 30 }, (_, i) => (i % 2 ? 60 : 240)));
      assert.ok(uneven > 240, `uneven typing (mean 150) waits past its longer gaps: ${uneven}`);
    });

    it('stays within 80–450 ms however fast or slow the typing', () => {
      assert.equal(rhythmAfter(Array(30).fill(15)), DEFAULT_RHYTHM.minMs);
      assert.equal(rhythmAfter(Array(30).fill(1_400)), DEFAULT_RHYTHM.maxMs);
      assert.deepEqual([DEFAULT_RHYTHM.minMs, DEFAULT_RHYTHM.maxMs], [80, 450]);
    });

    it('ignores pauses longer than 1.5 s (reading, thinking) and repeated timestamps', () => {
      const steady = rhythmAfter(Array(20).fill(100));
      assert.equal(rhythmAfter([...Array(20).fill(100), 60_000, 1_501, 0]), steady);
      assert.notEqual(rhythmAfter([...Array(20).fill(100), 1_500]), steady, 'a gap of exactly 1.5 s still counts');
    });
  });

  describe('pause state', () => {
    let now: number;
    let pause: PauseState;
    let heard: (PauseReason | null)[];
    beforeEach(() => {
      now = 1_000_000;
      pause = new PauseState(() => now);
      heard = [];
      pause.onChange((s) => heard.push(s.reason));
    });

    it('maps each error to its pause, and pauses nothing for a stall or a cut stream', () => {
      const cases: [Error & { code: string }, PauseReason | null][] = [
        [new AuthError('bad key'), 'auth'],
        [new ForbiddenError('no access'), 'auth'],
        [new ConfigError('no key', { reason: 'missing_key' }), 'no-key'],
        [new ConfigError('no base URL'), 'model'],
        [new ModelNotFoundError('gpt-9', 'no such model'), 'model'],
        [new BadRequestError('bad'), 'refused'],
        [new HttpError('Not Found', { status: 404 }), 'model'],
        [new RateLimitedError('slow down', { retryAfterMs: 5_000 }), 'rate-limited'],
        [new NetworkError('ECONNRESET'), 'offline'],
        [new ConnectTimeoutError(5_000), 'offline'],
        [new ServerError('bad gateway', { status: 502 }), 'offline'],
        [new HttpError('Bad Gateway', { status: 502 }), 'offline'],
        [new IdleTimeoutError(5_000), null],
        [new TruncatedStreamError(12), null],
      ];
      for (const [error, reason] of cases) {
        pause.resume();
        const paused = pause.failed(error as never);
        assert.equal(pause.current.reason, reason, error.message);
        assert.equal(paused, reason !== null);
      }
    });

    it('tells listeners about changes, not repeats', () => {
      for (let i = 0; i < 5; i++) pause.failed(new AuthError('bad key'));
      pause.pause('auth');
      assert.deepEqual(heard, ['auth']);
      pause.resume();
      pause.resume();
      assert.deepEqual(heard, ['auth', null]);
    });

    it('ends a timed pause by itself once the clock passes it', () => {
      pause.failed(new RateLimitedError('slow down', { retryAfterMs: 30_000 }));
      assert.equal(pause.current.until, now + 30_000);
      now += 29_999;
      assert.ok(pause.paused);
      now += 1;
      assert.ok(!pause.paused);
      assert.deepEqual(heard, ['rate-limited', null]);
    });

    it('waits a minute after a 429 without Retry-After', () => {
      pause.failed(new RateLimitedError('slow down'));
      assert.equal(pause.current.until, now + 60_000);
    });

    it('backs off 15 s, 30 s, 1 min … up to 5 min while offline, and starts over after a success', () => {
      const waits: number[] = [];
      for (let i = 0; i < 7; i++) {
        pause.failed(new NetworkError('ECONNREFUSED'));
        waits.push((pause.current.until as number) - now);
        now = pause.current.until as number;
      }
      assert.deepEqual(waits, [15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
      pause.succeeded();
      pause.failed(new NetworkError('ECONNREFUSED'));
      assert.equal((pause.current.until as number) - now, 15_000);
    });
  });

  describe('suggestion cache', () => {
    it('drops the least recently used entry when full; a hit makes an entry recent', () => {
      const cache = new SuggestionCache(2);
      cache.set('ts', 'a = ', '', 'A');
      cache.set('ts', 'b = ', '', 'B');
      assert.equal(cache.get('ts', 'a = ', '')?.text, 'A'); // a is now the most recent
      cache.set('ts', 'c = ', '', 'C');
      assert.equal(cache.get('ts', 'b = ', ''), undefined, 'b was the oldest');
      assert.equal(cache.get('ts', 'a = ', '')?.text, 'A');
      cache.set('ts', 'd = ', '', 'D');
      assert.equal(cache.get('ts', 'c = ', ''), undefined);
      assert.deepEqual(['a = ', 'd = '].map((p) => cache.get('ts', p, '')?.text), ['A', 'D']);
    });

    it('walks back up to 400 typed characters (an accepted block) to a suggestion whose start was typed', () => {
      const cache = new SuggestionCache();
      const long = 'x'.repeat(420);
      cache.set('ts', 'const v = ', ';\n', `compute(${long});`);
      assert.deepEqual(cache.get('ts', 'const v = comp', ';\n'), { text: `ute(${long});`, typed: 4 });
      assert.equal(cache.get('ts', `const v = compute(${'x'.repeat(392)}`, ';\n')?.typed, 400);
      assert.equal(cache.get('ts', `const v = compute(${'x'.repeat(393)}`, ';\n'), undefined, '401 characters back is too far');
    });

    it('misses when the typed text contradicts the suggestion or uses it all up; counts hits and misses', () => {
      const cache = new SuggestionCache();
      cache.set('ts', 'f(', ')', 'a, b');
      assert.equal(cache.get('ts', 'f(x', ')'), undefined);
      assert.equal(cache.get('ts', 'f(a, b', ')'), undefined);
      assert.equal(cache.get('ts', 'f(a', ')')?.text, ', b');
      assert.deepEqual([cache.hits, cache.misses], [1, 2]);
    });

    it('keys by language and the text on both sides of the cursor', () => {
      const cache = new SuggestionCache();
      cache.set('ts', 'x = ', ';\n', '1');
      assert.equal(cache.get('js', 'x = ', ';\n'), undefined);
      assert.equal(cache.get('ts', 'x = ', ',\n'), undefined);
      assert.equal(cache.get('ts', 'x = ', ';\n')?.text, '1');
      cache.set('ts', 'y = ', '', '');
      assert.equal(cache.get('ts', 'y = ', ''), undefined, 'an empty suggestion is never stored');
    });
  });

  describe('calendar', () => {
    it('names the local calendar day, rolling over at local midnight', () => {
      const now = new Date(2026, 0, 31, 23, 59).getTime();
      assert.equal(dayOf(now), '2026-01-31');
      assert.equal(dayOf(now + 2 * 60_000), '2026-02-01');
    });
  });

  describe('route memory', () => {
    const URL = 'https://relay.example/v1';

    it('tries the routes each mode allows, in order', () => {
      const routes = new RouteMemory(new MapStore());
      assert.deepEqual(routes.candidates('auto', URL, 'm'), ['completions', 'fim', 'chat']);
      assert.deepEqual(routes.candidates('fim', URL, 'm'), ['completions', 'fim']);
      assert.deepEqual(routes.candidates('chat', URL, 'm'), ['chat']);
    });

    it('remembers the route that worked per endpoint and model, across instances on the same store', () => {
      const store = new MapStore();
      new RouteMemory(store).worked(URL, 'codestral-latest', 'fim');
      const routes = new RouteMemory(store);
      assert.deepEqual(routes.candidates('auto', URL, 'codestral-latest'), ['fim']);
      assert.deepEqual(routes.candidates('fim', URL, 'codestral-latest'), ['fim']);
      assert.deepEqual(routes.candidates('chat', URL, 'codestral-latest'), ['chat'], 'the mode still rules');
      assert.deepEqual(routes.candidates('auto', URL, 'other-model'), ['completions', 'fim', 'chat']);
      assert.deepEqual(routes.candidates('auto', 'https://other.example/v1', 'codestral-latest'), ['completions', 'fim', 'chat']);
    });

    it('skips refused routes, keeps the last one when all are refused, and forgets on reset', () => {
      const store = new MapStore();
      const routes = new RouteMemory(store);
      routes.refusedBy(URL, 'm', 'completions');
      assert.deepEqual(routes.candidates('auto', URL, 'm'), ['fim', 'chat']);
      routes.refusedBy(URL, 'm', 'fim');
      assert.deepEqual(routes.candidates('fim', URL, 'm'), ['fim']);
      routes.worked(URL, 'm', 'chat');
      routes.forget();
      assert.deepEqual(routes.candidates('auto', URL, 'm'), ['completions', 'fim', 'chat']);
      assert.deepEqual(new RouteMemory(store).candidates('auto', URL, 'm'), ['completions', 'fim', 'chat']);
    });

    it('takes 404/405/501, bad_request and an unknown model for a refused route, not a bad key or a 5xx', () => {
      const refused = [new HttpError('x', { status: 404 }), new HttpError('x', { status: 405 }), new HttpError('x', { status: 501 }), new BadRequestError('x'), new ModelNotFoundError('m', 'x')];
      const not = [new AuthError('x'), new HttpError('x', { status: 500 }), new RateLimitedError('x'), new NetworkError('x')];
      assert.deepEqual(refused.map(routeRefused), refused.map(() => true));
      assert.deepEqual(not.map(routeRefused), not.map(() => false));
    });
  });

  describe('pending completion', () => {
    const LINE = cursorAt('const x = 1;\n');
    const pendingAt = (cursor: Cursor, scope: CursorScope = 'inline') => new PendingCompletion(cursor, scope, new AbortController(), () => 0);
    const events = (...list: StreamEvent[]) => (async function* () { yield* list; })();

    it('knows how far a later cursor typed on, and nothing for one that moved elsewhere', () => {
      const pending = pendingAt(LINE);
      assert.equal(pending.typedSince(typed(LINE, 'cons')), 'cons');
      assert.equal(pending.typedSince(LINE), '');
      assert.equal(pending.typedSince(cursorAt('const x = 1', '\n')), undefined, 'moved back');
      assert.equal(pending.typedSince({ ...typed(LINE, 'c'), documentId: 'file:///b.ts' }), undefined, 'another document');
      assert.equal(pending.typedSince({ ...typed(LINE, 'c'), suffix: ')' }), undefined, 'the text after the cursor changed');
      assert.equal(pending.typedSince({ ...typed(LINE, 'c'), prefix: 'let q = 1;\nc' }), undefined, 'same offset, other text');
      assert.equal(pending.typedSince(typed(LINE, 'x'.repeat(401))), undefined, 'too far');
    });

    it('does not judge a chat answer by its unfinished line (half a tag, half a preamble)', async () => {
      const pending = pendingAt(LINE);
      pending.route = 'chat';
      const stream = new FakeStream('chat', { model: 'm', messages: [] });
      void pending.consume(stream);
      stream.text('Here is the comp');
      await settle();
      assert.ok(pending.matches('cons'), 'nothing complete yet: still awaited');
      stream.text('letion:\n<insert>console.log(x);');
      await settle();
      assert.ok(pending.matches('cons'));
      stream.text('</insert>\n');
      await settle();
      assert.ok(!pending.matches('let '), 'a complete line that contradicts the typing');
    });

    it('a line-end answer still streaming serves a cursor that typed all of its usable part: its next lines, once it ends', async () => {
      const cursor = cursorAt('function f() {\n  const a = 1;', '\n}\n');
      const pending = pendingAt(cursor, 'line-end');
      const stream = new FakeStream('fim', { model: 'm', route: 'completions', prompt: '', suffix: '', maxTokens: 64 });
      const ended = pending.consume(stream);
      stream.text('\n  const b = 2;\n');
      await settle();
      assert.equal(await pending.suggestionFor('', new AbortController().signal), '\n  const b = 2;');
      assert.ok(pending.matches('\n  const b = 2;'), 'all of it accepted: more may come');
      assert.ok(pending.matches('\n  const b = 2;\n  '), 'Enter and the indentation');
      assert.ok(!pending.matches('\n  const b = 2;\n  let total = 0;'), 'more than 12 characters past what is known');
      const waiting = pending.suggestionFor('\n  const b = 2;', new AbortController().signal);
      stream.text('  return a + b;\n').finish().end();
      assert.equal(await waiting, '\n  return a + b;');
      await ended;
    });

    it('still serves up to 12 typed characters before anything arrived, then only what matches the text so far', async () => {
      const pending = pendingAt(LINE);
      assert.ok(pending.matches('console.log('));
      assert.ok(!pending.matches('console.log(x'));
      const stream = new FakeStream('fim', { model: 'm', route: 'completions', prompt: '', suffix: '', maxTokens: 1 });
      const ended = pending.consume(stream);
      stream.text('console.');
      await settle();
      assert.ok(pending.matches('cons') && pending.matches('console.') && pending.matches('console.lo'));
      assert.ok(!pending.matches('conso1e'));
      stream.text('log(x);\n');
      await settle();
      assert.equal(await pending.suggestionFor('console.', new AbortController().signal), 'log(x);');
      assert.ok(!pending.matches('console.log(x);'), 'typed all of it: nothing left to serve');
      assert.ok(!pending.matches('console.log(x);;'));
      stream.end();
      assert.equal((await ended).suggestion, 'console.log(x);');
    });

    it('lets a waiting caller go when its own signal aborts, without closing the request', async () => {
      const controller = new AbortController();
      const pending = new PendingCompletion(LINE, 'inline', controller, () => 0);
      const stream = new FakeStream('fim', { model: 'm', route: 'completions', prompt: '', suffix: '', maxTokens: 1, signal: controller.signal });
      void pending.consume(stream);
      const caller = new AbortController();
      const waiting = pending.suggestionFor('', caller.signal);
      caller.abort();
      assert.equal(await waiting, undefined);
      assert.ok(!controller.signal.aborted);
      pending.abort();
      await settle();
      assert.ok(stream.aborted && pending.done);
    });

    it('marks when and from how much text the suggestion became usable', async () => {
      let now = 100;
      const pending = new PendingCompletion(LINE, 'inline', new AbortController(), () => now);
      const stream = new FakeStream('fim', { model: 'm', route: 'completions', prompt: '', suffix: '', maxTokens: 1 });
      const ended = pending.consume(stream);
      stream.text('console.log(x);');
      await settle();
      now = 130;
      stream.text('\nmore');
      await settle();
      assert.deepEqual(pending.mark, { at: 130, rawChars: 16, neededEnd: false });
      stream.end();
      await ended;
      const atEnd = new PendingCompletion(LINE, 'inline', new AbortController(), () => 7);
      await atEnd.consume(events({ type: 'text', text: 'console.log(x);' }, { type: 'finish', finishReason: 'stop' }));
      assert.deepEqual(atEnd.mark, { at: 7, rawChars: 15, neededEnd: true });
    });

    it('ends a block at the first line indented less than the cursor, keeping a line that only closes it', () => {
      assert.equal(closeBlock('a();\n  b();\n}\nfunction g() {', 2), 'a();\n  b();\n}');
      assert.equal(closeBlock('a = 1\n    return a\n\nprint(f())', 4), 'a = 1\n    return a');
      assert.equal(closeBlock('a();\n  if (x) {\n    b();\n  }\n', 2), undefined, 'still inside');
      assert.equal(closeBlock('a();\n\n  b();', 2), undefined, 'a blank line leaves nothing');
      assert.equal(closeBlock('x,\n  y\n]);', 2), 'x,\n  y\n]);');
    });

    it('gives a request that ended without a usable answer no suggestion', async () => {
      const pending = pendingAt(LINE);
      const end = await pending.consume(events({ type: 'text', text: '   \n' }, { type: 'done', finishReason: 'stop', aborted: false }));
      assert.equal(end.suggestion, '');
      assert.equal(await pending.suggestionFor('', new AbortController().signal), undefined);
      assert.ok(!pending.matches(''));
    });
  });

  describe('request shape', () => {
    it('wants a block on an empty line after an opener or in an empty body, one line elsewhere', () => {
      assert.equal(wantsBlock('function f() {\n  ', '\n}\n'), true);
      assert.equal(wantsBlock('def f(x):\n    ', '\n'), true);
      assert.equal(wantsBlock('items.map((x) =>\n  ', '\n'), true);
      assert.equal(wantsBlock('if (a) {\n  run();\n  ', '\n}\n'), true, 'an empty line before the closer');
      assert.equal(wantsBlock('function f() {\n  const a', '\n}\n'), false, 'mid-line');
      assert.equal(wantsBlock('function f() {\n  ', 'return 1;\n}\n'), false, 'text after the cursor');
      assert.equal(wantsBlock('const x = 1;\n', '\nconst y = 2;\n'), false);
      assert.equal(wantsBlock('', ''), false);
    });

    it('caps the server: one line mid-line, a blank line ends a line-end answer (next lines survive), larger for a block; chat stops at </insert> too', () => {
      assert.deepEqual(serverCaps('completions', 'inline'), { maxTokens: 48, stop: ['\n'] });
      assert.deepEqual(serverCaps('completions', 'line-end'), { maxTokens: 64, stop: ['\n\n'] });
      assert.deepEqual(serverCaps('fim', 'block'), { maxTokens: 192, stop: ['\n\n\n'] });
      assert.deepEqual(serverCaps('chat', 'inline'), { maxTokens: 48, stop: ['</insert>', '\n\n'] });
      assert.deepEqual(serverCaps('chat', 'inline', false, true), { maxTokens: 48, stop: ['</insert>'] }, 'a model that writes blank lines before its code');
      assert.deepEqual(serverCaps('chat', 'line-end'), { maxTokens: 96, stop: ['</insert>', '\n\n'] });
      assert.deepEqual(serverCaps('completions', 'line-end', true), { maxTokens: 128, stop: ['\n\n'] }, 'a header line: room for its block');
      assert.deepEqual(serverCaps('chat', 'block'), { maxTokens: 256, stop: ['</insert>'] });
    });

    it('turns reasoning off where the model has a switch, and sends nothing for unknown models', () => {
      assert.deepEqual(reasoningOff('gemini-2.5-flash'), { reasoning_effort: 'none' });
      assert.deepEqual(reasoningOff('google/gemini-2.5-flash-lite'), { reasoning_effort: 'none' });
      assert.deepEqual(reasoningOff('gpt-5-mini'), { reasoning_effort: 'minimal' });
      assert.deepEqual(reasoningOff('o4-mini'), { reasoning_effort: 'low' });
      assert.deepEqual(reasoningOff('deepseek-v3.2'), { thinking: { type: 'disabled' } });
      assert.deepEqual(reasoningOff('qwen3-coder-plus'), { enable_thinking: false });
      for (const model of ['gpt-4.1-mini', 'claude-sonnet-4.5', 'deepseek-v3', 'my-local-coder']) assert.deepEqual(reasoningOff(model), {}, model);
    });

    it('builds the chat prompt: the file with its path, language and the cursor mark, and what to insert', () => {
      const ctx = { documentId: 'd', languageId: 'typescript', fileName: 'src/app.ts', prefix: 'const a = ', suffix: ';\n' };
      const [system, user] = chatPrompt(ctx, 'inline');
      assert.equal(system?.role, 'system');
      assert.match(system?.content ?? '', /<insert><\/insert>/);
      assert.equal(user?.role, 'user');
      assert.ok(user?.content.startsWith(`<file path="src/app.ts" language="typescript">\nconst a = ${CURSOR_MARK};\n\n</file>\n`));
      assert.equal(CURSOR_MARK, '<|cursor|>');
      assert.match(user?.content ?? '', /rest of the current line/);
      assert.match(chatPrompt(ctx, 'block')[1]?.content ?? '', /block body/);
      assert.match(chatPrompt(ctx, 'line-end')[1]?.content ?? '', /next line instead, starting with a newline/);
    });
  });

  describe('model choice', () => {
    it('prefers codestral, then deepseek v3.x, then a flash model, then a mini one, and falls back', () => {
      const all = ['gpt-4.1', 'claude-sonnet-4.5', 'gpt-4.1-mini', 'gemini-2.5-flash', 'deepseek-v3.2', 'codestral-2508'];
      assert.equal(pickCompletionModel(all, 'gpt-4.1'), 'codestral-2508');
      assert.equal(pickCompletionModel(all.slice(0, 5), 'gpt-4.1'), 'deepseek-v3.2');
      assert.equal(pickCompletionModel(all.slice(0, 4), 'gpt-4.1'), 'gemini-2.5-flash');
      assert.equal(pickCompletionModel(all.slice(0, 3), 'gpt-4.1'), 'gpt-4.1-mini');
      assert.equal(pickCompletionModel(['gpt-4.1', 'claude-sonnet-4.5'], 'gpt-4.1'), 'gpt-4.1');
      assert.equal(pickCompletionModel([], 'deepseek-v3.2'), 'deepseek-v3.2');
    });

    it('skips reasoning and thinking variants, and takes the shortest name of a family', () => {
      assert.equal(pickCompletionModel(['deepseek-reasoner', 'gemini-2.0-flash-thinking-exp', 'o3-mini-reasoning'], 'gpt-4.1'), 'gpt-4.1');
      assert.equal(pickCompletionModel(['deepseek-v3.1-terminus', 'deepseek-v3.1'], 'x'), 'deepseek-v3.1');
    });
  });
});
