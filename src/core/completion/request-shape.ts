import type { ChatMessage } from '../types';
import type { CompletionContext, CursorScope } from './context';

/** How the relay is asked: true fill-in-the-middle on one of two routes, or the chat endpoint. */
export type CompletionRoute = 'completions' | 'fim' | 'chat';

export interface ServerCaps {
  maxTokens: number;
  stop: string[];
}

/** The chat answer's wrapper tag, `<insert>…</insert>`: the prompt asks for it, the clean-up keeps what it holds. */
export const INSERT_TAG = 'insert';
export const INSERT_OPEN = `<${INSERT_TAG}>`;
/** The server stops at the closing tag, so nothing after it is billed. */
export const INSERT_CLOSE = `</${INSERT_TAG}>`;
/** The opening tag in an answer, in any letter case. */
export const INSERT_OPEN_PATTERN = new RegExp(INSERT_OPEN, 'i');
export const CURSOR_MARK = '<|cursor|>';

/**
 * Caps applied by the server, before anything is generated: relays bill every token they produce and
 * many keep producing after the client hangs up, so an aborted request must already be cheap.
 * - inline (text after the cursor): one line; FIM stops at the newline itself.
 * - line-end: the rest of the line may be empty and the suggestion the next line, or the line may
 *   open a block, so a newline cannot end it; a blank line does (the model has finished a
 *   paragraph of code), and a small max_tokens bounds the rest. We cut on our side.
 *   A line that looks like a block's header (`function f(…)`, `if (…)`) gets room for the block.
 * - block: enough for a function body; a run of blank lines ends it.
 * A chat answer is `<insert>…</insert>`: the server stops at the closing tag, and outside a block
 * at a blank line too, like FIM. A model that puts blank lines before the tag (a preamble, its
 * thoughts) would be stopped before the code: `chatBlankLines` (learned, see routedStream) leaves
 * the blank line out, and max_tokens bounds the wrapping.
 */
export function serverCaps(route: CompletionRoute, scope: CursorScope, blockLikely = false, chatBlankLines = false): ServerCaps {
  const lineEnd = blockLikely ? HEADER_LINE_TOKENS : LINE_END_TOKENS;
  if (route === 'chat') {
    if (scope === 'block') return { maxTokens: 256, stop: [INSERT_CLOSE] };
    return { maxTokens: scope === 'line-end' ? lineEnd + CHAT_OVERHEAD_TOKENS : 48, stop: chatBlankLines ? [INSERT_CLOSE] : [INSERT_CLOSE, BLANK_LINE] };
  }
  if (scope === 'block') return { maxTokens: 192, stop: ['\n\n\n'] };
  return scope === 'line-end' ? { maxTokens: lineEnd, stop: ['\n\n'] } : { maxTokens: 48, stop: ['\n'] };
}

const BLANK_LINE = '\n\n';
/** A line-end answer: the rest of the line and the next few. */
const LINE_END_TOKENS = 64;
/** A line-end answer on a line likely to open a block (see mayOpenBlock): room for a short body. */
const HEADER_LINE_TOKENS = 128;
/** What a chat model spends on its tags and a stray preamble or fence before the code. */
const CHAT_OVERHEAD_TOKENS = 32;

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
  'Reply with exactly the text to insert at the cursor, inside ' + INSERT_OPEN + INSERT_CLOSE + ', and nothing else:',
  'no explanation, no Markdown fence, no repetition of the code before or after the cursor.',
  'Keep the file\'s indentation and style; write comments in the language the file\'s comments use.',
].join(' ');

/** What to insert, by how much fits at the cursor (see CursorScope). */
const SCOPE_ASK: Record<CursorScope, string> = {
  block: 'Insert the code that belongs at the cursor (a block body at most), ending where the code after the cursor continues.',
  'line-end':
    'Insert the rest of the current line. If the current line is already complete, insert the next line instead, starting with a newline. ' +
    'If that line opens a block, include the block.',
  inline: `Insert only the rest of the current line, on one line: ${INSERT_OPEN}…${INSERT_CLOSE}.`,
};

/** The chat-endpoint prompt: the file with a cursor mark, and what to insert. */
export function chatPrompt(ctx: CompletionContext, scope: CursorScope): ChatMessage[] {
  const user = `<file path="${ctx.fileName}" language="${ctx.languageId}">\n${ctx.prefix}${CURSOR_MARK}${ctx.suffix}\n</file>\n${SCOPE_ASK[scope]}`;
  return [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }];
}
