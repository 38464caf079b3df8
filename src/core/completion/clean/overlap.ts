// Rules 5 and 6: models echo the text around the cursor. What is already in the document before
// the cursor (rule 5) or right after it (rule 6) must not be inserted a second time. All cuts are
// made between code points, so an emoji or a CJK character is never split.

import { closesTwice } from './brackets';
import { scanBrackets, isCloser, isOpener, lexStateAtCursor } from './code-scanner';
import { indentOf } from '../context';
import { currentLinePrefix, currentLineSuffix, partialWordBefore, previousLines } from '../cursor-text';
import { CLOSERS_ONLY } from './scope';

/** How far back on the cursor's line an echo is looked for. */
const MAX_LINE_OVERLAP = 400;
/** How many lines above the cursor a repeated block is looked for. */
const MAX_REPEATED_LINES = 50;

/**
 * An echo of what precedes the cursor: repeated lines above it, then its own line. Single-line mode
 * removes repeated lines only when more follows them (a chat model that rewrote the function): a
 * one-line completion equal to the line above may be meant.
 */
export function cutPrefixOverlap(text: string, prefix: string, multiline: boolean): string {
  const out = dropRepeatedLines(text, previousLines(prefix, MAX_REPEATED_LINES), multiline);
  return dropEchoOfLineAbove(dropLineEcho(out, currentLinePrefix(prefix)), prefix);
}


/**
 * The first line the completion starts on a line of its own, when it repeats the line just above it
 * in the document: the previous line at a blank cursor line, the cursor's own line after a line
 * break (`total += x;` + `\n  total += x;`). A line with letters is an echo (a docstring again, the
 * statement again); a line of closers only when it stands in the same column (`}` under `}` never
 * happens in formatted code, while `}` under a deeper `}` closes the next block out).
 */
function dropEchoOfLineAbove(text: string, prefix: string): string {
  const linePrefix = currentLinePrefix(prefix);
  const lines = text.split('\n');
  const blankCursorLine = linePrefix.trim() === '';
  // Which completion line starts a new document line, the line above it, and its column.
  let at: number;
  let above: string | undefined;
  if (blankCursorLine) {
    at = lines.findIndex((line) => line.trim() !== '');
    above = previousLines(prefix, 50).reverse().find((line) => line.trim() !== '');
  } else {
    if ((lines[0] ?? '').trim() !== '') return text;
    at = lines.findIndex((line, n) => n > 0 && line.trim() !== '');
    above = linePrefix;
  }
  const line = lines[at];
  if (at < 0 || line === undefined || above === undefined || line.trim() !== above.trim()) return text;
  const column = (at === 0 ? linePrefix.length : 0) + indentOf(line);
  const echo = /[\p{L}\p{N}]/u.test(line) || (CLOSERS_ONLY.test(line.trim()) && column === indentOf(above));
  if (!echo) return text;
  // Keep the line break that leads to the lines after it (a next-line suggestion stays one).
  return blankCursorLine ? lines.slice(at + 1).join('\n').replace(/^(?:[ \t]*\n)+/, '') : ['', ...lines.slice(at + 1)].join('\n');
}

/**
 * A space where the text before the cursor already ends with one: `const x = ` + ` 1;` would show
 * `const x =  1;`. (At the start of a line the indentation rule handles it.)
 */
export function dropDoubleSpace(text: string, prefix: string): string {
  const linePrefix = currentLinePrefix(prefix);
  if (linePrefix.trim() === '' || !/[ \t]$/.test(linePrefix)) return text;
  return text.replace(/^[ \t]+/, '');
}

/**
 * Removes the first k lines of the completion when they equal (trimmed) the k lines just above
 * the cursor. A block of only brackets does not count: `}` after `}` is normal code.
 */
function dropRepeatedLines(text: string, above: string[], whole: boolean): string {
  const lines = text.split('\n');
  const limit = Math.min(whole ? lines.length : lines.length - 1, above.length);
  for (let k = limit; k > 0; k--) {
    const repeated = lines.slice(0, k).map((line) => line.trim());
    const previous = above.slice(above.length - k).map((line) => line.trim());
    if (repeated.every((line, n) => line === previous[n]) && repeated.some((line) => /[\p{L}\p{N}]/u.test(line))) {
      return lines.slice(k).join('\n');
    }
  }
  return text;
}

function dropLineEcho(text: string, linePrefix: string): string {
  // The whole typed line again, whatever the indentation of either.
  const typed = linePrefix.replace(/^[ \t]+/, '');
  const body = text.replace(/^[ \t]+/, '');
  if (typed.trim() !== '' && body.startsWith(typed)) return body.slice(typed.length);
  // An echo of the line cut off by max_tokens: only the start of what is already typed.
  const cut = body.trimEnd();
  if (Array.from(cut.trim()).length >= 3 && cut.length < typed.length && typed.startsWith(cut)) return '';
  // Else the longest tail of the line that the completion starts with, when it is long enough to
  // be an echo rather than a coincidence, or exactly the word being typed (`get` + `getName()`).
  const tail = Array.from(linePrefix).slice(-MAX_LINE_OVERLAP);
  const head = Array.from(text.slice(0, 2 * MAX_LINE_OVERLAP));
  const word = partialWordBefore(linePrefix);
  const line = tail.join('');
  for (let k = Math.min(tail.length, head.length); k > 0; k--) {
    const overlap = head.slice(0, k).join('');
    if (!line.endsWith(overlap)) continue;
    if ((k >= 3 && /\S/u.test(overlap)) || (k >= 2 && WIDE.test(overlap)) || overlap === word) return text.slice(overlap.length);
  }
  return text;
}

/**
 * Japanese and Chinese run words together without spaces, so "the word being typed" is the whole
 * phrase; but two kana/kanji repeated at the seam carry as much as three Latin letters: an echo.
 */
const WIDE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々]{2,}$/u;

/** An overlap made only of these may be cut at any length: `);`, `"]`, `}`. */
const CLOSING_PUNCTUATION = /^[)\]}'"`;]+$/;

/**
 * Removes the end of the completion that the rest of the cursor's line already has: all of it, any
 * overlap of closing brackets/quotes/semicolons, or any overlap of 3 code points or more. A cut is
 * refused when the removed part closes something the kept part opened (`foo()` before `)`), and a
 * cut of bare closing brackets only when the document has no opener left for the line's closers.
 */
export function cutSuffixOverlap(text: string, suffix: string, prefix: string): string {
  const rest = Array.from(currentLineSuffix(suffix).trim());
  if (rest.length === 0) return text;
  const body = text.trimEnd();
  const end = Array.from(body.slice(-4 * rest.length));
  const restText = rest.join('');
  for (let k = Math.min(rest.length, end.length); k > 0; k--) {
    const overlap = end.slice(-k).join('');
    if (!restText.startsWith(overlap)) continue;
    if (k < rest.length && k < 3 && !CLOSING_PUNCTUATION.test(overlap)) continue;
    const kept = body.slice(0, body.length - overlap.length);
    if (closesKeptText(kept, overlap, currentLinePrefix(prefix))) continue;
    // An overlap of bare punctuation can be code: `print(len(` + `x)` before `)` needs both closers.
    // It is an echo only when the line's closers would then have nothing left to close.
    if (/^[\s)\]}'"`;,{]+$/.test(overlap) && /[)\]}]/.test(overlap) && !closesTwice(body, prefix, suffix)) continue;
    return kept;
  }
  return text;
}

/** Whether `overlap` closes a bracket or a string opened in `kept` (then it belongs to the completion). */
function closesKeptText(kept: string, overlap: string, linePrefix: string): boolean {
  const keptScan = scanBrackets(kept, lexStateAtCursor(linePrefix));
  let keptOpen = 0;
  for (const token of keptScan.brackets) keptOpen = isOpener(token.char) ? keptOpen + 1 : Math.max(0, keptOpen - 1);
  const overlapScan = scanBrackets(overlap, keptScan.end);
  let ownOpen = 0;
  for (const token of overlapScan.brackets) {
    if (isOpener(token.char)) ownOpen++;
    else if (isCloser(token.char) && ownOpen > 0) ownOpen--;
    else if (keptOpen > 0) return true;
  }
  const keptString = keptScan.end.quote !== undefined && !keptScan.end.quoteInherited;
  return keptString && overlapScan.end.quote !== keptScan.end.quote;
}
