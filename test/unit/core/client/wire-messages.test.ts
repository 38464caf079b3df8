// Issue 21: tool calls, tool results, images and tools as the chat-completions API takes them.
import * as assert from 'node:assert/strict';
import { wireMessage, wireTools } from '../../../../src/core/client/wire-messages';

describe('messages as sent to the relay', () => {
  it('sends plain messages as before', () => {
    assert.deepEqual(wireMessage({ role: 'user', content: 'こんにちは 🙂' }), { role: 'user', content: 'こんにちは 🙂' });
    assert.deepEqual(wireMessage({ role: 'user', content: 'x', name: 'ann' }), { role: 'user', content: 'x', name: 'ann' });
  });

  it('sends an assistant\'s calls as tool_calls (content null without text) and a result as a tool message', () => {
    const calls = [{ id: 'call_1', name: 'weather', arguments: '{"city":"東京"}' }];
    assert.deepEqual(wireMessage({ role: 'assistant', content: '', toolCalls: calls }), {
      role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"東京"}' } }],
    });
    assert.equal(wireMessage({ role: 'assistant', content: '調べます。', toolCalls: calls }).content, '調べます。');
    assert.deepEqual(wireMessage({ role: 'tool', content: '晴れ ☀️', toolCallId: 'call_1' }), { role: 'tool', content: '晴れ ☀️', tool_call_id: 'call_1' });
  });

  it('sends an image as a base64 data URL part between the text parts', () => {
    const data = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff]);
    assert.deepEqual(wireMessage({ role: 'user', content: 'ab', parts: [{ type: 'text', text: 'a' }, { type: 'image', mimeType: 'image/png', data }, { type: 'text', text: 'b' }] }), {
      role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR/8=' } }, { type: 'text', text: 'b' }],
    });
  });

  it('sends tools as OpenAI function tools, with an empty object schema when the tool has none', () => {
    assert.deepEqual(wireTools([{ name: 'run', description: 'Runs it', parameters: { type: 'object', properties: { a: { type: 'string' } } } }, { name: 'now' }]), [
      { type: 'function', function: { name: 'run', description: 'Runs it', parameters: { type: 'object', properties: { a: { type: 'string' } } } } },
      { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
    ]);
  });
});
