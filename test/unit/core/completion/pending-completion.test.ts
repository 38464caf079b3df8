// The in-flight completion request: reused, superseded, cancelled (a part the completion engine decides with).
import * as assert from 'node:assert/strict';
import type { CursorScope } from '../../../../src/core/completion/context';
import type { Cursor } from '../../../../src/core/completion/context';
import { PendingCompletion } from '../../../../src/core/completion/pending-completion';
import { closeBlock } from '../../../../src/core/completion/suggestion-shape';
import type { StreamEvent } from '../../../../src/core/types';
import { FakeStream, cursorAt, settle, typed } from '../../support/completion-fakes';

describe('completion parts', () => {
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
});
