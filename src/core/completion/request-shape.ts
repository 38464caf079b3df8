import type { ChatMessage } from '../types';
import type { CompletionContext } from './context';

/** How the relay is asked: true fill-in-the-middle on one of two routes, or the chat endpoint. */
export type CompletionRoute = 'completions' | 'fim' | 'chat';

export interface ServerCaps {
  maxTokens: number;
  stop: string[];
}

/** The chat answer's wrapper: the server stops at its closing tag, so nothing after it is billed. */
export const INSERT_CLOSE = '</insert>';
export const CURSOR_MARK = '<|cursor|>';

/**
 * Caps applied by the server, before anything is generated: relays bill every token they produce and
 * many keep producing after the client hangs up, so an aborted request must already be cheap.
 * One line: FIM stops at the newline itself; a chat model may need a few tokens for its tag. A block:
 * enough for a function body, and a run of blank lines ends it.
 */
export function serverCaps(route: CompletionRoute, block: boolean): ServerCaps {
  // One line from a chat model: the answer is `<insert>…</insert>` on one line, so a newline means
  // it has strayed (a think block, a preamble, a fence, the next lines): stop billing there.
  if (route === 'chat') return block ? { maxTokens: 256, stop: [INSERT_CLOSE] } : { maxTokens: 48, stop: [INSERT_CLOSE, '\n'] };
  return block ? { maxTokens: 192, stop: ['\n\n\n'] } : { maxTokens: 48, stop: ['\n'] };
}

/**
 * Request fields that turn reasoning off where the model has a switch: a thinking model would spend
 * (billed) tokens and seconds before the first character of a completion. Unknown models get none.
 */
export function reasoningOff(model: string): Record<string, unknown> {
  const m = model.toLowerCase().replace(/^[^/]+\//, '');
  // Gemini's OpenAI-compatible API: `none` disables thinking on the Flash models.
  if (/^gemini-2\.5-flash/.test(m)) return { reasoning_effort: 'none' };
  if (/^gpt-5/.test(m)) return { reasoning_effort: 'minimal' };
  if (/^o[134](-|$)/.test(m)) return { reasoning_effort: 'low' };
  // DeepSeek V3.1+ hybrid models and Qwen 3 take an explicit switch.
  if (/^deepseek-v3\.[1-9]/.test(m)) return { thinking: { type: 'disabled' } };
  if (/^qwen3/.test(m)) return { enable_thinking: false };
  return {};
}

const SYSTEM = [
  'You are a code completion engine inside an editor. The user shows you a file with the cursor marked ' + CURSOR_MARK + '.',
  'Reply with exactly the text to insert at the cursor, inside <insert></insert>, and nothing else:',
  'no explanation, no Markdown fence, no repetition of the code before or after the cursor.',
  'Keep the file\'s indentation and style; write comments in the language the file\'s comments use.',
].join(' ');

/** The chat-endpoint prompt: the file with a cursor mark, and what to insert. */
export function chatPrompt(ctx: CompletionContext, block: boolean): ChatMessage[] {
  const scope = block
    ? 'Insert the code that belongs at the cursor (a block body at most), ending where the code after the cursor continues.'
    : 'Insert only the rest of the current line, on one line: <insert>…</insert>.';
  const user = `<file path="${ctx.fileName}" language="${ctx.languageId}">\n${ctx.prefix}${CURSOR_MARK}${ctx.suffix}\n</file>\n${scope}`;
  return [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }];
}
