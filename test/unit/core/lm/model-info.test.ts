// Issue 9: the model information the editor shows, built without VS Code.
import * as assert from 'node:assert/strict';
import { DEFAULT_LIMITS, knownLimits } from '../../../../src/core/lm/known-limits';
import { chatModelInfo } from '../../../../src/core/lm/model-info';

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
