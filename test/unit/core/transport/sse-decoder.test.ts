import * as assert from 'node:assert/strict';
import { ChunkReader } from '../../../../src/core/transport/chunk-reader';
import { SseDecoder } from '../../../../src/core/transport/sse-decoder';
import type { StreamEvent } from '../../../../src/core';
import { RECORDED, RECORDED_TEXT } from '../../support/recorded-streams';

interface Decoded {
  text: string;
  reasoning: string;
  events: StreamEvent[];
  reader: ChunkReader;
}

function decode(parts: Uint8Array[]): Decoded {
  const events: StreamEvent[] = [];
  const reader = new ChunkReader((e) => events.push(e), 'm');
  const decoder = new SseDecoder(reader, (e) => events.push(e), 'm');
  for (const part of parts) decoder.feed(part);
  decoder.end();
  const join = (type: 'text' | 'reasoning') => events.map((e) => (e.type === type ? e.text : '')).join('');
  return { text: join('text'), reasoning: join('reasoning'), events, reader };
}

/** Every way of cutting the bytes in two, plus one byte at a time. */
function* splits(bytes: Uint8Array): Generator<Uint8Array[]> {
  for (let i = 0; i <= bytes.length; i++) yield [bytes.subarray(0, i), bytes.subarray(i)];
  yield Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
}

const isWellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('SSE decoding of recorded streams at every split point', () => {
  for (const [name, eol] of [['lf', 'LF'], ['crlf', 'CRLF'], ['cr', 'CR']] as const) {
    it(`${eol} line ends: byte-identical text at all ${Buffer.byteLength(RECORDED[name])} split points`, () => {
      const bytes = Buffer.from(RECORDED[name], 'utf8');
      for (const parts of splits(bytes)) {
        const out = decode(parts);
        assert.equal(out.text, RECORDED_TEXT);
        assert.equal(out.reader.ended, true);
        assert.equal(out.reader.finishReason, 'stop');
        assert.equal(out.events.filter((e) => e.type === 'keepalive').length, 2, 'both comments seen as keep-alives');
        assert.deepEqual(out.events.filter((e) => e.type === 'usage'), [{ type: 'usage', usage: { promptTokens: 5, completionTokens: 9, totalTokens: 14 } }]);
      }
    });
  }

  it('joins multi-line data fields', () => {
    for (const parts of splits(Buffer.from(RECORDED.multiline))) assert.equal(decode(parts).text, RECORDED_TEXT);
  });

  it('separates DeepSeek reasoning_content from the answer', () => {
    for (const parts of splits(Buffer.from(RECORDED.reasoning))) {
      const out = decode(parts);
      assert.equal(out.reasoning, '考えている…');
      assert.equal(out.text, RECORDED_TEXT);
    }
  });

  it('joins an emoji split into two lone surrogate halves across chunks', () => {
    for (const parts of splits(Buffer.from(RECORDED.surrogates))) {
      const out = decode(parts);
      assert.equal(out.text, '前😀後');
      for (const e of out.events) if (e.type === 'text') assert.ok(isWellFormed(e.text), `event text is well-formed UTF-16: ${JSON.stringify(e.text)}`);
    }
  });

  it('turns a half that never finds its partner into U+FFFD at the end', () => {
    const out = decode([Buffer.from(`data: {"choices":[{"delta":{"content":"a\\ud83d"}}]}\n\n`)]);
    assert.equal(out.text, 'a\ufffd');
  });

  it('dispatches a last event that lacks its final blank line', () => {
    const out = decode([Buffer.from('data: {"choices":[{"delta":{"content":"末尾"},"finish_reason":"stop"}]}\n')]);
    assert.equal(out.text, '末尾');
    assert.equal(out.reader.finishReason, 'stop');
  });

  it('treats non-JSON data as a keep-alive, not text and not a failure', () => {
    const out = decode([Buffer.from('data: ok\n\ndata: {"choices":[{"delta":{"content":"x"},"finish_reason":"stop"}]}\n\n')]);
    assert.equal(out.text, 'x');
    assert.ok(out.events.some((e) => e.type === 'keepalive'));
  });

  it('ignores chunks with empty choices (usage-only, content-filter notes)', () => {
    const out = decode([Buffer.from('data: {"choices":[],"prompt_filter_results":[{"content_filter_results":{}}]}\n\ndata: {"choices":[{"delta":{"content":"y"},"finish_reason":"content_filter"}]}\n\n')]);
    assert.equal(out.text, 'y');
    assert.equal(out.reader.finishReason, 'content_filter');
  });

  it('raises `event: error` and in-band {"error":…} payloads as typed errors', () => {
    assert.throws(() => decode([Buffer.from('event: error\ndata: {"message":"overloaded","type":"server_error"}\n\n')]), (e: { code?: string }) => e.code === 'server');
    assert.throws(() => decode([Buffer.from('data: {"error":{"message":"Rate limit exceeded","type":"rate_limit_error"}}\n\n')]), (e: { code?: string }) => e.code === 'rate_limited');
    assert.throws(() => decode([Buffer.from('data: {"error":{"message":"The model `x` does not exist","code":"model_not_found"}}\n\n')]), (e: { code?: string }) => e.code === 'model_not_found');
    assert.throws(() => decode([Buffer.from('event: error\ndata: something broke\n\n')]), (e: { code?: string; message: string }) => e.code === 'upstream' && /something broke/.test(e.message));
  });

  it('reads the typed WebSocket dialect and a whole non-streamed completion', () => {
    const events: StreamEvent[] = [];
    const reader = new ChunkReader((e) => events.push(e), 'm');
    reader.acceptData(JSON.stringify({ type: 'chat.completions.chunk', delta: { content: '你好' } }));
    reader.acceptData(JSON.stringify({ type: 'chat.completions.done', usage: { prompt_tokens: 1, completion_tokens: 2 } }));
    assert.equal(reader.ended, true);
    // The explicit end message counts as a finish (the answer is complete).
    assert.deepEqual(events.map((e) => e.type), ['text', 'usage', 'finish']);
    const whole = new ChunkReader((e) => events.push(e), 'm');
    whole.acceptObject({ choices: [{ message: { role: 'assistant', content: 'whole' }, finish_reason: 'stop' }] });
    assert.equal(whole.chars, 5);
    assert.equal(whole.finishReason, 'stop');
  });
});
