// Rule 8: brackets. A completion may close brackets the document opened before the cursor, but it
// must not close them with the wrong kind, nor close what the document already closes after it.
// We only ever cut; we never add a bracket (the user may still be typing).

import { closerOf, isOpener, lexStateAtCursor, openBracketsBefore, scanBrackets, type BracketToken } from './code-scanner';
import { currentLinePrefix, currentLineSuffix, firstNonBlankSuffixLine } from './cursor-context';

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
    const fromCompletion = mine.length > 0;
    const opener = mine.pop() ?? theirs.pop();
    if (opener === undefined) return true;
    if (closerOf(opener.char) !== closer) return fromCompletion;
  }
  return false;
}

function startsWithCloser(line: string | undefined): boolean {
  return line !== undefined && /^[)\]}]/.test(line.trimStart());
}

/** The closing brackets the rest of the cursor's line starts with, past quotes that end a string: `));` → `))`, `")` → `)`. */
function leadingClosers(lineSuffix: string): string[] {
  return Array.from(/^[\s)\]}'"`]*/.exec(lineSuffix)?.[0].replace(/[^)\]}]/g, '') ?? '');
}

/**
 * Cuts the completion where its brackets go wrong:
 * - before a closer of the wrong kind (`(` … `]`), for its own openers and for those opened earlier
 *   on the cursor's line;
 * - multiline: at the start of the line that closes a block opened before the cursor, when the
 *   document's next non-blank line already starts with a closer (the block is closed below);
 * - before the closers of brackets opened before the cursor that the rest of the cursor's line
 *   closes too (`foo(` + `a) + 1` + `)` → `a`; `print(len(` + `x)))` + `)` → `x)`).
 * Openers left unclosed stay: the user keeps typing, or the rest of the line closes them.
 */
export function balanceBrackets(text: string, prefix: string, suffix: string, multiline: boolean): string {
  const linePrefix = currentLinePrefix(prefix);
  const { brackets } = scanBrackets(text, lexStateAtCursor(linePrefix));
  const outerAtCursor = openBracketsBefore(prefix);
  const available = [...outerAtCursor]; // what is still open as the scan goes on
  const closedBelow = multiline && startsWithCloser(firstNonBlankSuffixLine(suffix));
  const own: BracketToken[] = [];
  const escapes: BracketToken[] = []; // closers of brackets opened before the cursor
  for (const token of brackets) {
    if (isOpener(token.char)) {
      own.push(token);
      continue;
    }
    const opener = own.pop();
    if (opener !== undefined) {
      if (closerOf(opener.char) !== token.char) return text.slice(0, token.index);
      continue;
    }
    if (closedBelow) {
      // Drop the whole closing line (`}`, `});`), unless it is the first line, which the cursor continues.
      const lineStart = text.lastIndexOf('\n', token.index - 1) + 1;
      return text.slice(0, lineStart > 0 ? lineStart : token.index);
    }
    const outer = available.pop();
    if (outer?.onCursorLine === true && closerOf(outer.char) !== token.char) return text.slice(0, token.index);
    escapes.push(token);
  }
  // The rest of the cursor's line follows the completion: its closers take the completion's open
  // brackets first, then the document's. One left with nothing to close means a double close: keep
  // as many of the completion's escaping closers as the document still has openers for.
  const lineClosers = leadingClosers(currentLineSuffix(suffix));
  if (escapes.length === 0 || !lineClosersConflict(lineClosers, own, available)) return text;
  for (let kept = escapes.length - 1; kept > 0; kept--) {
    const cut = escapes[kept];
    const stillOpen = outerAtCursor.slice(0, Math.max(0, outerAtCursor.length - kept));
    if (cut !== undefined && !lineClosersConflict(lineClosers, [], stillOpen)) return text.slice(0, cut.index);
  }
  return text.slice(0, escapes[0]?.index);
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
