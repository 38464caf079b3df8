// Issues 9 and 21: the messages sent for an editor's language-model request, built without VS Code.
import * as assert from 'node:assert/strict';
import { lmChatMessages, lmTurnText, type LmAccepts, type LmTurn } from '../../../../src/core/lm/messages';

const ALL: LmAccepts = { tools: true, images: true };
const TEXT_ONLY: LmAccepts = { tools: false, images: false };
/** A real 1×1 PNG's first bytes are enough here: the bytes go as they are. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('messages from an editor\'s language-model request', () => {
  it('joins each turn\'s text parts in order, keeps roles, leaves out empty turns and parts a relay cannot use', () => {
    const result = lmChatMessages([
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: '日本語で' }, { kind: 'ignored' }, { kind: 'text', text: '答えて 🙂' }] },
      { role: 'assistant', parts: [] },
      { role: 'assistant', parts: [{ kind: 'text', text: 'はい。' }] },
    ], TEXT_ONLY);
    assert.deepEqual(result, {
      ok: true,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '日本語で答えて 🙂' }, { role: 'assistant', content: 'はい。' }],
    });
  });

  it('sends an agent loop in order: the assistant\'s text with its calls, then each result as a tool message before the rest of the turn', () => {
    const turns: LmTurn[] = [
      { role: 'user', parts: [{ kind: 'text', text: '東京の天気は？' }] },
      { role: 'assistant', parts: [
        { kind: 'text', text: '調べます。' },
        { kind: 'toolCall', callId: 'call_1', name: 'weather', input: { city: '東京 🗼' } },
        { kind: 'toolCall', callId: 'call_2', name: 'time', input: {} },
      ] },
      { role: 'user', parts: [
        { kind: 'toolResult', callId: 'call_1', content: [{ kind: 'text', text: '晴れ' }, { kind: 'text', text: ' ☀️' }] },
        { kind: 'toolResult', callId: 'call_2', content: [{ kind: 'text', text: '12:00' }] },
        { kind: 'text', text: 'Thanks' },
      ] },
    ];
    assert.deepEqual(lmChatMessages(turns, ALL), {
      ok: true,
      messages: [
        { role: 'user', content: '東京の天気は？' },
        { role: 'assistant', content: '調べます。', toolCalls: [{ id: 'call_1', name: 'weather', arguments: '{"city":"東京 🗼"}' }, { id: 'call_2', name: 'time', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'call_1', content: '晴れ ☀️' },
        { role: 'tool', toolCallId: 'call_2', content: '12:00' },
        { role: 'user', content: 'Thanks' },
      ],
    });
  });

  it('keeps an assistant turn that only called a tool (no text)', () => {
    const result = lmChatMessages([{ role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c', name: 'run', input: { a: 1 } }] }], ALL);
    assert.deepEqual(result, { ok: true, messages: [{ role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'run', arguments: '{"a":1}' }] }] });
  });

  it('sends images as parts in their place among the text, and an image a tool returned with the turn', () => {
    const result = lmChatMessages([
      { role: 'user', parts: [{ kind: 'text', text: 'what is ' }, { kind: 'text', text: 'this?' }, { kind: 'image', mimeType: 'IMAGE/PNG', data: PNG }, { kind: 'text', text: '!' }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'shot', content: [{ kind: 'text', text: 'screenshot taken' }, { kind: 'image', mimeType: 'image/png', data: PNG }] }] },
    ], ALL);
    assert.deepEqual(result, {
      ok: true,
      messages: [
        { role: 'user', content: 'what is this?!', parts: [{ type: 'text', text: 'what is this?' }, { type: 'image', mimeType: 'image/png', data: PNG }, { type: 'text', text: '!' }] },
        { role: 'tool', toolCallId: 'shot', content: 'screenshot taken' },
        { role: 'user', content: '', parts: [{ type: 'image', mimeType: 'image/png', data: PNG }] },
      ],
    });
  });

  it('refuses tool calls and results for a model without tools, images for one without vision, and image types relays refuse', () => {
    const user: LmTurn = { role: 'user', parts: [{ kind: 'text', text: 'hi' }] };
    const call: LmTurn = { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c', name: 'n', input: {} }] };
    const result: LmTurn = { role: 'user', parts: [{ kind: 'toolResult', callId: 'c', content: [] }] };
    assert.deepEqual(lmChatMessages([user, call], { tools: false, images: true }), { ok: false, unsupported: 'tools' });
    assert.deepEqual(lmChatMessages([user, result], { tools: false, images: true }), { ok: false, unsupported: 'tools' });
    const image: LmTurn = { role: 'user', parts: [{ kind: 'text', text: 'what is this?' }, { kind: 'image', mimeType: 'image/png', data: PNG }] };
    assert.deepEqual(lmChatMessages([image], { tools: true, images: false }), { ok: false, unsupported: 'images' });
    const svg: LmTurn = { role: 'user', parts: [{ kind: 'image', mimeType: 'image/svg+xml', data: PNG }] };
    assert.deepEqual(lmChatMessages([svg], ALL), { ok: false, unsupported: 'imageFormat', detail: 'image/svg+xml' });
    assert.equal(lmChatMessages([user, call, result, image], ALL).ok, true);
  });

  it('gives a turn\'s text for counting its tokens', () => {
    assert.equal(lmTurnText({ role: 'user', parts: [{ kind: 'text', text: 'a' }, { kind: 'ignored' }, { kind: 'text', text: 'b' }] }), 'ab');
  });
});
