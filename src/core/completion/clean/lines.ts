// Line-level helpers and the last two rules: single-line mode keeps one line (rule 10), and the
// final check that what we show is non-empty, well-formed text (rule 11).

import { currentLinePrefix, currentLineSuffix } from '../cursor-text';

/** Whether `text` has anything to show (a non-whitespace character). */
export function isUsableLine(text: string): boolean {
  return /\S/u.test(text);
}

/**
 * The text up to and including its last "\n": what a stream has settled. The streaming gate shows
 * an item as soon as the first complete line is known, never a line still being written.
 */
export function completeLines(text: string): string {
  return text.slice(0, text.lastIndexOf('\n') + 1);
}

/**
 * Single-line mode keeps the first line. A completion that starts with a line break while the
 * cursor's line has text suggests a new line, not the rest of this one: undefined. On a blank
 * cursor line, leading blank lines are only the model's layout and are skipped.
 */
export function firstLine(text: string, prefix: string, suffix: string): string | undefined {
  let out = text;
  if (/^[ \t]*\n/.test(out)) {
    if (isUsableLine(currentLinePrefix(prefix)) || isUsableLine(currentLineSuffix(suffix))) return undefined;
    out = out.replace(/^(?:[ \t]*\n)+/, '');
  }
  const end = out.indexOf('\n');
  return end < 0 ? out : out.slice(0, end);
}

/** Removes lone surrogates (a stream cut inside a pair, or a bad upstream cut): VS Code must never get half a character. */
export function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/**
 * The final check: no trailing whitespace or newlines, something visible, well-formed UTF-16, and
 * not just the rest of the cursor's line again. undefined means "show nothing".
 */
export function finalizeCompletion(text: string, suffix: string): string | undefined {
  const out = toWellFormed(text).trimEnd();
  if (!isUsableLine(out)) return undefined;
  const rest = currentLineSuffix(suffix).trim();
  if (rest !== '' && out.trim() === rest) return undefined;
  return out;
}
