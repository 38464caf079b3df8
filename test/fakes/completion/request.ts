// The fields of a completion request the fake reads, whatever route or dialect brought it.

export interface CompletionRequest {
  model: string;
  maxTokens: number | undefined;
  stop: string[] | undefined;
  stream: boolean;
  includeUsage: boolean;
}

export function readRequest(body: Record<string, unknown>): CompletionRequest {
  const max = body.max_tokens ?? body.max_completion_tokens;
  const stop = body.stop;
  const options = body.stream_options as { include_usage?: unknown } | undefined;
  return {
    model: String(body.model ?? ''),
    maxTokens: typeof max === 'number' && max >= 0 ? max : undefined,
    stop: typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string') : undefined,
    stream: body.stream === true,
    includeUsage: options?.include_usage === true,
  };
}

/** The FIM prompt and suffix (a prompt given as an array of strings uses its first). */
export function fimParts(body: Record<string, unknown>): { prompt: string; suffix: string } {
  const prompt = Array.isArray(body.prompt) ? body.prompt[0] : body.prompt;
  return { prompt: typeof prompt === 'string' ? prompt : '', suffix: typeof body.suffix === 'string' ? body.suffix : '' };
}

/** Which FIM route a path names: …/fim/completions, or …/completions that is not chat. */
export function fimRouteOf(method: string | undefined, path: string): 'completions' | 'fim' | undefined {
  if (method !== 'POST' || !/\/completions$/.test(path) || /\/chat\/completions$/.test(path)) return undefined;
  return /\/fim\/completions$/.test(path) ? 'fim' : 'completions';
}
