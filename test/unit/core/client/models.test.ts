// Issue 9: the relay's model list with its limits, as the vscode.lm adapter needs it.
import * as assert from 'node:assert/strict';
import { readModelDetails, readModelList } from '../../../../src/core/client/models';

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
