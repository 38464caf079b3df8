// The JSON a relay sends for a completion, in the two shapes clients meet: legacy
// `text_completion` (/v1/completions) and chat-style chunks (/v1/fim/completions, chat mode).

export type WireShape = 'text' | 'chat';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export const usageOf = (promptTokens: number, completionTokens: number): Usage =>
  ({ prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens });

let serial = 0;

/** Builds one response's chunks; every chunk of a response carries the same id, as real relays do. */
export class CompletionWire {
  readonly id: string;
  private readonly created = Math.floor(Date.now() / 1000);
  private first = true;

  constructor(private readonly shape: WireShape, private readonly model: string) {
    this.id = `${shape === 'text' ? 'cmpl' : 'chatcmpl'}-fake-${++serial}`;
  }

  /** A streamed piece of text (the first chat chunk also names the role, like OpenAI's). */
  piece(text: string): Record<string, unknown> {
    if (this.shape === 'text') return this.chunk({ index: 0, text, finish_reason: null });
    const delta = this.first ? { role: 'assistant', content: text } : { content: text };
    this.first = false;
    return this.chunk({ index: 0, delta, finish_reason: null });
  }

  /** The last chunk with choices: no text, the finish reason. */
  finish(reason: string): Record<string, unknown> {
    return this.chunk(this.shape === 'text' ? { index: 0, text: '', finish_reason: reason } : { index: 0, delta: {}, finish_reason: reason });
  }

  /** The usage-only chunk sent when the request asked for stream_options.include_usage. */
  usage(usage: Usage): Record<string, unknown> {
    return { ...this.chunk(), choices: [], usage };
  }

  /** The whole answer as one JSON body, for requests that did not ask to stream. */
  whole(text: string, reason: string, usage: Usage): Record<string, unknown> {
    const choice = this.shape === 'text'
      ? { index: 0, text, finish_reason: reason }
      : { index: 0, message: { role: 'assistant', content: text }, finish_reason: reason };
    return { id: this.id, object: this.shape === 'text' ? 'text_completion' : 'chat.completion', created: this.created, model: this.model, choices: [choice], usage };
  }

  private chunk(choice?: Record<string, unknown>): Record<string, unknown> {
    const object = this.shape === 'text' ? 'text_completion' : 'chat.completion.chunk';
    return { id: this.id, object, created: this.created, model: this.model, choices: choice ? [choice] : [] };
  }
}
