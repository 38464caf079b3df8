import { completeLinesLength, scanOpen, type OpenList } from './blocks';
import { normalizeLabel, type References } from './parse';

/**
 * Renders Markdown to T (a DOM fragment in the panel, an HTML string in tests and benchmarks).
 * `looseList`: the text starts with items of a longer list rendered in parts; whether that list is loose.
 */
export type Render<T> = (markdown: string, final: boolean, references: References, looseList?: boolean) => T;

/**
 * What changed since the last update, applied in this order: finished items of the open list (a
 * rendered list: its items go at the end of the open list); the open list ended; blocks to append;
 * a list to append that stays open (its first items); kept blocks rendered again (as they are after
 * the steps before); the new tail, which starts with the open list's unfinished items when a list is open.
 */
export interface StreamUpdate<T> {
  items: T | undefined;
  closed: boolean;
  added: T | undefined;
  opened: T | undefined;
  replaced: [index: number, rendered: T][];
  tail: T | undefined;
}

/** A top-level list or table still streaming: its finished items (rows) are kept, as one kept block that grows. */
interface KeptList {
  /** Its index among the kept blocks. */
  index: number;
  /** A table's header and delimiter rows, which every part of it is rendered under (a list has none). */
  prefix: string;
  /** Its finished items make it loose. */
  loose: boolean;
  /** How its kept items are rendered. */
  renderedLoose: boolean;
}

/**
 * A growing answer, rendered incrementally without depending on where the stream was cut: finished
 * top-level blocks (see scanOpen) are rendered once, highlighted, and kept; only the open tail is
 * rendered again on each update. A top-level list that stays open is kept item by item, so that an
 * answer of 200 numbered steps does not render all of them again on every frame; a list is tight or
 * loose as a whole, so when a later item makes it loose, its kept items are rendered again, once.
 * Concatenated, the kept blocks and the final tail render exactly as the whole answer at once.
 *
 * Link reference definitions are global in CommonMark: `[docs]` in the first paragraph becomes a
 * link when `[docs]: https://…` arrives at the end. So definitions in kept blocks are collected, and
 * when new labels appear, the kept blocks that mention one are rendered again (rare: definitions
 * usually come last, once).
 */
export class MarkdownStream<T> {
  private readonly references: References = {};
  /**
   * Where the kept blocks are in the answer, in order (each entry is one update's worth of finished
   * blocks, or one open list). Offsets, not copies: the answer's text is held once, in `whole`.
   */
  private readonly kept: [start: number, end: number][] = [];
  /** The whole answer so far (its one copy in the panel: the message reads it from here). */
  private whole = '';
  private pending = '';
  private keptChars = 0;
  private list: KeptList | undefined;
  /** The open list's unfinished items make it loose (as of the last scan). */
  private tailLoose = false;
  /** The complete-lines length of `pending` at the last scan: no new line, nothing new can finish. */
  private scanned = 0;
  /** Kept blocks to render again at the end of this update (a new reference definition, a list turned loose). */
  private readonly stale = new Set<number>();

  constructor(private readonly render: Render<T>) {}

  append(text: string): void {
    this.whole += text;
    this.pending += text;
  }

  get text(): string {
    return this.whole;
  }

  get length(): number {
    return this.whole.length;
  }

  /** Renders what changed. `final`: the answer is complete, everything left is kept. */
  update(final: boolean): StreamUpdate<T> {
    const update: StreamUpdate<T> = { items: undefined, closed: false, added: undefined, opened: undefined, replaced: [], tail: undefined };
    const complete = completeLinesLength(this.pending);
    if (final || complete !== this.scanned) {
      if (this.list) this.growList(update, this.scanList(final), final);
      if (!this.list && final) {
        if (this.pending) update.added = this.keep(this.pending.length);
      } else if (!this.list) {
        let scan = scanOpen(this.pending, this.references);
        if (scan.finished > 0) {
          update.added = this.keep(scan.finished);
          scan = scanOpen(this.pending, this.references);
        }
        if (scan.list && scan.list.lastItem > scan.list.bodyStart) this.openList(update, scan.list);
      }
      this.scanned = completeLinesLength(this.pending);
      update.replaced = [...this.stale].map((i) => [i, this.renderKept(i)]);
      this.stale.clear();
    }
    if (this.pending) update.tail = this.render((this.list?.prefix ?? '') + this.pending, false, { ...this.references }, this.list && (this.list.loose || this.tailLoose));
    return update;
  }

  /** Keeps the next `cut` characters as finished blocks, rendered; kept blocks a new definition changes are rendered again. */
  private keep(cut: number, looseList?: boolean, prefix = ''): T {
    const known = new Set(Object.keys(this.references));
    const rendered = this.render(prefix + this.pending.slice(0, cut), true, this.references, looseList);
    const labels = Object.keys(this.references).filter((label) => !known.has(label));
    if (labels.length) for (const i of this.mentioning(labels)) this.stale.add(i);
    this.consume(cut);
    return rendered;
  }

  private consume(cut: number): void {
    const last = this.kept.at(-1);
    if (this.list && last) last[1] += cut;
    else this.kept.push([this.keptChars, this.keptChars + cut]);
    this.keptChars += cut;
    this.pending = this.pending.slice(cut);
    this.scanned = Math.max(0, this.scanned - cut);
  }

  /** A list or table starts the open text and its first items are finished: keep them as its start. */
  private openList(update: StreamUpdate<T>, open: OpenList): void {
    this.tailLoose = open.loose;
    const loose = open.looseBefore || open.loose;
    const prefix = this.pending.slice(0, open.bodyStart);
    update.opened = this.keep(open.lastItem, loose);
    this.list = { index: this.kept.length - 1, prefix, loose: open.looseBefore, renderedLoose: loose };
  }

  /** The open text, read under the open table's header rows (a list has none): offsets are the open text's. */
  private scanList(final: boolean): OpenList | undefined {
    const prefix = this.list!.prefix;
    const open = scanOpen(prefix + this.pending, this.references, final).list;
    if (!open || (prefix && open.kind !== 'table')) return undefined;
    return { ...open, lastItem: Math.max(0, open.lastItem - prefix.length), end: open.end === undefined ? undefined : open.end - prefix.length };
  }

  /** The open text starts at an item of the open list (a row of the open table): keep the newly finished ones, or all once it ended. */
  private growList(update: StreamUpdate<T>, open: OpenList | undefined, final: boolean): void {
    const list = this.list!;
    const ends = final || !open || open.end !== undefined;
    const cut = !open ? 0 : ends ? (open.end ?? this.pending.length) : open.lastItem;
    if (ends) list.loose ||= open?.loose ?? false;
    else list.loose ||= open.looseBefore;
    this.tailLoose = !ends && open.loose;
    const loose = list.loose || this.tailLoose;
    if (loose !== list.renderedLoose) {
      list.renderedLoose = loose;
      this.stale.add(list.index);
    }
    // Kept as part of the list: consume() grows its kept range.
    if (cut > 0) update.items = this.keep(cut, loose, list.prefix);
    if (ends) {
      this.list = undefined;
      update.closed = true;
    }
  }

  private renderKept(index: number): T {
    return this.render(this.whole.slice(...this.kept[index]!), true, this.references, index === this.list?.index ? this.list.renderedLoose : undefined);
  }

  /** Kept blocks whose text may hold a reference to one of `labels` (a superset: may re-render more). */
  private mentioning(labels: string[]): number[] {
    const found: number[] = [];
    this.kept.forEach((range, i) => {
      const source = this.whole.slice(...range);
      if (!source.includes(']')) return;
      const text = normalizeLabel(source);
      if (labels.some((label) => text.includes(label))) found.push(i);
    });
    return found;
  }
}
