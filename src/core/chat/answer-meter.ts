import type { Price } from '../usage/price';
import { answerStats, priceFor } from './answer-stats';
import type { AnswerStats } from './stored-chat';
import type { StreamEvent, TransportKind, Usage } from '../types';

/**
 * Counts one answer as its events stream by: tokens (the relay's usage, else estimated from the text),
 * time to first token, speed, cost, transport, and which fallback answered. The panel and VS Code's
 * own chat count their answers with it, so both cost the same way.
 */
export class AnswerMeter {
  private readonly startedAt: number;
  private firstTokenAt: number | undefined;
  private text = '';
  /** Reasoning is billed as completion tokens: it counts in the estimate when the relay reports none. */
  private reasoning = '';
  /** Tool calls are completion tokens too: their names and arguments count in the estimate. */
  private toolCalls = '';
  private usage: Usage | undefined;
  private provider: string | undefined;
  private transport: TransportKind | undefined;
  private fallbackUsed = false;

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  /** Text, reasoning or a tool call has arrived. */
  get started(): boolean {
    return this.firstTokenAt !== undefined;
  }

  /**
   * Something was billed: text, reasoning, or only the relay's usage (a model that spent its whole
   * budget reasoning unseen). Such an answer is counted even without a word shown.
   */
  get billed(): boolean {
    return this.started || this.usage !== undefined;
  }

  observe(event: StreamEvent): void {
    switch (event.type) {
      case 'provider':
        this.provider = event.provider.id;
        this.transport = event.transport;
        break;
      case 'text':
        this.text += event.text;
        this.firstTokenAt ??= this.now();
        break;
      case 'reasoning':
        this.reasoning += event.text;
        this.firstTokenAt ??= this.now();
        break;
      case 'toolCall':
        this.toolCalls += event.call.name + event.call.arguments;
        this.firstTokenAt ??= this.now();
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'fallback':
        this.fallbackUsed = true;
        break;
      default:
        break;
    }
  }

  /**
   * The stats of the answer so far (call at its end), priced from `pricing` (USD per million tokens).
   * `promptText` (what was sent) estimates the prompt's tokens when the relay reports none.
   */
  stats(model: string, pricing: Record<string, Price>, promptText?: string): AnswerStats {
    const stats = answerStats(this.text + this.reasoning + this.toolCalls, this.usage, {
      startedAt: this.startedAt, ...(this.firstTokenAt !== undefined ? { firstTokenAt: this.firstTokenAt } : {}), endedAt: this.now(),
    }, priceFor(model, pricing), promptText);
    if (this.fallbackUsed && this.provider) stats.provider = this.provider;
    if (this.transport) stats.transport = this.transport;
    return stats;
  }
}
