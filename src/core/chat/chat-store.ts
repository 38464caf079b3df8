import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ChatSummary, ChatView, MessageView } from '../../shared/protocol';

export interface StoredChat extends ChatView {
  version: 1;
  createdAt: number;
  transport?: string;
}

export interface LoadResult {
  chats: StoredChat[];
  /** Files that could not be read as a chat: skipped, never fatal. */
  corrupt: string[];
}

const FILE = /^chat-([\w-]{1,64})\.json$/;
let tmpSerial = 0;

function isMessage(v: unknown): v is MessageView {
  const m = v as MessageView;
  return typeof m === 'object' && m !== null && typeof m.id === 'string' && (m.role === 'user' || m.role === 'assistant')
    && typeof m.text === 'string' && ['complete', 'streaming', 'stopped', 'error'].includes(m.state);
}

export function isStoredChat(v: unknown): v is StoredChat {
  const c = v as StoredChat;
  return typeof c === 'object' && c !== null && c.version === 1 && typeof c.id === 'string' && typeof c.title === 'string'
    && typeof c.updatedAt === 'number' && typeof c.model === 'string' && Array.isArray(c.messages) && c.messages.every(isMessage);
}

export const summaryOf = (c: ChatView): ChatSummary => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, model: c.model });

/**
 * Chats as one JSON file each in a folder (the extension's storage). Writes are atomic (a temporary
 * file renamed over the old one), so a crash mid-write leaves the previous version, not a torn file.
 * While an answer streams, `save` is called often and coalesced to one write per `throttleMs`.
 */
export class ChatStore {
  private readonly pending = new Map<string, { chat: StoredChat; timer: NodeJS.Timeout }>();
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string, private readonly throttleMs = 250) {}

  async load(): Promise<LoadResult> {
    await fs.mkdir(this.dir, { recursive: true });
    const chats: StoredChat[] = [];
    const corrupt: string[] = [];
    for (const name of await fs.readdir(this.dir)) {
      if (!FILE.test(name)) continue;
      try {
        const value: unknown = JSON.parse(await fs.readFile(path.join(this.dir, name), 'utf8'));
        if (!isStoredChat(value)) throw new Error('not a chat');
        // An answer still "streaming" on disk was cut by a crash or reload: it is kept, marked stopped.
        for (const m of value.messages) if (m.state === 'streaming') m.state = 'stopped';
        chats.push(value);
      } catch {
        corrupt.push(name);
      }
    }
    chats.sort((a, b) => b.updatedAt - a.updatedAt);
    return { chats, corrupt };
  }

  /** Saves soon (coalesced); `flush` or `saveNow` to be sure it is on disk. */
  save(chat: StoredChat): void {
    const entry = this.pending.get(chat.id);
    if (entry) {
      entry.chat = chat;
      return;
    }
    const timer = setTimeout(() => void this.flushOne(chat.id), this.throttleMs);
    this.pending.set(chat.id, { chat, timer });
  }

  async saveNow(chat: StoredChat): Promise<void> {
    const entry = this.pending.get(chat.id);
    if (entry) {
      clearTimeout(entry.timer);
      this.pending.delete(chat.id);
    }
    await this.write(chat);
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flushOne(id)));
    await this.writing;
  }

  async delete(id: string): Promise<void> {
    const entry = this.pending.get(id);
    if (entry) clearTimeout(entry.timer);
    this.pending.delete(id);
    await this.writing;
    await fs.rm(this.file(id), { force: true });
  }

  private async flushOne(id: string): Promise<void> {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    await this.write(entry.chat);
  }

  /** Writes one after another: two renames of the same file must not race. */
  private write(chat: StoredChat): Promise<void> {
    const json = JSON.stringify(chat);
    this.writing = this.writing.catch(() => undefined).then(async () => {
      await fs.mkdir(this.dir, { recursive: true });
      // Unique per write: two stores (windows) saving the same chat must not share a temporary file.
      const tmp = `${this.file(chat.id)}.${process.pid}.${++tmpSerial}.tmp`;
      await fs.writeFile(tmp, json, 'utf8');
      await fs.rename(tmp, this.file(chat.id));
    });
    return this.writing;
  }

  private file(id: string): string {
    if (!/^[\w-]{1,64}$/.test(id)) throw new Error(`invalid chat id ${id}`);
    return path.join(this.dir, `chat-${id}.json`);
  }
}
