// A child process for chat-windows.test.ts: another window writing turns into the same chat as fast as
// it can (a user turn, then an answer streamed in pieces with coalesced saves), and starting its own chat.
import { ChatStore } from '../../../src/core/chat/chat-store';
import type { StoredChat, StoredMessage } from '../../../src/core/chat/stored-chat';

async function main(): Promise<void> {
  const [dir, writer, sharedId, turns] = process.argv.slice(2) as [string, string, string, string];
  const store = new ChatStore(dir, 5);
  const { chats } = await store.load();
  const shared = chats.find((c) => c.id === sharedId);
  if (!shared) throw new Error(`writer ${writer}: no chat ${sharedId}`);
  const own: StoredChat = { version: 1, id: `own-${writer}`, title: `own ${writer}`, createdAt: Date.now(), updatedAt: Date.now(), model: 'm', messages: [] };
  for (let i = 0; i < Number(turns); i++) {
    shared.messages.push({ id: `${writer}-u${i}`, role: 'user', text: `question ${i} from ${writer}`, state: 'complete' });
    store.save(shared);
    const answer: StoredMessage = { id: `${writer}-a${i}`, role: 'assistant', text: '', state: 'streaming' };
    shared.messages.push(answer);
    for (const piece of ['answer ', `${i} `, 'from ', writer]) {
      answer.text += piece;
      shared.updatedAt = Date.now();
      store.save(shared);
      await new Promise((r) => setImmediate(r));
    }
    answer.state = 'complete';
    await store.saveNow(shared);
    if (i % 10 === 0) {
      own.messages.push({ id: `${writer}-own${i}`, role: 'user', text: `own ${i}`, state: 'complete' });
      await store.saveNow(own);
    }
  }
  await store.flush();
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
