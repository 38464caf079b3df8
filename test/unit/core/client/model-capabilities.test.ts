// Issue 21: which models call tools and read images, from the relay's list, else their family.
import * as assert from 'node:assert/strict';
import { readModelDetails } from '../../../../src/core/client/models';
import { chatModelInfo } from '../../../../src/core/lm/model-info';

const caps = (entry: Record<string, unknown>) => {
  const { toolCalling, imageInput } = readModelDetails({ data: [{ id: 'm', ...entry }] })[0] ?? {};
  return { toolCalling, imageInput };
};

describe('what a model takes, as its relay\'s model list says', () => {
  it('reads OpenRouter\'s supported_parameters and input modalities (and its older modality string)', () => {
    assert.deepEqual(caps({ supported_parameters: ['max_tokens', 'tools', 'tool_choice'], architecture: { input_modalities: ['text', 'image'] } }), { toolCalling: true, imageInput: true });
    assert.deepEqual(caps({ supported_parameters: ['max_tokens', 'temperature'], architecture: { input_modalities: ['text'] } }), { toolCalling: false, imageInput: false });
    assert.deepEqual(caps({ architecture: { modality: 'text+image->text' } }), { toolCalling: undefined, imageInput: true });
  });

  it('reads capability lists (LM Studio, Ollama), capability objects and LiteLLM\'s flags', () => {
    assert.deepEqual(caps({ capabilities: ['tool_use'] }), { toolCalling: true, imageInput: undefined });
    assert.deepEqual(caps({ capabilities: ['completion', 'vision'] }), { toolCalling: false, imageInput: true });
    assert.deepEqual(caps({ capabilities: { function_calling: true, vision: false } }), { toolCalling: true, imageInput: false });
    assert.deepEqual(caps({ model_info: { supports_function_calling: false, supports_vision: true } }), { toolCalling: false, imageInput: true });
    assert.deepEqual(caps({ modalities: { input: ['text', 'image'] } }), { toolCalling: undefined, imageInput: true });
  });

  it('says nothing for a list silent about it, or for values of the wrong type', () => {
    assert.deepEqual(caps({ owned_by: 'relay' }), { toolCalling: undefined, imageInput: undefined });
    assert.deepEqual(caps({ capabilities: 'tools', supported_parameters: 'tools', supports_vision: 'yes' }), { toolCalling: undefined, imageInput: undefined });
  });
});

describe('what a model is offered with in the editor', () => {
  const info = (id: string, fields: Record<string, unknown> = {}, refused = false) =>
    chatModelInfo(readModelDetails({ data: [{ id, ...fields }] })[0] ?? { id }, refused).capabilities;

  it('takes the relay\'s word over the family\'s', () => {
    assert.deepEqual(info('gpt-4.1', { supported_parameters: ['max_tokens'], architecture: { input_modalities: ['text'] } }), { toolCalling: false, imageInput: false });
    assert.deepEqual(info('my-local-model', { capabilities: ['tools', 'vision'] }), { toolCalling: true, imageInput: true });
  });

  it('falls back to the known families (vendor prefixes and dates ignored), and offers other models for text only', () => {
    assert.deepEqual(info('openai/gpt-4.1-2025-04-14'), { toolCalling: true, imageInput: true });
    assert.deepEqual(info('claude-sonnet-4.5'), { toolCalling: true, imageInput: true });
    assert.deepEqual(info('deepseek-v3.2'), { toolCalling: true, imageInput: false });
    assert.deepEqual(info('gemini-2.5-flash'), { toolCalling: true, imageInput: true });
    assert.deepEqual(info('my-local-model'), { toolCalling: false, imageInput: false });
  });

  it('offers a model without tools once its relay refused them, whatever the list says', () => {
    assert.deepEqual(info('gpt-4.1', { supported_parameters: ['tools'] }, true), { toolCalling: false, imageInput: true });
  });
});
