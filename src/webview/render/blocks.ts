import { topLevelBlocks, type References } from './parse';

/**
 * Where the finished top-level blocks end in text that only grows (a streaming answer): everything
 * before the returned index renders the same whatever text comes later, so it can be rendered once
 * and kept; 0 when nothing is finished yet.
 *
 * The answer's own parser decides (markdown-it, over the complete lines only: a partial line can
 * still turn into a list item or a table's delimiter row). A top-level block is finished once a
 * later top-level block has started on a complete line: CommonMark closes a block only when a line
 * cannot continue it, and lines already read are never read again, so a list stays open across
 * blank lines, code fences and second paragraphs for as long as its items may continue. One
 * exception: a link reference definition's title may continue on the next lines
 * (https://spec.commonmark.org/0.31.2/#link-reference-definitions), so a cut directly after
 * definitions waits for a blank line. Definitions themselves apply to the whole answer: the caller
 * tracks them (see StreamingMarkdown).
 */
export function finishedLength(text: string, references: References): number {
  const complete = completeLinesLength(text);
  if (complete === 0) return 0;
  const region = text.slice(0, complete);
  const starts = lineStarts(region);
  const blocks = topLevelBlocks(region, references);
  for (let k = blocks.length - 1; k >= 1; k--) {
    const start = blocks[k]![0];
    const previousEnd = blocks[k - 1]![1];
    if (previousEnd === start || isBlank(region, starts, start - 1)) return starts[start]!;
  }
  return 0;
}

/** Up to the last line break; a trailing CR may be the first half of a CRLF, so it waits. */
export function completeLinesLength(text: string): number {
  const end = text.endsWith('\r') ? text.length - 1 : text.length;
  const lastBreak = Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1));
  return lastBreak + 1;
}

/** Offsets where each line starts, breaking lines where markdown-it does (CRLF, CR, LF). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

/** Blank as CommonMark means it: spaces and tabs only (an ideographic space is text). */
function isBlank(text: string, starts: number[], line: number): boolean {
  return line >= 0 && /^[ \t]*[\r\n]*$/.test(text.slice(starts[line], starts[line + 1]));
}
