// The completion request sent for a cursor (a part the completion engine decides with).
import * as assert from 'node:assert/strict';
import { wantsBlock } from '../../../../src/core/completion/context';
import { CURSOR_MARK, chatPrompt, reasoningOff, serverCaps } from '../../../../src/core/completion/request-shape';

describe('completion parts', () => {
  describe('request shape', () => {
    it('wants a block on an empty line after an opener or in an empty body, one line elsewhere', () => {
      assert.equal(wantsBlock('function f() {\n  ', '\n}\n'), true);
      assert.equal(wantsBlock('def f(x):\n    ', '\n'), true);
      assert.equal(wantsBlock('items.map((x) =>\n  ', '\n'), true);
      assert.equal(wantsBlock('if (a) {\n  run();\n  ', '\n}\n'), true, 'an empty line before the closer');
      assert.equal(wantsBlock('function f() {\n  const a', '\n}\n'), false, 'mid-line');
      assert.equal(wantsBlock('function f() {\n  ', 'return 1;\n}\n'), false, 'text after the cursor');
      assert.equal(wantsBlock('const x = 1;\n', '\nconst y = 2;\n'), false);
      assert.equal(wantsBlock('', ''), false);
    });

    it('caps the server: one line mid-line, a blank line ends a line-end answer (next lines survive), larger for a block; chat stops at </insert> too', () => {
      assert.deepEqual(serverCaps('completions', 'inline'), { maxTokens: 48, stop: ['\n'] });
      assert.deepEqual(serverCaps('completions', 'line-end'), { maxTokens: 64, stop: ['\n\n'] });
      assert.deepEqual(serverCaps('fim', 'block'), { maxTokens: 192, stop: ['\n\n\n'] });
      assert.deepEqual(serverCaps('chat', 'inline'), { maxTokens: 48, stop: ['</insert>', '\n\n'] });
      assert.deepEqual(serverCaps('chat', 'inline', false, true), { maxTokens: 48, stop: ['</insert>'] }, 'a model that writes blank lines before its code');
      assert.deepEqual(serverCaps('chat', 'line-end'), { maxTokens: 96, stop: ['</insert>', '\n\n'] });
      assert.deepEqual(serverCaps('completions', 'line-end', true), { maxTokens: 128, stop: ['\n\n'] }, 'a header line: room for its block');
      assert.deepEqual(serverCaps('chat', 'block'), { maxTokens: 256, stop: ['</insert>'] });
    });

    it('turns reasoning off where the model has a switch, and sends nothing for unknown models', () => {
      assert.deepEqual(reasoningOff('gemini-2.5-flash'), { reasoning_effort: 'none' });
      assert.deepEqual(reasoningOff('google/gemini-2.5-flash-lite'), { reasoning_effort: 'none' });
      assert.deepEqual(reasoningOff('gpt-5-mini'), { reasoning_effort: 'minimal' });
      assert.deepEqual(reasoningOff('o4-mini'), { reasoning_effort: 'low' });
      assert.deepEqual(reasoningOff('deepseek-v3.2'), { thinking: { type: 'disabled' } });
      assert.deepEqual(reasoningOff('qwen3-coder-plus'), { enable_thinking: false });
      for (const model of ['gpt-4.1-mini', 'claude-sonnet-4.5', 'deepseek-v3', 'my-local-coder']) assert.deepEqual(reasoningOff(model), {}, model);
    });

    it('builds the chat prompt: the file with its path, language and the cursor mark, and what to insert', () => {
      const ctx = { documentId: 'd', languageId: 'typescript', fileName: 'src/app.ts', prefix: 'const a = ', suffix: ';\n' };
      const [system, user] = chatPrompt(ctx, 'inline');
      assert.equal(system?.role, 'system');
      assert.match(system?.content ?? '', /<insert><\/insert>/);
      assert.equal(user?.role, 'user');
      assert.ok(user?.content.startsWith(`<file path="src/app.ts" language="typescript">\nconst a = ${CURSOR_MARK};\n\n</file>\n`));
      assert.equal(CURSOR_MARK, '<|cursor|>');
      assert.match(user?.content ?? '', /rest of the current line/);
      assert.match(chatPrompt(ctx, 'block')[1]?.content ?? '', /block body/);
      assert.match(chatPrompt(ctx, 'line-end')[1]?.content ?? '', /next line instead, starting with a newline/);
    });
  });
});
