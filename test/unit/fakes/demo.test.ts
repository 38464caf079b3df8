// The demo's fake relay (scripts/start.sh): answers that show what the panel renders, in the
// question's language, streamed at a visible pace with characters cut as real relays cut them.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { completionTokens } from '../../fakes/completion';
import { chatAnswer, demoAnswer, demoScenario, explainAnswer, explainAskOf, languageOf, requestedLanguage, snippetCompletion, type DemoLanguage } from '../../fakes/demo';
import { chunkText, readSse } from '../../fakes/completion/sse-reader';
import { FakeRelay } from '../../fakes/fake-relay';
import { ask, collect, fastClient } from '../support/helpers';
import { withRelay } from '../support/relay-fixture';

const KANA = /[\u3040-\u30ff]/;
const HAN = /\p{Script=Han}/u;
const user = (content: string) => ({ model: 'gpt-4.1', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }] });

/** The block elements markdown-it (the panel's parser) finds in a text. */
function elements(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const token of new MarkdownIt().parse(markdown, {})) {
    if (token.type === 'heading_open') found.add('heading');
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') found.add('list');
    if (token.type === 'fence') found.add('code');
    if (token.type === 'table_open') found.add('table');
  }
  return found;
}

/** The prose of an answer (code blocks and inline code out): the language the reader reads. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`]*`/g, '');

function assertLanguage(text: string, language: DemoLanguage): void {
  const p = prose(text);
  if (language === 'ja') assert.match(p, KANA, 'Japanese has kana');
  if (language === 'zh') assert.ok(HAN.test(p) && !KANA.test(p), 'Chinese: Han characters, no kana');
  if (language === 'en') assert.ok(!HAN.test(p) && !KANA.test(p), `English only:\n${p}`);
}

const HELLO = 'export function greet(name: string): string {\n  return `こんにちは, ${name}!`;\n}';
const explainPrompt = (language: string) => `Explain lines 4-6 of \`src/hello.ts\` (typescript): what it does, how, and anything surprising. Answer in ${language}.\n\n\`\`\`typescript\n${HELLO}\n\`\`\``;

describe('demo relay: the language of the answer', () => {
  it('is Japanese when the question has kana, even among Han characters', () => {
    assert.equal(languageOf('このコードを説明して'), 'ja');
    assert.equal(languageOf('日本語で説明してください'), 'ja');
    assert.equal(languageOf('ｶﾀｶﾅ only'), 'ja');
  });

  it('is Chinese for Han characters without kana', () => {
    assert.equal(languageOf('请用中文解释这段代码'), 'zh');
    assert.equal(languageOf('這段程式碼做什麼？'), 'zh');
  });

  it('is English for anything else (Latin, Korean, emoji only)', () => {
    for (const text of ['What does this do?', '이 코드는 무엇을 하나요?', '🙂', '']) assert.equal(languageOf(text), 'en', text);
  });

  it('reads the words, not attached or quoted code', () => {
    assert.equal(languageOf(`Selection from \`a.ts\`:\n\`\`\`ts\n${HELLO}\n\`\`\`\n\nWhat does this do?`), 'en');
    assert.equal(languageOf('Why does `"日本"` print twice?'), 'en');
    assert.equal(languageOf('```py\nprint("hello")\n```\n\nこれは何？'), 'ja');
  });

  it('follows "Answer in …" of Explain Selection over the script of the code', () => {
    assert.equal(requestedLanguage(explainPrompt('English')), 'en');
    assert.equal(requestedLanguage(explainPrompt('Japanese')), 'ja');
    assert.equal(requestedLanguage(explainPrompt('Simplified Chinese')), 'zh');
    assert.equal(requestedLanguage(explainPrompt('Korean')), 'en');
    assert.equal(requestedLanguage('no instruction here'), undefined);
  });
});

describe('demo relay: the answers', () => {
  const languages: [DemoLanguage, string][] = [['en', 'How do I retry a request?'], ['ja', 'リトライの書き方を教えて'], ['zh', '怎样重试请求？']];

  for (const [language, question] of languages) {
    it(`answers a ${language} question in ${language} with a heading, a list, code and a table`, () => {
      const answer = demoAnswer(user(question));
      assert.equal(answer, chatAnswer(language, question));
      assert.deepEqual([...elements(answer)].sort(), ['code', 'heading', 'list', 'table']);
      assertLanguage(answer, language);
      assert.ok(answer.includes(question), 'the answer quotes the question');
    });

    it(`explains the selection in ${language} when asked to, with a heading, a list, code and a table`, () => {
      const name = { en: 'English', ja: 'Japanese', zh: 'Simplified Chinese' }[language];
      const answer = demoAnswer(user(explainPrompt(name)));
      assert.deepEqual([...elements(answer)].sort(), ['code', 'heading', 'list', 'table']);
      assertLanguage(answer.replace(/こんにちは/g, ''), language);
      assert.match(answer, /src\/hello\.ts/);
      assert.match(answer, /`greet`/);
      assert.match(answer, /greet\("Relay"\)/, 'an example call of the function');
    });
  }

  it('quotes only the words after attached code, escaped so they cannot break the Markdown', () => {
    const answer = demoAnswer(user(`Selection from \`a.ts\`:\n\`\`\`ts\nlet x = 1;\n\`\`\`\n\nIs **this** <b>ok</b>?`));
    assert.match(answer, /“Is \\\*\\\*this\\\*\\\* \\<b\\>ok\\<\/b\\>\?”/);
    assert.ok(!answer.includes('let x = 1'));
  });

  it('reads the file, the lines, the language and the code of an Explain prompt', () => {
    assert.deepEqual(explainAskOf(explainPrompt('English')), { path: 'src/hello.ts', language: 'typescript', lines: { start: 4, end: 6 }, code: HELLO });
    const file = explainAskOf('Explain the file `main.py` (python): what it does. Answer in English.\n\n````python\nprint("```")\n````');
    assert.deepEqual(file, { path: 'main.py', language: 'python', code: 'print("```")' });
    assert.equal(explainAskOf('Explain recursion to me'), undefined);
  });

  it('names every declaration it finds, with its kind and line', () => {
    const code = 'class Store {\n  add(title: string) {\n  }\n}\ninterface Todo {}\nconst LIMIT = 3;\ndef ignored';
    const answer = explainAnswer('en', { path: 's.ts', language: 'typescript', lines: { start: 10, end: 16 }, code });
    for (const row of ['| `Store` | class | 10 |', '| `add` | method | 11 |', '| `Todo` | interface | 14 |', '| `LIMIT` | constant | 15 |']) assert.ok(answer.includes(row), row);
  });
});

describe('demo relay: streaming', () => {
  const fixture = withRelay();

  it('leaves the default answer of a test relay alone: the demo is opt-in', () => {
    assert.equal(fixture.relay.defaultScenario.reply, undefined);
  });

  for (const transport of ['sse', 'websocket'] as const) {
    it(`delivers the demo answer whole over ${transport}, though characters are cut between writes`, async () => {
      const { relay } = fixture;
      relay.defaultScenario = demoScenario({ tokenMs: 1 });
      fixture.client = fastClient(relay.baseUrl, { transport });
      const question = 'ストリーミングを見せて 🙂';
      const out = await collect(fixture.client.streamChat(ask(question)));
      assert.equal(out.error, undefined);
      assert.equal(relay.requests.at(-1)?.transport, transport);
      assert.equal(out.text, demoAnswer(user(question)));
      assert.ok(out.events.filter((e) => e.type === 'text').length > 100, 'many small deltas, like a model');
    });
  }

  it('cuts some UTF-8 characters between two writes, with a pause between them', async () => {
    const { relay } = fixture;
    relay.defaultScenario = demoScenario({ tokenMs: 3 });
    const res = await fetch(`${relay.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...user('中文回答'), stream: true }) });
    let cut = 0;
    let text = '';
    const decoder = new TextDecoder();
    for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (endsInsideCharacter(bytes)) cut++;
      text += decoder.decode(bytes, { stream: true });
    }
    assert.ok(cut >= 3, `${cut} reads ended inside a character`);
    const payloads = text.split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)) as Record<string, unknown>);
    assert.equal(payloads.map(chunkText).join(''), chatAnswer('zh', '中文回答'));
  });

  it('streams at a visible pace: tokens at least 16 ms apart by default (about 60 a second at most)', async () => {
    const { relay } = fixture;
    const reply = 'A short answer, 短い答え 🙂';
    relay.defaultScenario = { ...demoScenario(), reply: () => reply };
    relay.writes = [];
    const res = await fetch(`${relay.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...user('hi'), stream: true }) });
    await readSse(res);
    const at = relay.writes.map((w) => w.at);
    assert.ok(at.length >= completionTokens(reply).length, `${at.length} writes`);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    // Server-side timestamps (Date.now()); a timer may fire up to 1 ms early by the clock's rounding.
    assert.ok(Math.min(...gaps) >= 15, `gaps ${gaps.join(',')}`);
  });
});

describe('demo relay: inline completions outside the corpus', () => {
  const complete = (prefix: string, suffix = '', language?: string) => snippetCompletion({ prefix, suffix, ...(language ? { language } : {}) });

  it('finishes a line that starts like everyday code', () => {
    assert.equal(complete('export function add('), 'a: number, b: number): number {');
    assert.equal(complete('// hi\nfunction clamp('), 'value: number, min: number, max: number): number {');
    assert.equal(complete('import os\n\ndef greet('), 'name: str) -> str:');
    assert.equal(complete('package main\n\nfunc IsEven('), 'n int) bool {');
  });

  it('writes a block body after its opener, indented like the user, leaving a closer already there', () => {
    const opener = '    export function add(a: number, b: number): number {\n      ';
    assert.equal(complete(opener), 'return a + b;\n    }');
    assert.equal(complete(opener, '\n    }\n'), 'return a + b;');
    assert.equal(complete('def read_lines(path: str) -> list[str]:\n    ', '', 'python'), 'with open(path, encoding="utf-8") as f:\n        return f.read().splitlines()');
  });

  it('stops where the text after the cursor takes over, as fill-in-the-middle does', () => {
    assert.equal(complete('export function add(', ')'), 'a: number, b: number');
    assert.equal(complete('export function add(a: number, b: number', ')'), undefined);
    assert.equal(complete('export function add(a: number, b: number)'), ': number {');
  });

  it('writes the line a comment announces', () => {
    assert.equal(complete('// Wait for the given number of milliseconds.\n'), 'export function sleep(ms: number): Promise<void> {');
  });

  it('offers nothing for code it does not know, or for too little typed', () => {
    assert.equal(complete('const frobnicate = quux('), undefined);
    assert.equal(complete('re'), undefined);
  });

  it('is served by the relay only where the corpus has nothing, and only when asked for', async () => {
    const relay = await FakeRelay.start();
    try {
      const post = async () => {
        const res = await fetch(`${relay.baseUrl}/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'deepseek-v3.2', prompt: 'export function add(', suffix: '', stream: true, stop: ['\n'] }) });
        return (await readSse(res)).chunks.map(chunkText).join('');
      };
      assert.equal(await post(), '', 'a test relay knows only its corpus');
      relay.completion.fallback = snippetCompletion;
      assert.equal(await post(), 'a: number, b: number): number {');
    } finally {
      await relay.close();
    }
  });
});

/** Whether the last bytes are the start of a UTF-8 sequence that continues in the next read. */
function endsInsideCharacter(bytes: Uint8Array): boolean {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back] as number;
    if (b >= 0xc0) return back < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2);
    if (b < 0x80) return false;
  }
  return false;
}
