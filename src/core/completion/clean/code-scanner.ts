// A lexical pass that tells brackets in code from brackets inside string literals and comments,
// without knowing the language. The completion rules only need bracket counts, so the pass errs
// towards "code": an unterminated '…' or "…" ends with its line, so that one apostrophe in prose
// cannot hide the rest of an answer from the bracket rules.

export type Quote = '"' | "'" | '`' | '"""' | "'''";

export interface LexState {
  readonly quote: Quote | undefined;
  /** The string began before the scanned text (the cursor sits inside it). */
  readonly quoteInherited: boolean;
  readonly comment: 'line' | 'block' | undefined;
}

export const IN_CODE: LexState = { quote: undefined, quoteInherited: false, comment: undefined };

export interface BracketToken {
  readonly char: string;
  /** UTF-16 offset in the scanned text. Brackets are ASCII, so a cut here never splits a surrogate pair. */
  readonly index: number;
}

export interface ScanResult {
  readonly brackets: BracketToken[];
  readonly end: LexState;
}

const CLOSER_OF: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

export function isOpener(ch: string): boolean {
  return ch === '(' || ch === '[' || ch === '{';
}

export function isCloser(ch: string): boolean {
  return ch === ')' || ch === ']' || ch === '}';
}

export function closerOf(opener: string): string | undefined {
  return CLOSER_OF[opener];
}

/** The brackets of `text` that are code, and the string/comment state at its end. */
export function scanBrackets(text: string, start: LexState = IN_CODE): ScanResult {
  const brackets: BracketToken[] = [];
  let { quote, quoteInherited, comment } = start;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (comment === 'line') {
      if (ch === '\n') comment = undefined;
      continue;
    }
    if (comment === 'block') {
      if (text.startsWith('*/', i)) {
        comment = undefined;
        i++;
      }
      continue;
    }
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (quote.length === 3 ? text.startsWith(quote, i) : ch === quote) {
        i += quote.length - 1;
        quote = undefined;
      } else if (ch === '\n' && (quote === '"' || quote === "'")) quote = undefined;
      continue;
    }
    if (text.startsWith('//', i)) {
      comment = 'line';
      i++;
    } else if (text.startsWith('/*', i)) {
      comment = 'block';
      i++;
    } else if (ch === '#' && startsHashComment(text, i)) {
      comment = 'line';
    } else if (text.startsWith('```', i)) {
      i += 2; // a Markdown fence, not three template literals
    } else if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
      quote = text.slice(i, i + 3) as Quote;
      quoteInherited = false;
      i += 2;
    } else if (ch === '"' || ch === '`' || (ch === "'" && !isApostrophe(text, i))) {
      quote = ch as Quote;
      quoteInherited = false;
    } else if (isOpener(ch) || isCloser(ch)) {
      brackets.push({ char: ch, index: i });
    }
  }
  return { brackets, end: { quote, quoteInherited, comment } };
}

/**
 * The string/comment state at the cursor, from the text before it on its line. Only the cursor's
 * line is read: multi-line constructs are rarer than the errors a long scan would accumulate.
 */
export function lexStateAtCursor(linePrefix: string): LexState {
  // A " * …" line inside a /** … */ block.
  if (/^[ \t]*\*(?:[ \t]|$)/.test(linePrefix)) return { ...IN_CODE, comment: 'block' };
  const { end } = scanBrackets(linePrefix);
  return end.quote !== undefined ? { ...end, quoteInherited: true } : end;
}

/**
 * Bracket depth (openers minus closers, relative to the start of `text`) at the start of each of
 * its lines. A negative depth means the line is inside a block the document opened before the cursor
 * has already been closed by the completion.
 */
export function depthAtLineStarts(text: string, start: LexState): number[] {
  const { brackets } = scanBrackets(text, start);
  const depths: number[] = [];
  let depth = 0;
  let next = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    for (let token = brackets[next]; token !== undefined && token.index < offset; token = brackets[++next]) {
      depth += isOpener(token.char) ? 1 : -1;
    }
    depths.push(depth);
    offset += line.length + 1;
  }
  return depths;
}

export interface OpenBracket {
  readonly char: string;
  /** Opened on the cursor's own line, where the scan is reliable enough to check the bracket kind. */
  readonly onCursorLine: boolean;
  /** The indentation (in characters) of the line it was opened on: where its closer belongs. */
  readonly lineIndent: number;
}

/** How much of a long prefix is scanned for open brackets: enough for any call or literal in progress. */
const PREFIX_WINDOW = 20_000;

/** The brackets still open at the cursor, outermost first, from the end of the prefix. */
export function openBracketsBefore(prefix: string): OpenBracket[] {
  let start = Math.max(0, prefix.length - PREFIX_WINDOW);
  if (start > 0) start = prefix.indexOf('\n', start) + 1; // begin at a line start
  const window = prefix.slice(start);
  const cursorLineStart = window.lastIndexOf('\n') + 1;
  const stack: BracketToken[] = [];
  for (const token of scanBrackets(window).brackets) {
    if (isOpener(token.char)) {
      stack.push(token);
      continue;
    }
    // Close the nearest matching opener; openers above it were left unclosed (scan noise or a typo).
    for (let at = stack.length - 1; at >= 0; at--) {
      if (closerOf(stack[at]?.char ?? '') === token.char) {
        stack.length = at;
        break;
      }
    }
  }
  return stack.map((o) => ({ char: o.char, onCursorLine: o.index >= cursorLineStart, lineIndent: indentAt(window, o.index) }));
}

/** The indentation of the line that holds `index`. */
function indentAt(text: string, index: number): number {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, index))?.[0].length ?? 0;
}

/** `#` starts a comment (Python, shell, YAML) only as `# …`, `#!` or `##`, after a space or at a line start: not `#include`, `#[attr]`, `#fff`. */
function startsHashComment(text: string, i: number): boolean {
  const before = text.charAt(i - 1);
  const after = text.charAt(i + 1);
  return (i === 0 || /\s/.test(before)) && (after === '' || /[\s#!]/.test(after));
}

/** A ' right after a word is an apostrophe (don't, 1'000) unless the word is a string prefix (f'…', rb'…'). */
function isApostrophe(text: string, i: number): boolean {
  const word = /[\p{L}\p{N}_]+$/u.exec(text.slice(Math.max(0, i - 8), i))?.[0];
  return word !== undefined && !/^(?:[rbuf]|rb|br|fr|rf)$/i.test(word);
}
