// Issue 21: tool calls through the client, as relays stream them, on every transport and dialect.
import * as assert from 'node:assert/strict';
import type { StreamEvent, ToolCall, WebSocketDialect } from '../../../../src/core';
import type { Scenario } from '../../../fakes/scenario';
import { collect, relayPerTest } from '../../support/helpers';

const CALLS = [
  { id: 'call_1', name: 'lookup', arguments: '{"query":"東京の天気 🌤️","days":3}' },
  { id: 'call_2', name: 'lookup', arguments: '{"query":"北京 🙂"}' },
];
const TOOLS = [{ name: 'lookup', description: 'Looks it up', parameters: { type: 'object', properties: { query: { type: 'string' } } } }];
const ask = { model: 'gpt-4.1', messages: [{ role: 'user' as const, content: '調べて' }], tools: TOOLS };

const calls = (events: StreamEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'toolCall' ? [e.call] : []));
const kinds = (events: StreamEvent[]) => events.map((e) => e.type).filter((t) => ['text', 'toolCall', 'finish', 'done', 'error'].includes(t));

describe('tool calls streamed back by the relay', () => {
  const fake = relayPerTest();
  const client = (transport: 'sse' | 'websocket' = 'sse', dialect: WebSocketDialect = 'chunks') => fake.client({ transport, webSocket: { dialect } });

  const ways: [string, 'sse' | 'websocket', WebSocketDialect, Scenario][] = [
    ['SSE, one byte per write', 'sse', 'chunks', { split: 'byte' }],
    ['SSE, calls whole (Gemini)', 'sse', 'chunks', { toolCallStyle: 'whole' }],
    ['SSE, no index', 'sse', 'chunks', { toolCallStyle: 'noIndex' }],
    ['SSE, text and the first call in one chunk', 'sse', 'chunks', { textWithToolCall: true }],
    ['WebSocket, OpenAI chunks', 'websocket', 'chunks', {}],
    ['WebSocket, typed dialect', 'websocket', 'typed', {}],
    ['SSE, a model that will not stream', 'sse', 'chunks', { wholeJson: true }],
    ['WebSocket, a model that will not stream', 'websocket', 'chunks', { wholeJson: true }],
  ];
  for (const [way, transport, dialect, scenario] of ways) {
    it(`${way}: the text first, then each call whole, once, in order, and the answer ends normally`, async () => {
      fake.relay.script({ tokens: ['調べ', 'ます。'], toolCalls: CALLS, ...scenario });
      const { events, text } = await collect(client(transport, dialect).streamChat(ask));
      assert.equal(text, '調べます。');
      assert.deepEqual(calls(events), CALLS);
      const order = kinds(events);
      assert.ok(order.lastIndexOf('text') < order.indexOf('toolCall'), order.join(' '));
      const done = events.at(-1);
      assert.ok(done?.type === 'done' && done.finishReason === 'tool_calls' && !done.aborted && !done.incomplete, JSON.stringify(done));
    });
  }

  it('sends the tools, and tool_choice only when a call is required', async () => {
    fake.relay.script({ toolCalls: [CALLS[0] as ToolCall] }, { toolCalls: [CALLS[0] as ToolCall] });
    await collect(client().streamChat(ask));
    await collect(client().streamChat({ ...ask, toolChoice: 'required' }));
    const [auto, required] = fake.relay.requests.filter((r) => r.body?.tools).map((r) => r.body as Record<string, unknown>);
    assert.deepEqual(auto?.tools, [{ type: 'function', function: TOOLS[0] }]);
    assert.equal(auto?.tool_choice, undefined);
    assert.equal(required?.tool_choice, 'required');
  });

  for (const [how, end] of [['a clean end of stream (a gateway hiding an upstream reset)', ''], ['[DONE] without a finish reason (a relay swallowing an upstream error)', 'data: [DONE]\n\n']] as const) {
    it(`an answer cut off in the middle of a call by ${how} hands on no half call`, async () => {
      const chunk = (delta: Record<string, unknown>) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
      fake.relay.script({
        raw: [
          chunk({ role: 'assistant', content: '調べます。' }),
          chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"query":' } }] }),
          chunk({ tool_calls: [{ index: 0, function: { arguments: '"東京' } }] }),
          end,
        ],
      });
      const { events, text } = await collect(client().streamChat({ ...ask, retry: { maxRetries: 0 } }));
      assert.equal(text, '調べます。');
      assert.deepEqual(calls(events), []);
    });
  }

  it('counts a tool call\'s arguments as completion tokens when the relay reports no usage', async () => {
    fake.relay.script({ tokens: [], toolCalls: CALLS, usage: false });
    const { AnswerMeter } = await import('../../../../src/core');
    const meter = new AnswerMeter();
    await collect(client().streamChat(ask), (e) => meter.observe(e));
    const stats = meter.stats('gpt-4.1', {}, '調べて');
    assert.ok(stats.completionTokens >= 10, `${stats.completionTokens} tokens for two calls' names and arguments`);
    assert.equal(meter.billed, true);
  });
});
