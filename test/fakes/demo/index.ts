// The demo's "model" (scripts/start.sh, `npm run fake-relay`): answers that show what the panel
// renders, in the language of the question, streamed at a model's pace; Explain Selection gets an
// explanation of the code it sent; inline completions outside the corpus continue everyday code.
import { lastUserText } from '../completion/chat-mode';
import type { Scenario } from '../scenario';
import { chatAnswer } from './chat-answer';
import { explainAnswer, explainAskOf } from './explain-answer';
import { FENCED, languageOf, proseOf, requestedLanguage } from './language';

export { languageOf, requestedLanguage, type DemoLanguage } from './language';
export { chatAnswer } from './chat-answer';
export { explainAnswer, explainAskOf } from './explain-answer';
export { snippetCompletion, type CodeCursor } from './code-completion';

/** The demo's whole answer to a chat request. */
export function demoAnswer(body: Record<string, unknown>): string {
  const text = lastUserText(body.messages);
  const ask = explainAskOf(text);
  if (ask) return explainAnswer(requestedLanguage(text) ?? 'en', ask);
  return chatAnswer(languageOf(text), questionOf(text));
}

/** What the user typed: with attachments, the words after the last attached code block. */
export function questionOf(text: string): string {
  const last = [...text.matchAll(FENCED)].at(-1);
  const after = last ? text.slice((last.index ?? 0) + last[0].length).trim() : '';
  return after || proseOf(text).trim() || text.trim();
}

export interface DemoPace {
  /** Pause between tokens. */
  tokenMs: number;
  /** SSE: every this many writes that hold a multi-byte character, one is cut inside it. */
  cutCharacterEvery: number;
}

/**
 * The demo's default scenario: `demoAnswer` cut into tokens like a model's, `tokenMs` apart, some
 * UTF-8 characters cut between two writes and emoji sent as two UTF-16 halves, as real relays do.
 */
export function demoScenario(pace: Partial<DemoPace> = {}): Scenario {
  return { reply: demoAnswer, delayMs: pace.tokenMs ?? 16, cutCharacterEvery: pace.cutCharacterEvery ?? 7, splitSurrogates: true };
}
