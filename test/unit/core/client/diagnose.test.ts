import * as assert from 'node:assert/strict';
import { RelayClient, diagnose } from '../../../../src/core';
import { FakeRelay } from '../../../fakes/fake-relay';

describe('Test Connection diagnosis', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => relay.close());

  const client = (apiKey = 'sk-diag-key-0123456789') => new RelayClient({ providers: [{ id: 'main', baseUrl: relay.baseUrl, apiKey }], retry: { maxRetries: 0 } });
  const outcomes = (r: Awaited<ReturnType<typeof diagnose>>) => Object.fromEntries(r.steps.map((s) => [s.id, s.outcome]));

  it('passes every step against a healthy relay', async () => {
    const c = client();
    const report = await diagnose(c, 'gpt-4.1');
    c.close();
    assert.equal(report.ok, true);
    assert.deepEqual(outcomes(report), { models: 'ok', chat: 'ok', usage: 'ok', websocket: 'ok' });
    assert.equal(report.steps[0]?.facts.count, 5);
    const probe = relay.requests.find((r) => r.transport === 'sse')?.body;
    assert.equal(probe?.max_tokens, 1, 'the probe costs one token');
  });

  it('warns about a model the relay does not list, with suggestions', async () => {
    const report = await diagnose(client(), 'deepseek-v3');
    assert.equal(outcomes(report).model, 'warn');
    assert.match(String(report.steps.find((s) => s.id === 'model')?.facts.suggestions), /^deepseek-v3\.2/);
    assert.equal(outcomes(report).chat, 'fail');
    assert.equal(report.ok, false);
  });

  it('stops early on a rejected key, without spending a probe', async () => {
    relay.requireKey = 'the-real-key-0000';
    const report = await diagnose(client(), 'gpt-4.1');
    assert.equal(report.steps[0]?.error?.code, 'auth');
    assert.equal(outcomes(report).chat, 'skipped');
    assert.equal(relay.requests.filter((r) => r.transport === 'sse').length, 0);
  });

  it('reports a relay without WebSocket as skipped, not failed, and missing usage as a warning', async () => {
    relay.webSocket.refuseUpgrade = 404;
    relay.defaultScenario = { rejectStreamOptions: true };
    const report = await diagnose(client(), 'gpt-4.1');
    assert.equal(outcomes(report).websocket, 'skipped');
    assert.equal(outcomes(report).usage, 'warn');
    assert.equal(report.ok, true);
  });
});
