// Post-processing of inline completions: whatever a model sent (FIM text, or a chat answer asked
// for `<insert>…</insert>`), either text that fits at the cursor or nothing. Each rule lives in its
// own small module and is exported for its own tests; this file only runs them in order.

import { balanceBrackets } from './brackets';
import { isRefusal, stripFences, stripPreamble } from './chat-wrapping';
import { fixIndentation } from './indentation';
import { finalizeCompletion, firstLine } from './lines';
import { stripControlTokens, stripThinking, unwrapInsertTag } from './model-tags';
import { stopBeforeNextLine } from './next-line';
import { cutPrefixOverlap, cutSuffixOverlap } from './overlap';

export { balanceBrackets } from './brackets';
export { isPreambleLine, isRefusal, stripFences, stripPreamble } from './chat-wrapping';
export { documentIndentStyle, fixIndentation, type IndentStyle } from './indentation';
export { completeLines, finalizeCompletion, firstLine, isUsableLine, toWellFormed } from './lines';
export { stripControlTokens, stripThinking, unwrapInsertTag } from './model-tags';
export { stopBeforeNextLine } from './next-line';
export { cutPrefixOverlap, cutSuffixOverlap } from './overlap';

export interface CleanInput {
  /** What the model produced (already the full text received so far or in the end). */
  raw: string;
  /** Document text before the cursor (may be long; only the end matters). */
  prefix: string;
  /** Document text after the cursor. */
  suffix: string;
  /** true: a block may be inserted (cursor on an empty line after a block opener / in an empty body); false: one line only. */
  multiline: boolean;
  /** true when the raw text came from the chat endpoint (may contain tags, fences, preambles, <think>), false for true FIM. */
  fromChat: boolean;
}

/** The text to insert at the cursor, or undefined when the answer cannot be cleaned (then nothing is shown). */
export function cleanCompletion(input: CleanInput): string | undefined {
  const { prefix, suffix, multiline, fromChat } = input;
  let text = stripThinking(input.raw.replace(/\r\n?/g, '\n'));
  if (text === undefined) return undefined;
  text = unwrapInsertTag(stripControlTokens(text));
  if (fromChat) {
    text = stripPreamble(stripFences(text));
    if (isRefusal(text)) return undefined;
  }
  text = cutPrefixOverlap(text, prefix, multiline);
  // Single-line mode drops the other lines now, so that the suffix rules judge the line we show.
  if (!multiline) text = firstLine(text, prefix, suffix);
  if (text === undefined) return undefined;
  text = stopBeforeNextLine(cutSuffixOverlap(text, suffix, prefix), prefix, suffix, multiline);
  if (text === undefined) return undefined;
  text = balanceBrackets(text, prefix, suffix, multiline);
  text = fixIndentation(text, prefix, multiline);
  return finalizeCompletion(text, suffix);
}
