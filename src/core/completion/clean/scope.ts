// Rule 7b: a multi-line completion stays in the block the cursor is in. Models run on past the end
// of the block (the next function, the next top-level statement); that code belongs elsewhere, and
// a completion that leaves the block before any code of its own shows nothing.

import { indentOf, opensBlock } from '../context';
import { currentLinePrefix } from '../cursor-text';

/** A line that only closes a block (`}`, `});`, `end`): it ends the block and is kept. */
export const CLOSER_LINE = /^\s*(?:[})\]]+[;,)]*|end|fi|done)\s*$/;
/** A trimmed line of closing brackets only (`}`, `});`): the bracket rule judges it, not the echo rules. */
export const CLOSERS_ONLY = /^[)\]}]+[;,)]*$/;

/**
 * Where `lines` leave a block whose lines are indented at least `base`: the index of the first
 * non-blank line after the first that is indented less, and whether that line only closes the block.
 * undefined when no line leaves.
 */
export function scopeExit(lines: readonly string[], base: number): { at: number; closes: boolean } | undefined {
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.trim() !== '' && indentOf(line) < base) return { at: n, closes: CLOSER_LINE.test(line) };
  }
  return undefined;
}

/**
 * Cuts the completion where it leaves the cursor's block. The lines after the first are at the
 * document's absolute indentation (FIM writes the document itself; a chat answer is re-indented first).
 * - From a blank line: at the first line indented less than the cursor, keeping that line when it
 *   only closes the block; a first line that opens a block whose body is no deeper than the cursor
 *   sits outside it (a new method written from a body's blank line): nothing.
 * - From the end of a line: a line that only closes a block ends the completion (kept); a dedent
 *   without a closer (Python, YAML) stays in an enclosing block, but one back to column 0 leaves for
 *   the top level (the model's next function): cut there.
 */
export function stayInScope(text: string, prefix: string): string {
  const linePrefix = currentLinePrefix(prefix);
  const lines = text.split('\n');
  if (linePrefix.trim() !== '') return lines.slice(0, lineEndExit(lines, indentOf(linePrefix))).join('\n');
  const base = linePrefix.length;
  const body = lines.slice(1).find((line) => line.trim() !== '');
  if (opensBlock(lines[0] ?? '') && body !== undefined && indentOf(body) <= base) return '';
  const exit = scopeExit(lines, base);
  return exit ? lines.slice(0, exit.closes ? exit.at + 1 : exit.at).join('\n') : text;
}

/** How many lines of a completion from the end of a line indented `base` stay in scope (see stayInScope). */
function lineEndExit(lines: readonly string[], base: number): number {
  let level = base;
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.trim() === '' || indentOf(line) >= level) continue;
    if (CLOSER_LINE.test(line)) return n + 1;
    if (indentOf(line) === 0 && base > 0) return n;
    level = indentOf(line);
  }
  return lines.length;
}
