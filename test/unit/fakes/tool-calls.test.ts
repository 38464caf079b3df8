// The fake relay streams tool calls as real relays do: OpenAI's fragments on SSE and both WebSocket
// dialects, whole calls, calls without `index`, text and a call in one chunk, a whole JSON answer.
import * as assert from 'node:assert/strict';
import { FakeRelay } from '../../fakes/fake-relay';
import { argumentFragments } from '../../fakes/tool-calls';
import { chat, reassemble, sseChat, textOf, WIRES } from './relay-wire';

const WEATHER = '{"city":"東京","unit":"celsius","days":3}';
const SEARCH = '{"query":"日本語のテキスト 🙂👍🏽","limit":5}';
const body = { model: 'gpt-4.1', messages: [{ role: 'user', content: '天気は？' }] };

describe('fake relay: tool calls', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => relay.close());

  for (const wire of WIRES) {
    it(`${wire}: text, then two calls whose fragments reassemble to the arguments, index on every delta, finish tool_calls`, async () => {
      relay.script({ tokens: ['調べ', 'ます'], toolCalls: [{ name: 'get_weather', arguments: WEATHER }, { id: 'call_given', name: 'search', arguments: SEARCH }] });
      const answer = await chat(relay, body, wire);
      assert.equal(answer.status, 200);
      assert.equal(textOf(answer.deltas), '調べます');
      const calls = reassemble(answer.deltas);
      assert.deepEqual(calls.map((c) => [c.name, c.arguments]), [['get_weather', WEATHER], ['search', SEARCH]]);
      assert.match(calls[0]?.id ?? '', /^call_/);
      assert.equal(calls[1]?.id, 'call_given');
      const parts = answer.deltas.flatMap((d) => (d.tool_calls ?? []) as Record<string, unknown>[]);
      assert.ok(parts.every((p) => typeof p.index === 'number'), 'index on every delta');
      const heads = parts.filter((p) => p.id);
      assert.deepEqual(heads.map((h) => [h.index, h.type, h.function]), [[0, 'function', { name: 'get_weather', arguments: '' }], [1, 'function', { name: 'search', arguments: '' }]]);
      assert.ok(calls.every((c) => c.fragments.length > 5), 'arguments come in many fragments');
      assert.equal(answer.finish, 'tool_calls');
    });
  }

  it('cuts arguments at arbitrary places: single characters, inside keys and words, never inside a character', () => {
    const fragments = argumentFragments(SEARCH);
    assert.equal(fragments.join(''), SEARCH);
    assert.ok(fragments.some((f) => Array.from(f).length === 1), 'a one-character fragment');
    // Where the cuts fall, in code points: one falls inside a key, one inside the Japanese words.
    const cuts = fragments.map((_, i) => Array.from(fragments.slice(0, i + 1).join('')).length);
    const inside = (word: string) => {
      const start = Array.from(SEARCH.slice(0, SEARCH.indexOf(word))).length;
      return cuts.some((c) => c > start && c < start + Array.from(word).length);
    };
    assert.ok(inside('query') || inside('limit'), `a key cut in two: ${JSON.stringify(fragments)}`);
    assert.ok(inside('日本語のテキスト'), 'a word cut in two');
    assert.ok(fragments.every((f) => !/[\uD800-\uDBFF]$/.test(f)), 'no fragment ends in half an emoji');
  });

  for (const wire of WIRES) {
    it(`${wire}: 'whole' sends each call complete in one delta; 'noIndex' sends no index, only the id of each call's first delta`, async () => {
      const calls = [{ name: 'get_weather', arguments: WEATHER }, { name: 'search', arguments: SEARCH }];
      relay.script({ tokens: [], toolCalls: calls, toolCallStyle: 'whole' }, { tokens: [], toolCalls: calls, toolCallStyle: 'noIndex' });
      const whole = await chat(relay, body, wire);
      const wholeParts = whole.deltas.flatMap((d) => (d.tool_calls ?? []) as { function: { arguments: string } }[]);
      assert.deepEqual(wholeParts.map((p) => p.function.arguments), [WEATHER, SEARCH]);
      const noIndex = await chat(relay, body, wire);
      const parts = noIndex.deltas.flatMap((d) => (d.tool_calls ?? []) as Record<string, unknown>[]);
      assert.ok(parts.every((p) => !('index' in p)));
      assert.equal(parts.filter((p) => p.id).length, 2);
      assert.deepEqual(reassemble(noIndex.deltas).map((c) => c.arguments), [WEATHER, SEARCH]);
      assert.equal(noIndex.finish, 'tool_calls');
    });
  }

  it('sends text and the first call in one chunk when asked; with no text, role and content null come with the call', async () => {
    relay.script({ tokens: ['あ', 'い'], toolCalls: [{ name: 'f', arguments: '{}' }], textWithToolCall: true }, { tokens: [], toolCalls: [{ name: 'f', arguments: '{}' }] });
    const mixed = await sseChat(relay, body);
    const both = mixed.deltas.find((d) => d.content && d.tool_calls);
    assert.equal(both?.content, 'い');
    assert.equal(textOf(mixed.deltas), 'あい');
    const bare = await sseChat(relay, body);
    assert.deepEqual([bare.deltas[0]?.role, bare.deltas[0]?.content, Array.isArray(bare.deltas[0]?.tool_calls)], ['assistant', null, true]);
  });

  it('a scripted finish reason wins over tool_calls', async () => {
    relay.script({ tokens: [], toolCalls: [{ name: 'f', arguments: '{}' }], finishReason: 'stop' });
    assert.equal((await sseChat(relay, body)).finish, 'stop');
  });

  it('wholeJson: message.tool_calls with the whole arguments, content null when there is no text', async () => {
    relay.script({ wholeJson: true, tokens: [], toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: WEATHER }] });
    const res = await fetch(`${relay.baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(body) });
    const json = (await res.json()) as { choices: { message: Record<string, unknown>; finish_reason: string }[] };
    assert.deepEqual(json.choices[0]?.message.tool_calls, [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: WEATHER } }]);
    assert.equal(json.choices[0]?.message.content, null);
    assert.equal(json.choices[0]?.finish_reason, 'tool_calls');
  });

  for (const wire of WIRES) {
    it(`${wire}: logs each tool-call write with its call and whether it is the call's last argument fragment`, async () => {
      relay.writes = [];
      relay.script({ tokens: ['x'], toolCalls: [{ name: 'a', arguments: WEATHER }, { name: 'b', arguments: SEARCH }] });
      const answer = await chat(relay, body, wire);
      const log = relay.toolCallWrites;
      assert.equal(log.length, answer.deltas.filter((d) => d.tool_calls).length);
      assert.deepEqual(log.filter((w) => w.last).map((w) => w.callIndex), [0, 1]);
      assert.ok(log.every((w, i) => i === 0 || w.at >= (log[i - 1]?.at ?? 0)));
      assert.deepEqual([...new Set(log.map((w) => w.callIndex))], [0, 1]);
    });
  }
});
