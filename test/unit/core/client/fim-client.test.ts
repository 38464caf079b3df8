import * as assert from 'node:assert/strict';
import { loadCorpus } from '../../../fakes/completion';
import { FakeRelay } from '../../../fakes/fake-relay';
import { collect, fastClient, types } from '../../support/helpers';

const TS = loadCorpus().find((f) => f.name === 'todo-store.ts')?.text ?? assert.fail('corpus');

/** The document cut at the start of `line`, which the "model" should write back. */
function holeAt(line: string) {
  const at = TS.indexOf(line);
  assert.ok(at > 0, line);
  return { prefix: TS.slice(0, at), suffix: TS.slice(at + line.length), line };
}

describe('fill-in-the-middle through the client', () => {
  let relay: FakeRelay;
  beforeEach(async () => {
    relay = await FakeRelay.start();
  });
  afterEach(async () => {
    await relay.close();
  });

  const firstCodeLine = () => TS.split('\n').find((l) => /^\s+\S.*;$/.test(l)) ?? assert.fail('no statement line');

  it('streams /completions with prompt, suffix and server-side caps, and reads `choices[].text`', async () => {
    const { prefix, suffix, line } = holeAt(firstCodeLine());
    const client = fastClient(relay.baseUrl);
    const out = await collect(client.streamFim({ model: 'deepseek-v3.2', route: 'completions', prompt: prefix, suffix, maxTokens: 48, stop: ['\n'], temperature: 0 }));
    client.close();
    assert.equal(out.text, line);
    assert.deepEqual([...new Set(types(out.events))], ['provider', 'text', 'finish', 'usage', 'done']);
    const sent = relay.requests.find((r) => r.path === '/v1/completions')?.body ?? assert.fail('no request');
    assert.equal(sent.prompt, prefix);
    assert.equal(sent.suffix, suffix);
    assert.equal(sent.max_tokens, 48);
    assert.deepEqual(sent.stop, ['\n']);
    assert.equal(sent.temperature, 0);
  });

  it('streams Codestral-style /fim/completions (chat-shaped deltas)', async () => {
    relay.completion.routes = { completions: false, fim: true };
    const { prefix, suffix, line } = holeAt(firstCodeLine());
    const client = fastClient(relay.baseUrl);
    const out = await collect(client.streamFim({ model: 'codestral-latest', route: 'fim', prompt: prefix, suffix, maxTokens: 48, stop: ['\n'] }));
    client.close();
    assert.equal(out.text, line);
    assert.ok(relay.requests.some((r) => r.path === '/v1/fim/completions'));
  });

  it('a route the relay lacks is an error that names the status, without retries', async () => {
    relay.completion.routes = { completions: false, fim: false };
    const client = fastClient(relay.baseUrl);
    const out = await collect(client.streamFim({ model: 'deepseek-v3.2', route: 'completions', prompt: 'a', suffix: '', maxTokens: 8, retry: { maxRetries: 0 } }));
    client.close();
    assert.equal(out.error?.status, 404);
    assert.deepEqual(types(out.events), ['error']);
  });

  it('announces the finish before usage and the end marker arrive', async () => {
    const { prefix, suffix } = holeAt(firstCodeLine());
    relay.completion.tokenMs = 5;
    const client = fastClient(relay.baseUrl);
    const out = await collect(client.streamFim({ model: 'deepseek-v3.2', route: 'completions', prompt: prefix, suffix, maxTokens: 48, stop: ['\n'] }));
    client.close();
    const order = types(out.events);
    assert.ok(order.indexOf('finish') < order.indexOf('usage'), order.join(','));
  });
});
