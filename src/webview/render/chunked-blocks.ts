/** Top-level nodes per chunk: a 100,000-token answer is about 60,000 of them, so about 600 chunks. */
export const CHUNK_NODES = 100;
/** Chunks per section: the browser walks sections, and the chunks of the sections on screen. */
export const SECTION_CHUNKS = 32;

/**
 * The kept blocks of one answer, in chunks of at most CHUNK_NODES top-level nodes, and the chunks in
 * sections of SECTION_CHUNKS: each chunk (`div.chunk`) and each section (`div.section`) is skipped by the browser
 * when it is off screen (`content-visibility: auto`, style.css).
 *
 * Why: in one flat container, every frame's layout, pre-paint, paint and hit test (the browser
 * hit-tests the mouse again after each scroll) walked all of the answer's blocks, so a frame cost
 * grew with the answer until, at some tens of thousands of tokens, the panel could no longer keep
 * up with the stream and fell further behind with every token. Chunks make that walk the number of
 * sections plus the chunks of the one or two on screen.
 *
 * Nodes are placed in order, so the chunks depend only on the nodes, not on how the stream was cut:
 * an answer streamed in and the same answer rendered at once have the same DOM.
 */
export class ChunkedBlocks {
  readonly element = document.createElement('div');
  private section: HTMLElement | undefined;
  private last: HTMLElement | undefined;
  /** Top-level nodes in all chunks (every chunk but the last holds CHUNK_NODES). */
  private count = 0;

  constructor() {
    this.element.className = 'frozen';
  }

  /**
   * Appends the fragment's nodes; returns how many there were. The nodes move in ranges, never one by
   * one: a script that touches a node gives it a wrapper object, and a long answer has tens of thousands.
   */
  append(fragment: DocumentFragment): number {
    const added = fragment.childNodes.length;
    while (fragment.firstChild) {
      const room = CHUNK_NODES - (this.count % CHUNK_NODES);
      const chunk = this.last && room < CHUNK_NODES ? this.last : this.newChunk();
      const take = Math.min(room, fragment.childNodes.length);
      chunk.append(take === fragment.childNodes.length ? fragment : this.firstNodes(fragment, take));
      this.count += take;
    }
    return added;
  }

  /**
   * Renders a kept block again in place (a reference definition came later): `at` is its first
   * node's index among all nodes, `old` how many it had. The chunks are then filled again in order,
   * so that they stay as an answer rendered at once would have them.
   */
  replace(at: number, old: number, fragment: DocumentFragment): number {
    const nodes = fragment.childNodes.length;
    const all = document.createDocumentFragment();
    for (const chunk of [...this.element.querySelectorAll('.section > .chunk')]) all.append(this.firstNodes(chunk, chunk.childNodes.length));
    const after = this.rest(all, at + old);
    this.rest(all, at); // the old block's nodes, dropped
    all.append(fragment, after);
    this.element.replaceChildren();
    this.section = undefined;
    this.last = undefined;
    this.count = 0;
    this.append(all);
    return nodes;
  }

  /** The first `n` nodes of `parent`, moved into a fragment of their own. */
  private firstNodes(parent: Node, n: number): DocumentFragment {
    const range = document.createRange();
    range.setStart(parent, 0);
    range.setEnd(parent, n);
    return range.extractContents();
  }

  /** The nodes of `parent` from index `from` on, moved into a fragment of their own. */
  private rest(parent: Node, from: number): DocumentFragment {
    const range = document.createRange();
    range.setStart(parent, from);
    range.setEnd(parent, parent.childNodes.length);
    return range.extractContents();
  }

  private newChunk(): HTMLElement {
    const chunks = Math.ceil(this.count / CHUNK_NODES);
    if (chunks % SECTION_CHUNKS === 0) {
      this.section = document.createElement('div');
      this.section.className = 'section';
      this.element.append(this.section);
    }
    this.last = document.createElement('div');
    this.last.className = 'chunk';
    this.section!.append(this.last);
    return this.last;
  }
}
