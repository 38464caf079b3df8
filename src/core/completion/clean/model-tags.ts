// Rules 1 and 2: markup the model adds around its answer — reasoning blocks, the <insert> tag our
// chat prompt asks for, and the special tokens of FIM models that relays sometimes leak as text.

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

const INSERT_OPEN = /<insert>/i;
const INSERT_CLOSE = /<\/insert>/i;

/**
 * The chat prompt asks for `<insert>…</insert>`: only the inside is the completion (to the end
 * while it still streams). Text before or after the tags is commentary. Stray tags are removed.
 */
export function unwrapInsertTag(text: string): string {
  let inner = text;
  const open = INSERT_OPEN.exec(text);
  if (open) {
    // The tag alone on its line is layout: the completion starts on the next line.
    inner = text.slice(open.index + open[0].length).replace(/^[ \t]*\n/, '');
    const close = INSERT_CLOSE.exec(inner);
    if (close) inner = inner.slice(0, close.index);
  } else {
    // Only a closing tag: the model skipped the opening one, its answer is what precedes the close.
    const close = INSERT_CLOSE.exec(text);
    if (close) inner = text.slice(0, close.index);
  }
  return inner.replace(/<\/?insert>/gi, '');
}
