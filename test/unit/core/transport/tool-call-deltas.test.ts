// Issue 21: tool calls assembled from the pieces relays stream them in.
import * as assert from 'node:assert/strict';
import { ToolCallDeltas } from '../../../../src/core/transport/tool-call-deltas';

const ARGS = '{"query":"東京の天気 🌤️","days":3}';

/** The arguments cut at every place, for every cut. */
function cuts(text: string): [string, string][] {
  return Array.from({ length: text.length + 1 }, (_, i): [string, string] => [text.slice(0, i), text.slice(i)]);
}

describe('tool calls from stream deltas', () => {
  it('assembles one call from its first delta and argument fragments cut anywhere', () => {
    for (const [a, b] of cuts(ARGS)) {
      const deltas = new ToolCallDeltas();
      deltas.push([{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } }]);
      deltas.push([{ index: 0, function: { arguments: a } }]);
      deltas.push([{ index: 0, function: { arguments: b } }]);
      assert.deepEqual(deltas.take(true), [{ id: 'call_1', name: 'weather', arguments: ARGS }]);
    }
  });

  it('keeps several calls apart by index, even interleaved, and hands each out once', () => {
    const deltas = new ToolCallDeltas();
    deltas.push([{ index: 0, id: 'a', function: { name: 'one', arguments: '{"x"' } }]);
    deltas.push([{ index: 1, id: 'b', function: { name: 'two', arguments: '{"y"' } }]);
    deltas.push([{ index: 0, function: { arguments: ':1}' } }, { index: 1, function: { arguments: ':2}' } }]);
    assert.deepEqual(deltas.take(true), [{ id: 'a', name: 'one', arguments: '{"x":1}' }, { id: 'b', name: 'two', arguments: '{"y":2}' }]);
    assert.deepEqual(deltas.take(true), []);
  });

  it('tells calls apart by id where a relay numbers every call 0 or leaves the index out', () => {
    const zero = new ToolCallDeltas();
    zero.push([{ index: 0, id: 'a', function: { name: 'one', arguments: '{}' } }]);
    zero.push([{ index: 0, id: 'b', function: { name: 'two', arguments: '{"k"' } }]);
    zero.push([{ index: 0, function: { arguments: ':true}' } }]);
    assert.deepEqual(zero.take(true).map((c) => [c.id, c.arguments]), [['a', '{}'], ['b', '{"k":true}']]);
    const none = new ToolCallDeltas();
    none.push([{ id: 'a', function: { name: 'one', arguments: '{"q":' } }]);
    none.push([{ function: { arguments: '"x"}' } }]);
    none.push([{ id: 'b', function: { name: 'two', arguments: '{}' } }]);
    assert.deepEqual(none.take(true).map((c) => [c.id, c.name, c.arguments]), [['a', 'one', '{"q":"x"}'], ['b', 'two', '{}']]);
  });

  it('reads whole calls (Gemini, non-streamed completions), object arguments, and names a call without an id', () => {
    const deltas = new ToolCallDeltas();
    deltas.push([{ function: { name: 'one', arguments: { a: 1 } } }, { function: { name: 'two', arguments: '{}' } }], true);
    assert.deepEqual(deltas.take(true), [{ id: 'call_0', name: 'one', arguments: '{"a":1}' }, { id: 'call_1', name: 'two', arguments: '{}' }]);
  });

  it('takes a name repeated in every delta once, and leaves out a call that never got a name', () => {
    const deltas = new ToolCallDeltas();
    deltas.push([{ index: 0, id: 'a', function: { name: 'run', arguments: '{"a":' } }]);
    deltas.push([{ index: 0, function: { name: 'run', arguments: '1}' } }]);
    deltas.push([{ index: 1, function: { arguments: '{}' } }]);
    assert.deepEqual(deltas.take(true), [{ id: 'a', name: 'run', arguments: '{"a":1}' }]);
  });

  it('ignores what is not a list of calls', () => {
    const deltas = new ToolCallDeltas();
    deltas.push(null);
    deltas.push({ index: 0 });
    deltas.push([null, 'x', 3]);
    assert.equal(deltas.started, false);
    assert.deepEqual(deltas.take(true), []);
  });
});

describe('tool calls handed out before the answer ends', () => {
  it('hands a call out as soon as its arguments close as a JSON object, braces and quotes inside strings ignored', () => {
    const tricky = '{"code":"if (a) { b(\\"}\\"); }","list":[{"x":"]"}]}';
    for (const [a, b] of cuts(tricky)) {
      const deltas = new ToolCallDeltas();
      deltas.push([{ index: 0, id: 'c', function: { name: 'edit', arguments: a } }]);
      assert.deepEqual(deltas.take(false), a === tricky ? [{ id: 'c', name: 'edit', arguments: tricky }] : [], `cut after ${a.length}`);
      deltas.push([{ index: 0, function: { arguments: b } }]);
      if (a !== tricky) assert.deepEqual(deltas.take(false), [{ id: 'c', name: 'edit', arguments: tricky }]);
    }
  });

  it('keeps the order: a later call that closed first waits for the one before it', () => {
    const deltas = new ToolCallDeltas();
    deltas.push([{ index: 0, id: 'a', function: { name: 'one', arguments: '{"x":' } }]);
    deltas.push([{ index: 1, id: 'b', function: { name: 'two', arguments: '{}' } }]);
    assert.deepEqual(deltas.take(false), []);
    deltas.push([{ index: 0, function: { arguments: '1}' } }]);
    assert.deepEqual(deltas.take(false).map((c) => c.id), ['a', 'b']);
  });

  it('leaves to the answer\'s end what is not a closed object: no arguments, a half object, an object followed by more', () => {
    const deltas = new ToolCallDeltas();
    deltas.push([{ index: 0, id: 'a', function: { name: 'now', arguments: '' } }]);
    deltas.push([{ index: 1, id: 'b', function: { name: 'two', arguments: '{"a":1}{"b":2}' } }]);
    assert.deepEqual(deltas.take(false), []);
    assert.deepEqual(deltas.take(true).map((c) => c.arguments), ['', '{"a":1}{"b":2}']);
    const half = new ToolCallDeltas();
    half.push([{ index: 0, id: 'a', function: { name: 'x', arguments: '{"q":"東京' } }]);
    assert.deepEqual(half.take(false), []);
  });
});
