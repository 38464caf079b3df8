// Rule 8: brackets. A completion may close brackets the document opened before the cursor, but it
// must not close them with the wrong kind, nor close what the document already closes after it.
// We only ever cut; we never add a bracket (the user may still be typing).

import { closerOf, isOpener, lexStateAtCursor, openBracketsBefore, scanBrackets, type BracketToken } from './code-scanner';
import { currentLinePrefix, currentLineSuffix } from '../cursor-text';

/**
 * Whether the closers that start the rest of the cursor's line conflict with the completion: one
 * meets a completion bracket of another kind, or finds nothing left to close. The completion's open
 * brackets (`own`) come first, then the document's (`outer`); a clash with the document's own
 * brackets is the document's business.
 */
function lineClosersConflict(closers: string[], own: readonly { char: string }[], outer: readonly { char: string }[]): boolean {
  const mine = [...own];
  const theirs = [...outer];
  for (const closer of closers) {
    const opener = mine.pop() ?? theirs.pop();
    // Nothing left to close, or only a bracket of another kind: the completion took its opener.
    if (opener === undefined || closerOf(opener.char) !== closer) return true;
  }
  return false;
}

/** The indentation of the next non-blank line below the cursor's line when it starts with a closer. */
function closerBelowIndent(suffix: string): number | undefined {
  const lines = suffix.split('\n', 200);
  const line = lines.slice(1).find((l) => l.trim() !== '');
  return line !== undefined && /^[)\]}]/.test(line.trimStart()) ? line.length - line.trimStart().length : undefined;
}

/** Whether `index` is the first non-blank character of its line in `text` (the cursor's line counts from the cursor). */
function startsLine(text: string, index: number, cursorLineBlank: boolean): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return text.slice(lineStart, index).trim() === '' && (lineStart > 0 || cursorLineBlank);
}

/** How long a prefix can be before its start is cut off (see CONTEXT_WINDOW): shorter, it holds the whole file's start. */
const WHOLE_PREFIX_CHARS = 6000;

/** The closing brackets the rest of the cursor's line starts with, past quotes that end a string: `));` → `))`, `")` → `)`. */
function leadingClosers(lineSuffix: string): string[] {
  return Array.from(/^[\s)\]}'"`]*/.exec(lineSuffix)?.[0].replace(/[^)\]}]/g, '') ?? '');
}

/**
 * Cuts the completion where its brackets go wrong:
 * - before a closer of the wrong kind for its own openers (`(` … `]`);
 * - a closer that closes nothing (no opener of its kind is left before the cursor) is dropped, and
 *   the rest kept: `(page - 1) * SIZE);` → `(page - 1) * SIZE;`;
 * - multiline: at the start of a line that closes a block the document's next lines already close
 *   (the next non-blank line starts with a closer at that block's indentation or deeper); a closer
 *   below at a lesser indentation closes an outer block, and the completion's own is right;
 * - before the closers of brackets opened before the cursor that the rest of the cursor's line
 *   closes too (`foo(` + `a) + 1` + `)` → `a`; `print(len(` + `x)))` + `)` → `x)`).
 * Openers left unclosed stay: the user keeps typing, or the rest of the line closes them.
 */
export function balanceBrackets(text: string, prefix: string, suffix: string, multiline: boolean): string {
  const linePrefix = currentLinePrefix(prefix);
  const { brackets } = scanBrackets(text, lexStateAtCursor(linePrefix));
  const outerAtCursor = openBracketsBefore(prefix);
  const available = [...outerAtCursor]; // what is still open as the scan goes on
  const below = multiline ? closerBelowIndent(suffix) : undefined;
  const wholePrefix = prefix.length < WHOLE_PREFIX_CHARS;
  const own: BracketToken[] = [];
  const escapes: BracketToken[] = []; // closers of brackets opened before the cursor
  const strays: number[] = []; // closers that close nothing: dropped
  let end = text.length;
  for (const token of brackets) {
    if (isOpener(token.char)) {
      own.push(token);
      continue;
    }
    const opener = own.pop();
    if (opener !== undefined) {
      if (closerOf(opener.char) !== token.char) {
        end = token.index;
        break;
      }
      continue;
    }
    const outer = available.pop();
    if (outer?.onCursorLine === true && closerOf(outer.char) !== token.char) {
      // Closes the cursor's line's own bracket with the wrong kind: the model lost track here.
      end = token.index;
      break;
    }
    if (outer === undefined ? wholePrefix : closerOf(outer.char) !== token.char) {
      if (outer !== undefined) available.push(outer);
      strays.push(token.index);
      continue;
    }
    if (outer !== undefined && below !== undefined && below >= outer.lineIndent && startsLine(text, token.index, linePrefix.trim() === '')) {
      // The document closes this block below: drop the completion's closing line and what follows.
      end = text.lastIndexOf('\n', token.index - 1) + 1;
      break;
    }
    escapes.push(token);
  }
  const withoutStrays = (cut: number) => dropAt(text.slice(0, cut), strays);
  // The rest of the cursor's line follows the completion: its closers take the completion's open
  // brackets first, then the document's. One left with nothing to close means a double close: keep
  // as many of the completion's escaping closers as the document still has openers for.
  const lineClosers = leadingClosers(currentLineSuffix(suffix));
  if (escapes.length === 0 || !lineClosersConflict(lineClosers, own, available)) return withoutStrays(end);
  for (let kept = escapes.length - 1; kept > 0; kept--) {
    const cut = escapes[kept];
    const stillOpen = outerAtCursor.slice(0, Math.max(0, outerAtCursor.length - kept));
    if (cut !== undefined && !lineClosersConflict(lineClosers, [], stillOpen)) return withoutStrays(Math.min(end, cut.index));
  }
  return withoutStrays(Math.min(end, escapes[0]?.index ?? end));
}

/** `text` without the characters at `indexes` (ascending; ASCII brackets, so no pair is split). */
function dropAt(text: string, indexes: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const at of indexes) {
    if (at >= text.length) break;
    out += text.slice(from, at);
    from = at + 1;
  }
  return out + text.slice(from);
}

/**
 * Whether the completion closes a bracket opened before the cursor that the rest of the cursor's
 * line closes as well (then a closer at the completion's end is an echo of the line, not code).
 */
export function closesTwice(text: string, prefix: string, suffix: string): boolean {
  const { brackets } = scanBrackets(text, lexStateAtCursor(currentLinePrefix(prefix)));
  const available = openBracketsBefore(prefix);
  const own: BracketToken[] = [];
  let escapes = 0;
  for (const token of brackets) {
    if (isOpener(token.char)) own.push(token);
    else if (own.pop() === undefined) {
      available.pop();
      escapes++;
    }
  }
  return escapes > 0 && lineClosersConflict(leadingClosers(currentLineSuffix(suffix)), own, available);
}
