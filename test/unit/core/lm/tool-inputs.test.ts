// Issue 21: a whole tool call's arguments, and the words of a context window exceeded.
import * as assert from 'node:assert/strict';
import { toolCallInput } from '../../../../src/core/lm/tool-call-input';
import { isContextExceeded } from '../../../../src/core/lm/context-exceeded';
import { errorFromHttp, errorFromStreamPayload } from '../../../../src/core/transport/http-errors';

const call = (args: string) => ({ id: 'c', name: 'run', arguments: args });

describe('a tool call\'s input', () => {
  it('is its arguments as a JSON object; no arguments is {}', () => {
    assert.deepEqual(toolCallInput(call('{"q":"東京 🗼","n":[1,2]}')), { ok: true, input: { q: '東京 🗼', n: [1, 2] } });
    assert.deepEqual(toolCallInput(call('')), { ok: true, input: {} });
    assert.deepEqual(toolCallInput(call('  ')), { ok: true, input: {} });
  });

  it('is refused when the arguments are cut off, not JSON, or JSON but no object', () => {
    for (const bad of ['{"q":"東京', '{q: 1}', 'null']) assert.equal(toolCallInput(call(bad)).ok, false, bad);
    assert.deepEqual(toolCallInput(call('[1]')), { ok: false, problem: 'notObject' });
    assert.deepEqual(toolCallInput(call('"x"')), { ok: false, problem: 'notObject' });
    const cut = toolCallInput(call('{"q":'));
    assert.equal(cut.ok === false && cut.problem, 'notJson');
  });
});

describe('a relay\'s "context length exceeded"', () => {
  const http = (status: number, body: unknown) => errorFromHttp(status, JSON.stringify(body), { model: 'm' });
  it('is recognised in the words of OpenAI, Anthropic, Gemini, vLLM and gateways', () => {
    const said = [
      http(400, { error: { message: 'This model\'s maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.', type: 'invalid_request_error', code: 'context_length_exceeded' } }),
      http(400, { error: { message: 'prompt is too long: 210345 tokens > 200000 maximum', type: 'invalid_request_error' } }),
      http(400, { error: { message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048575).', status: 'INVALID_ARGUMENT' } }),
      http(400, { object: 'error', message: 'This model\'s maximum context length is 32768 tokens. However, you requested 40000 tokens', type: 'BadRequestError' }),
      http(413, { error: { message: 'Context window exceeded for this model' } }),
      errorFromStreamPayload({ message: 'Input is too long for requested model.' }, { model: 'm' }),
    ];
    for (const error of said) assert.equal(isContextExceeded(error), true, error.message);
  });

  it('is not a bad key, a rate limit, or another bad request', () => {
    assert.equal(isContextExceeded(http(401, { error: { message: 'Incorrect API key: maximum context length' } })), false);
    assert.equal(isContextExceeded(http(429, { error: { message: 'Too many tokens per minute' } })), false);
    assert.equal(isContextExceeded(http(400, { error: { message: 'Unsupported parameter: \'max_tokens\'' } })), false);
  });
});
