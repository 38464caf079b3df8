/**
 * Finds where finished Markdown blocks end in text that only grows (a streaming answer): after a
 * blank line outside a code fence, or after a fence's closing line. Text before the boundary can be
 * rendered once and frozen; only the rest (the growing tail) is rendered again. Each push scans only
 * the new complete lines, and the caller keeps only the unfrozen tail (`shift` after cutting it):
 * a whole growing answer kept as one string gets flattened by V8 on every scan, which is O(n).
 */
export class BlockSplitter {
  /** Everything before this index is complete blocks. */
  boundary = 0;
  private scanned = 0;
  private fence: string | undefined;

  /** Scans `text` (the whole answer so far, an extension of the previous one). */
  push(text: string): number {
    let lineStart = this.scanned;
    for (let nl = text.indexOf('\n', lineStart); nl !== -1; nl = text.indexOf('\n', lineStart)) {
      this.line(text.slice(lineStart, nl), nl + 1);
      lineStart = nl + 1;
    }
    this.scanned = lineStart;
    return this.boundary;
  }

  /** The caller dropped the first `n` characters (frozen blocks): offsets follow. */
  shift(n: number): void {
    this.scanned -= n;
    this.boundary -= n;
  }

  /** Whether the tail is inside an open code fence (the renderer shows it as plain code meanwhile). */
  get inFence(): boolean {
    return this.fence !== undefined;
  }

  private line(line: string, next: number): void {
    // CommonMark fences: ``` or ~~~ (3+), indented at most 3 spaces; closed by the same kind, at least as long.
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (this.fence !== undefined) {
      if (marker && marker[0] === this.fence[0] && marker.length >= this.fence.length && line.trim() === marker) {
        this.fence = undefined;
        this.boundary = next;
      }
      return;
    }
    if (marker && !(marker[0] === '`' && line.slice(line.indexOf(marker) + marker.length).includes('`'))) {
      this.fence = marker;
      return;
    }
    if (line.trim() === '') this.boundary = next;
  }
}
