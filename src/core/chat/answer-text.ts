import { ContinuationStitcher } from './continuation-stitcher';
import type { StoredMessage } from './stored-chat';
import { ThinkTagSplitter, type ThinkPart } from './think-tags';

/** What the panel is to be told since it was last told: new text and reasoning, or the whole message again. */
export type AnswerTextChange =
  | { kind: 'delta'; text: string; reasoning: string }
  /** The answer so far turned out to be reasoning: the message's whole text and reasoning, to show once. */
  | { kind: 'rewrite'; text: string; reasoning: string };

/**
 * The text and reasoning of one request's answer, streamed into its message: `<think>` reasoning in
 * the text is split out (ThinkTagSplitter), and a continuation's text is stitched onto the answer it
 * continues (ContinuationStitcher). `message.text` only ever holds the answer, `message.reasoning`
 * the thinking, whatever shape it came in; the panel learns what changed through `takeChange`.
 */
export class AnswerText {
  private readonly think = new ThinkTagSplitter();
  /** The answer's text before this request (a continuation's partial answer; '' for a new one). */
  private readonly before: string;
  private stitcher: ContinuationStitcher | undefined;
  private pendingText = '';
  private pendingReasoning = '';
  private rewritten = false;

  constructor(private readonly message: StoredMessage, continuing: boolean) {
    this.before = message.text;
    if (continuing) this.stitcher = new ContinuationStitcher(message.text);
  }

  /** Answer text as the relay sent it (perhaps with `<think>` reasoning in it). */
  text(piece: string): void {
    for (const part of this.think.push(piece)) this.take(part);
  }

  /** Reasoning the relay sent apart from the text. */
  reasoning(piece: string): void {
    if (!piece) return;
    this.message.reasoning = (this.message.reasoning ?? '') + piece;
    this.pendingReasoning += piece;
  }

  /** The request is over (finished, dropped or stopped): what was held back is given as what it was. */
  end(): void {
    for (const part of this.think.end()) this.take(part);
    // What the stitcher still held back (it might have been a repeat) is text the user should have.
    if (this.stitcher) this.addText(this.stitcher.end());
  }

  /** Something changed since `takeChange` was last called. */
  get changed(): boolean {
    return this.rewritten || Boolean(this.pendingText || this.pendingReasoning);
  }

  /** What changed since the last call, if anything. */
  takeChange(): AnswerTextChange | undefined {
    const m = this.message;
    const change: AnswerTextChange | undefined = this.rewritten ? { kind: 'rewrite', text: m.text, reasoning: m.reasoning ?? '' }
      : this.pendingText || this.pendingReasoning ? { kind: 'delta', text: this.pendingText, reasoning: this.pendingReasoning } : undefined;
    this.pendingText = '';
    this.pendingReasoning = '';
    this.rewritten = false;
    return change;
  }

  private take(part: ThinkPart): void {
    if (part.kind === 'reasoning') return this.reasoning(part.text);
    if (part.kind === 'text') return this.addText(this.stitcher ? this.stitcher.push(part.text) : part.text);
    if (!part.text) return;
    // The text shown since this request began was thinking: it moves to the reasoning, and the answer
    // is as it was before (a continuation's stitching starts again on what follows).
    this.message.reasoning = (this.message.reasoning ?? '') + part.text;
    this.message.text = this.before;
    if (this.stitcher) this.stitcher = new ContinuationStitcher(this.before);
    this.rewritten = true;
  }

  private addText(text: string): void {
    if (!text) return;
    this.message.text += text;
    this.pendingText += text;
  }
}
