/** Top-level nodes per chunk: a 100,000-token answer is about 60,000 of them, so about 600 chunks. */
export const CHUNK_NODES = 100;

/**
 * The kept blocks of one answer, in chunks of at most CHUNK_NODES top-level nodes: each chunk is a
 * `div.chunk` that the browser skips when it is off screen (`content-visibility: auto`, style.css).
 *
 * Why: in one flat container, every frame's layout, pre-paint, paint and hit test (the browser
 * hit-tests the mouse again after each scroll) walked all of the answer's blocks, so a frame cost
 * grew with the answer until, at some tens of thousands of tokens, the panel could no longer keep
 * up with the stream and fell further behind with every token. Chunks make that walk the number of
 * chunks plus the few on screen.
 *
 * Nodes are placed in order, so the chunks depend only on the nodes, not on how the stream was cut:
 * an answer streamed in and the same answer rendered at once have the same DOM.
 */
export class ChunkedBlocks {
  readonly element = document.createElement('div');
  private last: HTMLElement | undefined;

  constructor() {
    this.element.className = 'frozen';
  }

  /** Appends the fragment's nodes; returns them (to replace them later). */
  append(fragment: DocumentFragment): ChildNode[] {
    const nodes = [...fragment.childNodes];
    for (let i = 0; i < nodes.length;) {
      const chunk = this.last && this.last.childNodes.length < CHUNK_NODES ? this.last : this.newChunk();
      const take = nodes.slice(i, i + CHUNK_NODES - chunk.childNodes.length);
      chunk.append(...take);
      i += take.length;
    }
    return nodes;
  }

  /**
   * Puts the fragment's nodes where `old` were (a kept block rendered again: a reference definition
   * came later). `before`: the first node after the block, when `old` is empty. The chunks are then
   * filled again in order, so that they stay as an answer rendered at once would have them.
   */
  replace(old: ChildNode[], fragment: DocumentFragment, before: ChildNode | null): ChildNode[] {
    const nodes = [...fragment.childNodes];
    const anchor = old[0] ?? before;
    if (anchor?.parentNode) anchor.parentNode.insertBefore(fragment, anchor);
    else (this.last ?? this.newChunk()).append(fragment);
    for (const node of old) node.remove();
    this.refill();
    return nodes;
  }

  private refill(): void {
    const all = [...this.element.children].flatMap((chunk) => [...chunk.childNodes]);
    this.element.replaceChildren();
    this.last = undefined;
    const fragment = document.createDocumentFragment();
    fragment.append(...all);
    this.append(fragment);
  }

  private newChunk(): HTMLElement {
    this.last = document.createElement('div');
    this.last.className = 'chunk';
    this.element.append(this.last);
    return this.last;
  }
}
