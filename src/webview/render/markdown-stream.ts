import { completeLinesLength, finishedLength } from './blocks';
import { normalizeLabel, type References } from './parse';

/** Renders Markdown to T (a DOM fragment in the panel, an HTML string in tests and benchmarks). */
export type Render<T> = (markdown: string, final: boolean, references: References) => T;

/** What changed since the last update: blocks to append, older blocks to replace, the new tail. */
export interface StreamUpdate<T> {
  added: T | undefined;
  replaced: [index: number, rendered: T][];
  tail: T | undefined;
}

/**
 * A growing answer, rendered incrementally without depending on where the stream was cut: finished
 * top-level blocks (see finishedLength) are rendered once, highlighted, and kept; only the open
 * tail is rendered again on each update. Concatenated, the kept blocks and the final tail render
 * exactly as the whole answer rendered at once.
 *
 * Link reference definitions are global in CommonMark: `[docs]` in the first paragraph becomes a
 * link when `[docs]: https://…` arrives at the end. So definitions in kept blocks are collected, and
 * when new labels appear, the kept blocks that mention one are rendered again (rare: definitions
 * usually come last, once).
 */
export class MarkdownStream<T> {
  private readonly references: References = {};
  /** Sources of the kept blocks, in order (each entry is one update's worth of finished blocks). */
  private readonly kept: string[] = [];
  private pending = '';
  private keptChars = 0;
  /** The complete-lines length of `pending` at the last scan: no new line, nothing new can finish. */
  private scanned = 0;

  constructor(private readonly render: Render<T>) {}

  append(text: string): void {
    this.pending += text;
  }

  get length(): number {
    return this.keptChars + this.pending.length;
  }

  /** Renders what changed. `final`: the answer is complete, everything left is kept. */
  update(final: boolean): StreamUpdate<T> {
    const update: StreamUpdate<T> = { added: undefined, replaced: [], tail: undefined };
    const cut = final ? this.pending.length : this.finished();
    if (cut > 0) {
      const source = this.pending.slice(0, cut);
      const known = new Set(Object.keys(this.references));
      update.added = this.render(source, true, this.references);
      const labels = Object.keys(this.references).filter((label) => !known.has(label));
      if (labels.length) update.replaced = this.mentioning(labels).map((i) => [i, this.render(this.kept[i]!, true, this.references)]);
      this.kept.push(source);
      this.keptChars += cut;
      this.pending = this.pending.slice(cut);
      this.scanned = Math.max(0, this.scanned - cut);
    }
    if (this.pending) update.tail = this.render(this.pending, false, { ...this.references });
    return update;
  }

  private finished(): number {
    const complete = completeLinesLength(this.pending);
    if (complete === this.scanned) return 0;
    this.scanned = complete;
    return finishedLength(this.pending, this.references);
  }

  /** Kept blocks whose text may hold a reference to one of `labels` (a superset: may re-render more). */
  private mentioning(labels: string[]): number[] {
    const found: number[] = [];
    this.kept.forEach((source, i) => {
      if (!source.includes(']')) return;
      const text = normalizeLabel(source);
      if (labels.some((label) => text.includes(label))) found.push(i);
    });
    return found;
  }
}
