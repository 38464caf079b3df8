// The text around the cursor, read from a cursor's prefix and suffix: the cursor's own line, the
// lines next to it, its indentation. The one place the engine and the clean-up rules read it.
// Prefix and suffix may come from a CRLF document, so a trailing "\r" never counts as content.

/** The text before the cursor on its line. */
export function currentLinePrefix(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

/** The text after the cursor on its line. */
export function currentLineSuffix(suffix: string): string {
  const end = suffix.indexOf('\n');
  return (end < 0 ? suffix : suffix.slice(0, end)).replace(/\r$/, '');
}

/** The cursor's line: the text before the cursor and after it. */
export interface CursorLine {
  linePrefix: string;
  lineSuffix: string;
}

/** The cursor's line of a cursor. */
export function cursorLine(cursor: { prefix: string; suffix: string }): CursorLine {
  return { linePrefix: currentLinePrefix(cursor.prefix), lineSuffix: currentLineSuffix(cursor.suffix) };
}

/** The lines of `suffix` from its first, as written, read lazily: a suffix may be a whole long file. */
function* linesOf(suffix: string): Generator<string> {
  for (let start = 0; start <= suffix.length; ) {
    const end = suffix.indexOf('\n', start);
    yield suffix.slice(start, end < 0 ? undefined : end);
    if (end < 0) return;
    start = end + 1;
  }
}

/** The first non-blank line below the cursor's line, as written (its indentation kept). */
export function lineBelow(suffix: string): string | undefined {
  let first = true;
  for (const line of linesOf(suffix)) {
    if (!first && line.trim() !== '') return line;
    first = false;
  }
  return undefined;
}

/** The first non-blank line below the cursor's line, trimmed. */
export function nextNonBlankLine(suffix: string): string | undefined {
  return lineBelow(suffix)?.trim();
}

/** The first non-blank text after the cursor: the rest of its line, or else the next non-blank line. Trimmed. */
export function firstNonBlankSuffixLine(suffix: string): string | undefined {
  for (const line of linesOf(suffix)) if (line.trim() !== '') return line.trim();
  return undefined;
}

/** The nearest non-blank line above the cursor's line, as written ('' when there is none); read from the end: a prefix may be long. */
export function lineAbove(prefix: string): string {
  let end = prefix.lastIndexOf('\n');
  while (end >= 0) {
    const start = end === 0 ? -1 : prefix.lastIndexOf('\n', end - 1);
    const line = prefix.slice(start + 1, end);
    if (line.trim()) return line;
    end = start;
  }
  return '';
}

/** The whitespace before the cursor when nothing else precedes it on its line ('' at column 0), else undefined. */
export function cursorIndentation(prefix: string): string | undefined {
  const line = currentLinePrefix(prefix);
  return /^[ \t]*$/.test(line) ? line : undefined;
}

/**
 * The identifier the user is in the middle of typing: letters, marks and digits of any script, so
 * that `ユーザー名` or `用户` count as one word like `userName`.
 */
export function partialWordBefore(linePrefix: string): string {
  return /[\p{L}\p{M}\p{N}_]+$/u.exec(linePrefix)?.[0] ?? '';
}

/** Up to `count` complete lines just above the cursor's line, top first (read from the end: a prefix may be long). */
export function previousLines(prefix: string, count: number): string[] {
  const lines: string[] = [];
  let end = prefix.lastIndexOf('\n');
  while (end >= 0 && lines.length < count) {
    const start = end === 0 ? -1 : prefix.lastIndexOf('\n', end - 1);
    lines.push(prefix.slice(start + 1, end));
    end = start;
  }
  return lines.reverse();
}
