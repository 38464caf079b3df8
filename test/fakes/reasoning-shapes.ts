// The shapes a relay sends a model's reasoning in, for the fake relay's `reasoning` (scenario.ts `reasoningAs`).

/**
 * - reasoning_content: DeepSeek's field (the default);
 * - reasoning: OpenRouter's string field alone;
 * - reasoning_details: OpenRouter as it is, the same text in `reasoning` and in `reasoning_details`
 *   (`reasoning.text` items), then an encrypted item alone;
 * - think: `<think>…</think>` at the start of the answer text;
 * - thinkClose: the reasoning at the start of the answer text, closed by a lone `</think>` (the chat
 *   template wrote the `<think>` into the prompt).
 */
export type ReasoningShape = 'reasoning_content' | 'reasoning' | 'reasoning_details' | 'think' | 'thinkClose';

/** The deltas that carry the reasoning before the text (none for the shapes that put it into the text). */
export function reasoningDeltas(reasoning: string[], shape: ReasoningShape = 'reasoning_content'): Record<string, unknown>[] {
  switch (shape) {
    case 'reasoning_content': return reasoning.map((r) => ({ reasoning_content: r }));
    case 'reasoning': return reasoning.map((r) => ({ reasoning: r }));
    case 'reasoning_details': return [
      ...reasoning.map((r, i) => ({ reasoning: r, reasoning_details: [{ type: 'reasoning.text', text: r, format: 'unknown', index: i }] })),
      ...(reasoning.length ? [{ reasoning: null, reasoning_details: [{ type: 'reasoning.encrypted', data: 'ZmFrZS1zaWduYXR1cmU=', index: reasoning.length }] }] : []),
    ];
    default: return [];
  }
}

/** The answer's text tokens, with the reasoning put in front of them for the shapes that send it in the text. */
export function answerTokens(reasoning: string[], tokens: string[], shape: ReasoningShape = 'reasoning_content'): string[] {
  if (!reasoning.length) return tokens;
  if (shape === 'think') return ['<th', 'ink>', ...reasoning, '</thi', 'nk>\n\n', ...tokens];
  if (shape === 'thinkClose') return [...reasoning, '</think>', '\n\n', ...tokens];
  return tokens;
}

/** A whole non-streamed message carrying `text` and the reasoning in the chosen shape. */
export function wholeMessage(reasoning: string[], text: string, shape: ReasoningShape = 'reasoning_content'): Record<string, unknown> {
  const joined = reasoning.join('');
  const content = answerTokens(reasoning, [text], shape).join('');
  if (!joined || shape === 'think' || shape === 'thinkClose') return { role: 'assistant', content };
  if (shape === 'reasoning_details') return { role: 'assistant', content, reasoning: joined, reasoning_details: [{ type: 'reasoning.text', text: joined }] };
  return { role: 'assistant', content, [shape]: joined };
}
