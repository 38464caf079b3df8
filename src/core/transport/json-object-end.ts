/**
 * Watches a JSON object arrive in fragments and says when it closed: the brace that opened it is
 * matched, counting only brackets outside strings (escapes understood). One pass over each fragment,
 * so a call writing a 50 kB file is not parsed again at every fragment. Text that does not start
 * with `{` is never "complete" here (the answer's end decides), nor is an object followed by more.
 */
export class JsonObjectEnd {
  private depth = 0;
  private started = false;
  private inString = false;
  private escaped = false;
  private closed = false;
  private notAnObject = false;
  private overrun = false;

  push(fragment: string): void {
    for (const ch of fragment) {
      if (this.notAnObject || this.overrun) return;
      if (this.closed) {
        if (!/\s/.test(ch)) this.overrun = true;
        continue;
      }
      if (!this.started) {
        if (/\s/.test(ch)) continue;
        if (ch !== '{') return void (this.notAnObject = true);
        this.started = true;
      }
      this.step(ch);
    }
  }

  /** The object closed, and nothing but whitespace came after it. */
  get complete(): boolean {
    return this.closed && !this.overrun;
  }

  private step(ch: string): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (ch === '\\') this.escaped = true;
      else if (ch === '"') this.inString = false;
      return;
    }
    if (ch === '"') this.inString = true;
    else if (ch === '{' || ch === '[') this.depth++;
    else if (ch === '}' || ch === ']') {
      this.depth--;
      if (this.depth === 0) this.closed = true;
    }
  }
}
