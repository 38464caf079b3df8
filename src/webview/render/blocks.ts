import { scanBlocks, type ListItem, type References } from './parse';

/** A top-level list or table at the start of the open text, item by item (a table's items are its body rows; see scanOpen). */
export interface OpenList {
  kind: 'list' | 'table';
  /** A table's header and delimiter rows end here (its body starts); 0 for a list. */
  bodyStart: number;
  /** Where its last item that started on a complete line begins: the items before it are finished. */
  lastItem: number;
  /** The finished items make the list loose (CommonMark: a blank line between two items, or between two blocks of one). */
  looseBefore: boolean;
  /** The list as it stands is loose (the last item's own blank lines included, a blank line after it not). */
  loose: boolean;
  /** Where the list ends, once a later top-level block has started. */
  end: number | undefined;
}

/** What the open text of a streaming answer holds: see finishedLength, and OpenList. */
export interface OpenScan {
  finished: number;
  list: OpenList | undefined;
}

/**
 * Where the finished top-level blocks end in text that only grows (a streaming answer): everything
 * before `finished` renders the same whatever text comes later, so it can be rendered once and kept;
 * 0 when nothing is finished yet. `final`: the text is complete (its last line too).
 *
 * The answer's own parser decides (markdown-it, over the complete lines only: a partial line can
 * still turn into a list item or a table's delimiter row). A top-level block is finished once a
 * later top-level block has started on a complete line: CommonMark closes a block only when a line
 * cannot continue it, and lines already read are never read again, so a list stays open across
 * blank lines, code fences and second paragraphs for as long as its items may continue. One
 * exception: a link reference definition's title may continue on the next lines
 * (https://spec.commonmark.org/0.31.2/#link-reference-definitions), so a cut directly after
 * definitions waits for a blank line. Definitions themselves apply to the whole answer: the caller
 * tracks them (see MarkdownStream).
 *
 * A list or table that stays open is read item by item (row by row) for the same reason: an item is
 * finished once the next one has started. Only whether a list is loose can still change, and only
 * from tight to loose (https://spec.commonmark.org/0.31.2/#loose); a table's rows depend only on its
 * header and delimiter rows.
 */
export function scanOpen(text: string, references: References, final = false): OpenScan {
  const complete = final ? text.length : completeLinesLength(text);
  if (complete === 0) return { finished: 0, list: undefined };
  const region = text.slice(0, complete);
  const starts = lineStarts(region);
  const { blocks, items, kind, bodyStart } = scanBlocks(region, references);
  const list = items?.length ? { kind: kind!, bodyStart: starts[bodyStart ?? 0]!, ...openList(region, starts, blocks, items) } : undefined;
  return { finished: finishedIn(region, starts, blocks), list };
}

/** See scanOpen. */
export function finishedLength(text: string, references: References): number {
  return scanOpen(text, references).finished;
}

function finishedIn(region: string, starts: number[], blocks: [number, number][]): number {
  for (let k = blocks.length - 1; k >= 1; k--) {
    const start = blocks[k]![0];
    const previousEnd = blocks[k - 1]![1];
    if (previousEnd === start || isBlank(region, starts, start - 1)) return starts[start]!;
  }
  return 0;
}

function openList(region: string, starts: number[], blocks: [number, number][], items: ListItem[]): Omit<OpenList, 'kind' | 'bodyStart'> {
  // markdown-it's rule: an item's own blocks separated by a blank line, or a blank line ending an item that another item follows.
  const endsBlank = (item: ListItem) => item.lines[1] - item.lines[0] > 1 && isBlank(region, starts, item.lines[1] - 1);
  const before = items.slice(0, -1);
  const looseBefore = before.some((item) => !item.tight || endsBlank(item));
  return {
    lastItem: starts[items.at(-1)!.lines[0]]!,
    looseBefore,
    loose: looseBefore || !items.at(-1)!.tight,
    end: blocks.length > 1 ? starts[blocks[1]![0]] : undefined,
  };
}

/** Up to the last line break; a trailing CR may be the first half of a CRLF, so it waits. */
export function completeLinesLength(text: string): number {
  const end = text.endsWith('\r') ? text.length - 1 : text.length;
  const lastBreak = Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1));
  return lastBreak + 1;
}

/** Offsets where each line starts, breaking lines where markdown-it does (CRLF, CR, LF); one past the end too. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  if (starts.at(-1) !== text.length) starts.push(text.length);
  return starts;
}

/** Blank as CommonMark means it: spaces and tabs only (an ideographic space is text). */
function isBlank(text: string, starts: number[], line: number): boolean {
  return line >= 0 && /^[ \t]*[\r\n]*$/.test(text.slice(starts[line], starts[line + 1]));
}
