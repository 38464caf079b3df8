import * as vscode from 'vscode';
import type { ChatStore, Logger, RequestGate, StoredChat } from '../../core';
import type { Attachment, ChatRequest } from '../../shared/protocol';
import type { ClientService } from '../client-service';
import { AnswerRunner } from './answer-runner';
import type { CountedAnswer } from './answer-stream';
import { ChatDisk } from './chat-disk';
import { ChatList } from './chat-list';
import { storedAttachment } from './chat-mapping';
import { ChatNavigation } from './chat-navigation';
import { ChatRequests } from './chat-requests';
import { ChatScreen, type ChatSurface } from './chat-screen';
import { ChatSync } from './chat-sync';
import { ChatTurns } from './chat-turns';
import { OtherWindows } from './other-windows';

const showWarning = (message: string): void => void vscode.window.showWarningMessage(message);

/**
 * The chat panel's conversations, put together: the chats (ChatList) on disk (ChatDisk) and on screen
 * (ChatScreen), the panel's requests (ChatRequests) to the turns (ChatTurns) and the choice of chat
 * (ChatNavigation), their answers (AnswerRunner), and other windows' changes (ChatSync, OtherWindows).
 * Also the entry for the commands: Explain, New Chat, Stop.
 */
export class ChatController implements vscode.Disposable {
  private readonly list = new ChatList();
  private readonly disk: ChatDisk;
  private readonly screen: ChatScreen;
  private readonly runner: AnswerRunner;
  private readonly turns: ChatTurns;
  private readonly navigation: ChatNavigation;
  private readonly requests: ChatRequests;
  private readonly sync: ChatSync;
  private readonly loaded: Promise<void>;
  private readonly counted = new vscode.EventEmitter<CountedAnswer>();
  /** An answer ended with something to count (extension.ts hands it to the AnswerRecorder). */
  readonly onDidCountAnswer = this.counted.event;

  constructor(store: ChatStore, service: ClientService, logger: Logger, warn: (message: string) => void = showWarning) {
    this.disk = new ChatDisk(store, logger, warn);
    this.screen = new ChatScreen(this.list, () => this.runner.streamingMessageId);
    this.runner = new AnswerRunner(service, logger, this.list, this.screen, this.disk, (answer) => this.counted.fire(answer));
    this.turns = new ChatTurns(this.list, this.screen, this.runner);
    this.navigation = new ChatNavigation(this.list, this.screen, this.runner, this.disk);
    this.requests = new ChatRequests(this.turns, this.navigation, this.runner, this.screen);
    this.sync = new ChatSync(store, new OtherWindows(this.list, this.screen, this.runner, this.disk), logger);
    this.loaded = this.load().then(() => this.sync.start());
  }

  /** Asked before each request is sent (the monthly budget: extension.ts sets the usage service). */
  get requestGate(): RequestGate {
    return this.turns.requestGate;
  }

  set requestGate(gate: RequestGate) {
    this.turns.requestGate = gate;
    this.runner.requestGate = gate;
  }

  /** The chat on screen. */
  get active(): StoredChat {
    return this.list.active;
  }

  /** True while an answer streams (tests and the Explain command wait on this). */
  get busy(): boolean {
    return this.runner.busy;
  }

  attach(surface: ChatSurface | undefined): void {
    this.screen.attach(surface);
  }

  async handle(message: ChatRequest): Promise<void> {
    await this.loaded;
    return this.requests.handle(message);
  }

  /** A user turn into the active chat, then its answer. `prompt` replaces what the model receives. */
  async send(text: string, attachments: Attachment[] = [], prompt?: string): Promise<void> {
    await this.loaded;
    await (await this.turns.accept(text, attachments.map(storedAttachment), prompt)).answered;
  }

  /** Starts a new chat and sends into it (Explain Selection). */
  async sendInNewChat(text: string, attachments: Attachment[], prompt: string): Promise<void> {
    await this.loaded;
    this.newChat();
    await this.send(text, attachments, prompt);
  }

  stop(): void {
    this.runner.stop();
  }

  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  /** A fresh chat on screen. An answer still streaming in the old one is stopped (its text is kept). */
  newChat(): void {
    this.navigation.newChat();
  }

  /** Deactivation: the answer in flight is stopped and saved, and every pending write is on disk. */
  async close(): Promise<void> {
    this.runner.stop();
    await this.runner.whenIdle();
    await this.disk.flush();
  }

  dispose(): void {
    this.sync.dispose();
    this.screen.dispose();
    this.counted.dispose();
    this.runner.stop();
    void this.disk.flush();
  }

  private async load(): Promise<void> {
    this.list.load(await this.disk.load());
  }
}
