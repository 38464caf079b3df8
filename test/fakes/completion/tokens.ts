// A deterministic stand-in for a BPE tokenizer, so "max_tokens", pacing and billing behave like
// a real model's: words come in short pieces, CJK and punctuation one character at a time.

const BLANKS = /[^\S\r\n]*/y; // whitespace other than line breaks
const NEWLINE = /\r\n|\n|\r/y;
const WORD = /[A-Za-z0-9_]{1,4}/y;
const CODE_POINT = /[\s\S]/uy; // one code point: a surrogate pair stays whole

/**
 * Cuts text into tokens: a run of blanks joins the piece after it; ASCII word characters come in
 * pieces of at most 4; any other code point is one token; each line break is a token of its own
 * (blanks just before a line break, or at the end, are a token of their own).
 */
export function completionTokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const blanks = match(BLANKS, text, i);
    const at = i + blanks.length;
    const eol = match(NEWLINE, text, at);
    if (eol || at === text.length) {
      if (blanks) out.push(blanks);
      if (eol) out.push(eol);
      i = at + eol.length;
      continue;
    }
    const piece = match(WORD, text, at) || match(CODE_POINT, text, at);
    out.push(blanks + piece);
    i = at + piece.length;
  }
  return out;
}

/** What a sticky pattern matches at `index` ('' when nothing does). */
function match(pattern: RegExp, text: string, index: number): string {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0] ?? '';
}
