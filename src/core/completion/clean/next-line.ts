// Rule 7: models that see the suffix often run on into it and write the next line of the document
// again. The completion stops before it.

import { depthAtLineStarts, lexStateAtCursor } from './code-scanner';
import { currentLinePrefix, currentLineSuffix, nextNonBlankLine } from '../cursor-text';
import { CLOSERS_ONLY } from './scope';

/**
 * Single-line: undefined when the completion (or the whole cursor line it would make) is the next
 * line again. Multiline: cut before the first completion line equal to the next line, as long as
 * that line is at the completion's top level — inside a block the completion opened, an equal line
 * is new code (a nested `}` or `return x;`), and cutting there would leave the block unclosed.
 */
export function stopBeforeNextLine(text: string, prefix: string, suffix: string, multiline: boolean): string | undefined {
  const next = nextNonBlankLine(suffix);
  if (next === undefined) return text;
  const lines = text.split('\n');
  const linePrefix = currentLinePrefix(prefix);
  // A line of closers on its own is judged by the bracket rule: `}` above a `}` may close the next block out.
  const ownLine = (n: number) => n > 0 || linePrefix.trim() === '';
  const repeatsNext = (line: string, n: number): boolean =>
    line.trim() !== '' &&
    !(ownLine(n) && CLOSERS_ONLY.test(line.trim())) &&
    (line.trim() === next || (n === 0 && (linePrefix + line + currentLineSuffix(suffix)).trim() === next));
  if (!multiline) {
    const shown = lines.findIndex((line) => line.trim() !== '');
    return shown >= 0 && repeatsNext(lines[shown] ?? '', shown) ? undefined : text;
  }
  const depths = depthAtLineStarts(text, lexStateAtCursor(linePrefix));
  const at = lines.findIndex((line, n) => repeatsNext(line, n) && (depths[n] ?? 0) <= 0);
  return at < 0 ? text : lines.slice(0, at).join('\n');
}
