import * as vscode from 'vscode';
import { AutoContinue, OPEN_GATE, type Logger, type RequestGate, type StoredChat, type StoredMessage } from '../../core';
import type { ClientService } from '../client-service';
import { readSettings } from '../settings';
import type { ChatDisk } from './chat-disk';
import type { ChatList } from './chat-list';
import type { ChatScreen } from './chat-screen';
import { AnswerStream, type CountedAnswer } from './answer-stream';
import type { StreamSession } from './stream-session';

/**
 * The answers of this window: one streams at a time, and only in the chat on screen (New Chat or
 * opening another chat stops it; its text so far is kept), so the composer is always ready to send.
 * An answer that dropped may be continued once by itself (AutoContinue).
 */
export class AnswerRunner {
  private session: StreamSession | undefined;
  /** The answer `session` streams; settles after its last write. */
  private answering: Promise<void> | undefined;
  private readonly autoContinue = new AutoContinue();
  /** Asked before each request is sent (the monthly budget: extension.ts sets the usage service). */
  requestGate: RequestGate = OPEN_GATE;

  constructor(
    private readonly service: ClientService,
    private readonly logger: Logger,
    private readonly list: ChatList,
    private readonly screen: ChatScreen,
    private readonly disk: ChatDisk,
    private readonly counted: (answer: CountedAnswer) => void,
  ) {}

  /** True while an answer streams. */
  get busy(): boolean {
    return this.session !== undefined;
  }

  /** The chat the answer streams into, if one streams. */
  get streamingChatId(): string | undefined {
    return this.session?.chatId;
  }

  /** The answer that streams, if one does. */
  get streamingMessageId(): string | undefined {
    return this.session?.message.id;
  }

  /** An answer is under way but not streaming: its last write, or the wait before it continues by itself. */
  get between(): boolean {
    return this.answering !== undefined && this.session === undefined;
  }

  stop(): void {
    this.session?.stop();
  }

  /** Stops the answer streaming, unless it streams into `chatId`. */
  stopOutside(chatId: string): void {
    if (this.session && this.session.chatId !== chatId) this.session.stop();
  }

  /** Stops the answer streaming into `chatId`, if one does, and waits for its last write. */
  async stopIn(chatId: string): Promise<void> {
    if (this.session?.chatId === chatId) {
      this.session.stop();
      await this.whenIdle();
    }
  }

  async whenIdle(): Promise<void> {
    while (this.answering) await this.answering;
  }

  /**
   * Nothing streams once this resolves. An answer already stopped (New Chat, another chat, Stop)
   * is waited for, never refused: its last write takes a moment. One still streaming is refused.
   */
  async readyToAnswer(): Promise<void> {
    if (!(await this.free())) throw new Error(vscode.l10n.t('An answer is still streaming: stop it first.'));
  }

  /** Whether nothing streams: an answer already stopped is waited for (its last write takes a moment). */
  async free(): Promise<boolean> {
    if (this.session?.stopped) await this.whenIdle();
    return !this.session;
  }

  /** Streams a new answer into `chat`, or continues `resumed`, its last answer, which dropped. */
  answer(chat: StoredChat, resumed?: StoredMessage): Promise<void> {
    const answering = this.streamWithAutoContinue(chat, resumed).finally(() => {
      if (this.answering !== answering) return;
      this.answering = undefined;
      this.screen.showIfStale();
    });
    this.answering = answering;
    return answering;
  }

  private async streamWithAutoContinue(chat: StoredChat, resumed?: StoredMessage): Promise<void> {
    const assistant = await this.stream(chat, resumed);
    if (!this.autoContinue.claim(assistant, chat, { enabled: readSettings().autoContinue, onScreen: this.list.activeId === chat.id })) return;
    if (!(await this.requestGate.admit())) return;
    this.logger.info('answer dropped: continuing it once by itself (relayChat.chat.autoContinue)');
    await this.stream(chat, assistant);
  }

  /** Streams one request's answer; returns the message it streamed into (a new one, or `resumed`). */
  private async stream(chat: StoredChat, resumed?: StoredMessage): Promise<StoredMessage> {
    const answer = new AnswerStream(chat, resumed, this.disk, { post: (m) => this.screen.post(m), counted: this.counted });
    this.session = answer.session;
    this.screen.showList();
    try {
      await answer.run(this.service, this.logger);
    } finally {
      this.session = undefined;
    }
    await answer.written;
    return answer.message;
  }
}
