/** A chunk of reasoning takes the next line break after this many characters and then closes. */
export const REASONING_CHUNK_CHARS = 2000;

/**
 * A reasoning model's thinking as it streams (plain text, shown as written): one growing text node
 * per chunk of about REASONING_CHUNK_CHARS characters, each chunk a block the browser skips off screen.
 *
 * Why chunks: thinking can run to 50,000 tokens before the answer starts. In one block, every new
 * token made the browser lay out the whole text's lines again (while the reasoning is shown), a
 * cost that grew with the thinking. Chunks close only after a line break, so the text reads as one
 * (`white-space: pre-wrap` shows a line break at a chunk's end as no more than the break it is).
 */
export class ReasoningText {
  readonly element = document.createElement('div');
  private text: Text | undefined;
  /** The chunk being written has its REASONING_CHUNK_CHARS and a line break after them. */
  private full = false;

  constructor() {
    this.element.className = 'reasoning-text';
  }

  /** Where chunks end depends only on the text, not on how it arrived: streamed or whole, the same DOM. */
  append(text: string): void {
    let rest = text;
    while (rest) {
      const chunk = !this.text || this.full ? this.newChunk() : this.text;
      const room = REASONING_CHUNK_CHARS - chunk.length;
      const take = room > 0 ? Math.min(rest.length, room) : rest.indexOf('\n') + 1 || rest.length;
      const piece = rest.slice(0, take);
      chunk.appendData(piece);
      this.full = chunk.length >= REASONING_CHUNK_CHARS && piece.endsWith('\n');
      rest = rest.slice(take);
    }
  }

  private newChunk(): Text {
    const chunk = document.createElement('div');
    chunk.className = 'chunk';
    this.text = document.createTextNode('');
    this.full = false;
    chunk.append(this.text);
    this.element.append(chunk);
    return this.text;
  }
}
