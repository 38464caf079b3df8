import * as assert from 'node:assert/strict';
import { QuirkMemory, readLearnedQuirks, withQuirk, type ChatRequest, type Logger, type Quirk, type QuirkStore } from '../../../../src/core';
import { SAMPLE_TEXT } from '../../../fakes/scenario';
import { collect, fastClient, relayPerTest, types } from '../../support/helpers';

/** A persisted store (like the extension's globalState key), kept in a variable. */
function memoryStore(): QuirkStore & { value: unknown } {
  const store = {
    value: undefined as unknown,
    load: () => readLearnedQuirks(store.value),
    save: (key: string, quirk: Quirk) => {
      store.value = withQuirk(readLearnedQuirks(store.value), key, quirk);
    },
  };
  return store;
}

function logLines(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (message: string) => void lines.push(message);
  return { lines, debug: log, info: log, warn: log, error: log };
}

const question = (model: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model, maxTokens: 64, temperature: 0, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }], ...extra,
});

describe('a relay that refuses a request field for a model', () => {
  const fake = relayPerTest();
  const client = (options: Parameters<typeof fastClient>[1] = {}) => fake.client(options);

  for (const transport of ['sse', 'websocket'] as const) {
    it(`asks again at once with max_completion_tokens, logs it once, and sends it first time from then on (${transport})`, async () => {
      fake.relay.defaultScenario = { refuse: { style: 'openai', fields: ['max_tokens'] } };
      const logger = logLines();
      const c = client({ transport, logger });
      const first = await collect(c.streamChat(question('gpt-4.1')));
      assert.equal(first.text, SAMPLE_TEXT);
      assert.ok(!types(first.events).includes('retry'), 'not counted as a retry');
      const asked = fake.relay.requests.filter((r) => r.body?.model === 'gpt-4.1').map((r) => r.body ?? {});
      assert.equal(asked.length, 2, 'one refused request, one good one');
      assert.equal(asked[0]?.max_tokens, 64);
      assert.equal(asked[1]?.max_tokens, undefined);
      assert.equal(asked[1]?.max_completion_tokens, 64);
      await collect(c.streamChat(question('gpt-4.1')));
      const again = fake.relay.requests.filter((r) => r.body?.model === 'gpt-4.1').map((r) => r.body ?? {});
      assert.equal(again.length, 3, 'the next request is right the first time');
      assert.equal(again[2]?.max_completion_tokens, 64);
      const learnt = logger.lines.filter((l) => l.startsWith('relay refused'));
      assert.equal(learnt.length, 1, learnt.join('\n'));
      assert.match(learnt[0] ?? '', new RegExp(`^relay refused \`max_tokens\` for gpt-4\\.1 at ${fake.relay.baseUrl.replace(/[.]/g, '\\.')}: sending \`max_completion_tokens\` from now on`));
      assert.match(learnt[0] ?? '', /Use 'max_completion_tokens' instead/, "the relay's own words are in the log");
    });
  }

  it('adapts field after field (fake-o-series: max_tokens, temperature, system) and remembers each', async () => {
    const c = client();
    const first = await collect(c.streamChat(question('fake-o-series')));
    assert.equal(first.error, undefined);
    const bodies = fake.relay.requests.map((r) => r.body ?? {});
    assert.equal(bodies.length, 4, 'three refusals, then the answer');
    const last = bodies[3] ?? {};
    assert.equal(last.max_completion_tokens, 64);
    assert.equal('temperature' in last, false);
    assert.deepEqual((last.messages as { role: string }[]).map((m) => m.role), ['developer', 'user']);
    await collect(c.streamChat(question('fake-o-series')));
    assert.equal(fake.relay.requests.length, 5, 'right the first time');
  });

  it('folds the system message into the user message for vLLM (fake-vllm), and sends max_tokens back', async () => {
    const c = client();
    await collect(c.streamChat({ model: 'fake-vllm', messages: question('').messages, extraBody: { max_completion_tokens: 64 } }));
    const last = fake.relay.requests.at(-1)?.body ?? {};
    assert.equal(fake.relay.requests.length, 3);
    assert.equal(last.max_tokens, 64);
    assert.equal('max_completion_tokens' in last, false);
    assert.deepEqual(last.messages, [{ role: 'user', content: 'Be brief.\n\nhi' }]);
  });

  it('drops temperature for an Anthropic model with thinking (fake-claude-thinking)', async () => {
    const c = client();
    const out = await collect(c.streamChat(question('fake-claude-thinking', { extraBody: { top_p: 0.9 } })));
    assert.equal(out.text.length > 0, true);
    assert.equal(fake.relay.requests.length, 2);
    assert.equal('temperature' in (fake.relay.requests[1]?.body ?? {}), false);
    assert.equal(fake.relay.requests[1]?.body?.top_p, 0.9, 'top_p alone is accepted');
  });

  it('never loops: a relay refusing both max_tokens and max_completion_tokens gets its error after three requests', async () => {
    fake.relay.defaultScenario = { refuse: { style: 'openai', fields: ['max_tokens', 'max_completion_tokens'] } };
    const out = await collect(client().streamChat(question('gpt-4.1')));
    assert.equal(out.error?.code, 'bad_request');
    assert.equal(fake.relay.requests.length, 3);
  });

  it('does not ask again after a token was delivered, even for a refusal in the stream', async () => {
    fake.relay.defaultScenario = {
      inBandError: { after: 3, style: 'data', error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } },
    };
    const c = client();
    const out = await collect(c.streamChat(question('gpt-4.1')));
    assert.ok(out.text.length > 0 && out.error, 'text, then the error');
    assert.equal(fake.relay.requests.length, 1, 'not asked again (it would be billed twice)');
    fake.relay.defaultScenario = {};
    await collect(c.streamChat(question('gpt-4.1')));
    assert.equal(fake.relay.requests[1]?.body?.max_tokens, 64, 'and nothing was learnt from it');
  });

  it('does not adapt anything for an unrelated 400', async () => {
    fake.relay.defaultScenario = { status: 400, body: { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } };
    const out = await collect(client().streamChat(question('gpt-4.1')));
    assert.equal(out.error?.code, 'bad_request');
    assert.equal(fake.relay.requests.length, 1);
  });

  it('a relay that does not know the reasoning switch inline completions send: asked again without it, and not again', async () => {
    fake.relay.defaultScenario = { refuse: { style: 'openai', fields: ['reasoning_effort'] } };
    const c = client({ quirks: new QuirkMemory(memoryStore()) });
    const ask = () => collect(c.streamChat({ ...question('gpt-4.1'), extraBody: { reasoning_effort: 'minimal' } }));
    assert.equal((await ask()).text, SAMPLE_TEXT);
    await ask();
    const sent = fake.relay.requests.filter((r) => r.body?.model === 'gpt-4.1').map((r) => r.body?.reasoning_effort);
    assert.deepEqual(sent, ['minimal', undefined, undefined], 'one refused request, then never again');
  });

  it('after a reload, a new client with the same persisted store is right the first time; the completion routes keep their own', async () => {
    fake.relay.defaultScenario = { refuse: { style: 'openai', fields: ['max_tokens'] } };
    const store = memoryStore();
    await collect(client({ quirks: new QuirkMemory(store) }).streamChat(question('deepseek-v3.2')));
    assert.equal(fake.relay.requests.length, 2);
    const reloaded = client({ quirks: new QuirkMemory(store) });
    const out = await collect(reloaded.streamChat(question('deepseek-v3.2')));
    assert.equal(out.text, SAMPLE_TEXT);
    assert.equal(fake.relay.requests.length, 3, 'no refused request after the reload');
    // A relay's legacy /completions may take only max_tokens: what the chat endpoint refused is not applied there.
    await collect(reloaded.streamFim({ model: 'deepseek-v3.2', route: 'completions', prompt: 'a', suffix: 'b', maxTokens: 16 }));
    const fim = fake.relay.requests.at(-1)?.body ?? {};
    assert.equal(fim.max_tokens, 16);
    assert.equal('max_completion_tokens' in fim, false);
  });
});
