// Issue 9: answers counted as the panel counts them, for the vscode.lm adapter too.
import * as assert from 'node:assert/strict';
import { AnswerMeter } from '../../../../src/core/chat/answer-meter';
import { answerStats, priceFor } from '../../../../src/core/chat/answer-stats';
import type { StreamEvent } from '../../../../src/core/types';

describe('AnswerMeter: one answer counted as the panel counts it', () => {
  const provider = { id: 'backup', baseUrl: 'https://b.example/v1', model: 'gpt-4.1' };
  const pricing = { 'gpt-4.1': { input: 2, output: 8 } };

  function run(events: StreamEvent[], times: number[]) {
    const clock = [...times];
    const meter = new AnswerMeter(() => clock.shift() ?? 0);
    for (const e of events) meter.observe(e);
    return meter;
  }

  it('uses the relay\'s usage, times from the first token, and names the fallback that answered', () => {
    const usage = { promptTokens: 100, completionTokens: 50, totalTokens: 150 };
    const meter = run([
      { type: 'fallback', from: { ...provider, id: 'primary' }, to: provider, error: undefined as never },
      { type: 'provider', provider, transport: 'websocket' },
      { type: 'text', text: 'こんにちは' }, { type: 'text', text: '！' },
      { type: 'usage', usage },
      { type: 'done', finishReason: 'stop', aborted: false },
    ], [1_000, 1_400, 3_400]);
    assert.equal(meter.started, true);
    const stats = meter.stats('gpt-4.1', pricing);
    const expected = answerStats('こんにちは！', usage, { startedAt: 1_000, firstTokenAt: 1_400, endedAt: 3_400 }, priceFor('gpt-4.1', pricing));
    assert.deepEqual(stats, { ...expected, provider: 'backup', transport: 'websocket' });
    assert.equal(stats.costUsd, (100 * 2 + 50 * 8) / 1e6);
  });

  it('estimates from the text when the relay reports no usage, and starts the clock at reasoning too', () => {
    const meter = run([{ type: 'reasoning', text: '考える' }, { type: 'text', text: '你好世界' }], [0, 500, 1_500]);
    const stats = meter.stats('gpt-4.1', pricing);
    assert.equal(stats.estimated, true);
    assert.equal(stats.completionTokens, 7, 'one token per CJK character of the answer and of the reasoning (billed as completion tokens)');
    assert.equal(stats.ttftMs, 500);
    assert.equal(stats.provider, undefined, 'no fallback, no provider named');
  });

  it('has nothing started before text or reasoning', () => {
    assert.equal(run([{ type: 'keepalive' }, { type: 'done', finishReason: null, aborted: true }], [0]).started, false);
  });
});
