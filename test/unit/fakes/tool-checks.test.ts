// The fake relay refuses agent-mode requests OpenAI's API refuses, with OpenAI's words, on SSE and
// over both WebSocket dialects; a well-formed agent loop (tools, a call, its result, an image) passes.
import * as assert from 'node:assert/strict';
import { FakeRelay } from '../../fakes/fake-relay';
import { chat, sseChat, textOf, WIRES } from './relay-wire';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const TOOLS = [{ type: 'function', function: { name: 'get_weather', description: '天気', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
const call = (id: string) => ({ id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"東京"}' } });
const user = (content: unknown) => ({ role: 'user', content });
const asked = user([{ type: 'text', text: 'この画像の場所の天気は？' }, { type: 'image_url', image_url: { url: PNG, detail: 'auto' } }]);
const called = (...ids: string[]) => ({ role: 'assistant', content: null, tool_calls: ids.map(call) });
const result = (id: string) => ({ role: 'tool', tool_call_id: id, content: '晴れ ☀️' });
const LOOP = { model: 'gpt-4.1', tools: TOOLS, tool_choice: 'auto', messages: [{ role: 'system', content: '簡潔に。' }, asked, called('call_1'), result('call_1')] };
const withMessages = (...messages: unknown[]) => ({ ...LOOP, messages });
const withImage = (url: string) => withMessages(user([{ type: 'text', text: '何？' }, { type: 'image_url', image_url: { url } }]));
const tool = (fn: Record<string, unknown>) => ({ ...LOOP, tools: [{ type: 'function', function: { ...TOOLS[0]?.function, ...fn } }] });

/** A request OpenAI refuses, the words it refuses it with, and the parameter it names. */
const CASES: [string, Record<string, unknown>, string, string | null][] = [
  ['a tool result with no call before it', withMessages(user('hi'), result('call_1')), "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", 'messages.[1].role'],
  ['a tool result for a call that was not made', withMessages(asked, called('call_1'), result('call_9')), "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", 'messages.[2].role'],
  ['a call left unanswered before the next message', withMessages(asked, called('call_1', 'call_2'), result('call_1'), user('続けて')), "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_2", 'messages.[1].role'],
  ['a call left unanswered at the end', withMessages(asked, called('call_1')), "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_1", 'messages.[1].role'],
  ['a tool result without tool_call_id', withMessages(asked, called('call_1'), { role: 'tool', content: 'x' }), "Missing required parameter: 'messages[2].tool_call_id'.", 'messages[2].tool_call_id'],
  ['arguments sent as an object', withMessages(asked, { role: 'assistant', content: null, tool_calls: [{ ...call('c'), function: { name: 'get_weather', arguments: { city: '東京' } } }] }, result('c')), "Invalid type for 'messages[1].tool_calls[0].function.arguments': expected a string, but got an object instead.", 'messages[1].tool_calls[0].function.arguments'],
  ['content null without tool calls', withMessages(asked, { role: 'assistant', content: null }, user('?')), "Invalid value for 'content': expected a string, got null.", 'messages.[1].content'],
  ['parameters that are not an object', tool({ parameters: '{"type":"object"}' }), "Invalid type for 'tools[0].function.parameters': expected an object, but got a string instead.", 'tools[0].function.parameters'],
  ['a tool name with a space', tool({ name: 'get weather' }), "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", 'tools[0].function.name'],
  ['a tool name of 65 characters', tool({ name: 'x'.repeat(65) }), "Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.", 'tools[0].function.name'],
  ['a tool without type', { ...LOOP, tools: [{ function: TOOLS[0]?.function }] }, "Missing required parameter: 'tools[0].type'.", 'tools[0].type'],
  ['an empty tools array', { ...LOOP, tools: [], tool_choice: undefined }, "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'tools'],
  ['an unknown tool_choice', { ...LOOP, tool_choice: 'any' }, "Invalid value: 'any'. Supported values are: 'none', 'auto', and 'required'.", 'tool_choice'],
  ['tool_choice without tools', { model: 'gpt-4.1', messages: [user('hi')], tool_choice: 'auto' }, "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice'],
  ['a named tool_choice in the wrong shape', { ...LOOP, tool_choice: { type: 'function', name: 'get_weather' } }, "'$.tool_choice' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", null],
  ['an image that is neither a data URL nor http(s)', withImage('iVBORw0KGgo='), "Invalid image URL: 'messages[0].content[1].image_url.url'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got a value without the 'data:' prefix.", 'messages[0].content[1].image_url.url'],
  ['an image with no bytes', withImage('data:image/png;base64,'), "Invalid image URL: 'messages[0].content[1].image_url.url'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got empty base64-encoded bytes.", 'messages[0].content[1].image_url.url'],
  ['an image of an unsupported type', withImage('data:image/bmp;base64,Qk0='), "You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].", 'messages[0].content[1].image_url.url'],
  ['an image whose base64 is broken', withImage('data:image/jpeg;base64,not base64!'), 'Invalid base64 image_url.', 'messages[0].content[1].image_url.url'],
];

describe('fake relay: agent-mode request checks', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => relay.close());

  for (const wire of WIRES) {
    it(`${wire}: answers a well-formed loop (tools, a call, its result, an image; tool_choice required or named; an http image)`, async () => {
      for (const body of [LOOP, { ...LOOP, tool_choice: 'required' }, { ...LOOP, tool_choice: { type: 'function', function: { name: 'get_weather' } } }, withImage('https://example.com/a.png')]) {
        relay.script({ tokens: ['晴れ', 'です'] });
        const answer = await chat(relay, body, wire);
        assert.equal(answer.status, 200, JSON.stringify(answer.error));
        assert.equal(textOf(answer.deltas), '晴れです');
      }
    });
  }

  for (const [what, body, message, param] of CASES) {
    it(`refuses ${what} with a 400 in OpenAI's words`, async () => {
      const answer = await sseChat(relay, body);
      assert.equal(answer.status, 400);
      const error = answer.error?.error as Record<string, unknown>;
      assert.deepEqual([error.message, error.type, error.param], [message, 'invalid_request_error', param]);
    });
  }

  for (const wire of ['chunks', 'typed'] as const) {
    it(`${wire}: refuses every one of them with an error message carrying status 400`, async () => {
      for (const [, body, message] of CASES) {
        const answer = await chat(relay, body, wire);
        const error = answer.error?.error as { message?: string; status?: number } | undefined;
        assert.deepEqual([error?.message, error?.status], [message, 400]);
        if (wire === 'typed') assert.equal(answer.error?.type, 'error');
      }
    });
  }

  it('a refused request leaves the scripted answer for the next one', async () => {
    relay.script({ tokens: ['次'] });
    assert.equal((await sseChat(relay, CASES[0]?.[1] ?? {})).status, 400);
    assert.equal(textOf((await sseChat(relay, LOOP)).deltas), '次');
  });
});
