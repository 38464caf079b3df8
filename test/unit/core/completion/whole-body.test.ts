// A model that will not stream answers with one JSON body (one WebSocket message): inline completions
// read it as one chunk on every route and both transports. A real RelayClient against the fake relay.
import * as assert from 'node:assert/strict';
import { RelayClient } from '../../../../src/core/client/client';
import { CompletionEngine } from '../../../../src/core/completion/engine';
import type { CompletionMode } from '../../../../src/core/completion/route-memory';
import type { TransportKind } from '../../../../src/core/types';
import { loadCorpus } from '../../../fakes/completion';
import { FakeRelay } from '../../../fakes/fake-relay';
import { FakeClock, MapStore, cursorAt } from '../../support/completion-fakes';

const TS = loadCorpus().find((f) => f.name === 'todo-store.ts')?.text ?? assert.fail('corpus');
const MODEL = 'whole-body-model';

/** The corpus file cut at the start of its first indented statement, which the "model" writes back. */
function hole() {
  const line = TS.split('\n').find((l) => /^\s+\S.*;$/.test(l)) ?? assert.fail('no statement line');
  const at = TS.indexOf(line);
  return { prefix: TS.slice(0, at), suffix: TS.slice(at + line.length), line };
}

describe('inline completions from a model that will not stream', () => {
  let relay: FakeRelay;
  let client: RelayClient | undefined;
  beforeEach(async () => {
    relay = await FakeRelay.start();
    relay.models.push(MODEL);
    relay.completion.wholeBodyModels = [MODEL];
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await relay.close();
  });

  const cases: { mode: CompletionMode; transport: TransportKind }[] = [
    { mode: 'fim', transport: 'sse' },
    { mode: 'chat', transport: 'sse' },
    { mode: 'chat', transport: 'websocket' },
  ];
  for (const { mode, transport } of cases) {
    it(`${mode} over ${transport}: the whole body is read as one chunk and becomes the suggestion`, async () => {
      const { prefix, suffix, line } = hole();
      const c = (client = new RelayClient({
        providers: [{ id: 'main', baseUrl: relay.baseUrl, apiKey: 'sk-test-key-0123456789' }],
        transport, timeouts: { firstByteMs: 5000, idleMs: 5000, totalMs: 0 },
      }));
      const engine = new CompletionEngine({
        client: () => c, settings: () => ({ model: MODEL, mode, dailyBudgetUsd: 0 }), endpoint: () => relay.baseUrl,
        counted: () => {}, spentToday: () => 0, store: new MapStore(), clock: new FakeClock(),
      });
      const suggestion = await engine.complete(cursorAt(prefix, suffix, { explicit: true }), new AbortController().signal);
      assert.equal(suggestion?.text, line);
      const entry = relay.completionLog.at(-1) ?? assert.fail('no completion request');
      assert.equal(entry.transport, transport);
      assert.equal(entry.route, mode === 'fim' ? 'completions' : 'chat');
      assert.equal(entry.firstByteAt, entry.finishedAt, 'the relay sent nothing before the whole answer was generated');
    });
  }
});
