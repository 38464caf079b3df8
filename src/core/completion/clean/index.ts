// Post-processing of inline completions: whatever a model sent (FIM text, or a chat answer asked
// for `<insert>…</insert>`), either text that fits at the cursor or nothing. Each rule lives in its
// own small module and is exported for its own tests; this file only runs them in order.

import { balanceBrackets } from './brackets';
import { currentLinePrefix } from '../cursor-text';
import { fencesAreForeign, isRefusal, stripFences, stripPreamble } from './chat-wrapping';
import { fixIndentation } from './indentation';
import { finalizeCompletion, firstLine } from './lines';
import { stripControlTokens, stripThinking, unwrapTags } from './model-tags';
import { stopBeforeNextLine } from './next-line';
import { cutPrefixOverlap, cutSuffixOverlap, dropDoubleSpace } from './overlap';
import { stayInScope } from './scope';

export { balanceBrackets } from './brackets';
export { fencesAreForeign, isPreambleLine, isRefusal, stripFences, stripPreamble } from './chat-wrapping';
export { documentIndentStyle, fixIndentation, type IndentStyle } from './indentation';
export { completeLines, finalizeCompletion, firstLine, isUsableLine, toWellFormed } from './lines';
export { stripControlTokens, stripThinking, unwrapInsertTag, unwrapTags } from './model-tags';
export { stopBeforeNextLine } from './next-line';
export { cutPrefixOverlap, cutSuffixOverlap, dropDoubleSpace } from './overlap';
export { stayInScope } from './scope';

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
  /** The document's VS Code language id: whether a tag or a fence can be the document's own text. */
  languageId?: string;
}

/** The text to insert at the cursor, or undefined when the answer cannot be cleaned (then nothing is shown). */
export function cleanCompletion(input: CleanInput): string | undefined {
  const { prefix, suffix, multiline, fromChat } = input;
  let text = stripThinking(input.raw.replace(/\r\n?/g, '\n'));
  if (text === undefined) return undefined;
  const linePrefix = currentLinePrefix(prefix);
  text = unwrapTags(stripControlTokens(text), { linePrefix, languageId: input.languageId, document: prefix.slice(-2000) + suffix.slice(0, 1000) });
  if (fromChat || fencesAreForeign(input.languageId, prefix, suffix)) text = stripFences(text, input.languageId);
  if (fromChat) {
    text = stripPreamble(text);
    if (isRefusal(text)) return undefined;
  }
  text = dropDoubleSpace(cutPrefixOverlap(text, prefix, multiline), prefix);
  // Single-line mode drops the other lines now, so that the suffix rules judge the line we show.
  if (!multiline) text = firstLine(text, prefix, suffix);
  if (text === undefined) return undefined;
  text = stopBeforeNextLine(cutSuffixOverlap(text, suffix, prefix), prefix, suffix, multiline);
  if (text === undefined) return undefined;
  text = balanceBrackets(text, prefix, suffix, multiline);
  text = fixIndentation(text, prefix, multiline, fromChat);
  // Judged at the document's indentation: a chat answer written from column 0 is re-indented first.
  if (multiline) text = stayInScope(text, prefix);
  return finalizeCompletion(text, suffix);
}
