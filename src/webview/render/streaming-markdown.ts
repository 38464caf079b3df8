import { BlockSplitter } from './blocks';
import { renderMarkdown } from './markdown';

/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60;

/** Called after blocks are added, so the view can decorate them (code block buttons). */
export type BlockHook = (root: HTMLElement) => void;

/**
 * One answer, rendered as it streams. Text is appended as it arrives; once per animation frame the
 * newly finished blocks are rendered once and frozen (never touched again) and only the growing tail
 * is rendered again. The cost of a frame depends on the tail, not on the answer's length.
 */
export class StreamingMarkdown {
  readonly element = document.createElement('div');
  private readonly frozen = document.createElement('div');
  private readonly tail = document.createElement('div');
  private readonly splitter = new BlockSplitter();
  /** The unfrozen text (only the tail is kept as a string: see BlockSplitter). */
  private pending = '';
  private dirty = false;
  private frame = 0;
  private frozenChars = 0;
  private lastRender = 0;

  constructor(private readonly onBlocks: BlockHook, private readonly onFrame?: (renderMs: number, chars: number) => void) {
    this.element.className = 'markdown';
    this.frozen.className = 'frozen';
    this.tail.className = 'tail';
    this.element.append(this.frozen, this.tail);
  }

  /** The whole text at once (a finished message from history). */
  setText(text: string): void {
    this.pending = text;
    this.render(true);
  }

  /**
   * At most one render per frame: when a frame's time has passed since the last render the text
   * goes into the DOM at once (a slow stream's token does not wait for the next frame), otherwise
   * it waits for the next animation frame with everything else that arrives meanwhile.
   */
  append(text: string): void {
    this.pending += text;
    if (this.dirty) return;
    this.dirty = true;
    if (performance.now() - this.lastRender >= FRAME_MS) {
      queueMicrotask(() => this.dirty && this.render(false));
    } else {
      this.frame = requestAnimationFrame(() => this.render(false));
    }
  }

  /** The answer ended: render what is left as final (highlighted) blocks. */
  finish(): void {
    cancelAnimationFrame(this.frame);
    this.render(true);
  }

  get chars(): number {
    return this.frozenChars + this.pending.length;
  }

  private render(final: boolean): void {
    const started = performance.now();
    this.lastRender = started;
    cancelAnimationFrame(this.frame);
    this.dirty = false;
    const boundary = final ? this.pending.length : this.splitter.push(this.pending);
    if (boundary > 0) {
      const block = document.createElement('div');
      block.className = 'block';
      block.append(renderMarkdown(this.pending.slice(0, boundary), true));
      this.frozen.append(block);
      this.onBlocks(block);
      this.frozenChars += boundary;
      this.pending = this.pending.slice(boundary);
      this.splitter.shift(boundary);
    }
    this.tail.replaceChildren(this.pending ? renderMarkdown(this.pending, false) : '');
    this.onFrame?.(performance.now() - started, this.chars);
  }
}
