// Issue 9: what the vscode.lm adapter needs from the core, without VS Code: the relay's model list with
// its limits, the model information the editor shows, the messages sent, and answers counted as the panel counts them.
import * as assert from 'node:assert/strict';
import { AnswerMeter } from '../../../../src/core/chat/answer-meter';
import { answerStats, priceFor } from '../../../../src/core/chat/answer-stats';
import { readModelDetails, readModelList } from '../../../../src/core/client/models';
import { DEFAULT_LIMITS, knownLimits } from '../../../../src/core/lm/known-limits';
import { lmChatMessages, lmTurnText } from '../../../../src/core/lm/messages';
import { chatModelInfo } from '../../../../src/core/lm/model-info';
import { lmRequestOptions } from '../../../../src/core/lm/model-options';
import type { StreamEvent } from '../../../../src/core/types';

describe('the relay\'s model list, with what it says about each model', () => {
  it('reads display names and limits under the names relays use', () => {
    const list = readModelDetails({
      data: [
        { id: 'openai/gpt-4.1', name: 'OpenAI: GPT-4.1', context_length: 1_047_576, top_provider: { max_completion_tokens: 32_768 } },
        { id: 'qwen3-32b', object: 'model', max_model_len: 40_960 },
        { id: 'plain', object: 'model', owned_by: 'relay' },
        { id: 'plain', object: 'model', owned_by: 'duplicate' },
        { id: 'limits-elsewhere', context_window: 64_000, max_output_tokens: 8_000 },
        { id: 'nonsense', context_length: -1, max_completion_tokens: 'many' },
        { object: 'model' },
      ],
    });
    assert.deepEqual(list, [
      { id: 'limits-elsewhere', contextLength: 64_000, maxOutputTokens: 8_000 },
      { id: 'nonsense' },
      { id: 'openai/gpt-4.1', name: 'OpenAI: GPT-4.1', contextLength: 1_047_576, maxOutputTokens: 32_768 },
      { id: 'plain' },
      { id: 'qwen3-32b', contextLength: 40_960 },
    ]);
  });

  it('keeps reading bare names and {models:[{name}]} as before', () => {
    assert.deepEqual(readModelList(['b', 'a', 'a']), ['a', 'b']);
    assert.deepEqual(readModelList({ models: [{ name: 'llama3' }, { model: 'qwen' }] }), ['llama3', 'qwen']);
    assert.deepEqual(readModelDetails({ models: [{ name: 'llama3' }] }), [{ id: 'llama3' }]);
  });
});

describe('model information for an editor\'s model picker', () => {
  it('uses the limits the relay reports: the prompt gets the window minus the longest answer', () => {
    const info = chatModelInfo({ id: 'vendor/my-model', name: 'My Model', contextLength: 200_000, maxOutputTokens: 10_000 });
    assert.deepEqual(info, {
      id: 'vendor/my-model', name: 'My Model', family: 'my-model', version: 'vendor/my-model', maxInputTokens: 190_000, maxOutputTokens: 10_000,
      limitsFrom: 'relay', capabilities: { imageInput: false, toolCalling: false },
    });
  });

  it('falls back to the published limits of the model\'s family, with or without a vendor prefix or date', () => {
    for (const id of ['gpt-4.1', 'openai/gpt-4.1-mini', 'gpt-4.1-2025-04-14']) {
      const info = chatModelInfo({ id });
      assert.equal(info.limitsFrom, 'published', id);
      assert.equal(info.maxOutputTokens, 32_768, id);
      assert.equal(info.maxInputTokens, 1_047_576 - 32_768, id);
    }
    assert.equal(chatModelInfo({ id: 'claude-sonnet-4.5' }).maxInputTokens, 136_000);
    assert.equal(knownLimits('gpt-4.10'), undefined, 'a family name must end where the model\'s name has a separator');
  });

  it('assumes cautious limits for a model nobody describes, and the prompt always keeps half the window', () => {
    const unknown = chatModelInfo({ id: 'my-local-model' });
    assert.equal(unknown.limitsFrom, 'default');
    assert.equal(unknown.maxOutputTokens, DEFAULT_LIMITS.maxOutputTokens);
    assert.equal(unknown.maxInputTokens, DEFAULT_LIMITS.contextLength - DEFAULT_LIMITS.maxOutputTokens);
    const greedy = chatModelInfo({ id: 'x', contextLength: 8_192, maxOutputTokens: 8_192 });
    assert.deepEqual([greedy.maxInputTokens, greedy.maxOutputTokens], [4_096, 4_096]);
    // deepseek-reasoner publishes 64k answers in a 128k window: the prompt keeps 64k.
    assert.equal(chatModelInfo({ id: 'deepseek-reasoner' }).maxInputTokens, 64_000);
  });
});

describe('messages from an editor\'s language-model request', () => {
  it('joins each turn\'s text parts in order, keeps roles, leaves out empty turns and parts a relay cannot use', () => {
    const result = lmChatMessages([
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: '日本語で' }, { kind: 'ignored' }, { kind: 'text', text: '答えて 🙂' }] },
      { role: 'assistant', parts: [] },
      { role: 'assistant', parts: [{ kind: 'text', text: 'はい。' }] },
    ]);
    assert.deepEqual(result, {
      ok: true,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '日本語で答えて 🙂' }, { role: 'assistant', content: 'はい。' }],
    });
  });

  it('refuses tool calls, tool results and images anywhere in the conversation', () => {
    const user = { role: 'user' as const, parts: [{ kind: 'text' as const, text: 'hi' }] };
    assert.deepEqual(lmChatMessages([user, { role: 'assistant', parts: [{ kind: 'toolCall' }] }]), { ok: false, unsupported: 'tools' });
    assert.deepEqual(lmChatMessages([user, { role: 'user', parts: [{ kind: 'toolResult' }] }]), { ok: false, unsupported: 'tools' });
    assert.deepEqual(lmChatMessages([{ role: 'user', parts: [{ kind: 'text', text: 'what is this?' }, { kind: 'image' }] }]), { ok: false, unsupported: 'images' });
  });

  it('gives a turn\'s text for counting its tokens', () => {
    assert.equal(lmTurnText({ role: 'user', parts: [{ kind: 'text', text: 'a' }, { kind: 'toolCall' }, { kind: 'text', text: 'b' }] }), 'ab');
  });
});

describe('a caller\'s model options, applied by the relay', () => {
  it('passes the caller\'s answer cap on as max_tokens, whichever common spelling it uses', () => {
    assert.deepEqual(lmRequestOptions({ max_tokens: 64 }), { maxTokens: 64 });
    assert.deepEqual(lmRequestOptions({ maxTokens: 64 }), { maxTokens: 64 });
    assert.deepEqual(lmRequestOptions({ max_tokens: 32, maxTokens: 64 }), { maxTokens: 32 }, 'the OpenAI spelling first');
    assert.deepEqual(lmRequestOptions({ max_completion_tokens: 48 }), { maxTokens: 48 });
    assert.deepEqual(lmRequestOptions({ maxOutputTokens: 16 }), { maxTokens: 16 });
  });

  it('keeps temperature and stop sequences, and leaves out values of the wrong kind rather than guess', () => {
    assert.deepEqual(lmRequestOptions({ temperature: 0, stop: '\n\n' }), { temperature: 0, stop: ['\n\n'] });
    assert.deepEqual(lmRequestOptions({ stop: ['END', 'STOP'] }), { stop: ['END', 'STOP'] });
    assert.deepEqual(lmRequestOptions({ max_tokens: '64', temperature: -1, stop: ['ok', 3] }), {});
    assert.deepEqual(lmRequestOptions({ max_tokens: 0 }), {});
    assert.deepEqual(lmRequestOptions({ max_tokens: 12.5 }), {});
    assert.deepEqual(lmRequestOptions(undefined), {});
  });
});

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
