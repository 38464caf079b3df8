import { ChunkedBlocks } from './chunked-blocks';
import { renderMarkdown } from './markdown';
import { MarkdownStream } from './markdown-stream';
import { OpenListElement } from './open-list';

/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60;

/**
 * Runs `render` when new text should reach the DOM, given the time since the last render started
 * and what that render cost.
 */
export type RenderScheduler = (render: () => void, sinceLastRenderMs: number, lastRenderMs: number) => void;

/**
 * New text goes into the DOM in the same task that brought it (a paced stream's token never waits
 * for the next frame: waiting cost up to 16.7 ms at 60 Hz), unless rendering is busy: when less
 * than BUSY_FACTOR times the last render's cost has passed since it started, the text waits for
 * the next animation frame with everything else that arrives meanwhile. The host already sends at
 * most about 60 deltas a second; this keeps a flood of them (or bursts that postMessage delivers
 * together) from spending more than about a fifth of the main thread on rendering.
 */
export const frameScheduler: RenderScheduler = (render, since, cost) => {
  if (since >= Math.min(FRAME_MS, cost * BUSY_FACTOR)) render();
  else requestAnimationFrame(render);
};
/** Render at once only if at most 1 / BUSY_FACTOR of the time since the last render went to it. */
const BUSY_FACTOR = 5;

/** Called with newly rendered blocks before they are shown, so the view can decorate them (code block buttons). */
export type BlockHook = (root: DocumentFragment) => void;

/**
 * One answer, rendered as it streams. Text is appended as it arrives; at most once per animation
 * frame the newly finished blocks are rendered once and kept (see MarkdownStream) and only the open
 * tail is rendered again. The cost of a frame depends on the tail, not on the answer's length, and
 * the finished answer's DOM is the same as the whole answer rendered at once.
 */
export class StreamingMarkdown {
  readonly element = document.createElement('div');
  private readonly frozen = new ChunkedBlocks();
  private readonly tail = document.createElement('div');
  private readonly stream = new MarkdownStream(renderMarkdown);
  /** How many top-level nodes each kept block has, to find them when a later reference definition changes them. */
  private readonly blocks: number[] = [];
  /** A top-level list that is still streaming, and its index among the kept blocks. */
  private openList: OpenListElement | undefined;
  private listIndex = -1;
  private dirty = false;
  private lastRender = -Infinity;
  private lastCost = 0;

  constructor(
    private readonly onBlocks: BlockHook,
    private readonly onFrame?: (renderMs: number, chars: number) => void,
    private readonly schedule: RenderScheduler = frameScheduler,
  ) {
    this.element.className = 'markdown';
    this.tail.className = 'tail';
    this.element.append(this.frozen.element, this.tail);
  }

  /** The whole text at once (a finished message from history). */
  setText(text: string): void {
    this.stream.append(text);
    this.render(true);
  }

  /** New text: rendered when the scheduler says (a render already scheduled takes it along). */
  append(text: string): void {
    this.stream.append(text);
    if (this.dirty) return;
    this.dirty = true;
    this.schedule(() => this.dirty && this.render(false), performance.now() - this.lastRender, this.lastCost);
  }

  /** The answer ended: render what is left as final (highlighted) blocks. */
  finish(): void {
    this.render(true);
  }

  get chars(): number {
    return this.stream.length;
  }

  /** The answer's text so far. */
  get text(): string {
    return this.stream.text;
  }

  private render(final: boolean): void {
    const started = performance.now();
    this.lastRender = started;
    this.dirty = false;
    const update = this.stream.update(final);
    if (update.items) {
      this.onBlocks(update.items);
      this.openList?.appendItems(update.items);
    }
    if (update.closed) {
      this.openList?.dropLive();
      this.openList = undefined;
      this.listIndex = -1;
    }
    if (update.added) {
      this.onBlocks(update.added);
      this.blocks.push(this.frozen.append(update.added));
    }
    if (update.opened) {
      this.onBlocks(update.opened);
      const list = update.opened.firstElementChild;
      this.listIndex = this.blocks.length;
      this.blocks.push(this.frozen.append(update.opened));
      if (list) this.openList = new OpenListElement(list);
    }
    for (const [index, fragment] of update.replaced) this.replaceBlock(index, fragment);
    const rest = this.openList ? this.openList.setLive(update.tail) : update.tail;
    this.tail.replaceChildren(rest ?? '');
    this.lastCost = performance.now() - started;
    this.onFrame?.(this.lastCost, this.chars);
  }

  private replaceBlock(index: number, fragment: DocumentFragment): void {
    this.onBlocks(fragment);
    const list = fragment.firstElementChild;
    if (index === this.listIndex && list) this.openList?.reset(list);
    const at = this.blocks.slice(0, index).reduce((sum, n) => sum + n, 0);
    this.blocks[index] = this.frozen.replace(at, this.blocks[index]!, fragment);
  }
}
