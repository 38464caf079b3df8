// Chat history across windows: four processes writing turns into the same chat at once (as four VS Code
// windows on one global storage do) lose none of them, and each one's turns keep their order.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StoredChat } from '../../../../src/core/chat/stored-chat';

const WRITER = path.join(__dirname, '../../support/chat-writer.js');

function runWriter(dir: string, writer: string, sharedId: string, turns: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(WRITER, [dir, writer, sharedId, String(turns)], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${writer} exited with ${code}`))));
  });
}

describe('chat history: several windows writing at once', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-chat-windows-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('four processes × 40 turns into one chat (and a chat each of their own): every message on disk, in each writer\'s order', async () => {
    const shared: StoredChat = {
      version: 1, id: 'shared', title: 'newest', createdAt: 1, updatedAt: 2, model: 'm',
      messages: [{ id: 'first', role: 'user', text: 'hello', state: 'complete' }],
    };
    fs.writeFileSync(path.join(dir, 'chat-shared.json'), JSON.stringify(shared));
    const writers = ['w1', 'w2', 'w3', 'w4'];
    const turns = 40;
    await Promise.all(writers.map((w) => runWriter(dir, w, 'shared', turns)));

    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'chat-shared.json'), 'utf8')) as StoredChat;
    assert.equal(onDisk.messages[0]?.id, 'first', 'the message that was there first stays first');
    for (const w of writers) {
      const mine = onDisk.messages.filter((m) => m.id.startsWith(`${w}-`));
      const expected = Array.from({ length: turns }, (_, i) => [`${w}-u${i}`, `${w}-a${i}`]).flat();
      assert.deepEqual(mine.map((m) => m.id), expected, `every turn of ${w}, once, in its order`);
      for (let i = 0; i < turns; i++) {
        assert.deepEqual([mine[2 * i + 1]?.text, mine[2 * i + 1]?.state], [`answer ${i} from ${w}`, 'complete'], `${w}'s answer ${i} whole`);
      }
      const own = JSON.parse(fs.readFileSync(path.join(dir, `chat-own-${w}.json`), 'utf8')) as StoredChat;
      assert.deepEqual(own.messages.map((m) => m.id), [0, 10, 20, 30].map((i) => `${w}-own${i}`), `${w}'s own chat`);
    }
    assert.equal(onDisk.messages.length, 1 + writers.length * turns * 2, 'nothing written twice');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => !f.endsWith('.json')), [], 'no lock or temporary file left behind');
  });
});
