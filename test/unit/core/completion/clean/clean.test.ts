import * as assert from 'node:assert/strict';
import {
  balanceBrackets,
  cleanCompletion,
  completeLines,
  cutPrefixOverlap,
  cutSuffixOverlap,
  finalizeCompletion,
  firstLine,
  fixIndentation,
  isPreambleLine,
  isRefusal,
  isUsableLine,
  stopBeforeNextLine,
  stripControlTokens,
  stripFences,
  stripPreamble,
  stripThinking,
  toWellFormed,
  unwrapInsertTag,
  type CleanInput,
} from '../../../../../src/core/completion/clean';

interface Options {
  suffix?: string;
  multiline?: boolean;
  fromChat?: boolean;
  languageId?: string;
}

function clean(raw: string, prefix: string, { suffix = '', multiline = false, fromChat = false, languageId }: Options = {}): string | undefined {
  return cleanCompletion({ raw, prefix, suffix, multiline, fromChat, ...(languageId ? { languageId } : {}) });
}

/** No lone surrogate anywhere: what VS Code would render as a replacement character. */
function assertWellFormed(text: string | undefined): void {
  assert.ok(text === undefined || !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text), `lone surrogate in ${JSON.stringify(text)}`);
}

describe('completion cleaning', () => {
  describe('rule 1: reasoning blocks', () => {
    it('removes a leading <think> block and the blank lines after it', () => {
      assert.equal(stripThinking('<think>The user adds two numbers.</think>\n\nreturn a + b;'), 'return a + b;');
    });

    it('removes <thinking> blocks anywhere, in any case', () => {
      assert.equal(stripThinking('const a = 1;<thinking>hmm</thinking>\nconst b = 2;<THINK>x</THINK>'), 'const a = 1;\nconst b = 2;');
    });

    it('treats an unterminated <think> as reasoning still streaming: nothing usable', () => {
      assert.equal(stripThinking('<think>Let me look at the suffix, the function'), undefined);
      assert.equal(stripThinking('  \n<think>'), undefined);
      assert.equal(clean('<think>Let me think about the 用户 variable', 'const x = '), undefined);
    });

    it('keeps usable text before an unterminated <think>', () => {
      assert.equal(stripThinking('foo();\n<think>and then'), 'foo();\n');
    });

    it('drops the reasoning of models that only emit the closing tag', () => {
      assert.equal(stripThinking('The cursor is in a loop body.\n</think>\n\ni++;'), 'i++;');
    });
  });

  describe('rule 2: tags and control tokens', () => {
    it('keeps only what is inside <insert>, also while it streams', () => {
      assert.equal(unwrapInsertTag('Sure.\n<insert>return a + b;</insert>\nHope this helps!'), 'return a + b;');
      assert.equal(unwrapInsertTag('<insert>\nconst x = 1;\nconst y'), 'const x = 1;\nconst y');
    });

    it('drops stray tags, and commentary after a lone closing tag', () => {
      assert.equal(unwrapInsertTag('foo()</insert>\nThis calls foo.'), 'foo()');
      assert.equal(unwrapInsertTag('<insert>a<insert>b</insert>'), 'ab');
    });

    it('removes FIM control tokens and the cursor marker', () => {
      assert.equal(stripControlTokens('<|fim_middle|>return x;'), 'return x;');
      assert.equal(stripControlTokens('<fim_middle>a<|cursor|>b<|fim_suffix|>'), 'ab');
      assert.equal(stripControlTokens('<｜fim▁hole｜>x = 1'), 'x = 1');
    });

    it('drops everything after an end-of-text or file-separator token', () => {
      assert.equal(stripControlTokens('return x;<|endoftext|>def other():'), 'return x;');
      assert.equal(stripControlTokens('x<|file_separator|>src/b.ts\ny'), 'x');
      assert.equal(stripControlTokens('done();<|im_end|>\n<|im_start|>user'), 'done();');
      assert.equal(stripControlTokens('ok<｜end▁of▁sentence｜>junk'), 'ok');
    });

    it('cleans FIM output too (not only chat)', () => {
      assert.equal(clean('<|fim_middle|>items.length;<|endoftext|>', 'const n = '), 'items.length;');
    });
  });

  describe('rule 3: code fences (chat only)', () => {
    it('keeps the inside of a fenced block, with prose before and after', () => {
      assert.equal(stripFences('```ts\nreturn a + b;\n```'), 'return a + b;');
      assert.equal(stripFences('Here you go\n```python\nx = 1\n```\nThis sets x.'), 'x = 1');
    });

    it('keeps the text after an unclosed opening fence', () => {
      assert.equal(stripFences('```ts\nconst a = 1;\nconst b'), 'const a = 1;\nconst b');
    });

    it('keeps the code before a fence that only closes it', () => {
      assert.equal(stripFences('return 1;\n```'), 'return 1;');
    });

    it('handles a closing fence glued to the last line and ~~~ fences', () => {
      assert.equal(stripFences('```js\nreturn x;```'), 'return x;');
      assert.equal(stripFences('~~~\nx\n~~~'), 'x');
    });

    it('leaves fences in FIM output alone (they may be the Markdown document itself)', () => {
      assert.equal(clean('```', '# Notes\n\n```ts\nconst a = 1;\n', { fromChat: false }), '```');
      assert.equal(clean('```', '# Notes\n\n```ts\nconst a = 1;\n', { fromChat: true }), undefined);
    });
  });

  describe('rule 4: prose preambles (chat only)', () => {
    it('recognises English, Japanese and Chinese introductions', () => {
      for (const line of [
        'Here is the completion:', "Here's the code:", 'Sure! Here is the missing line:', 'Certainly:', 'The completed code is:',
        'Completion:', 'Output:', '**Completion:**', 'Sure!', 'Sure', 'Here is the completed code.', '以下が補完です：', '補完：',
        'こちらが補完したコードです：', '以下が補完したコードです。', '以下是补全的代码：', '补全：', '这是补全后的代码：', '好的，这是补全的代码。',
      ]) {
        assert.equal(isPreambleLine(line), true, line);
      }
    });

    it('never takes code for prose', () => {
      for (const line of [
        'case 1:', 'default:', 'else:', 'def f():', '// Here is the code:', '# Here is the fix:', 'output:', 'result:',
        'Here = 1;', 'class Foo:', 'ユーザー名 = 取得()', '// 以下が補完です：', 'OK', 'Sure(x)',
        // Prose that could be the document's own text (a Markdown or comment completion).
        'This is a library for relays.', '以下の手順で実行します。',
      ]) {
        assert.equal(isPreambleLine(line), false, line);
      }
    });

    it('drops the introduction and the blank lines after it', () => {
      assert.equal(stripPreamble('Here is the completion:\n\nreturn a;'), 'return a;');
      assert.equal(stripPreamble('Sure!\nHere\'s the code:\nfoo()'), 'foo()');
      assert.equal(stripPreamble('以下が補完です：\nreturn ユーザー名;'), 'return ユーザー名;');
      assert.equal(stripPreamble('case 1:\n  return 1;'), 'case 1:\n  return 1;');
    });

    it('returns nothing for an answer that is only prose', () => {
      assert.equal(clean('Here is the completion:', 'const a = ', { fromChat: true }), undefined);
      assert.equal(isRefusal("I'm sorry, but I can't complete this without more context."), true);
      assert.equal(clean("I'm sorry, but I can't see the rest of the file.", 'const a = ', { fromChat: true }), undefined);
      assert.equal(clean('抱歉，我无法补全这段代码。', 'const a = ', { fromChat: true }), undefined);
    });

    it('keeps `case 1:` in a chat answer', () => {
      assert.equal(clean('case 1:', 'switch (x) {\n  ', { suffix: '\n}', fromChat: true }), 'case 1:');
    });
  });

  describe('rule 5: overlap with the prefix', () => {
    it('removes an echo of the cursor line, whatever the indentation', () => {
      assert.equal(cutPrefixOverlap('  return a + b;', 'function add(a, b) {\n    return a', false), ' + b;');
    });

    it('removes the word being typed, in any script', () => {
      assert.equal(cutPrefixOverlap('getユーザー名();', 'const ユーザー名 = get', false), 'ユーザー名();');
      assert.equal(cutPrefixOverlap('用户列表 = [];', 'let 用户', false), '列表 = [];');
      assert.equal(cutPrefixOverlap('foo()', 'x = fo', false), 'o()');
    });

    it('removes two repeated kana or kanji at the seam: Japanese and Chinese words run together', () => {
      assert.equal(cutPrefixOverlap('コメントを書く', '// 日本語のコメ', false), 'ントを書く');
      assert.equal(cutPrefixOverlap('限流器的令牌', '# 这是限流', false), '器的令牌');
      assert.equal(cutPrefixOverlap('のテスト', '// 日本語の', false), 'のテスト', 'one kana is a coincidence');
    });

    it('drops an echo of the line that max_tokens cut off', () => {
      assert.equal(cutPrefixOverlap('// 優先度が高い順、同じなら期限が', '  // 優先度が高い順、同じなら期限が近い順に', false), '');
      assert.equal(cutPrefixOverlap('  const total', 'function f() {\n  const total = a', false), '');
      assert.equal(cleanCompletion({ raw: '<insert>const total', prefix: '  const total = a', suffix: '', multiline: false, fromChat: true }), undefined);
    });

    it('removes a longer overlap (3 code points or more) but not a short coincidence', () => {
      assert.equal(cutPrefixOverlap('a, b)', 'foo(x, a, ', false), 'b)');
      assert.equal(cutPrefixOverlap('b(c)', 'a = b(', false), 'b(c)');
    });

    it('counts code points, so an emoji is one character and never split', () => {
      assert.equal(cutPrefixOverlap('😀😀!\'', "s = '😀😀", false), '😀😀!\'', 'two emoji are 2 code points, below the threshold');
      const out = cutPrefixOverlap("'🎉🎉 done';", "const s = '🎉🎉", false);
      assert.equal(out, " done';");
      assertWellFormed(out);
    });

    it('removes repeated whole lines above the cursor in multiline mode', () => {
      assert.equal(cutPrefixOverlap('function f() {\n  return 1;\n}', 'function f() {\n  ', true), '  return 1;\n}');
      assert.equal(cutPrefixOverlap('// 合計を返す\nfunction sum() {\n  return 0;', '// 合計を返す\nfunction sum() {\n  ', true), '  return 0;');
    });

    it('single-line: removes repeated lines when more follows (a chat model rewrote the function)', () => {
      assert.equal(cutPrefixOverlap('function add(a, b) {\n  return a + b;\n}', 'function add(a, b) {\n  ', false), '  return a + b;\n}');
    });

    it('does not take a repeated closing bracket for an echo', () => {
      assert.equal(cutPrefixOverlap('}', 'if (a) {\n  if (b) {\n  }\n', true), '}');
    });
  });

  describe('rule 6: overlap with the suffix', () => {
    it('removes the rest of the cursor line when the completion ends with it', () => {
      assert.equal(cutSuffixOverlap('a, b);', ');\nbar();', 'foo('), 'a, b');
      assert.equal(cutSuffixOverlap('1 + b;', 'b;', 'a = '), '1 + ');
    });

    it('removes closing brackets, quotes and semicolons the line already has', () => {
      assert.equal(cutSuffixOverlap('hello")', '")', 'print("'), 'hello');
      assert.equal(cutSuffixOverlap('x > 0) {', ') {\n', 'if ('), 'x > 0');
    });

    it('keeps a closer the document needs: one opener for it and one for the line\'s', () => {
      assert.equal(cutSuffixOverlap('x)', ')\n', 'print(len('), 'x)');
    });

    it('keeps a closer that closes what the completion itself opened', () => {
      assert.equal(cutSuffixOverlap('foo()', ')', 'bar('), 'foo()');
      assert.equal(cutSuffixOverlap('"abc"', '"', 'x = '), '"abc"');
    });

    it('does not cut a short overlap of ordinary characters', () => {
      assert.equal(cutSuffixOverlap('1 + ab', 'ab + c', 'x = '), '1 + ab');
    });

    it('cuts CJK and emoji overlaps on code point boundaries', () => {
      assert.equal(cutSuffixOverlap('a😀\');', '😀\');', "log('"), 'a');
      assert.equal(cutSuffixOverlap('名前を表示");', '");', 'console.log("'), '名前を表示');
    });
  });

  describe('rule 7: never repeat the next line', () => {
    it('single-line: nothing when the completion is the next line again', () => {
      assert.equal(stopBeforeNextLine('const b = 2;', 'const a = 1;\n', '\n  const b = 2;\n', false), undefined);
      assert.equal(stopBeforeNextLine(');', 'a();\nb(', '\nb();', false), undefined, 'the line it would make is the next line');
      assert.equal(stopBeforeNextLine('const c = 3;', 'const a = 1;\n', '\nconst b = 2;', false), 'const c = 3;');
    });

    it('multiline: stops before the first line equal to the next line', () => {
      assert.equal(stopBeforeNextLine('const x = 1;\nreturn x;\n}', 'function f() {\n  ', '\n  return x;\n}', true), 'const x = 1;');
    });

    it('multiline: does not stop at an equal line nested in a block the completion opened', () => {
      const raw = 'if (a) {\n  return 1;\n}\nreturn 2;';
      assert.equal(stopBeforeNextLine(raw, 'function f() {\n  ', '\n}', true), raw);
      // A closing line is the bracket rule's to judge (it may close the next block out); the whole clean-up drops it.
      assert.equal(stopBeforeNextLine(`${raw}\n}`, 'function f() {\n  ', '\n}', true), `${raw}\n}`);
      assert.equal(clean(`${raw}\n}`, 'function f() {\n  ', { suffix: '\n}', multiline: true, fromChat: true }), 'if (a) {\n    return 1;\n  }\n  return 2;');
    });
  });

  describe('rule 8: brackets', () => {
    it('cuts before a mismatched closer', () => {
      assert.equal(balanceBrackets('foo(a]', 'x = ', '', false), 'foo(a');
      assert.equal(balanceBrackets('1, 2, 3);', 'const xs = [', '\n', false), '1, 2, 3', 'closes the line\'s [ with )');
    });

    it('lets the completion close a bracket opened before the cursor', () => {
      assert.equal(balanceBrackets('a)', 'foo(', '', false), 'a)');
      assert.equal(balanceBrackets('x)', 'foo(bar(', ')', false), 'x)', 'the line closes the outer one');
    });

    it('cuts a closer the rest of the line already provides', () => {
      assert.equal(balanceBrackets('a) + 1', 'foo(', ')', false), 'a');
    });

    it('keeps as many closers as the document has openers for', () => {
      assert.equal(balanceBrackets('x)))', 'print(len(', ')', false), 'x)');
    });

    it('accepts it when the rest of the line closes something the completion opened', () => {
      assert.equal(balanceBrackets('a) + g(b', 'foo(', ')', false), 'a) + g(b');
    });

    it('ignores brackets in strings and comments', () => {
      assert.equal(balanceBrackets('"a)" + x', 'log(', ')', false), '"a)" + x');
      assert.equal(balanceBrackets("'「)」' + 名前", 'log(', ')', false), "'「)」' + 名前");
      assert.equal(balanceBrackets('total  # sum of (a and b', 'print(', ')', false), 'total  # sum of (a and b');
      assert.equal(balanceBrackets('x; // see )', 'f(', ')', false), 'x; // see )');
    });

    it('multiline: cuts at the line that closes a block the document already closes', () => {
      assert.equal(balanceBrackets('expect(a).toBe(1);\n}\n', "it('x', () => {\n  ", '\n});', true), 'expect(a).toBe(1);\n');
    });

    it('leaves unclosed openers alone (the user keeps typing)', () => {
      assert.equal(balanceBrackets('foo(a, ', 'x = ', '', false), 'foo(a, ');
      assert.equal(balanceBrackets('{\n  a: 1,', 'const o = ', '', true), '{\n  a: 1,');
    });
  });

  describe('rule 9: indentation', () => {
    it('does not repeat the cursor indentation on the first line', () => {
      assert.equal(fixIndentation('    return 1', 'def f():\n    ', true), 'return 1');
      assert.equal(fixIndentation('\treturn 1', 'def f():\n\t', false), 'return 1');
    });

    it('re-indents a Python body written from column 0', () => {
      assert.equal(fixIndentation('if x:\n    return 1\nreturn 0', 'def f(x):\n    ', true), 'if x:\n        return 1\n    return 0');
    });

    it('keeps a FIM body already at absolute indentation', () => {
      assert.equal(fixIndentation('if x:\n        return 1\n    return 0', 'def f(x):\n    ', true), 'if x:\n        return 1\n    return 0');
    });

    it('re-indents statements that came back at column 0', () => {
      assert.equal(fixIndentation('const a = 1;\nreturn a;', 'function f() {\n  ', true), 'const a = 1;\n  return a;');
    });

    it('keeps a line that closes the document\'s block where it is', () => {
      assert.equal(fixIndentation('return 1;\n}', 'function f() {\n  ', true), 'return 1;\n}');
    });

    it('uses the document\'s tabs, never a mix', () => {
      assert.equal(fixIndentation('if (a) {\n    b();\n}', 'function f() {\n\t', true), 'if (a) {\n\t\tb();\n\t}');
      assert.equal(fixIndentation('if (a) {\n        b();\n    }', 'function f() {\n\t', true), 'if (a) {\n\t\tb();\n\t}');
    });

    it('uses the document\'s spaces when the model sends tabs', () => {
      assert.equal(fixIndentation('if (a) {\n\tb();\n}', 'class A {\n  m() {\n    ', true), 'if (a) {\n      b();\n    }');
    });
  });

  describe('rule 10: single-line mode', () => {
    it('keeps only the first line', () => {
      assert.equal(firstLine('foo();\nbar();', 'x', ''), 'foo();');
    });

    it('returns nothing for a suggestion of the next line while the cursor line has text', () => {
      assert.equal(firstLine('\nconst b = 2;', 'const a = 1;', ''), undefined);
      assert.equal(clean('\nconst b = 2;', 'const a = 1;'), undefined);
    });

    it('on a blank line, skips the model\'s leading blank line', () => {
      assert.equal(firstLine('\nb();\nc();', 'a();\n', '\n'), 'b();');
    });
  });

  describe('rule 11: the final check', () => {
    it('removes trailing whitespace and newlines', () => {
      assert.equal(finalizeCompletion('x;  \n\n', ''), 'x;');
      assert.equal(finalizeCompletion('a\u3000', ''), 'a');
    });

    it('returns nothing for blank text or the rest of the line again', () => {
      assert.equal(finalizeCompletion(' \n\t', ''), undefined);
      assert.equal(finalizeCompletion(');', ' );\nnext();'), undefined);
    });

    it('never returns a lone surrogate', () => {
      assert.equal(toWellFormed('a\uD83D'), 'a');
      assert.equal(toWellFormed('\uDE00b😀'), 'b😀');
      const out = clean('ok 😀\uD83D', 'const s = "', { suffix: '";' });
      assert.equal(out, 'ok 😀');
      assertWellFormed(out);
    });
  });

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

  describe('streaming helpers', () => {
    it('isUsableLine: has a non-whitespace character', () => {
      assert.equal(isUsableLine('  x'), true);
      assert.equal(isUsableLine(' \t\u3000'), false);
      assert.equal(isUsableLine(''), false);
    });

    it('completeLines: the text up to and including the last newline', () => {
      assert.equal(completeLines('a\nb\nc'), 'a\nb\n');
      assert.equal(completeLines('partial'), '');
      assert.equal(completeLines('一行目\n'), '一行目\n');
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
