// The shapes reasoning arrives in, read into `reasoning` events and never into the answer's text:
// DeepSeek's reasoning_content, OpenRouter's reasoning and reasoning_details (streamed, or in a whole
// non-streamed message), with OpenRouter's duplicate of the same thinking shown once.
import * as assert from 'node:assert/strict';
import { ChunkReader } from '../../../../src/core/transport/chunk-reader';
import type { StreamEvent } from '../../../../src/core';

function read(objects: unknown[]): { reasoning: string; text: string } {
  const events: StreamEvent[] = [];
  const reader = new ChunkReader((e) => events.push(e), 'm');
  for (const o of objects) reader.acceptData(JSON.stringify(o));
  reader.flush();
  const join = (type: 'text' | 'reasoning') => events.map((e) => (e.type === type ? e.text : '')).join('');
  return { reasoning: join('reasoning'), text: join('text') };
}

const delta = (d: Record<string, unknown>) => ({ choices: [{ index: 0, delta: d, finish_reason: null }] });

describe('ChunkReader: reasoning shapes', () => {
  it('reads reasoning_content and a reasoning string', () => {
    assert.deepEqual(read([delta({ reasoning_content: '考え' }), delta({ content: '答え' })]), { reasoning: '考え', text: '答え' });
    assert.deepEqual(read([delta({ reasoning: 'think' }), delta({ content: 'answer' })]), { reasoning: 'think', text: 'answer' });
  });

  it('reads reasoning_details text and summaries, and does not show encrypted items', () => {
    const seen = read([
      delta({ reasoning_details: [{ type: 'reasoning.summary', summary: 'Plan. ', format: 'openai-responses-v1', index: 0 }] }),
      delta({ reasoning_details: [{ type: 'reasoning.text', text: '思考中', format: 'unknown', index: 1 }] }),
      delta({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'gAAAAB…', index: 2 }] }),
      delta({ content: 'Done.' }),
    ]);
    assert.deepEqual(seen, { reasoning: 'Plan. 思考中', text: 'Done.' });
  });

  it('shows the same thinking once when a delta carries both reasoning and reasoning_details (OpenRouter)', () => {
    const seen = read([
      delta({ reasoning: 'Let me ', reasoning_details: [{ type: 'reasoning.text', text: 'Let me ' }] }),
      delta({ reasoning: 'think.', reasoning_details: [{ type: 'reasoning.text', text: 'think.' }] }),
      delta({ reasoning: null, reasoning_details: [{ type: 'reasoning.encrypted', data: 'xyz' }] }),
      delta({ content: 'Hi' }),
    ]);
    assert.deepEqual(seen, { reasoning: 'Let me think.', text: 'Hi' });
  });

  it('reads reasoning_details in a whole non-streamed message', () => {
    const whole = { choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Answer', reasoning_details: [{ type: 'reasoning.text', text: 'Why' }] } }] };
    assert.deepEqual(read([whole]), { reasoning: 'Why', text: 'Answer' });
  });

  it('reads reasoning_details in the typed WebSocket dialect', () => {
    assert.deepEqual(read([{ type: 'chat.completions.chunk', delta: { reasoning_details: [{ type: 'reasoning.text', text: 'r' }] } }]), { reasoning: 'r', text: '' });
  });
});
