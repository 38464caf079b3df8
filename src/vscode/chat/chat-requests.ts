import type { ChatRequest, HostToWebview } from '../../shared/protocol';
import type { AnswerRunner } from './answer-runner';
import { storedAttachment } from './chat-mapping';
import type { ChatNavigation } from './chat-navigation';
import type { ChatScreen } from './chat-screen';
import type { Accepted, ChatTurns } from './chat-turns';

/** One handler for each kind of request (the type makes a new kind in the protocol need one here). */
type Handlers = { [K in ChatRequest['type']]: (request: Extract<ChatRequest, { type: K }>) => Promise<void> | void };

/**
 * The panel's requests about conversations (protocol.ts ChatRequest), each to what answers it. A
 * request with a requestId (send, edit) is replied to once accepted or refused; its answer streams on.
 */
export class ChatRequests {
  private readonly handlers: Handlers = {
    ready: () => this.screen.init(),
    send: (r) => this.reply(r.requestId, () => this.turns.accept(r.text, r.attachments.map(storedAttachment))),
    stop: () => this.runner.stop(),
    retry: (r) => this.turns.retry(r.messageId),
    continue: (r) => this.turns.continueAnswer(r.messageId),
    edit: (r) => this.reply(r.requestId, () => this.turns.acceptEdit(r.messageId, r.text)),
    newChat: () => this.navigation.newChat(),
    switchChat: (r) => this.navigation.switchChat(r.chatId),
    deleteChat: (r) => this.navigation.deleteChat(r.chatId),
    fix: (r) => (r.action === 'retry' ? this.turns.retryLast() : undefined), // other fixes are panel actions
    usageView: () => undefined, // the Usage view's feed answers it (chat-view.ts)
  };

  constructor(private readonly turns: ChatTurns, private readonly navigation: ChatNavigation, private readonly runner: AnswerRunner, private readonly screen: ChatScreen) {}

  async handle(request: ChatRequest): Promise<void> {
    return (this.handlers[request.type] as (r: ChatRequest) => Promise<void> | void)(request);
  }

  /** Replies once the request is accepted (or refused); an answer it started streams on after that. */
  private async reply(requestId: string, accept: () => Promise<Accepted>): Promise<void> {
    let accepted: Accepted;
    try {
      accepted = await accept();
    } catch (e) {
      this.post({ type: 'reply', requestId, ok: false, error: (e as Error).message });
      return;
    }
    this.post({ type: 'reply', requestId, ok: true });
    await accepted.answered;
  }

  private post(message: HostToWebview): void {
    this.screen.post(message);
  }
}
