import * as assert from 'node:assert/strict';
import { RelayClient } from '../../../../src/core';
import { ConnectProxy } from '../../../fakes/connect-proxy';
import { FakeRelay } from '../../../fakes/fake-relay';
import { SAMPLE_TEXT } from '../../../fakes/scenario';
import { ask, collect } from '../../support/helpers';

describe('through an HTTP proxy', () => {
  let relay: FakeRelay;
  let proxy: ConnectProxy;
  beforeEach(async () => {
    relay = await FakeRelay.start();
    // `relay.test` resolves only inside the proxy: reaching it proves the request went through it.
    proxy = await ConnectProxy.start({ 'relay.test': '127.0.0.1' });
  });
  afterEach(async () => {
    await proxy.close();
    await relay.close();
  });

  for (const transport of ['sse', 'websocket'] as const) {
    it(`streams over ${transport} through the proxy`, async () => {
      const client = new RelayClient({ providers: [{ id: 'p', baseUrl: `http://relay.test:${relay.port}/v1` }], transport, proxy: proxy.url, retry: { maxRetries: 0 } });
      const out = await collect(client.streamChat(ask()));
      client.close();
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(out.text, SAMPLE_TEXT);
      assert.deepEqual(proxy.tunnels, [`relay.test:${relay.port}`]);
    });
  }

  it('lists models through the proxy', async () => {
    const via = new RelayClient({ providers: [{ id: 'p', baseUrl: `http://relay.test:${relay.port}/v1` }], proxy: proxy.url });
    assert.equal((await via.listModels()).length, 5);
    assert.deepEqual(proxy.tunnels, [`relay.test:${relay.port}`]);
  });
});
