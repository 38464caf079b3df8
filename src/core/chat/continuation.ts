import type { ChatMessage } from '../types';

/**
 * Continuing an answer that dropped: the request that asks the model to go on, and the stitching of
 * what it sends onto what was already shown. Models rarely go on at the exact character: they repeat
 * the last words or the last line, and inside a code block they often open the block again. The
 * stitch removes that overlap, so the answer reads (and renders) as if it had never dropped.
 */

/** What the model is asked after the partial answer; English, as the instruction is for the model. */
export const CONTINUE_INSTRUCTION =
  'Your previous answer was cut off. Continue it exactly where it stopped, in the same language and format. ' +
  'Do not repeat anything you already wrote and do not comment on the interruption.';

/** The conversation for a continuation: everything before the answer, the partial answer, and the instruction. */
export function continuationMessages(conversation: readonly ChatMessage[], partial: string): ChatMessage[] {
  return [...conversation, { role: 'assistant', content: partial }, { role: 'user', content: CONTINUE_INSTRUCTION }];
}

/** The longest overlap looked for: a model repeats a few words or a line, not paragraphs. */
export const MAX_OVERLAP = 400;

/**
 * The whole answer: `partial`, then `continuation` without what it repeats. A continuation that opens
 * again the code block the partial answer was inside loses that opening line (the block stays one).
 */
export function stitchAnswer(partial: string, continuation: string): string {
  // A repeat first: a model that repeats the block's opening line with what followed it is repeating,
  // not opening the block again.
  const repeated = overlapLength(partial, continuation);
  const fence = openFence(partial);
  if (repeated || !fence) return partial + continuation.slice(repeated);
  const rest = withoutReopenedFence(continuation, fence);
  return partial + rest.slice(overlapLength(partial, rest));
}

export interface Fence {
  char: '`' | '~';
  length: number;
  info: string;
}

/**
 * The code fence `text` ends inside, if any (CommonMark fences: ``` or ~~~, closed by a longer-or-equal
 * run). Only whole lines count: a last line still being written may be a fence that is not finished.
 */
export function openFence(text: string): Fence | undefined {
  let open: Fence | undefined;
  for (const line of text.split('\n').slice(0, -1)) {
    const m = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    const run = m[1]!;
    const info = m[2]!.trim();
    if (!open) {
      // A backtick fence's info string may not hold a backtick.
      if (run[0] === '`' && info.includes('`')) continue;
      open = { char: run[0] as Fence['char'], length: run.length, info };
    } else if (run[0] === open.char && run.length >= open.length && !info) {
      open = undefined;
    }
  }
  return open;
}

/**
 * Drops the line that opens `fence` again at the start of `continuation` (after blank lines). Only an
 * opening line with an info string counts: a bare fence line there closes the block, as it should.
 */
function withoutReopenedFence(continuation: string, fence: Fence): string {
  return continuation.slice(reopenedFenceLength(continuation, fence));
}

/** The length of the blank lines and the line that open `fence` again at the start of `text`; 0 when they do not. */
export function reopenedFenceLength(text: string, fence: Fence): number {
  const m = /^(?:[ \t]*\n)*[ \t]*(`{3,}|~{3,})([^\n]*)\n/.exec(text);
  return m && m[1]![0] === fence.char && m[2]!.trim() ? m[0].length : 0;
}

/**
 * How many characters at the start of `rest` repeat the end of `partial`: the longest repeat that looks
 * like a model's (see repeatLengths). Anything else is kept as text: a model that goes on at the exact
 * character is never cut.
 */
function overlapLength(partial: string, rest: string): number {
  for (const k of repeatLengths(partial)) if (k <= rest.length && rest.startsWith(partial.slice(-k))) return k;
  return 0;
}

/**
 * The lengths k, longest first, for which a continuation that starts with the last k characters of
 * `partial` counts as repeating them: the repeat holds two letters or digits (a run of `#`, `-` or
 * backticks, or of spaces, repeats by chance in Markdown), and it starts where a word or a line
 * starts. At most MAX_OVERLAP.
 */
export function repeatLengths(partial: string): number[] {
  const max = Math.min(MAX_OVERLAP, partial.length);
  const tail = partial.slice(-max);
  // The repeat must reach back to the second-to-last letter or digit. One character repeats by chance
  // where the drop fell between two equal ones (Japanese ここ, Chinese 人人, an English "a a"): a model
  // going on at the exact character there must not lose one.
  const letters = [...tail.matchAll(/[\p{L}\p{N}]/gu)].map((m) => m.index);
  const secondLast = letters.length >= 2 ? letters[letters.length - 2]! : -1;
  const out: number[] = [];
  for (let k = max; k >= tail.length - secondLast && secondLast >= 0; k--) {
    const before = partial[partial.length - k - 1];
    if (before === undefined || before === '\n' || startsWord(before, partial[partial.length - k]!)) out.push(k);
  }
  return out;
}

/** Whether `first` starts a word after `before`: after a space or punctuation, or a CJK character. */
function startsWord(before: string, first: string): boolean {
  const cjk = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
  return /[\s([{"'“‘「『（【]/.test(before) || cjk.test(first) || (/[\p{L}\p{N}_]/u.test(first) && !/[\p{L}\p{N}_]/u.test(before));
}
