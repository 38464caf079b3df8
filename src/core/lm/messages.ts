import type { ChatMessage, ContentPart, ToolCall } from '../types';

/**
 * One piece of a message an editor's language-model API hands us, already sorted by kind (the adapter
 * knows the editor's part classes). Anything that means nothing to a relay (cache hints, another
 * model's thinking) is `ignored`.
 */
export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  /** What a tool returned: its text and images, for the call `callId`. */
  | { kind: 'toolResult'; callId: string; content: LmPart[] }
  | { kind: 'image'; mimeType: string; data: Uint8Array }
  | { kind: 'ignored' };

export interface LmTurn {
  role: 'user' | 'assistant' | 'system';
  parts: LmPart[];
}

/** What the model can take besides text (its declared capabilities). */
export interface LmAccepts {
  tools: boolean;
  images: boolean;
}

/** Why a request cannot go to the model: it has no tools, it reads no images, or the image is of a kind relays refuse. */
export type LmUnsupported = 'tools' | 'images' | 'imageFormat';

export type LmConversion = { ok: true; messages: ChatMessage[] } | { ok: false; unsupported: LmUnsupported; detail?: string };

/** The image types OpenAI-compatible relays take as `image_url` data URLs. */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

class Refused extends Error {
  constructor(readonly unsupported: LmUnsupported, readonly detail?: string) {
    super(unsupported);
  }
}

/**
 * The chat-completions messages for a conversation from the editor. A turn's text parts are joined in
 * order (a prompt builder may split one text into many parts). An assistant's tool calls go with its
 * text; the tool results of a user turn become `tool` messages, in order, before the rest of that
 * turn (relays want each result right after the call). Images go as content parts. Anything the model
 * cannot take refuses the whole request before anything is sent: no answer is ever given to a
 * conversation the model saw only part of.
 */
export function lmChatMessages(turns: readonly LmTurn[], accepts: LmAccepts): LmConversion {
  try {
    return { ok: true, messages: turns.flatMap((turn) => messagesOf(turn, accepts)) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, unsupported: e.unsupported, ...(e.detail ? { detail: e.detail } : {}) };
    throw e;
  }
}

function messagesOf(turn: LmTurn, accepts: LmAccepts): ChatMessage[] {
  const out: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  for (const part of turn.parts) {
    if (part.kind === 'text') parts.push({ type: 'text', text: part.text });
    else if (part.kind === 'image') parts.push(image(part, accepts));
    else if (part.kind === 'toolCall') {
      if (!accepts.tools) throw new Refused('tools');
      toolCalls.push({ id: part.callId, name: part.name, arguments: JSON.stringify(part.input ?? {}) });
    } else if (part.kind === 'toolResult') {
      if (!accepts.tools) throw new Refused('tools');
      const content = part.content.flatMap((p) => (p.kind === 'text' ? [p.text] : []));
      out.push({ role: 'tool', toolCallId: part.callId, content: content.join('') });
      // A tool message carries text only: an image a tool returned goes with the turn's own content.
      for (const p of part.content) if (p.kind === 'image') parts.push(image(p, accepts));
    }
  }
  const message = joined(turn.role, parts);
  if (toolCalls.length && turn.role === 'assistant') out.push({ ...(message ?? { role: 'assistant', content: '' }), toolCalls });
  else if (message) out.push(message);
  return out;
}

function image(part: Extract<LmPart, { kind: 'image' }>, accepts: LmAccepts): ContentPart {
  if (!accepts.images) throw new Refused('images');
  if (!IMAGE_TYPES.includes(part.mimeType.toLowerCase())) throw new Refused('imageFormat', part.mimeType);
  return { type: 'image', mimeType: part.mimeType.toLowerCase(), data: part.data };
}

/** The turn's text and images as one message (parts only when there is an image); undefined when empty. */
function joined(role: LmTurn['role'], parts: ContentPart[]): ChatMessage | undefined {
  const content = parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  const hasImage = parts.some((p) => p.type === 'image');
  if (!content && !hasImage) return undefined;
  return hasImage ? { role, content, parts: mergeTexts(parts) } : { role, content };
}

/** Adjacent text parts as one. */
function mergeTexts(parts: ContentPart[]): ContentPart[] {
  const out: ContentPart[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + part.text };
    else if (part.type !== 'text' || part.text) out.push(part);
  }
  return out;
}

/** The text of a turn, for counting its tokens. */
export function lmTurnText(turn: LmTurn): string {
  return turn.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}
