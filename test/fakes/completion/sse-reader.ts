// A bare SSE reader for tests and benchmarks that call the completion routes with plain fetch:
// deliberately not the extension's client, so the fake is checked on its own.

export interface SseRead {
  /** Every `data:` payload parsed as JSON, in order ([DONE] excluded). */
  chunks: Record<string, unknown>[];
  /** Whether the stream ended with `data: [DONE]`. */
  done: boolean;
}

/** Reads an SSE body to its end; `onChunk` sees each chunk as it arrives. */
export async function readSse(res: Response, onChunk?: (chunk: Record<string, unknown>) => void): Promise<SseRead> {
  const out: SseRead = { chunks: [], done: false };
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = buffer.slice(0, end).replace(/^data: /, '');
      buffer = buffer.slice(end + 2);
      if (data === '[DONE]') out.done = true;
      else {
        const chunk = JSON.parse(data) as Record<string, unknown>;
        out.chunks.push(chunk);
        onChunk?.(chunk);
      }
    }
  }
  return out;
}

/** The text a chunk carries: `choices[0].text` (legacy) or `choices[0].delta.content` (chat). */
export function chunkText(chunk: Record<string, unknown>): string {
  const choice = (chunk.choices as { text?: string; delta?: { content?: string } }[] | undefined)?.[0];
  return choice?.text ?? choice?.delta?.content ?? '';
}

/** The finish reason of the chunk that has one, if any. */
export function finishOf(chunks: readonly Record<string, unknown>[]): string | undefined {
  for (const chunk of chunks) {
    const reason = (chunk.choices as { finish_reason?: string | null }[] | undefined)?.[0]?.finish_reason;
    if (reason) return reason;
  }
  return undefined;
}
