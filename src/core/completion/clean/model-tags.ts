// Rules 1 and 2: markup the model adds around its answer — reasoning blocks, the <insert> tag our
// chat prompt asks for, and the special tokens of FIM models that relays sometimes leak as text.

import { INSERT_OPEN_PATTERN, INSERT_TAG } from '../request-shape';
import { isUsableLine } from './lines';

const THINK_BLOCK = /<(think|thinking)>[\s\S]*?<\/\1>/giu;
const THINK_OPEN = /<(?:think|thinking)>/iu;
const THINK_CLOSE = /<\/(?:think|thinking)>/giu;
const LEADING_BLANK_LINES = /^(?:[ \t]*\n)+/;

/**
 * Removes reasoning. What follows an unterminated <think> is reasoning still streaming, so only the
 * text before it can be used: undefined when there is none.
 */
export function stripThinking(raw: string): string | undefined {
  // The blank lines after a leading block only separate it from the answer.
  const leadingBlock = /^\s*<(?:think|thinking)>/iu.test(raw);
  let text = raw.replace(THINK_BLOCK, '');
  // Some reasoning models (DeepSeek-R1 style) emit only the closing tag: all before it is reasoning.
  let strayClose = -1;
  for (const m of text.matchAll(THINK_CLOSE)) strayClose = m.index + m[0].length;
  if (strayClose >= 0) text = text.slice(strayClose);
  if (leadingBlock || strayClose >= 0) text = text.replace(LEADING_BLANK_LINES, '');
  const open = THINK_OPEN.exec(text);
  if (open) text = text.slice(0, open.index);
  return open && !isUsableLine(text) ? undefined : text;
}

/**
 * Special tokens: `<|fim_middle|>` (Qwen, CodeGemma), `<｜fim▁hole｜>` (DeepSeek, full-width bars),
 * `<fim_middle>` (StarCoder). None of these is valid code in any language we complete.
 */
const CONTROL_TOKEN = /<[|｜][\p{L}\p{N}_▁.-]{1,40}[|｜]>|<(?:fim_prefix|fim_middle|fim_suffix|fim_pad|file_sep)>/gu;

/** Tokens after which the model is writing something else (another file, another turn): the answer ends there. */
const END_TOKENS = new Set(['endoftext', 'end_of_text', 'file_separator', 'file_sep', 'im_end', 'eot_id', 'end', 'eos', 'end▁of▁sentence']);

function tokenName(token: string): string {
  return token.replace(/^<[|｜]?|[|｜]?>$/gu, '');
}

/** Cuts at the first end-of-text / file-separator token and removes every other special token. */
export function stripControlTokens(text: string): string {
  let out = text;
  for (const m of out.matchAll(CONTROL_TOKEN)) {
    if (END_TOKENS.has(tokenName(m[0]))) {
      out = out.slice(0, m.index);
      break;
    }
  }
  return out.replace(CONTROL_TOKEN, '');
}

/**
 * Tags models wrap an answer in, learned from other prompts than ours (`<insert>` is ours). None is
 * code outside a language with tags; inside one (HTML, JSX…) only a tag the document does not use.
 */
const WRAPPER_NAMES = [
  INSERT_TAG, 'completion', 'code', 'answer', 'output', 'result', 'suggestion', 'response', 'solution', 'snippet',
  'replacement', 'middle', 'infill', 'fill', 'missing', 'missing_code', 'cursor', 'insertion', 'text',
];
const WRAPPER = WRAPPER_NAMES.join('|');
/** An opening wrapper tag (attributes allowed: `<code lang="ts">`) at the start of the answer. */
const LEADING_OPEN = new RegExp(`^\\s*<(${WRAPPER})(?:\\s[^<>\\n]*)?>`, 'i');
const ANY_TAG = new RegExp(`</?(${WRAPPER})(?:\\s[^<>\\n]*)?>`, 'gi');
/** The start of a closing wrapper tag cut off at the end of the text (max_tokens, or still streaming). */
const CUT_CLOSE = new RegExp(`</(?:${WRAPPER_NAMES.map((n) => `${n}`.split('').map((_, i) => n.slice(0, i + 1)).join('|')).join('|')})?$`, 'i');

/** Languages where `<name>` can be the document's own markup. */
const MARKUP_LANGUAGES = new Set([
  'html', 'xml', 'xsl', 'svg', 'vue', 'svelte', 'astro', 'javascriptreact', 'typescriptreact', 'markdown', 'mdx', 'php',
  'razor', 'aspnetcorerazor', 'handlebars', 'jinja', 'django-html', 'erb', 'jsp',
]);

/** Wrapper names that are elements of HTML or SVG themselves: always the document's markup there. */
const MARKUP_ELEMENTS = new Set(['code', 'output', 'text']);

export interface TagContext {
  /** The text before the cursor on its line. */
  linePrefix: string;
  languageId?: string | undefined;
  /** The document around the cursor: a tag it uses is its own markup, not a wrapper. */
  document: string;
}

/** Whether the wrapper `name` can be the document's own markup here. */
function isDocumentTag(name: string, ctx: TagContext): boolean {
  if (name.toLowerCase() === INSERT_TAG) return false; // our prompt's own tag
  if (!MARKUP_LANGUAGES.has(ctx.languageId ?? '')) return false;
  if (MARKUP_ELEMENTS.has(name.toLowerCase())) return true;
  return new RegExp(`</?${name}[\\s>]`, 'i').test(ctx.document);
}

/**
 * Whether the line break right after an opening tag is layout (`<insert>` alone on its line) or the
 * answer's own first character (a next-line suggestion: `<insert>\n}`). Layout on a blank line or
 * after an unfinished expression; the answer's own where the cursor's line is complete and the
 * answer's next line sits where a new line would.
 */
function breakIsLayout(after: string, ctx: TagContext): boolean {
  const line = ctx.linePrefix;
  if (line.trim() === '') return true;
  if (/[{:;,})\]]\s*$/.test(line)) return false;
  if (/[=([+\-*/%&|^!<>?.]\s*$/.test(line)) return true;
  // After a word or a literal: indentation before the answer is a new line's (nobody indents the
  // rest of a word); flush, it is one where the cursor's line starts at column 0 too.
  if (/^[ \t]+\S/.test(after)) return false;
  return line.length - line.trimStart().length > 0 && !/^[})\]]/.test(after);
}

/**
 * Only what a wrapper tag holds is the completion: `<insert>`, which our chat prompt asks for, and
 * the tags models learned elsewhere (`<COMPLETION>`, `<code>`, `<answer>`…). Text before an opening
 * tag is commentary, as is text after the closing one; a lone closing tag ends the answer; a tag cut
 * off at the end (still streaming, or max_tokens) is dropped. Stray tags are removed.
 */
export function unwrapTags(text: string, ctx: TagContext): string {
  let inner = text;
  const insert = INSERT_OPEN_PATTERN.exec(text);
  const open = insert ?? LEADING_OPEN.exec(text);
  const name = open ? (insert ? INSERT_TAG : (open[1] ?? '')) : undefined;
  if (open && name !== undefined && !isDocumentTag(name, ctx)) {
    inner = text.slice(open.index + open[0].length);
    const afterBreak = /^[ \t]*\n/.exec(inner);
    if (afterBreak && breakIsLayout(inner.slice(afterBreak[0].length), ctx)) inner = inner.slice(afterBreak[0].length);
    const close = new RegExp(`</${name}\\s*>`, 'i').exec(inner);
    if (close) inner = inner.slice(0, close.index);
  } else {
    // Only a closing tag: the model skipped the opening one, its answer is what precedes the close.
    for (const m of text.matchAll(ANY_TAG)) {
      if (!m[0].startsWith('</') || isDocumentTag(m[1] ?? '', ctx)) continue;
      inner = text.slice(0, m.index);
      break;
    }
  }
  inner = inner.replace(ANY_TAG, (tag: string, tagName: string) => (isDocumentTag(tagName, ctx) ? tag : ''));
  return inner.replace(CUT_CLOSE, '');
}

/** `<insert>…</insert>` alone (see unwrapTags). */
export function unwrapInsertTag(text: string): string {
  return unwrapTags(text, { linePrefix: '', document: '' });
}
