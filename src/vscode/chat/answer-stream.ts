import { continuationMessages, conversationMessages, type AnswerStats, type ChatMessage, type Logger, type StoredChat, type StoredMessage } from '../../core';
import type { HostToWebview } from '../../shared/protocol';
import type { ClientService } from '../client-service';
import { readSettings } from '../settings';
import { messageView } from './chat-mapping';
import type { ChatDisk } from './chat-disk';
import { newId } from './new-id';
import { StreamSession } from './stream-session';

/** An answer that ended with something to count, for the usage record. */
export interface CountedAnswer {
  model: string;
  stats: AnswerStats;
  source: 'chat' | 'explain';
}

export interface AnswerStreamHooks {
  post(message: HostToWebview): void;
  counted(answer: CountedAnswer): void;
}

/**
 * One request's answer, streamed into `chat`: a new answer appended to it, or `resumed`, its last
 * answer, which dropped and is continued. Made ready (and shown) when constructed; `run` sends the
 * request. The chat is written as the answer streams (a partial answer survives a crash or reload).
 */
export class AnswerStream {
  /** The message the answer streams into. */
  readonly message: StoredMessage;
  readonly session: StreamSession;
  private readonly messages: ChatMessage[];
  private readonly model: string;
  /** Settles after the answer's last write. */
  private saved: Promise<void> = Promise.resolve();

  constructor(private readonly chat: StoredChat, private readonly resumed: StoredMessage | undefined, private readonly disk: ChatDisk, private readonly hooks: AnswerStreamHooks) {
    const settings = readSettings();
    // A continuation asks the model that wrote the beginning, even if the picker changed since.
    const model = resumed?.model ?? settings.model;
    this.model = model;
    chat.model = model;
    chat.transport = settings.transport;
    const earlier = resumed ? chat.messages.slice(0, -1) : [...chat.messages];
    // A user turn with a prompt of its own is an Explain (for the usage record).
    const source = earlier.at(-1)?.prompt !== undefined ? 'explain' : 'chat';
    const history = conversationMessages(earlier);
    const assistant: StoredMessage = resumed ?? { id: newId(), role: 'assistant', text: '', state: 'streaming', model };
    this.message = assistant;
    chat.updatedAt = Date.now();
    const before = resumed ? { state: resumed.state, error: resumed.error, incomplete: resumed.incomplete } : undefined;
    if (resumed) {
      resumed.state = 'streaming';
      delete resumed.error;
      delete resumed.incomplete;
      delete resumed.continuable;
      hooks.post({ type: 'resume', chatId: chat.id, messageId: resumed.id });
    } else {
      chat.messages.push(assistant);
      hooks.post({ type: 'message', chatId: chat.id, message: messageView(assistant) });
    }
    this.session = new StreamSession(chat.id, assistant, {
      post: (m) => hooks.post(m),
      changed: (final) => (final ? (this.saved = disk.saveNow(chat)) : disk.save(chat)),
      counted: (stats) => hooks.counted({ model, stats, source }),
    }, settings.pricing, resumed && before ? { before } : undefined);
    this.messages = resumed ? continuationMessages(history, resumed.text) : history;
  }

  /** Sends the request and streams the answer; resolves when it ended, before its last write (`written`). */
  async run(service: ClientService, logger: Logger): Promise<void> {
    const { chat, resumed, message: assistant } = this;
    try {
      await service.use((client) => this.session.run(client, this.model, this.messages));
    } catch (e) {
      // Not a stream error (those end the session themselves): a bug or a config problem (no key).
      logger.error(`answer failed: ${(e as Error).message}`);
      assistant.state = 'error';
      assistant.error = { message: (e as Error).message, actions: ['showLogs'] };
      // A continuation that could not start keeps its text and stays continuable, as a stream error does.
      if (resumed) assistant.continuable = true;
      this.hooks.post({
        type: 'end', chatId: chat.id, messageId: assistant.id, state: 'error', error: { message: assistant.error.message, actions: ['showLogs'] },
        ...(resumed ? { continuable: true } : {}),
      });
      this.saved = this.disk.saveNow(chat);
    }
  }

  /** Settles after the answer's last write. */
  get written(): Promise<void> {
    return this.saved;
  }
}
