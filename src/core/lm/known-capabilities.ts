import type { ModelCapabilities } from '../client/model-capabilities';
import { familyEntry } from './known-limits';

/**
 * What widely relayed families take, from their makers' documentation (December 2026), for relays
 * whose model list says nothing about it (most do not). Matched like known-limits: the start of the
 * name without a vendor prefix, longest first. A family not here is offered for text only: an agent
 * given a model that cannot call tools fails in ways the user cannot trace back to us.
 */
const TOOLS_AND_IMAGES: ModelCapabilities = { toolCalling: true, imageInput: true };
const TOOLS_ONLY: ModelCapabilities = { toolCalling: true, imageInput: false };

const KNOWN: Record<string, ModelCapabilities> = {
  // https://platform.openai.com/docs/models
  'gpt-4.1': TOOLS_AND_IMAGES, 'gpt-4o': TOOLS_AND_IMAGES, 'gpt-5': TOOLS_AND_IMAGES, o3: TOOLS_AND_IMAGES, 'o4-mini': TOOLS_AND_IMAGES,
  'gpt-oss': TOOLS_ONLY,
  // https://docs.anthropic.com/en/docs/about-claude/models
  'claude-sonnet-4': TOOLS_AND_IMAGES, 'claude-opus-4': TOOLS_AND_IMAGES, 'claude-haiku-4': TOOLS_AND_IMAGES,
  'claude-3-5': TOOLS_AND_IMAGES, 'claude-3-7': TOOLS_AND_IMAGES,
  // https://ai.google.dev/gemini-api/docs/models
  'gemini-2.0': TOOLS_AND_IMAGES, 'gemini-2.5': TOOLS_AND_IMAGES, 'gemini-3': TOOLS_AND_IMAGES,
  // https://api-docs.deepseek.com/guides/function_calling (V3.2: both models call tools; neither reads images)
  'deepseek-chat': TOOLS_ONLY, 'deepseek-reasoner': TOOLS_ONLY, 'deepseek-v3': TOOLS_ONLY,
  // https://help.aliyun.com/zh/model-studio/qwen-function-calling
  qwen3: TOOLS_ONLY, 'qwen-max': TOOLS_ONLY, 'qwen-plus': TOOLS_ONLY, 'qwen3-vl': TOOLS_AND_IMAGES,
  'kimi-k2': TOOLS_ONLY, 'glm-4.5': TOOLS_ONLY, 'glm-4.6': TOOLS_ONLY, 'grok-4': TOOLS_AND_IMAGES,
};

/** What the family of `model` takes, if we know it. */
export function knownCapabilities(model: string): ModelCapabilities | undefined {
  return familyEntry(KNOWN, model);
}
