/** What a model can take besides text, when its relay's model list says. */
export interface ModelCapabilities {
  toolCalling?: boolean;
  imageInput?: boolean;
}

const TOOL_WORDS = ['tools', 'tool_use', 'tool_calling', 'tool_calls', 'function_calling', 'functions'];
const IMAGE_WORDS = ['vision', 'image', 'image_input', 'images'];

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()) : undefined);
const flag = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Tools and images from one entry of a model list, in the shapes lists use:
 * - OpenRouter: `supported_parameters: ['tools', …]`, `architecture.input_modalities: ['text', 'image']`
 *   (older: `architecture.modality: 'text+image->text'`);
 * - LM Studio and Ollama-style lists: `capabilities: ['tool_use', 'vision']`;
 * - gateways' objects: `capabilities: { tool_calling: true, vision: true }`, LiteLLM's
 *   `supports_function_calling` / `supports_vision` (also under `model_info`);
 * - models.dev style: `modalities: { input: ['text', 'image'] }`.
 * A list that names what the model takes and leaves tools (or images) out says no; a list silent
 * about it says nothing (undefined), and the known families decide.
 */
export function readCapabilities(m: Record<string, unknown>): ModelCapabilities {
  const info = { ...record(m.model_info), ...m };
  const caps = info.capabilities;
  const capList = strings(caps);
  const capObject = record(caps);
  const parameters = strings(info.supported_parameters);
  const architecture = record(info.architecture);
  const inputs = strings(architecture.input_modalities) ?? strings(record(info.modalities).input) ?? strings(info.input_modalities);
  const modality = typeof architecture.modality === 'string' ? architecture.modality.split('->')[0]?.split('+') : undefined;

  const toolCalling = flag(info.supports_function_calling) ?? flag(info.supports_tool_calling)
    ?? firstFlag(capObject, TOOL_WORDS) ?? listed(capList, TOOL_WORDS) ?? listed(parameters, ['tools']);
  const imageInput = flag(info.supports_vision) ?? firstFlag(capObject, IMAGE_WORDS)
    ?? (inputs ? inputs.includes('image') : undefined) ?? (modality ? modality.includes('image') : undefined) ?? listedOnlyIfTrue(capList, IMAGE_WORDS);
  return { ...(toolCalling !== undefined ? { toolCalling } : {}), ...(imageInput !== undefined ? { imageInput } : {}) };
}

function firstFlag(object: Record<string, unknown>, words: readonly string[]): boolean | undefined {
  for (const word of words) {
    const value = flag(object[word]) ?? flag(object[`supports_${word}`]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A list of what the model takes: in it, or not (absent list: unknown). */
function listed(list: string[] | undefined, words: readonly string[]): boolean | undefined {
  return list ? words.some((w) => list.includes(w)) : undefined;
}

/** A capability list that names tools may still be silent about images (LM Studio lists only tool use). */
function listedOnlyIfTrue(list: string[] | undefined, words: readonly string[]): boolean | undefined {
  return list && words.some((w) => list.includes(w)) ? true : undefined;
}
