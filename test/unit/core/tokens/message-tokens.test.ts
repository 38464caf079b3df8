// Token counts (issue 21): messages with their framing, tool calls and results, tool schemas, images,
// and a whole request, as OpenAI's rule counts them (and the other families at least as high).
import * as assert from 'node:assert/strict';
import { countMessageTokens, countRequestTokens, countToolTokens } from '../../../../src/core/tokens/message-tokens';
import { tokenCounterFor, type TokenCounter } from '../../../../src/core/tokens/token-counter';
import { openAiToolText } from '../../../../src/core/tokens/tool-text';
import type { ChatMessage, ToolSpec } from '../../../../src/core/types';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const WEATHER: ToolSpec = {
  name: 'get_weather',
  description: 'The current weather in a city.',
  parameters: {
    type: 'object', required: ['city'],
    properties: { city: { type: 'string', description: 'The city, e.g. Paris' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  },
};

describe('tokens: messages, tools and requests', () => {
  let gpt: TokenCounter;
  before(async () => { gpt = await tokenCounterFor('gpt-4o'); });

  it('frames each message with 3 tokens and its role (OpenAI), a name with 1 more', () => {
    // "Hello, world!" is 4 tokens, "user" 1.
    assert.equal(countMessageTokens(gpt, { role: 'user', content: 'Hello, world!' }), 3 + 1 + 4);
    assert.equal(countMessageTokens(gpt, { role: 'user', content: 'Hello, world!', name: 'ada' }), 3 + 1 + 4 + 1 + gpt.count('ada'));
  });

  it("counts an assistant's tool calls: name, arguments JSON and id in a frame", () => {
    const message: ChatMessage = { role: 'assistant', content: '', toolCalls: [{ id: 'call_abc123', name: 'get_weather', arguments: '{"city":"Paris"}' }] };
    // "assistant" 1; "get_weather" 2, the arguments 5, the id 4, and 7 of frame.
    assert.equal(countMessageTokens(gpt, message), 3 + 1 + 7 + 2 + 5 + 4);
  });

  it("counts a tool result's content and the id of the call it answers", () => {
    const message: ChatMessage = { role: 'tool', content: 'Sunny, 21 °C', toolCallId: 'call_abc123' };
    assert.equal(countMessageTokens(gpt, message), 3 + 1 + gpt.count('Sunny, 21 °C') + 4);
  });

  it("adds an image's tokens to its message's text", () => {
    const message: ChatMessage = { role: 'user', content: 'What is this?', parts: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: PNG_1X1 }] };
    assert.equal(countMessageTokens(gpt, message), 3 + 1 + gpt.count('What is this?') + 255);
  });

  it("renders tools as OpenAI's namespace and counts that, not the request's JSON", () => {
    const rendered = openAiToolText([WEATHER]);
    assert.match(rendered, /namespace functions \{\n\n\/\/ The current weather in a city\.\ntype get_weather = \(_: \{\n\/\/ The city, e\.g\. Paris\ncity: string,\nunit\?: "celsius" \| "fahrenheit",\n\}\) => any;/);
    assert.equal(countToolTokens(gpt, [WEATHER]), 6 + gpt.count(rendered));
    assert.equal(countToolTokens(gpt, []), 0);
    assert.ok(countToolTokens(gpt, [WEATHER]) < gpt.count(JSON.stringify(WEATHER)) + 10, 'about the size of the schema');
  });

  it('counts a request as its messages, tools and 3 tokens priming the reply', () => {
    const messages: ChatMessage[] = [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: 'Hello, world!' }];
    const sum = messages.reduce((n, m) => n + countMessageTokens(gpt, m), 0);
    assert.equal(countRequestTokens(gpt, { messages }), sum + 3);
    assert.equal(countRequestTokens(gpt, { messages, tools: [WEATHER] }), sum + 3 + countToolTokens(gpt, [WEATHER]));
  });

  it("counts Claude's tools with Anthropic's 346-token tool-use prompt, and every family's framing at least OpenAI's", async () => {
    const claude = await tokenCounterFor('claude-sonnet-4-5');
    assert.ok(countToolTokens(claude, [WEATHER]) > 346);
    for (const model of ['claude-sonnet-4-5', 'gemini-2.5-pro', 'deepseek-chat', 'qwen3-max', 'llama-4']) {
      const counter = await tokenCounterFor(model);
      assert.ok(countMessageTokens(counter, { role: 'user', content: '' }) >= 3 + 1, model);
    }
  });
});
