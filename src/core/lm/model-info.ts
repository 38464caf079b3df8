import type { ModelDetails } from '../client/models';
import { knownCapabilities } from './known-capabilities';
import { DEFAULT_LIMITS, knownLimits } from './known-limits';

/** Where a model's limits came from: the relay's list, the published figures, or our cautious default. */
export type LimitsSource = 'relay' | 'published' | 'default';

/**
 * A relay model as an editor's language-model picker wants it (VS Code's LanguageModelChatInformation
 * without the display strings, which the adapter localises).
 */
export interface ChatModelInfo {
  id: string;
  name: string;
  /** The name without a vendor prefix: `openai/gpt-4.1` is of family `gpt-4.1`. */
  family: string;
  version: string;
  /** The prompt may take what the context window has left once the longest answer fits. */
  maxInputTokens: number;
  maxOutputTokens: number;
  limitsFrom: LimitsSource;
  /** Tools and images: as the relay's list says, else as the family is known to, else text only. */
  capabilities: { imageInput: boolean; toolCalling: boolean };
}

/** `toolsRefused`: the relay answered a request with tools for this model with "not supported" (learnt). */
export function chatModelInfo(model: ModelDetails, toolsRefused = false): ChatModelInfo {
  const published = knownLimits(model.id);
  const limitsFrom: LimitsSource = model.contextLength || model.maxOutputTokens ? 'relay' : published ? 'published' : 'default';
  const contextLength = model.contextLength ?? published?.contextLength ?? DEFAULT_LIMITS.contextLength;
  // The prompt always keeps at least half the window, whatever the answer limit says.
  const wanted = model.maxOutputTokens ?? published?.maxOutputTokens ?? DEFAULT_LIMITS.maxOutputTokens;
  const maxOutputTokens = Math.max(1, Math.min(wanted, Math.floor(contextLength / 2)));
  const known = knownCapabilities(model.id);
  return {
    id: model.id,
    name: model.name ?? model.id,
    family: model.id.replace(/^.*\//, ''),
    version: model.id,
    maxInputTokens: contextLength - maxOutputTokens,
    maxOutputTokens,
    limitsFrom,
    capabilities: {
      imageInput: model.imageInput ?? known?.imageInput ?? false,
      toolCalling: !toolsRefused && (model.toolCalling ?? known?.toolCalling ?? false),
    },
  };
}
