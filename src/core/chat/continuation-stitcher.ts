import { openFence, reopenedFenceLength, repeatLengths, type Fence } from './continuation';

type Phase = 'repeat' | 'fence' | 'repeatAfterFence' | 'through';

/**
 * stitchAnswer while the continuation streams: `push` each piece as it arrives and show what it
 * returns; `end` gives what is left (call it also when the continuation itself drops or is stopped).
 * Whatever the pieces, the partial answer plus everything returned is stitchAnswer(partial, the whole
 * continuation). Text is held back only while it may still be a repeat of the partial answer's end
 * (it is a prefix of one of the repeats stitchAnswer would remove) or the unfinished line that opens
 * again the code block the partial answer is inside; anything else passes at once, so a model that goes
 * on at the exact character shows its first words as soon as they come.
 */
export class ContinuationStitcher {
  private readonly repeats: number[];
  private readonly fence: Fence | undefined;
  private phase: Phase = 'repeat';
  private held = '';

  constructor(private readonly partial: string) {
    this.repeats = repeatLengths(partial);
    this.fence = openFence(partial);
  }

  /** The text to show now, after `text` arrived. */
  push(text: string): string {
    this.held += text;
    return this.release(false);
  }

  /** The continuation is over (finished, dropped or stopped): what is still to show. */
  end(): string {
    return this.release(true);
  }

  private release(final: boolean): string {
    if (this.phase === 'repeat' || this.phase === 'repeatAfterFence') {
      const repeated = this.repeatOf(this.held, final);
      if (repeated === undefined) return '';
      // As stitchAnswer: a repeat wins over a reopened block, and after a reopened block only a repeat is cut.
      const checkFence = this.phase === 'repeat' && repeated === 0 && this.fence;
      this.held = this.held.slice(repeated);
      this.phase = checkFence ? 'fence' : 'through';
    }
    if (this.phase === 'fence') {
      const reopened = this.reopenedFenceOf(this.held, final);
      if (reopened === undefined) return '';
      this.held = this.held.slice(reopened);
      this.phase = reopened ? 'repeatAfterFence' : 'through';
      if (reopened) return this.release(final);
    }
    const out = this.held;
    this.held = '';
    return out;
  }

  /** How much of `text` repeats the partial answer's end; undefined while a longer repeat may still come. */
  private repeatOf(text: string, final: boolean): number | undefined {
    const { partial } = this;
    for (const k of this.repeats) {
      // Longest first: a longer repeat that `text` has only begun decides before any shorter one.
      if (k > text.length) {
        if (!final && partial.startsWith(text, partial.length - k)) return undefined;
      } else if (text.startsWith(partial.slice(-k))) {
        return k;
      }
    }
    return 0;
  }

  /** The length of the lines that open the block again; undefined while an unfinished line may still do so. */
  private reopenedFenceOf(text: string, final: boolean): number | undefined {
    const fence = this.fence as Fence;
    const length = reopenedFenceLength(text, fence);
    if (length || final) return length;
    // Blank lines, then the start of a line that is (or may become) a fence of the same character.
    const c = fence.char;
    const unfinished = new RegExp(`^(?:[ \\t]*\\n)*[ \\t]*(?:${c}{0,2}|${c}{3,}[^\\n]*)$`);
    return unfinished.test(text) ? undefined : 0;
  }
}
