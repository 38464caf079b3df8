import type { ChatMessage } from '../types';

/**
 * One piece of a message an editor's language-model API hands us, already sorted by kind (the adapter
 * knows the editor's part classes): text goes to the relay; a tool call, a tool result or an image
 * cannot; anything else (cache hints, thinking of another model) means nothing to a relay and is left out.
 */
export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'toolCall' }
  | { kind: 'toolResult' }
  | { kind: 'image' }
  | { kind: 'ignored' };

export interface LmTurn {
  role: 'user' | 'assistant' | 'system';
  parts: LmPart[];
}

/** What the relay cannot take: Relay Chat's models answer in text, from text. */
export type LmUnsupported = 'tools' | 'images';

export type LmConversion = { ok: true; messages: ChatMessage[] } | { ok: false; unsupported: LmUnsupported };

/**
 * The chat-completions messages for a conversation from the editor: each turn's text parts joined in
 * order (a prompt builder may split one text into many parts), turns without text left out. A tool
 * call, tool result or image anywhere refuses the whole request, so that no answer is ever given to a
 * conversation the model saw only part of.
 */
export function lmChatMessages(turns: readonly LmTurn[]): LmConversion {
  const messages: ChatMessage[] = [];
  for (const turn of turns) {
    let content = '';
    for (const part of turn.parts) {
      if (part.kind === 'toolCall' || part.kind === 'toolResult') return { ok: false, unsupported: 'tools' };
      if (part.kind === 'image') return { ok: false, unsupported: 'images' };
      if (part.kind === 'text') content += part.text;
    }
    if (content) messages.push({ role: turn.role, content });
  }
  return { ok: true, messages };
}

/** The text of a turn, for counting its tokens. */
export function lmTurnText(turn: LmTurn): string {
  return turn.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}
