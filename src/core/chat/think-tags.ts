// Reasoning that arrives inside the answer text, between <think> and </think> (DeepSeek-R1 distills,
// QwQ, Qwen3 behind relays that do not split it out), told apart from the answer as it streams.

const OPEN = '<think>';
const CLOSE = '</think>';

export type ThinkPart =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  /**
   * A `</think>` came with no `<think>` before it (the chat template put the opening tag into the prompt):
   * all the text given so far as answer (`text`) was reasoning. Reasoning parts and answer text follow.
   */
  | { kind: 'wasReasoning'; text: string };

/**
 * - start: only whitespace so far, or the beginning of a `<think>`;
 * - think: inside `<think>`: reasoning until `</think>`;
 * - answerStart: after `</think>`: whitespace before the answer is dropped;
 * - watch: an answer that did not open with `<think>`; a `</think>` (before any `<think>`, and not
 *   quoted or in code) makes it reasoning;
 * - answer: plain answer text, tags and all.
 */
type State = 'start' | 'think' | 'answerStart' | 'watch' | 'answer';

/** The length of the longest end of `text` that is the beginning of one of `tags` (a tag cut by a chunk boundary). */
function partialTagAtEnd(text: string, tags: readonly string[]): number {
  for (let n = Math.min(text.length, Math.max(...tags.map((t) => t.length)) - 1); n > 0; n--) {
    const end = text.slice(-n);
    if (tags.some((t) => t.startsWith(end))) return n;
  }
  return 0;
}

/** Characters that quote a tag the text talks about: `</think>`, "</think>", '</think>', &lt;/think>. */
const QUOTES = new Set(['`', '"', "'"]);

/**
 * Whether a `</think>` after `before` (followed by `after`) is written about rather than closing
 * reasoning: quoted, escaped, or inside a code block (an odd number of ``` before it). Reasoning
 * that is closed by the tag ends with plain text and a line break or the answer after it.
 */
function mentioned(before: string, after: string | undefined): boolean {
  const last = before[before.length - 1];
  if ((last !== undefined && (QUOTES.has(last) || last === '<' || last === '&')) || (after !== undefined && QUOTES.has(after))) return true;
  return (before.split('```').length - 1) % 2 === 1;
}

/**
 * Splits a model's answer, given piece by piece, into reasoning and answer text. Only a `<think>` at
 * the very start of the answer (after whitespace) opens reasoning; one later in the answer (say in
 * code the user asked about) is text. An unclosed `<think>` streams as reasoning. Text that may be
 * the start of a tag is held back until the next piece tells, so a tag cut anywhere is still seen.
 */
export class ThinkTagSplitter {
  private state: State = 'start';
  private held = '';
  /** What was given as answer while watching for a lone `</think>`. */
  private given = '';
  /** end() is reading what was held: no next piece will come. */
  private ending = false;

  /** The answer text given so far may still turn out to be reasoning (a `</think>` may yet come). */
  get provisional(): boolean {
    return this.state === 'start' || this.state === 'watch';
  }

  push(piece: string): ThinkPart[] {
    this.held += piece;
    const out: ThinkPart[] = [];
    this.release(out);
    return out;
  }

  /** The answer is over: what was held back, as what it was going to be. */
  end(): ThinkPart[] {
    const out: ThinkPart[] = [];
    if (this.state === 'watch' && this.held.includes(CLOSE)) {
      // A `</think>` that ended the answer waited to see what followed it: nothing did.
      this.ending = true;
      this.release(out);
    }
    return [...out, ...this.rest()];
  }

  private rest(): ThinkPart[] {
    const rest = this.held;
    this.held = '';
    if (!rest) return [];
    if (this.state === 'think') return [{ kind: 'reasoning', text: rest }];
    if (this.state === 'answerStart') return [];
    return [{ kind: 'text', text: rest }];
  }

  private release(out: ThinkPart[]): void {
    switch (this.state) {
      case 'start': {
        const lead = this.held.trimStart();
        if (lead.startsWith(OPEN)) {
          this.held = lead.slice(OPEN.length);
          this.state = 'think';
        } else if (OPEN.startsWith(lead)) {
          return; // whitespace, or `<thi…`: the next piece tells
        } else {
          this.state = 'watch';
        }
        return this.release(out);
      }
      case 'think': {
        const close = this.held.indexOf(CLOSE);
        if (close >= 0) {
          if (close > 0) out.push({ kind: 'reasoning', text: this.held.slice(0, close) });
          this.held = this.held.slice(close + CLOSE.length);
          this.state = 'answerStart';
          return this.release(out);
        }
        this.emit(out, 'reasoning', [CLOSE]);
        return;
      }
      case 'answerStart': {
        const lead = this.held.trimStart();
        this.held = lead;
        if (lead) {
          this.state = 'answer';
          this.release(out);
        }
        return;
      }
      case 'watch': {
        const open = this.held.indexOf(OPEN);
        const close = this.held.indexOf(CLOSE);
        if (open >= 0 && (close < 0 || open < close)) {
          this.state = 'answer'; // tags written as part of the answer: no longer watched
          return this.release(out);
        }
        if (close >= 0) {
          const after = this.held[close + CLOSE.length];
          if (after === undefined && !this.ending) return; // a quote may follow: the next piece tells
          if (mentioned(this.given + this.held.slice(0, close), after)) {
            this.state = 'answer'; // the answer talks about the tag (quoted, or in code): it is text
            return this.release(out);
          }
          out.push({ kind: 'wasReasoning', text: this.given });
          this.given = '';
          if (close > 0) out.push({ kind: 'reasoning', text: this.held.slice(0, close) });
          this.held = this.held.slice(close + CLOSE.length);
          this.state = 'answerStart';
          return this.release(out);
        }
        this.given += this.emit(out, 'text', [OPEN, CLOSE]);
        return;
      }
      case 'answer':
        if (this.held) out.push({ kind: 'text', text: this.held });
        this.held = '';
        return;
    }
  }

  /** Gives what is held as `kind`, but the end that may begin one of `tags`; returns what was given. */
  private emit(out: ThinkPart[], kind: 'text' | 'reasoning', tags: readonly string[]): string {
    const keep = partialTagAtEnd(this.held, tags);
    const text = this.held.slice(0, this.held.length - keep);
    this.held = this.held.slice(this.held.length - keep);
    if (text) out.push({ kind, text });
    return text;
  }
}
