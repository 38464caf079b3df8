import type { StoredChat, StoredMessage } from './stored-chat';

/**
 * relayChat.chat.autoContinue: an answer that dropped is continued once by itself; after that (or
 * without the setting) the panel offers Continue.
 */
export class AutoContinue {
  /** Answers already continued once by themselves. */
  private readonly continued = new Set<string>();

  /**
   * Whether `answer`, just ended in `chat`, is continued by itself now; a yes is remembered (each answer
   * at most once). Not when the user moved on: another message came after it, or another chat is on screen.
   */
  claim(answer: StoredMessage, chat: StoredChat, now: { enabled: boolean; onScreen: boolean }): boolean {
    if (!answer.continuable || !now.enabled || this.continued.has(answer.id)) return false;
    if (chat.messages.at(-1) !== answer || !now.onScreen) return false;
    this.continued.add(answer.id);
    return true;
  }
}
