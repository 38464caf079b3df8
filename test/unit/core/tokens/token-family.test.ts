// Token counts (issue 21): which tokenizer a model id is counted with.
import * as assert from 'node:assert/strict';
import { tokenFamily } from '../../../../src/core/tokens/token-family';

describe('tokens: model family', () => {
  const cases: [string, string][] = [
    ['gpt-4o', 'o200k'], ['gpt-4o-mini-2024-07-18', 'o200k'], ['openai/gpt-4.1', 'o200k'], ['gpt-4.1-nano', 'o200k'],
    ['gpt-5', 'o200k'], ['gpt-5.2-codex', 'o200k'], ['o1', 'o200k'], ['o3-mini', 'o200k'], ['openai/o4-mini-2025-04-16', 'o200k'],
    ['gpt-oss-120b', 'o200k'], ['chatgpt-4o-latest', 'o200k'], ['GPT-4.5-Preview', 'o200k'],
    ['gpt-4', 'cl100k'], ['gpt-4-0613', 'cl100k'], ['gpt-4-1106-preview', 'cl100k'], ['gpt-4-turbo', 'cl100k'],
    ['gpt-3.5-turbo', 'cl100k'], ['gpt-35-turbo', 'cl100k'], ['text-embedding-3-small', 'cl100k'],
    ['claude-sonnet-4-5-20250929', 'claude'], ['anthropic/claude-3.7-sonnet', 'claude'], ['anthropic/sonnet-4', 'claude'],
    ['gemini-2.5-pro', 'gemini'], ['google/gemma-3-27b-it', 'gemini'],
    ['deepseek-chat', 'deepseek'], ['deepseek-ai/DeepSeek-V3.2', 'deepseek'], ['deepseek-reasoner', 'deepseek'],
    ['qwen3-coder-plus', 'qwen'], ['Qwen/Qwen2.5-72B-Instruct', 'qwen'], ['qwq-32b', 'qwen'],
    ['meta-llama/llama-3.3-70b', 'other'], ['mistral-large', 'other'], ['glm-4.6', 'other'], ['local-coder', 'other'], ['omni-moderation', 'other'],
  ];
  for (const [model, family] of cases) {
    it(`${model} -> ${family}`, () => assert.equal(tokenFamily(model), family));
  }
});
