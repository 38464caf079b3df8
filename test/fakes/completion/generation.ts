// What the model generates for a request, decided up front: the tokens it bills, what the relay
// may show of each (stop sequences are held back server-side) and the finish reason.
import { completionTokens } from './tokens';

export interface GenerationPlan {
  /** Every token generated and billed, in order (a stop sequence the model wrote included). */
  tokens: string[];
  /** For each token, the part the relay sends: all of it, the part before a stop sequence, or ''. */
  visible: string[];
  finishReason: 'stop' | 'length';
}

export interface GenerationLimits {
  /** The request's max_tokens; absent, the model writes at most naturalTokens and stops. */
  maxTokens?: number | undefined;
  naturalTokens: number;
  stop: readonly string[];
}

/** Generates `text` token by token until max_tokens, the natural length or a stop sequence. */
export function planGeneration(text: string, limits: GenerationLimits): GenerationPlan {
  const all = completionTokens(text);
  const limit = limits.maxTokens ?? limits.naturalTokens;
  const tokens = all.slice(0, Math.max(0, limit));
  let finishReason: GenerationPlan['finishReason'] = limits.maxTokens !== undefined && all.length > limit ? 'length' : 'stop';
  const stops = limits.stop.filter((s) => s !== '');
  let generated = '';
  for (let i = 0; i < tokens.length && stops.length; i++) {
    generated += tokens[i];
    // The model stops once a stop sequence is complete; the relay shows only the text before it.
    const cut = Math.min(...stops.map((s) => generated.indexOf(s)).filter((at) => at >= 0));
    if (Number.isFinite(cut)) {
      tokens.length = i + 1;
      finishReason = 'stop';
      return { tokens, visible: visibleParts(tokens, cut), finishReason };
    }
  }
  return { tokens, visible: [...tokens], finishReason };
}

/** The first `count` tokens of `text`, joined again. */
export function firstTokens(text: string, count: number): string {
  return completionTokens(text).slice(0, count).join('');
}

function visibleParts(tokens: readonly string[], cut: number): string[] {
  let start = 0;
  return tokens.map((token) => {
    const part = token.slice(0, Math.max(0, cut - start));
    start += token.length;
    return part;
  });
}
