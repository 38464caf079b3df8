// The cleaning rules run in order on a model's raw answer: every prefix of a stream, and realistic answers.
import * as assert from 'node:assert/strict';
import { cleanCompletion, completeLines, isUsableLine, type CleanInput } from '../../../../../src/core/completion/clean';
import { assertWellFormed } from '../../../support/completion-clean';

describe('completion cleaning', () => {
  describe('every prefix of a stream (cut anywhere, even inside an emoji)', () => {
    it('cleans to well-formed text, and the whole answer to the expected text', () => {
      const raw = '<think>ユーザーは🎉を表示したい</think>\n以下が補完です：\n```ts\nshow("完了 🎉🎉", 用户);\n```\n説明は不要です。';
      const input = { prefix: 'function 完了(用户) {\n  ', suffix: '\n}', multiline: true, fromChat: true };
      for (let end = 0; end <= raw.length; end++) {
        const out = cleanCompletion({ ...input, raw: raw.slice(0, end) });
        assertWellFormed(out);
        assert.ok(out === undefined || (isUsableLine(out) && out === out.trimEnd()), JSON.stringify(out));
        const settled = cleanCompletion({ ...input, raw: completeLines(raw.slice(0, end)) });
        assert.ok(settled === undefined || !settled.includes('<') && !settled.includes('以下'), `shown while streaming: ${JSON.stringify(settled)}`);
      }
      assert.equal(cleanCompletion({ ...input, raw }), 'show("完了 🎉🎉", 用户);');
    });
  });


  describe('realistic answers end to end', () => {
    const cases: Array<{ name: string; input: CleanInput; expected: string | undefined }> = [
      {
        name: 'FIM echoes the line and repeats the semicolon after the cursor',
        input: { raw: 'return a + b;', prefix: 'function add(a: number, b: number) {\n  return a', suffix: ';\n}\n', multiline: false, fromChat: false },
        expected: ' + b',
      },
      {
        name: 'chat: preamble and a fenced block',
        input: { raw: 'Here is the completion:\n```ts\nreturn a + b;\n```', prefix: 'function add(a, b) {\n  ', suffix: '\n}', multiline: true, fromChat: true },
        expected: 'return a + b;',
      },
      {
        name: 'chat: reasoning, then the insert tag',
        input: { raw: '<think>The user wants the sum.</think>\n<insert>return a + b;</insert>', prefix: 'function add(a, b) {\n  ', suffix: '\n}', multiline: true, fromChat: true },
        expected: 'return a + b;',
      },
      {
        name: 'chat: Japanese preamble, Python fence, body of def f():',
        input: { raw: '以下が補完です：\n```python\nreturn x * 2\n```', prefix: 'def double(x):\n    ', suffix: '\n', multiline: true, fromChat: true },
        expected: 'return x * 2',
      },
      {
        name: 'chat: Chinese preamble and Chinese identifiers',
        input: { raw: '以下是补全的代码：\n<insert>用户列表.push(新用户);</insert>', prefix: 'function 添加(新用户) {\n  ', suffix: '\n}', multiline: true, fromChat: true },
        expected: '用户列表.push(新用户);',
      },
      {
        name: 'FIM: end-of-text and a leaked next file',
        input: { raw: 'items.map((x) => x.id);<|endoftext|><|file_separator|>src/other.ts', prefix: 'const ids = ', suffix: '\n', multiline: false, fromChat: false },
        expected: 'items.map((x) => x.id);',
      },
      {
        name: 'chat: unterminated reasoning',
        input: { raw: '<think>First, the variable ユーザー名 is', prefix: 'const x = ', suffix: '', multiline: false, fromChat: true },
        expected: undefined,
      },
      {
        name: 'chat: a refusal',
        input: { raw: "I'm sorry, but I need more context to complete this code.", prefix: 'const x = ', suffix: '', multiline: false, fromChat: true },
        expected: undefined,
      },
      {
        name: 'FIM repeats the block opener and the closing brace',
        input: { raw: 'if (user) {\n    greet(user);\n}', prefix: 'if (user) {\n    ', suffix: '\n}', multiline: true, fromChat: false },
        expected: 'greet(user);',
      },
      {
        name: 'single line that is the next line again',
        input: { raw: 'const b = 2;', prefix: 'const a = 1;\n', suffix: '\nconst b = 2;', multiline: false, fromChat: false },
        expected: undefined,
      },
      {
        name: 'Japanese string, closing quote and paren already after the cursor',
        input: { raw: 'こんにちは、世界");', prefix: 'console.log("', suffix: '");\n', multiline: false, fromChat: false },
        expected: 'こんにちは、世界',
      },
      {
        name: 'emoji before the closing quote, second line dropped',
        input: { raw: '🎉🎉";\nconsole.log(msg);', prefix: 'const msg = "Done ', suffix: '";', multiline: false, fromChat: false },
        expected: '🎉🎉',
      },
      {
        name: 'chat: insert tags on their own lines, single line',
        input: { raw: '<insert>\nconst total = items.length;\n</insert>', prefix: 'function count(items) {\n  ', suffix: '\n}', multiline: false, fromChat: true },
        expected: 'const total = items.length;',
      },
      {
        name: 'chat: Python body written from column 0',
        input: { raw: '<insert>\nif r < 0:\n    raise ValueError("negative")\nreturn 3.14159 * r * r\n</insert>', prefix: 'def area(r):\n    ', suffix: '\n', multiline: true, fromChat: true },
        expected: 'if r < 0:\n        raise ValueError("negative")\n    return 3.14159 * r * r',
      },
      {
        name: 'chat: Go with spaces in a tab-indented file',
        input: { raw: '```go\nfor i := 0; i < 3; i++ {\n    fmt.Println(i)\n}\n```', prefix: 'func main() {\n\t', suffix: '\n}', multiline: true, fromChat: true },
        expected: 'for i := 0; i < 3; i++ {\n\t\tfmt.Println(i)\n\t}',
      },
      {
        name: 'chat: `case 1:` is code, not a preamble',
        input: { raw: "<insert>case 1:\n  return 'one';</insert>", prefix: 'switch (x) {\n  ', suffix: '\n}', multiline: true, fromChat: true },
        expected: "case 1:\n    return 'one';",
      },
      {
        name: 'FIM closes an array with a parenthesis',
        input: { raw: '1, 2, 3);', prefix: 'const xs = [', suffix: '\n', multiline: false, fromChat: false },
        expected: '1, 2, 3',
      },
      {
        name: 'JSON-ish object: next keys at column 0',
        input: { raw: '"version": "1.0.0",\n"private": true', prefix: '{\n  "name": "relay",\n  ', suffix: '\n}', multiline: true, fromChat: false },
        expected: '"version": "1.0.0",\n  "private": true',
      },
      {
        name: 'typed Japanese identifier echoed',
        input: { raw: 'getユーザー名();', prefix: 'const ユーザー名 = get', suffix: '\n', multiline: false, fromChat: false },
        expected: 'ユーザー名();',
      },
    ];

    for (const { name, input, expected } of cases) {
      it(name, () => {
        const out = cleanCompletion(input);
        assert.equal(out, expected);
        assertWellFormed(out);
      });
    }
  });
});
