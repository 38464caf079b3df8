import type { ChatAttachment } from './stored-chat';

/** A chat's name in the history list: the first line of its first message (or the attachment's path), cut at 60 characters. */
export function chatTitle(text: string, attachments: ChatAttachment[]): string {
  const line = text.trim().split('\n')[0] ?? '';
  const base = line || attachments[0]?.path || '…';
  return base.length > 60 ? `${base.slice(0, 57)}…` : base;
}
