// How much of a cleaned answer is shown at a cursor. The answer (the "continuation") may run on for
// several lines; what fits depends on the cursor (see CursorScope). The rest stays in the cache and
// comes back without a request as the user accepts: the next line after a Tab at a line end.
import { CLOSER_LINE, scopeExit } from './clean/scope';
import { indentOf, opensBlock, type CursorScope } from './context';
import type { CursorLine } from './cursor-text';

/** The most body lines a line-end suggestion shows of a block its line opens. */
export const MAX_BLOCK_LINES = 12;

export interface Shaped {
  /** What to show ('' for nothing). */
  text: string;
  /** More of the answer would not change it: it can be shown while the answer still streams. */
  settled: boolean;
}

/**
 * What to show of `continuation` at a cursor on line `at`. Every line of
 * `continuation` is complete (while the answer streams, the engine passes only whole lines);
 * `ended`: no more lines will come.
 * - inline: the first line.
 * - block: all of it (the engine's block reader decides when it is complete).
 * - line-end: the rest of the line; when that is empty, the next non-blank line after it (a
 *   next-line suggestion); and when the line shown opens a block, the block through its closing
 *   line, at most MAX_BLOCK_LINES of body.
 */
export function shapeSuggestion(continuation: string, at: CursorLine, scope: CursorScope, ended: boolean): Shaped {
  const { linePrefix } = at;
  if (scope === 'block') return { text: continuation, settled: ended };
  const end = continuation.indexOf('\n');
  if (scope === 'inline') return { text: end < 0 ? continuation : continuation.slice(0, end), settled: true };
  const lines = continuation.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return { text: '', settled: ended };
  // Text after the cursor (closers) stays on this line: no next-line suggestion in front of it.
  if (first > 0 && at.lineSuffix.trim() !== '') return { text: '', settled: true };
  const line = lines[first] ?? '';
  let last = first;
  // The block opened by the line shown, or by the cursor's own line when the suggestion is its body
  // (`def f(…):` + `\n    body`).
  const cursorLine = linePrefix + (lines[0] ?? '');
  const opener = opensBlock(line) ? first : first > 0 && opensBlock(cursorLine) ? 0 : -1;
  if (opener >= 0) {
    const body = blockEnd(lines, opener, opener === 0 ? indentOf(linePrefix) : indentOf(line), ended);
    if (body === undefined) return { text: '', settled: false };
    last = Math.max(first, body);
  }
  // On a blank cursor line, blank lines before the first code line are the model's layout.
  const from = linePrefix.trim() === '' ? first : 0;
  const shown = lines.slice(from, last + 1);
  if (from > 0 && linePrefix !== '') shown[0] = line.trimStart();
  return { text: shown.join('\n'), settled: true };
}

/**
 * The last line of the block opened by `lines[opener]` (at indentation `base`): the line before the
 * first one indented no deeper than `base`, or that line itself when it only closes the block.
 * undefined while the answer may still bring the rest of it.
 */
function blockEnd(lines: readonly string[], opener: number, base: number, ended: boolean): number | undefined {
  let last = opener;
  for (let n = opener + 1; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.trim() === '') continue;
    if (indentOf(line) <= base) return CLOSER_LINE.test(line) ? n : last;
    last = n;
    if (last - opener >= MAX_BLOCK_LINES) return last;
  }
  return ended ? last : undefined;
}

/**
 * A block is complete once a line (after the first) is indented less than the cursor: the model has
 * left the block. That line is kept when it only closes the block (`}`), dropped otherwise.
 */
export function closeBlock(text: string, cursorIndent: number): string | undefined {
  const lines = text.split('\n');
  // The cursor's own line counts as inside: a line at its indentation stays in the block.
  const exit = scopeExit(lines, cursorIndent);
  if (!exit) return undefined;
  return lines.slice(0, exit.closes ? exit.at + 1 : exit.at).join('\n').trimEnd() || undefined;
}
