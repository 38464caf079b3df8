import { ThinkTagSplitter } from '../chat/think-tags';

/**
 * The answer text another extension gets through `vscode.lm`: `<think>` reasoning is never in it.
 * Text already given to a caller cannot be taken back, so the text of a model known to open its
 * answers with reasoning closed by a lone `</think>` (its chat template writes the `<think>`) is held
 * until that tag came, or the answer ended without one. Other models' text streams as it comes.
 */
export class AnswerOnly {
  private readonly think = new ThinkTagSplitter();
  private held = '';
  /** A lone `</think>` came after text was given to the caller (the model is to be held from now on). */
  leaked = false;

  constructor(private readonly holdUntilSure: boolean) {}

  /** The answer text to give the caller now, after `piece` of the model's text. */
  push(piece: string): string {
    let out = '';
    for (const part of this.think.push(piece)) {
      if (part.kind === 'text') out += part.text;
      else if (part.kind === 'wasReasoning') {
        if (part.text && !this.holdUntilSure) this.leaked = true;
        out = '';
        this.held = '';
      }
    }
    return this.release(out, false);
  }

  /** The answer ended: what is still held. */
  end(): string {
    return this.release(this.think.end().map((p) => (p.kind === 'text' ? p.text : '')).join(''), true);
  }

  private release(text: string, final: boolean): string {
    if (!this.holdUntilSure) return text;
    this.held += text;
    if (this.think.provisional && !final) return '';
    const out = this.held;
    this.held = '';
    return out;
  }
}
