// The ghost text real models produce (issue 17), one named behaviour per block: next-line
// suggestions, wrapper tags, echoes, brackets, fences, spaces, scope and a header's block. The
// engine tests drive the whole path (request shape and caps, streaming, clean-up, what is shown and
// what comes back from the cache); the rest go through the whole clean-up, not one rule.
import * as assert from 'node:assert/strict';
import { cleanCompletion } from '../../../../src/core/completion/clean';
import { CompletionEngine, type CompletionSettings, type Suggestion } from '../../../../src/core/completion/engine';
import type { Cursor } from '../../../../src/core/completion/context';
import { FakeClient, FakeClock, MapStore, cursorAt, settle, typed, type FakeStream } from '../../support/completion-fakes';

interface Rig {
  engine: CompletionEngine;
  client: FakeClient;
  clock: FakeClock;
}

function rig(settings: Partial<CompletionSettings> = {}): Rig {
  const client = new FakeClient();
  const clock = new FakeClock();
  const current: CompletionSettings = { model: 'codestral-latest', mode: 'fim', dailyBudgetUsd: 0, ...settings };
  const engine = new CompletionEngine({ client: () => client, settings: () => current, endpoint: () => 'https://relay.example/v1', store: new MapStore(), clock });
  return { engine, client, clock };
}

/** An explicit request (no debounce) answered with `answer` as the model wrote it; the stream then ends. */
async function shown(r: Rig, cursor: Cursor, answer: string): Promise<{ suggestion: Suggestion | undefined; stream: FakeStream }> {
  const before = r.client.count;
  const call = r.engine.complete({ ...cursor, explicit: true }, new AbortController().signal);
  await settle();
  assert.equal(r.client.count, before + 1, 'one request sent');
  const stream = r.client.last;
  stream.answer(answer);
  const suggestion = await call;
  await settle();
  return { suggestion, stream };
}

const ts = (prefix: string, suffix = '\n') => cursorAt(prefix, suffix, { languageId: 'typescript', fileName: 'src/a.ts' });
const py = (prefix: string, suffix = '\n') => cursorAt(prefix, suffix, { languageId: 'python', fileName: 'a.py', documentId: 'file:///a.py' });
const yaml = (prefix: string, suffix = '\n') => cursorAt(prefix, suffix, { languageId: 'yaml', fileName: 'ci.yml', documentId: 'file:///ci.yml' });

function fim(raw: string, cursor: Cursor, multiline = true): string | undefined {
  return cleanCompletion({ raw, prefix: cursor.prefix, suffix: cursor.suffix, multiline, fromChat: false, languageId: cursor.languageId });
}

function chat(raw: string, cursor: Cursor, multiline = true): string | undefined {
  return cleanCompletion({ raw, prefix: cursor.prefix, suffix: cursor.suffix, multiline, fromChat: true, languageId: cursor.languageId });
}

const SUM = 'export function total(items: number[]): number {\n  let sum = 0;\n  for (const i of items) sum += i;\n  return sum;';

describe('ghost text from real models', () => {
  describe('next-line suggestions', () => {
    it('at a line end, asks the server to stop at a blank line (not the newline) and shows an answer that starts with one', async () => {
      const r = rig();
      const { suggestion, stream } = await shown(r, ts(SUM, '\n\nexport const ZERO = 0;\n'), '\n}\n');
      assert.deepEqual([stream.fim.maxTokens, stream.fim.stop], [64, ['\n\n']]);
      assert.deepEqual(suggestion, { text: '\n}', source: 'network' });
    });

    it('shows the next YAML key after a value, at its own indentation', async () => {
      const r = rig();
      const cursor = yaml('jobs:\n  test:\n    runs-on: ubuntu-latest', '\n');
      const { suggestion } = await shown(r, cursor, '\n    timeout-minutes: 10\n    steps:\n');
      assert.equal(suggestion?.text, '\n    timeout-minutes: 10');
    });

    it('after Tab at a line end, the next line of the same answer comes from the cache, without a request', async () => {
      const r = rig();
      const cursor = py('def area(r):\n    if r < 0:\n        raise ValueError("negative")\n    pi = 3.14', '\n');
      const { suggestion } = await shown(r, cursor, '159\n    return pi * r * r\n');
      assert.equal(suggestion?.text, '159');
      const next = await r.engine.complete(typed(cursor, '159'), new AbortController().signal);
      assert.deepEqual(next, { text: '\n    return pi * r * r', source: 'typed-through' });
      assert.equal(r.client.count, 1);
    });

    it('sends no request where the model\'s finished answer ended and all of it was accepted; Alt+\\ still asks', async () => {
      const r = rig();
      const cursor = ts('function f(xs: number[]) {\n  let total = 0;', '\n}\n');
      const { suggestion } = await shown(r, cursor, '\n  for (const x of xs) total += x;\n  return total;\n\n');
      assert.equal(suggestion?.text, '\n  for (const x of xs) total += x;');
      const line2 = typed(cursor, '\n  for (const x of xs) total += x;');
      assert.equal((await r.engine.complete(line2, new AbortController().signal))?.text, '\n  return total;');
      const end = typed(line2, '\n  return total;');
      const automatic = r.engine.complete(end, new AbortController().signal);
      await r.clock.advance(450);
      assert.equal(await automatic, undefined);
      assert.equal(r.client.count, 1, 'no request at the end of the answer');
      const asked = r.engine.complete({ ...end, explicit: true }, new AbortController().signal);
      await settle();
      assert.equal(r.client.count, 2, 'an explicit request still goes out');
      r.client.last.answer('');
      await asked;
    });

    it('a chat answer stops at a blank line too; a model that writes one before its code is asked again without that stop, once', async () => {
      const r = rig({ mode: 'chat', model: 'preamble-model' });
      const cursor = ts('function offsetOf(page: number): number {\n  return ', ';\n}\n');
      const call = r.engine.complete({ ...cursor, explicit: true }, new AbortController().signal);
      await settle();
      const first = r.client.last;
      assert.deepEqual(first.chat.stop, ['</insert>', '\n\n']);
      first.text('Sure! Here is the text to insert at the cursor:').usage({ promptTokens: 100, completionTokens: 12 }).finish().end();
      await settle();
      assert.equal(r.client.count, 2, 'asked again');
      const second = r.client.last;
      assert.deepEqual(second.chat.stop, ['</insert>']);
      second.text('Sure! Here is the text to insert at the cursor:\n\n<insert>(page - 1) * PAGE_SIZE</insert>').finish().end();
      assert.deepEqual(await call, { text: '(page - 1) * PAGE_SIZE', source: 'network' });
      r.engine.cancel();
      const later = r.engine.complete({ ...ts('const limit = '), explicit: true }, new AbortController().signal);
      await settle();
      assert.deepEqual(r.client.last.chat.stop, ['</insert>'], 'remembered for this model');
      r.client.last.answer('<insert>20;</insert>');
      await later;
    });

    it('a chat answer\'s line break after <insert> is the next line at a line end, layout on a blank line', () => {
      assert.equal(chat('<insert>\n    ports:\n      - "3000:3000"\n</insert>', yaml('services:\n  app:\n    environment:\n      NODE_ENV: production')), '\n    ports:\n      - "3000:3000"');
      assert.equal(chat('<insert>\nreturn sum;\n</insert>', ts(`${SUM.slice(0, SUM.lastIndexOf('\n'))}\n  `, '\n}\n')), 'return sum;');
    });
  });

  describe('wrapper tags', () => {
    const at = ts('function retryDelay(attempt: number): number {\n  return ', ';\n}\n');
    it('removes tags models learned elsewhere, around the code or before it, and special tokens', () => {
      for (const raw of ['<COMPLETION>2 ** attempt * 100</COMPLETION>', '<code>2 ** attempt * 100</code>', '<answer>\n2 ** attempt * 100\n</answer>',
        '<code lang="ts">2 ** attempt * 100', '2 ** attempt * 100</completion>', '<|fim_middle|>2 ** attempt * 100<|endoftext|>',
        '<fim_middle>2 ** attempt * 100<|file_sep|>src/other.ts', '2 ** attempt * 100</COMPL']) {
        assert.equal(chat(raw, at, false), '2 ** attempt * 100', raw);
        assert.equal(fim(raw, at, false), '2 ** attempt * 100', raw);
      }
    });

    it('keeps a tag that is the document\'s own markup (HTML <code>), removes a foreign one there too', () => {
      const html = cursorAt('<p>Run ', '</p>\n', { languageId: 'html', fileName: 'index.html' });
      assert.equal(fim('<code>npm ci</code>', html, false), '<code>npm ci</code>');
      assert.equal(fim('<COMPLETION><code>npm ci</code></COMPLETION>', html, false), '<code>npm ci</code>');
      assert.equal(fim('<answer>npm ci</answer>', cursorAt('<p>Run ', '</p>\n', { languageId: 'typescriptreact' }), false), 'npm ci');
    });
  });

  describe('echoes', () => {
    it('drops a closer repeated on a blank line in the same column, and a repeated docstring', () => {
      const afterBrace = ts('function f() {\n  if (a) {\n    run();\n  }\n  ', '\n}\n');
      assert.equal(fim('}\n  return a;', afterBrace), 'return a;');
      const doc = py('def area(r):\n    """Return the area of a circle."""\n    ', '\n');
      assert.equal(fim('"""Return the area of a circle."""\n    return 3.14159 * r * r', doc), 'return 3.14159 * r * r');
    });

    it('drops a next line that repeats the cursor\'s own line', () => {
      const cursor = ts('function f(xs: number[]) {\n  let total = 0;\n  total += xs[0];', '\n}\n');
      assert.equal(fim('\n  total += xs[0];\n  return total;', cursor), '\n  return total;');
    });
  });

  describe('brackets', () => {
    it('a closer the rest of the line already has, or one that closes nothing, goes', () => {
      assert.equal(fim('value)', ts('function f(value: string) {\n  log(', ');\n}\n'), false), 'value');
      assert.equal(fim('"loaded", len(out), "items")', cursorAt('func main() {\n\tfmt.Println(', ')\n}\n', { languageId: 'go' }), false), '"loaded", len(out), "items"');
      assert.equal(fim('(page - 1) * PAGE_SIZE);', ts('function offsetOf(page: number): number {\n  const offset = ', '\n  return offset;\n}\n')), '(page - 1) * PAGE_SIZE;');
      assert.equal(fim('qty, 1), limit);', ts('function f(qty: number) {\n  return clamp(Math.max(', '));\n}\n'), false), 'qty, 1');
    });

    it('a `}` on a blank line is right when the next line closes an outer block, not when it closes the same one', () => {
      const method = cursorAt('impl Cors {\n    pub fn ok(&self) -> bool {\n        true\n    ', '\n}\n', { languageId: 'rust' });
      assert.equal(fim('}\n}\n', method), '}');
      const fn = ts('function f() {\n  run();\n  ', '\n}\n');
      assert.equal(fim('}\n', fn), undefined);
    });
  });

  describe('fences', () => {
    it('strips a fence from a FIM answer in code, keeps it in Markdown', () => {
      const body = ts('function isRetryable(error: unknown): boolean {\n  ', '\n}\n');
      assert.equal(fim('```ts\nif (error instanceof TypeError) return true;\n  return false;\n```', body), 'if (error instanceof TypeError) return true;\n  return false;');
      const md = cursorAt('# Setup\n\n', '\n', { languageId: 'markdown', fileName: 'README.md' });
      assert.equal(fim('```bash\nnpm ci\n```', md), '```bash\nnpm ci\n```');
      assert.equal(chat('<insert>\n```bash\nnpm ci\n```\n</insert>', md), '```bash\nnpm ci\n```');
    });
  });

  describe('spaces', () => {
    it('drops a leading space when the text before the cursor already ends with one', () => {
      assert.equal(fim(' 1;', ts('const x = ', '\n'), false), '1;');
      assert.equal(chat('<insert> "配送先"</insert>', cursorAt('label = ', '\n', { languageId: 'python' }), false), '"配送先"');
      assert.equal(fim(' + b', ts('return a', ';\n'), false), ' + b', 'no space before the cursor: kept');
    });
  });

  describe('scope', () => {
    it('a block answer that starts a new top-level statement shows nothing; one that runs past its block stops there', () => {
      const body = py('class Cart:\n    def total(self):\n        return sum(self.items)\n        ', '\n');
      assert.equal(fim('def to_csv(self, out):\n        with out.open("w") as f:\n            f.write("")', body), undefined);
      assert.equal(fim('\ndef bottom(n):\n    return n', py('def top(n):\n    return n', '\n')), undefined);
      const block = ts('function f() {\n  ', '\n');
      assert.equal(fim('run();\n}\n\nexport function g() {\n  return 1;\n}', block), 'run();\n}');
    });

    it('a line-end answer may dedent into an enclosing block (YAML, Python), not back to column 0', () => {
      const env = yaml('services:\n  app:\n    environment:\n      NODE_ENV: production');
      assert.equal(fim('\n    ports:\n      - "3000:3000"\nvolumes:\n  data:', env), '\n    ports:\n      - "3000:3000"');
    });

    it('re-indents a chat body written from column 0 without mixing it with the first line', () => {
      assert.equal(chat('<insert>\nif r < 0:\n    raise ValueError("negative")\nreturn r * r\n</insert>', py('def area(r):\n    ')), 'if r < 0:\n        raise ValueError("negative")\n    return r * r');
    });
  });

  describe('a header\'s block', () => {
    it('offers the block a line opens, not just its opener, and gives such a line room for it', async () => {
      const r = rig();
      const cursor = ts('export function parseDuration(text: string): number', '\n\nexport const ZERO = 0;\n');
      const body = ' {\n  const match = /^(\\d+)(ms|s)$/.exec(text.trim());\n  if (!match) throw new Error(`bad duration: ${text}`);\n  return Number(match[1]);\n}';
      const { suggestion, stream } = await shown(r, cursor, `${body}\n`);
      assert.equal(stream.fim.maxTokens, 128);
      assert.deepEqual(suggestion, { text: body, source: 'network' });
    });

    it('offers a Python def\'s body when the answer starts on the next line', async () => {
      const r = rig();
      const { suggestion } = await shown(r, py('def top(n: int) -> list[int]:', '\n'), '\n    ranked = sorted(values)\n    return ranked[:n]\n');
      assert.equal(suggestion?.text, '\n    ranked = sorted(values)\n    return ranked[:n]');
    });

    it('offers the block before closers the editor added after the cursor', async () => {
      const r = rig({ mode: 'chat', model: 'deepseek-v3.2' });
      const cursor = ts('const routes = {\n  get: async (req: Request, res: Response) =>', ',\n};\n');
      const { suggestion } = await shown(r, cursor, '<insert> {\n    res.json(await getUser(req.params.id));\n  }</insert>');
      assert.equal(suggestion?.text, ' {\n    res.json(await getUser(req.params.id));\n  }');
    });
  });
});
