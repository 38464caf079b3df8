import * as vscode from 'vscode';
import { OPEN_GATE, chatTitle, type ChatAttachment, type RequestGate, type StoredMessage } from '../../core';
import type { AnswerRunner } from './answer-runner';
import type { ChatList } from './chat-list';
import { messageView } from './chat-mapping';
import type { ChatScreen } from './chat-screen';
import { newId } from './new-id';

/** A request the controller took on; the answer it started (an object: a bare promise would be awaited). */
export interface Accepted {
  answered: Promise<void>;
}

/**
 * The turns of the chat on screen: a message sent, a sent message edited, an answer retried or
 * continued. Each is asked of the budget first, and starts an answer (AnswerRunner).
 */
export class ChatTurns {
  /** Asked before each request is sent (the monthly budget: extension.ts sets the usage service's gate). */
  requestGate: RequestGate = OPEN_GATE;

  constructor(private readonly list: ChatList, private readonly screen: ChatScreen, private readonly runner: AnswerRunner) {}

  /** Checks and posts the user turn; resolves once accepted, with the answer still streaming. `prompt` replaces what the model receives. */
  async accept(text: string, attachments: ChatAttachment[] = [], prompt?: string): Promise<Accepted> {
    await this.runner.readyToAnswer();
    if (!text.trim() && !attachments.length) throw new Error(vscode.l10n.t('Type a message first.'));
    await this.requestGate.pass();
    const chat = this.list.active;
    const user: StoredMessage = { id: newId(), role: 'user', text, state: 'complete', ...(attachments.length ? { attachments } : {}), ...(prompt ? { prompt } : {}) };
    if (!chat.messages.length) chat.title = chatTitle(text, attachments);
    chat.messages.push(user);
    this.screen.post({ type: 'message', chatId: chat.id, message: messageView(user) });
    return { answered: this.runner.answer(chat) };
  }

  /** Edit a sent message and resend: what came after it is replaced. */
  async acceptEdit(messageId: string, text: string): Promise<Accepted> {
    await this.runner.readyToAnswer();
    await this.requestGate.pass();
    const chat = this.list.active;
    const index = chat.messages.findIndex((m) => m.id === messageId && m.role === 'user');
    if (index < 0) throw new Error('no such message');
    const edited = chat.messages[index] as StoredMessage;
    chat.messages.splice(index + 1);
    edited.text = text;
    delete edited.prompt;
    this.screen.showChat();
    return { answered: this.runner.answer(chat) };
  }

  /** Retry a failed or stopped answer, or regenerate a finished one: it is replaced by a new one. */
  async retry(messageId: string): Promise<void> {
    if (!(await this.runner.free())) return;
    const chat = this.list.active;
    const isAnswer = (m: StoredMessage) => m.id === messageId && m.role === 'assistant';
    if (!chat.messages.some(isAnswer)) return;
    await this.requestGate.pass();
    // Looked up again: another window's turns may have arrived while the budget was asked.
    const index = chat.messages.findIndex(isAnswer);
    if (index < 0) return;
    chat.messages.splice(index);
    this.screen.showChat();
    await this.runner.answer(chat);
  }

  /** The error's Retry button: the last answer again. */
  async retryLast(): Promise<void> {
    const last = [...this.list.active.messages].reverse().find((m) => m.role === 'assistant');
    if (last) await this.retry(last.id);
  }

  /** Continue a dropped answer: the model is asked to go on where it stopped; its text is stitched on. */
  async continueAnswer(messageId: string): Promise<void> {
    if (!(await this.runner.free())) return;
    const chat = this.list.active;
    const last = chat.messages.at(-1);
    if (!last || last.id !== messageId || last.role !== 'assistant' || !last.continuable || !last.text) return;
    await this.requestGate.pass();
    await this.runner.answer(chat, last);
  }
}
