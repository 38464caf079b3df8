import { currentLinePrefix, currentLineSuffix, lineAbove, lineBelow } from './cursor-text';

/** What the engine knows about one cursor position. The adapter cuts the windows from the document. */
export interface CompletionContext {
  /** The document (its URI): suggestions never cross documents. */
  documentId: string;
  languageId: string;
  /** A path the model may see (relative to the workspace). */
  fileName: string;
  /** Text before the cursor, at most CONTEXT_WINDOW.prefixChars. */
  prefix: string;
  /** Text after the cursor, at most CONTEXT_WINDOW.suffixChars. */
  suffix: string;
  /** Asked for by the user (Alt+\): no debounce, no snooze check. */
  explicit?: boolean;
}

/** A cursor: the context plus its offset in the document (windows slide; offsets do not). */
export type Cursor = CompletionContext & { offset: number };

/** How much text around the cursor is sent: enough for the model, cheap in input tokens. */
export const CONTEXT_WINDOW = { prefixChars: 6000, suffixChars: 1500 };

const OPENS_BLOCK = /(?:[{([:]|=>|->|\b(?:do|then|else|begin))\s*(?:(?:\/\/|#).*)?$/;
const CLOSES_BLOCK = /^\s*(?:[})\]]|end\b|fi\b|done\b)/;

/**
 * A block is offered only on an empty line right after a block opener (`{`, `(`, `:`, `=>`, `do`…),
 * which also covers an empty body; anywhere else, one line. Mid-line a block would have to push the
 * rest of the line down, which is rarely what the user wants.
 */
export function wantsBlock(prefix: string, suffix: string): boolean {
  const before = currentLinePrefix(prefix);
  if (before.trim() || currentLineSuffix(suffix).trim()) return false;
  const previous = lineAbove(prefix);
  if (!previous) return false;
  if (OPENS_BLOCK.test(previous.trimEnd())) return true;
  // An empty line between an opener-less line and a closer at a smaller indent is an empty body too.
  const next = lineBelow(suffix) ?? '';
  return CLOSES_BLOCK.test(next) && indentOf(next) < before.length;
}

/**
 * How much a suggestion may hold at a cursor, which also decides the request's server-side caps:
 * - `inline`: text follows the cursor on its line, so only the rest of that line fits;
 * - `block`: an empty line after a block opener (or in an empty body): the body;
 * - `line-end`: nothing follows on the line: the rest of the line, or when the line is complete
 *   the next line (a next-line suggestion), and the whole block when that line opens one.
 */
export type CursorScope = 'inline' | 'line-end' | 'block';

export function scopeOf(prefix: string, suffix: string): CursorScope {
  const after = currentLineSuffix(suffix).trim();
  // Closers the editor added (`)`, `);`, `},`) do not stop a header from getting its block: `=> {…}` + `);`.
  if (after && !(CLOSERS_ONLY.test(after) && mayOpenBlock(currentLinePrefix(prefix)))) return 'inline';
  return wantsBlock(prefix, suffix) ? 'block' : 'line-end';
}

const CLOSERS_ONLY = /^[)\]}'"`;,\s]+$/;
/** A line that starts a declaration or a statement with a body. */
const BLOCK_HEADER =
  /^\s*(?:(?:export|default|public|private|protected|internal|static|async|pub(?:\([^)]*\))?|override|final|abstract|unsafe|const)\s+)*(?:function\*?|def|class|interface|struct|enum|impl|trait|fn|func|if|elif|else|for|while|do|switch|match|try|catch|finally|with|loop|unless|until|module|namespace)\b/;
/** An arrow function's parameters, or a method's signature with its return type: `(a) =>`, `get(id: number): Todo`. */
const ARROW_OR_SIGNATURE = /=>\s*$|\)\s*:\s*[\w.<>[\]|&, ]+$/;

/**
 * Whether the line so far is likely to end by opening a block (a function's signature, an `if`):
 * its answer may hold the block, so it is given room for one.
 */
export function mayOpenBlock(linePrefix: string): boolean {
  return BLOCK_HEADER.test(linePrefix) || ARROW_OR_SIGNATURE.test(linePrefix) || opensBlock(linePrefix);
}

/** Whether a line ends by opening a block (`{`, `(`, `[`, `:`, `=>`, `do`…), ignoring a trailing comment. */
export function opensBlock(line: string): boolean {
  return OPENS_BLOCK.test(line.trimEnd());
}

export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
