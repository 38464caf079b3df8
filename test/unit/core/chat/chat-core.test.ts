import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answerStats, estimateTokens, priceFor } from '../../../../src/core/chat/answer-stats';
import { ChatStore } from '../../../../src/core/chat/chat-store';
import type { StoredChat } from '../../../../src/core/chat/stored-chat';
import { FakeClock, until } from '../../support/fake-clock';
import { answerLanguage, chatMessages, explainPrompt, fenceFor, userContent } from '../../../../src/core/chat/prompts';

const chat = (id: string, text = 'こんにちは', state: 'complete' | 'streaming' = 'complete'): StoredChat => ({
  version: 1, id, title: 't', createdAt: 1, updatedAt: Date.now(), model: 'gpt-4.1',
  messages: [{ id: 'm1', role: 'user', text: 'hi', state: 'complete' }, { id: 'm2', role: 'assistant', text, state }],
});

describe('chat store', () => {
  let dir: string;
  let clock: FakeClock | undefined;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-chats-'))));
  afterEach(() => {
    clock?.uninstall();
    clock = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saves and loads chats, newest first', async () => {
    const store = new ChatStore(dir);
    await store.saveNow({ ...chat('a'), updatedAt: 1 });
    await store.saveNow({ ...chat('b'), updatedAt: 2 });
    const { chats, corrupt } = await new ChatStore(dir).load();
    assert.deepEqual(chats.map((c) => c.id), ['b', 'a']);
    assert.deepEqual(corrupt, []);
    assert.equal(chats[0]?.messages[1]?.text, 'こんにちは');
  });

  it('coalesces saves while streaming, and flush writes the latest', async () => {
    const store = new ChatStore(dir, 50);
    for (let i = 1; i <= 20; i++) store.save(chat('s', 'あ'.repeat(i), 'streaming'));
    await store.flush();
    const { chats } = await new ChatStore(dir).load();
    assert.equal(chats[0]?.messages[1]?.text, 'あ'.repeat(20));
  });

  it('keeps a partial answer written mid-stream, marked stopped after a crash', async () => {
    clock = FakeClock.install();
    const store = new ChatStore(dir, 10);
    store.save(chat('p', '途中まで', 'streaming'));
    const file = path.join(dir, 'chat-p.json');
    clock.tick(10);
    await until(() => fs.existsSync(file), 'the throttled write reached the disk'); // then "the window died"
    const { chats } = await new ChatStore(dir).load();
    assert.equal(chats[0]?.messages[1]?.text, '途中まで');
    assert.equal(chats[0]?.messages[1]?.state, 'stopped');
  });

  it('skips corrupt files and names them, never throws', async () => {
    await new ChatStore(dir).saveNow(chat('ok'));
    fs.writeFileSync(path.join(dir, 'chat-broken.json'), '{"version":1,"id":');
    fs.writeFileSync(path.join(dir, 'chat-wrong.json'), JSON.stringify({ version: 1, id: 'x' }));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a chat file');
    const { chats, corrupt } = await new ChatStore(dir).load();
    assert.deepEqual(chats.map((c) => c.id), ['ok']);
    assert.deepEqual(corrupt.sort(), ['chat-broken.json', 'chat-wrong.json']);
  });

  it('deletes a chat, including a save still pending', async () => {
    clock = FakeClock.install();
    const store = new ChatStore(dir, 1000);
    await store.saveNow(chat('d'));
    store.save(chat('d', 'later'));
    await store.delete('d');
    clock.tick(1000); // when the pending save would have been written
    await store.flush();
    assert.deepEqual((await store.load()).chats, []);
  });

  it('refuses ids that could escape the folder', async () => {
    await assert.rejects(new ChatStore(dir).saveNow({ ...chat('x'), id: '../evil' }));
  });
});

describe('answer stats', () => {
  it('estimates about a token per CJK character and per four Latin characters', () => {
    assert.equal(estimateTokens('日本語のテキスト'), 8);
    assert.equal(estimateTokens('abcdefgh'), 2);
    assert.equal(estimateTokens(''), 0);
  });

  it('computes TTFT, tokens per second and cost from reported usage', () => {
    const s = answerStats('x', { promptTokens: 1000, completionTokens: 500, totalTokens: 1500 }, { startedAt: 0, firstTokenAt: 400, endedAt: 10_400 }, { input: 2, output: 8 });
    assert.deepEqual(s, { completionTokens: 500, promptTokens: 1000, estimated: false, ttftMs: 400, tokensPerSecond: 50, costUsd: (500 * 8 + 1000 * 2) / 1e6 });
  });

  it('falls back to an estimate, marked as such', () => {
    const s = answerStats('你好世界', undefined, { startedAt: 0, endedAt: 10 }, { output: 0.42 });
    assert.equal(s.estimated, true);
    assert.equal(s.completionTokens, 4);
    assert.equal(s.costUsd, (4 * 0.42) / 1e6);
  });

  it('finds prices by exact name or without a vendor prefix', () => {
    const table = { 'gpt-4.1': { output: 8 }, 'DeepSeek-V3.2': { output: 0.42 } };
    assert.equal(priceFor('openai/gpt-4.1', table)?.output, 8);
    assert.equal(priceFor('deepseek-v3.2', table)?.output, 0.42);
    assert.equal(priceFor('unknown', table), undefined);
  });
});

describe('prompts', () => {
  it('answers in the display language', () => {
    assert.equal(answerLanguage('ja'), 'Answer in Japanese.');
    assert.equal(answerLanguage('zh-cn'), 'Answer in Simplified Chinese.');
    assert.equal(answerLanguage('en-us'), 'Answer in English.');
    assert.equal(answerLanguage('fr'), 'Answer in English.');
  });

  it('fences code so that the code cannot close the fence', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('has ``` inside'), '````');
  });

  it('builds the Explain prompt with file, language, lines, context and answer language', () => {
    const p = explainPrompt({ path: 'src/a.ts', language: 'typescript', code: 'const x = 1;', startLine: 3, endLine: 3, before: 'a\n', after: '\nb', wholeFile: false, displayLanguage: 'ja' });
    assert.match(p, /lines 3-3 of `src\/a\.ts` \(typescript\)/);
    assert.match(p, /Answer in Japanese\./);
    assert.match(p, /```typescript\nconst x = 1;\n```/);
    assert.match(p, /Surrounding code, for context only/);
  });

  it('folds attachments into the user turn and keeps chat order', () => {
    const content = userContent('Why?', [{ kind: 'selection', path: 'a.py', language: 'python', startLine: 1, endLine: 2, text: 'x = 1\ny = 2' }]);
    assert.match(content, /^Selection from `a\.py` \(lines 1-2\):\n```python\nx = 1\ny = 2\n```\n\nWhy\?$/);
    const msgs = chatMessages([{ role: 'user', text: 'q' }, { role: 'assistant', text: 'a' }], 'sys');
    assert.deepEqual(msgs.map((m) => m.role), ['system', 'user', 'assistant']);
  });
});
