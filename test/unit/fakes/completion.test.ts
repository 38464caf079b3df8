import * as assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { completionTokens, loadCorpus, type CompletionLogEntry, type Corruption, type ScriptedRequest } from '../../fakes/completion';
import { chunkText, finishOf, readSse } from '../../fakes/completion/sse-reader';
import { FakeRelay } from '../../fakes/fake-relay';
import { SAMPLE_TEXT } from '../../fakes/scenario';

const corpus = (name: string) => loadCorpus().find((f) => f.name === name)?.text ?? assert.fail(`no ${name} in the corpus`);
const TS = corpus('todo-store.ts');
const PY = corpus('rate_limit.py');

/** A hole in `text` from the start of `from` up to the start of `to` (searched after `from`). */
function hole(text: string, from: string, to: string) {
  const a = text.indexOf(from);
  const b = text.indexOf(to, a + 1);
  assert.ok(a >= 0 && b > a, `${from} … ${to}`);
  return { prefix: text.slice(0, a), insertion: text.slice(a, b), suffix: text.slice(b) };
}

const chatBody = (prefix: string, suffix: string, extra: Record<string, unknown> = {}) => ({
  model: 'deepseek-v3.2', stream: true,
  messages: [
    { role: 'system', content: 'You complete code.' },
    { role: 'user', content: `Complete the code at the cursor.\n<file path="src/todo-store.ts" language="typescript">\n${prefix}<|cursor|>${suffix}\n</file>\nAnswer with <insert>…</insert> only.` },
  ],
  ...extra,
});

describe('fake relay: inline completions', () => {
  let relay: FakeRelay;
  const post = (path: string, body: unknown, signal?: AbortSignal) =>
    fetch(`${relay.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  const stream = async (path: string, body: unknown) => {
    const res = await post(path, body);
    assert.equal(res.status, 200);
    const read = await readSse(res);
    return { ...read, text: read.chunks.map(chunkText).join(''), finish: finishOf(read.chunks) };
  };
  const lastLog = (): CompletionLogEntry => relay.completionLog[relay.completionLog.length - 1] ?? assert.fail('no log entry');

  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => relay.close());

  it('serves the true insertion for a hole in the middle of a corpus file, with usage and [DONE]', async () => {
    const { prefix, insertion, suffix } = hole(TS, '    const todo: Todo', '    this.todos.set');
    const out = await stream('/completions', { model: 'deepseek-v3.2', prompt: prefix, suffix, stream: true, stream_options: { include_usage: true } });
    assert.equal(out.text, insertion);
    assert.equal(out.finish, 'stop');
    assert.ok(out.done);
    assert.equal(out.chunks[0]?.object, 'text_completion');
    assert.match(String(out.chunks[0]?.id), /^cmpl-fake-\d+$/);
    const usage = out.chunks[out.chunks.length - 1]?.usage as { completion_tokens: number };
    assert.equal(usage.completion_tokens, completionTokens(insertion).length);
    assert.equal(relay.requests[0]?.path, '/v1/completions');
    const log = lastLog();
    assert.match(log.completionId, /^cmpl-fake-\d+$/);
    assert.deepEqual({ ...log, completionId: '', startedAt: 0, firstByteAt: 0, closedAt: 0, finishedAt: 0, finishWrittenAt: 0, writes: [] }, {
      id: 1, completionId: '', route: 'completions', transport: 'sse', model: 'deepseek-v3.2', startedAt: 0, firstByteAt: 0, closedAt: 0, finishedAt: 0,
      generatedTokens: usage.completion_tokens, sentTokens: usage.completion_tokens, clientAborted: false, text: insertion,
      finishWrittenAt: 0, writes: [],
    });
    // Each write is timed, with the text length sent so far (benchmarks measure from it).
    assert.equal(log.writes.length, usage.completion_tokens);
    assert.equal(log.writes[log.writes.length - 1]?.chars, insertion.length);
    assert.ok(log.writes.every((w, i) => i === 0 || w.at >= (log.writes[i - 1]?.at ?? 0)));
    assert.ok((log.finishWrittenAt ?? 0) >= (log.writes[log.writes.length - 1]?.at ?? Infinity));
  });

  it('finds the file from a trimmed prefix, across Chinese comments', async () => {
    const { prefix, insertion, suffix } = hole(PY, '        # 按经过的时间', '        self.updated_at = now');
    const out = await stream('/completions', { model: 'm', prompt: prefix.slice(-400), suffix: suffix.slice(0, 100), stream: true });
    assert.equal(out.text, insertion);
  });

  it('stops at max_tokens with finish "length", streamed or whole', async () => {
    const { prefix, insertion, suffix } = hole(TS, '  list(filter', '  overdue(');
    const out = await stream('/completions', { model: 'm', prompt: prefix, suffix, max_tokens: 7, stream: true });
    assert.equal(out.finish, 'length');
    assert.equal(out.chunks.filter((c) => chunkText(c) !== '').length, 7);
    assert.equal(out.text, completionTokens(insertion).slice(0, 7).join(''));
    const whole = (await (await post('/completions', { model: 'm', prompt: prefix, suffix, max_tokens: 7 })).json()) as { choices: { text: string; finish_reason: string }[] };
    assert.deepEqual(whole.choices[0] && { text: whole.choices[0].text, finish: whole.choices[0].finish_reason }, { text: out.text, finish: 'length' });
  });

  it('applies stop sequences server-side and bills only up to the stop', async () => {
    const { prefix, insertion, suffix } = hole(TS, '  list(filter', '  overdue(');
    const out = await stream('/completions', { model: 'm', prompt: prefix, suffix, stop: ['\n\n', '.sort'], stream: true });
    assert.equal(out.text, insertion.slice(0, insertion.indexOf('.sort')));
    assert.equal(out.finish, 'stop');
    const entry = lastLog();
    assert.deepEqual(entry.stop, ['\n\n', '.sort']);
    assert.equal(entry.text, `${out.text}.sort`, 'generation ends with the stop sequence, which is never sent');
    assert.equal(entry.generatedTokens, completionTokens(entry.text).length);
    const single = await stream('/completions', { model: 'm', prompt: prefix, suffix, stop: '\n', stream: true });
    assert.equal(single.text, insertion.slice(0, insertion.indexOf('\n')));
  });

  it('answers an empty completion when the text is not in the corpus', async () => {
    const out = await stream('/completions', { model: 'm', prompt: 'function nowhereInTheCorpus() {\n  ', suffix: '\n}\n', stream: true });
    assert.deepEqual([out.text, out.finish], ['', 'stop']);
  });

  it('streams chat-style chunks on /fim/completions, 404s a disabled route, 400s models without FIM', async () => {
    const { prefix, insertion, suffix } = hole(TS, '  remove(id', '  list(');
    const disabled = await post('/fim/completions', { model: 'codestral-latest', prompt: prefix, suffix, stream: true });
    assert.equal(disabled.status, 404);
    assert.equal(((await disabled.json()) as { error: { message: string } }).error.message, 'Not found: POST /v1/fim/completions');
    relay.completion.routes = { completions: false, fim: true };
    const out = await stream('/fim/completions', { model: 'codestral-latest', prompt: prefix, suffix, stream: true });
    assert.equal(out.text, insertion);
    assert.equal(out.chunks[0]?.object, 'chat.completion.chunk');
    assert.deepEqual((out.chunks[1]?.choices as unknown[])[0], { index: 0, delta: { content: chunkText(out.chunks[1] ?? {}) }, finish_reason: null });
    assert.equal((await post('/completions', { model: 'm', prompt: prefix, stream: true })).status, 404);
    relay.completion.fimModels = ['codestral-latest'];
    const refused = await post('/fim/completions', { model: 'gpt-4.1', prompt: prefix, suffix, stream: true });
    assert.equal(refused.status, 400);
    assert.deepEqual(await refused.json(), { error: { message: 'The model `gpt-4.1` does not support the completions endpoint.', type: 'invalid_request_error', code: 'unsupported_model' } });
  });

  it('asks for the key like the chat route', async () => {
    relay.requireKey = 'sk-fim';
    assert.equal((await post('/completions', { model: 'm', prompt: '', stream: true })).status, 401);
  });

  it('answers chat-mode requests with <insert>…</insert>, and the stop removes the closing tag', async () => {
    const { prefix, insertion, suffix } = hole(TS, '    todo.done = true;', '    return true;\n  }\n\n  remove');
    const full = await stream('/chat/completions', chatBody(prefix, suffix));
    assert.equal(full.text, `<insert>${insertion}</insert>`);
    assert.equal(full.chunks[0]?.object, 'chat.completion.chunk');
    const stopped = await stream('/chat/completions', chatBody(prefix, suffix, { stop: ['</insert>'] }));
    assert.equal(stopped.text, `<insert>${insertion}`);
    assert.equal(lastLog().route, 'chat');
    const capped = await stream('/chat/completions', chatBody(prefix, suffix, { max_tokens: 3 }));
    assert.deepEqual([capped.text, capped.finish], ['<insert', 'length']);
    const plain = await stream('/chat/completions', { model: 'gpt-4.1', stream: true, messages: [{ role: 'user', content: 'hi <|cursor|>' }] });
    assert.equal(plain.text, SAMPLE_TEXT, 'without a <file> block the relay chats as before');
  });

  it('serves a scripted model\'s raw answer on both routes, capped by the request\'s stop and max_tokens', async () => {
    const seen: ScriptedRequest[] = [];
    relay.completion.script = (request) => {
      seen.push(request);
      return request.route === 'chat' ? '<think>ok</think>\n<insert>\n  return total;\n}</insert>\nDone.' : '\n}\n\nexport const x = 1;<|endoftext|>';
    };
    const fim = await stream('/completions', { model: 'qwen2.5-coder', prompt: 'function f() {\n  return 1;', suffix: '\n', stop: ['\n\n'], stream: true });
    assert.deepEqual([fim.text, fim.finish], ['\n}', 'stop']);
    assert.equal(lastLog().text, '\n}\n\n', 'the model stops once it wrote the stop sequence, which is not sent');
    const capped = await stream('/completions', { model: 'qwen2.5-coder', prompt: 'p', suffix: 's', max_tokens: 3, stream: true });
    assert.deepEqual([capped.text, capped.finish], ['\n}\n', 'length']);
    const chat = await stream('/chat/completions', chatBody('function f() {\n', '\n', { stop: ['</insert>'] }));
    assert.deepEqual([chat.text, chat.finish], ['<think>ok</think>\n<insert>\n  return total;\n}', 'stop'], 'no <insert> added, no corruption, the stop applied');
    const short = await stream('/chat/completions', chatBody('function f() {\n', '\n', { stop: ['</insert>', '\n'], max_tokens: 40 }));
    assert.deepEqual([short.text, short.finish], ['<think>ok</think>', 'stop']);
    const length = await stream('/chat/completions', chatBody('function f() {\n', '\n', { max_tokens: 2 }));
    assert.deepEqual([length.text, length.finish], ['<thin', 'length']);
    assert.deepEqual(seen[0], { route: 'completions', prefix: 'function f() {\n  return 1;', suffix: '\n', language: '' });
    assert.deepEqual(seen[2], { route: 'chat', prefix: 'function f() {\n', suffix: '\n', language: 'typescript' });
    relay.completion.script = () => undefined;
    const { prefix, insertion, suffix } = hole(TS, '  remove(id', '  list(');
    assert.equal((await stream('/completions', { model: 'm', prompt: prefix, suffix, stream: true })).text, insertion, 'undefined: the corpus model answers');
  });

  const line = hole(TS, 'filter((todo) => filter.tag', '\n      .sort');
  const cases: Record<Corruption, string> = {
    think: `<think>The user wants the code after the cursor. Let me continue it.</think>\n<insert>${line.insertion}`,
    preamble: `<insert>Here is the completion:\n${line.insertion}`,
    fence: `<insert>\`\`\`typescript\n${line.insertion}\n\`\`\``,
    echoPrefix: `<insert>      .${line.insertion}`,
    repeatSuffix: `<insert>${line.insertion}\n      .sort(byPriorityThenDue);`,
  };
  for (const [corruption, expected] of Object.entries(cases)) {
    it(`corrupts chat-mode answers: ${corruption}`, async () => {
      relay.completion.corrupt = [corruption as Corruption];
      const out = await stream('/chat/completions', chatBody(line.prefix, line.suffix, { stop: ['</insert>'] }));
      assert.equal(out.text, expected);
    });
  }

  for (const dialect of ['chunks', 'typed'] as const) {
    it(`answers chat mode over a WebSocket (${dialect})`, async () => {
      const { prefix, insertion, suffix } = hole(TS, '  get(id', '  setDue(');
      const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/v1/chat/completions`);
      await new Promise((resolve) => ws.once('open', resolve));
      const messages: string[] = [];
      const done = new Promise<void>((resolve) => ws.on('message', (data) => {
        messages.push(data.toString());
        if (/\[DONE\]|chat\.completions\.done/.test(data.toString())) resolve();
      }));
      ws.send(JSON.stringify({ ...(dialect === 'typed' ? { type: 'chat.completions.create' } : {}), ...chatBody(prefix, suffix, { stop: ['</insert>'] }) }));
      await done;
      ws.close();
      const text = messages.map((m) => (m === '[DONE]' ? '' : chunkText(JSON.parse(m)) || ((JSON.parse(m) as { delta?: { content?: string } }).delta?.content ?? ''))).join('');
      assert.equal(text, `<insert>${insertion}`);
      assert.deepEqual([lastLog().route, lastLog().transport], ['chat', 'websocket']);
    });
  }

  describe('a client that hangs up after the first chunk', () => {
    const prefix = TS.slice(0, TS.indexOf('  overdue('));
    const first40 = completionTokens(TS.slice(prefix.length)).slice(0, 40).join('');
    const hangUp = async () => {
      const controller = new AbortController();
      const res = await post('/completions', { model: 'm', prompt: prefix, stream: true }, controller.signal);
      await readSse(res, () => controller.abort()).catch(() => undefined);
      await relay.completionsSettled();
      return lastLog();
    };
    beforeEach(() => Object.assign(relay.completion, { tokenMs: 5, naturalTokens: 40 }));

    it('is billed for the whole generation when the relay keeps generating', async () => {
      relay.completion.keepGeneratingAfterDisconnect = true;
      const entry = await hangUp();
      assert.deepEqual([entry.text, entry.generatedTokens, entry.clientAborted], [first40, 40, true]);
      assert.ok(entry.sentTokens < 40 && (entry.closedAt ?? Infinity) < (entry.finishedAt ?? 0));
    });

    it('stops generating at the disconnect otherwise', async () => {
      const entry = await hangUp();
      assert.equal(entry.clientAborted, true);
      assert.ok(entry.generatedTokens <= entry.sentTokens + 1 && entry.generatedTokens < 40, `${entry.generatedTokens} generated, ${entry.sentTokens} sent`);
    });

    it('is billed after a WebSocket client terminates, in chat mode too', async () => {
      relay.completion.keepGeneratingAfterDisconnect = true;
      const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/v1/chat/completions`);
      await new Promise((resolve) => ws.once('open', resolve));
      ws.once('message', () => ws.terminate());
      ws.send(JSON.stringify(chatBody(prefix, '')));
      await new Promise((resolve) => ws.once('close', resolve));
      await relay.completionsSettled();
      const entry = lastLog();
      assert.deepEqual([entry.text, entry.generatedTokens, entry.clientAborted], [`<insert>${first40}</insert>`, completionTokens(`<insert>${first40}</insert>`).length, true]);
      assert.ok(entry.sentTokens < entry.generatedTokens);
    });
  });

  it('waits firstTokenMs before the first byte', async () => {
    relay.completion.firstTokenMs = 60;
    await stream('/completions', { model: 'm', prompt: TS.slice(0, 100), stream: true });
    const entry = lastLog();
    assert.ok((entry.firstByteAt ?? 0) - entry.startedAt >= 55, `${(entry.firstByteAt ?? 0) - entry.startedAt} ms`);
  });

  it('tokenizes like a model: short word pieces, one token per other code point, blanks joined forward', () => {
    assert.deepEqual(completionTokens('  const todoList = 期限;\n\treturn 🎉👍🏽'), ['  cons', 't', ' todo', 'List', ' =', ' 期', '限', ';', '\n', '\tretu', 'rn', ' 🎉', '👍', '🏽']);
    assert.deepEqual(completionTokens('a  \n\n  '), ['a', '  ', '\n', '\n', '  ']);
    for (const file of loadCorpus()) {
      const tokens = completionTokens(file.text);
      assert.equal(tokens.join(''), file.text, file.name);
      assert.ok(tokens.every((t) => !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(t)), `${file.name}: a surrogate pair was split`);
    }
  });
});
