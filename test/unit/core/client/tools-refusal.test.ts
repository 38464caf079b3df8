// Issue 21: a relay that takes no tools for a model, in the words relays use, is learnt and not asked again.
import * as assert from 'node:assert/strict';
import { errorFromHttp } from '../../../../src/core/transport/http-errors';
import { recogniseRefusal } from '../../../../src/core/client/refusal';
import { QuirkMemory } from '../../../../src/core/client/quirk-memory';
import { RequestAdapter } from '../../../../src/core/client/request-adapter';
import type { ResolvedProvider } from '../../../../src/core/client/provider';

const withTools = (): Record<string, unknown> => ({
  model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }],
  tools: [{ type: 'function', function: { name: 'run', parameters: { type: 'object', properties: {} } } }],
});
const refusal = (status: number, message: string) => errorFromHttp(status, JSON.stringify({ error: { message, type: 'invalid_request_error' } }), { model: 'm' });

const WORDINGS: [string, number, string][] = [
  ['Ollama', 400, 'registry.ollama.ai/library/gemma:2b does not support tools'],
  ['vLLM without a tool parser', 400, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set'],
  ['DeepSeek reasoner (before V3.1)', 400, 'deepseek-reasoner does not support Function Calling'],
  ['OpenAI unsupported parameter', 400, 'Unsupported parameter: \'tools\' is not supported with this model.'],
  ['a gateway', 400, 'Tool calling is not supported for this model'],
  ['vLLM extra_forbidden', 400, "[{'type': 'extra_forbidden', 'loc': ('body', 'tools'), 'msg': 'Extra inputs are not permitted', 'input': []}]"],
];

describe('a relay that takes no tools for a model', () => {
  for (const [who, status, message] of WORDINGS) {
    it(`${who}: "${message.slice(0, 50)}…" → no_tools`, () => {
      assert.equal(recogniseRefusal(refusal(status, message), withTools(), new Set()), 'no_tools');
    });
  }

  it('is not read into a request that sent no tools, nor into errors about something else', () => {
    const body = withTools();
    delete body.tools;
    assert.equal(recogniseRefusal(refusal(400, 'gemma does not support tools'), body, new Set()), undefined);
    assert.equal(recogniseRefusal(refusal(400, 'This model\'s maximum context length is 8192 tokens.'), withTools(), new Set()), undefined);
    assert.equal(recogniseRefusal(refusal(401, 'does not support tools'), withTools(), new Set()), undefined);
  });

  it('is learnt for the endpoint + model, and the error stands (no second request), marked for the caller', () => {
    const memory = new QuirkMemory();
    const provider = { baseUrl: 'http://relay.test/v1', info: { id: 'p', baseUrl: 'http://relay.test/v1', model: 'gemma' } } as ResolvedProvider;
    const logs: string[] = [];
    const adapter = new RequestAdapter(memory, provider, '/chat/completions', { debug() {}, info: (m) => logs.push(m), warn() {}, error() {} });
    const error = refusal(400, 'registry.ollama.ai/library/gemma:2b does not support tools');
    assert.equal(adapter.learnFrom(error, withTools()), false);
    assert.deepEqual(memory.quirksFor('http://relay.test/v1', 'gemma'), ['no_tools']);
    assert.equal(error.params.refused, 'no_tools');
    assert.match(logs.join('\n'), /refused `tools` for gemma/);
    // The body is not changed by it: a request with tools goes as asked (the caller decides).
    assert.deepEqual(adapter.adapt(withTools()), withTools());
  });
});
