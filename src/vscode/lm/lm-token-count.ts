import { countMessageTokens, lmChatMessages, tokenCounterFor, type TokenCounter } from '../../core';
import type { LanguageModelChatRequestMessage } from './lm-api';
import { lmTurn } from './lm-messages';

/**
 * Token counts for callers of `vscode.lm` (agents trim their context by them): a text, or a message
 * as it will be sent — its framing, tool calls, tool results and images included. OpenAI models are
 * counted with their own encoding (loaded on the first count), the others by a measured estimate
 * that errs high: a count too low ends in the relay's "context length exceeded".
 */
export class LmTokenCounts {
  private readonly counters = new Map<string, Promise<TokenCounter>>();

  async count(model: string, input: string | LanguageModelChatRequestMessage): Promise<number> {
    const counter = await this.counterFor(model);
    if (typeof input === 'string') return counter.count(input);
    // Counted as sent, whatever the model takes: a request it cannot take is refused before sending anyway.
    const turn = lmTurn(input);
    const sent = lmChatMessages([turn], { tools: true, images: true });
    if (!sent.ok) return counter.count(turn.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''));
    return sent.messages.reduce((sum, message) => sum + countMessageTokens(counter, message), 0);
  }

  private counterFor(model: string): Promise<TokenCounter> {
    let counter = this.counters.get(model);
    if (!counter) {
      counter = tokenCounterFor(model);
      this.counters.set(model, counter);
    }
    return counter;
  }
}
