import * as assert from 'node:assert/strict';
import { errorFromHttp, errorFromStreamPayload } from '../../../../src/core/transport/http-errors';
import { recogniseRefusal } from '../../../../src/core/client/refusal';
import type { Quirk } from '../../../../src/core/client/quirks';
import { refusalFor, refusalMessage, type Refusals } from '../../../fakes/refusals';

// Every body the client could send: each quirk finds the field it is about.
const full = (): Record<string, unknown> => ({
  model: 'm', stream: true, stream_options: { include_usage: true }, temperature: 0, top_p: 0.9, max_tokens: 64, stop: ['###'],
  messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }],
});

/** The quirk the client takes from the fake relay's refusal of `body` (HTTP, as the relay sends it). */
function fromRelay(refusals: Refusals, body: Record<string, unknown>, tried: Quirk[] = []): Quirk | undefined {
  const refusal = refusalFor(refusals, body);
  assert.ok(refusal, 'the fake relay refuses this body');
  const error = errorFromHttp(refusal.status, JSON.stringify(refusal.body), { model: String(body.model) });
  return recogniseRefusal(error, body, new Set(tried));
}

describe('recognising a refused request field', () => {
  const cases: [string, Refusals, Record<string, unknown>, Quirk][] = [
    ['OpenAI max_tokens', { style: 'openai', fields: ['max_tokens'] }, full(), 'use_max_completion_tokens'],
    ['OpenAI max_completion_tokens', { style: 'openai', fields: ['max_completion_tokens'] }, { ...full(), max_tokens: undefined, max_completion_tokens: 64 }, 'use_max_tokens'],
    ['OpenAI temperature (only the default)', { style: 'openai', fields: ['temperature'] }, full(), 'drop_temperature'],
    ['OpenAI top_p', { style: 'openai', fields: ['top_p'] }, full(), 'drop_top_p'],
    ['OpenAI stop', { style: 'openai', fields: ['stop'] }, full(), 'drop_stop'],
    ['OpenAI system role', { style: 'openai', fields: ['system'] }, full(), 'system_as_developer'],
    ['OpenAI developer role', { style: 'openai', fields: ['developer'] }, { ...full(), messages: [{ role: 'developer', content: 'x' }, { role: 'user', content: 'y' }] }, 'system_into_user'],
    ['OpenAI stream_options', { style: 'openai', fields: ['stream_options'] }, full(), 'drop_stream_options'],
    ['Anthropic temperature and top_p', { style: 'anthropic', fields: ['top_p'] }, full(), 'drop_top_p'],
    ['Anthropic temperature with thinking', { style: 'anthropic', fields: ['temperature'] }, full(), 'drop_temperature'],
    ['vLLM max_completion_tokens', { style: 'vllm', fields: ['max_completion_tokens'] }, { ...full(), max_completion_tokens: 64 }, 'use_max_tokens'],
    ['vLLM stream_options', { style: 'vllm', fields: ['stream_options'] }, full(), 'drop_stream_options'],
    ['vLLM system role', { style: 'vllm', fields: ['system'] }, full(), 'system_into_user'],
  ];
  for (const [name, refusals, body, quirk] of cases) {
    it(`${name} → ${quirk}`, () => {
      for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
      assert.equal(fromRelay(refusals, body), quirk);
    });
  }

  const more: [string, number, Record<string, unknown>, Quirk][] = [
    ['vLLM: only the extra_forbidden entry of a list', 400, { object: 'error', type: 'BadRequestError', code: 400, message: "[{'type': 'less_than_equal', 'loc': ('body', 'temperature'), 'msg': 'Input should be less than or equal to 2', 'input': 5}, {'type': 'extra_forbidden', 'loc': ('body', 'stream_options'), 'msg': 'Extra inputs are not permitted', 'input': {'include_usage': True}}]" }, 'drop_stream_options'],
    ['FastAPI JSON: "loc": ["body", "stop"]', 422, { detail: [{ type: 'extra_forbidden', loc: ['body', 'stop'], msg: 'Extra inputs are not permitted', input: ['###'] }] }, 'drop_stop'],
    ['Gemini: Unknown name "max_completion_tokens"', 400, { error: { code: 400, message: 'Invalid JSON payload received. Unknown name "max_completion_tokens": Cannot find field.', status: 'INVALID_ARGUMENT' } }, 'use_max_tokens'],
    ['a chat template with only user and assistant roles', 400, { object: 'error', type: 'BadRequestError', code: 400, message: 'Only user and assistant roles are supported!' }, 'system_into_user'],
    ['a relay that adds its own system message: the role the relay names counts', 400, { error: { message: "Unsupported value: 'messages[1].role' does not support 'system' with this model.", type: 'invalid_request_error', param: 'messages[1].role', code: 'unsupported_value' } }, 'system_as_developer'],
  ];
  for (const [name, status, relayBody, quirk] of more) {
    it(`${name} → ${quirk}`, () => {
      const body: Record<string, unknown> = { ...full(), ...(quirk === 'use_max_tokens' ? { max_tokens: undefined, max_completion_tokens: 64 } : {}) };
      for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
      assert.equal(recogniseRefusal(errorFromHttp(status, JSON.stringify(relayBody), { model: 'm' }), body, new Set()), quirk);
    });
  }

  it('reads the exact OpenAI wording as a bad request, not as an unknown model', () => {
    const refusal = refusalFor({ style: 'openai', fields: ['max_tokens'] }, full());
    const error = errorFromHttp(400, JSON.stringify(refusal?.body), { model: 'o3' });
    assert.equal(error.code, 'bad_request');
    assert.equal(error.params.param, 'max_tokens');
    assert.equal(error.params.errorCode, 'unsupported_parameter');
    assert.match(String(error.params.detail), /Use 'max_completion_tokens' instead/);
  });

  it('recognises the same refusal sent over a WebSocket (either dialect) before any token', () => {
    for (const typed of [true, false]) {
      const refusal = refusalFor({ style: 'openai', fields: ['max_tokens'] }, full());
      const message = refusalMessage(refusal!, typed);
      const error = errorFromStreamPayload((message.error ?? message) as Record<string, unknown>, { model: 'o3' });
      assert.equal(recogniseRefusal(error, full(), new Set()), 'use_max_completion_tokens');
    }
  });

  it('changes only a field the request sent: a refusal naming an absent field is not a refusal', () => {
    const body = full();
    const refusal = refusalFor({ style: 'openai', fields: ['max_tokens'] }, body);
    delete body.max_tokens;
    const error = errorFromHttp(400, JSON.stringify(refusal?.body), { model: 'o3' });
    assert.equal(recogniseRefusal(error, body, new Set()), undefined);
  });

  it('never learns the same quirk twice in one request', () => {
    assert.equal(fromRelay({ style: 'openai', fields: ['max_tokens'] }, full(), ['use_max_completion_tokens']), undefined);
  });

  const unrelated: [string, number, Record<string, unknown>][] = [
    ['context length exceeded', 400, { error: { message: "This model's maximum context length is 128000 tokens. However, you requested 130000 tokens (129000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } }],
    ['max_tokens too large', 400, { error: { message: 'max_tokens is too large: 100000. This model supports at most 16384 completion tokens, whereas you provided 100000.', type: 'invalid_request_error', param: 'max_tokens', code: 'invalid_value' } }],
    ['model not found', 404, { error: { message: 'The model `o9` does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' } }],
    ['model not found as a 400', 400, { error: { message: 'model o9 not found', type: 'invalid_request_error' } }],
    ['bad key', 401, { error: { message: 'Incorrect API key provided: sk-…', type: 'invalid_request_error', code: 'invalid_api_key' } }],
    ['a vLLM list naming a field only for its value', 400, { object: 'error', type: 'BadRequestError', code: 400, message: "[{'type': 'less_than_equal', 'loc': ('body', 'temperature'), 'msg': 'Input should be less than or equal to 2', 'input': 5}]" }],
    ['a vLLM error that echoes the request', 400, { object: 'error', type: 'BadRequestError', code: 400, message: "[{'type': 'value_error', 'loc': ('body',), 'msg': 'Value error, prompt is empty', 'input': {'model': 'm', 'stream': True, 'stream_options': {'include_usage': True}}}]" }],
    ['temperature out of range', 400, { error: { message: "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 5 instead.", type: 'invalid_request_error', param: 'temperature', code: 'decimal_above_max_value' } }],
    ['a refusal with a 500', 500, { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model.", type: 'server_error' } }],
  ];
  for (const [name, status, body] of unrelated) {
    it(`does not adapt anything for an unrelated error: ${name}`, () => {
      const error = errorFromHttp(status, JSON.stringify(body), { model: 'o3' });
      assert.equal(recogniseRefusal(error, full(), new Set()), undefined);
    });
  }
});
