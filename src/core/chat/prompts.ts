import type { ChatAttachment, StoredMessage } from './stored-chat';
import type { ChatMessage } from '../types';

const LANGUAGE_NAMES: Record<string, string> = { ja: 'Japanese', 'zh-cn': 'Simplified Chinese', 'zh-tw': 'Traditional Chinese', ko: 'Korean', en: 'English' };

/** "Answer in Japanese." for the user's display language (VS Code's `env.language`). */
export function answerLanguage(displayLanguage: string): string {
  const name = LANGUAGE_NAMES[displayLanguage.toLowerCase()] ?? LANGUAGE_NAMES[displayLanguage.toLowerCase().split('-')[0] ?? ''] ?? 'English';
  return `Answer in ${name}.`;
}

/** A fence that the code itself cannot close (longer than any backtick run inside it). */
export function fenceFor(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function describe(a: ChatAttachment): string {
  const lines = a.startLine !== undefined ? ` (lines ${a.startLine}-${a.endLine ?? a.startLine})` : '';
  const fence = fenceFor(a.text);
  return `${a.kind === 'file' ? 'File' : 'Selection from'} \`${a.path}\`${lines}:\n${fence}${a.language}\n${a.text}\n${fence}`;
}

/** What the model receives for one user turn: the attachments, then what the user typed. */
export function userContent(text: string, attachments: ChatAttachment[] = []): string {
  return attachments.length ? `${attachments.map(describe).join('\n\n')}\n\n${text}` : text;
}

export interface ExplainRequest {
  path: string;
  language: string;
  /** The selected text, or the whole file. */
  code: string;
  startLine: number;
  endLine: number;
  /** A few lines around the selection, for context (not to be explained). */
  before: string;
  after: string;
  wholeFile: boolean;
  displayLanguage: string;
}

/** The user turn for "Explain Selection" / "Explain File". */
export function explainPrompt(r: ExplainRequest): string {
  const fence = fenceFor(`${r.before}${r.code}${r.after}`);
  const what = r.wholeFile ? `the file \`${r.path}\`` : `lines ${r.startLine}-${r.endLine} of \`${r.path}\``;
  const context = r.wholeFile || (!r.before && !r.after) ? '' :
    `\n\nSurrounding code, for context only:\n${fence}${r.language}\n${r.before}/* … selection … */${r.after}\n${fence}`;
  return `Explain ${what} (${r.language}): what it does, how, and anything surprising. ${answerLanguage(r.displayLanguage)}\n\n`
    + `${fence}${r.language}\n${r.code}\n${fence}${context}`;
}

/** The messages sent for a chat: its turns (attachments folded into the text), oldest first. */
export function chatMessages(turns: { role: 'user' | 'assistant'; text: string; attachments?: ChatAttachment[] }[], system?: string): ChatMessage[] {
  const out: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  for (const t of turns) out.push({ role: t.role, content: t.role === 'user' ? userContent(t.text, t.attachments) : t.text });
  return out;
}

/**
 * The messages sent for a stored chat's turns: failed answers are left out (a failed question stays),
 * and a turn with a prompt of its own (Explain) sends that prompt instead of its text and attachments.
 */
export function conversationMessages(turns: readonly StoredMessage[]): ChatMessage[] {
  return chatMessages(turns.filter((m) => m.state !== 'error' || m.role === 'user')
    .map((m) => ({ role: m.role, text: m.prompt ?? m.text, ...(m.prompt ? {} : m.attachments ? { attachments: m.attachments } : {}) })));
}
