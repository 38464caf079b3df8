import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { RelayClient, type NetworkOptions } from '../../../../src/core';
import { ConnectProxy } from '../../../fakes/connect-proxy';
import { FakeRelay } from '../../../fakes/fake-relay';
import { SAMPLE_TEXT } from '../../../fakes/scenario';
import { TestPki } from '../../../fakes/test-pki';
import { ask, collect } from '../../support/helpers';

/** A loopback port nothing listens on (a proxy that is down). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('network options (certificates, TLS checks, proxy credentials) on both transports', () => {
  let pki: TestPki;
  let relay: FakeRelay;
  before(() => {
    pki = TestPki.create('unit');
  });
  after(() => pki.remove());
  beforeEach(async () => {
    relay = await FakeRelay.start(0, pki.issue(['relay.test', '127.0.0.1']));
  });
  afterEach(async () => relay.close());

  const stream = async (transport: 'sse' | 'websocket', network: NetworkOptions, proxy?: string, host = '127.0.0.1') => {
    const client = new RelayClient({
      providers: [{ id: 'p', baseUrl: `https://${host}:${relay.port}/v1` }], transport, network, retry: { maxRetries: 0 }, ...(proxy ? { proxy } : {}),
    });
    try {
      return await collect(client.streamChat(ask()));
    } finally {
      client.close();
    }
  };

  for (const transport of ['sse', 'websocket'] as const) {
    describe(transport, () => {
      it('trusts a CA given in `ca` (as the OS store is passed in)', async () => {
        const out = await stream(transport, { ca: [pki.caCert] });
        assert.equal(out.error, undefined, out.error?.message);
        assert.equal(out.text, SAMPLE_TEXT);
      });

      it('an untrusted certificate is a tls_untrusted error; rejectUnauthorized false accepts it', async () => {
        const refused = await stream(transport, {});
        assert.equal(refused.error?.params.reason, 'tls_untrusted', refused.error?.message);
        assert.equal(refused.error?.retryable, false);
        const accepted = await stream(transport, { rejectUnauthorized: false });
        assert.equal(accepted.error, undefined, accepted.error?.message);
        assert.equal(accepted.text, SAMPLE_TEXT);
      });

      it('sends the proxy credentials from the URL or proxyAuthorization; without them a 407 is proxy_auth', async () => {
        const proxy = await ConnectProxy.start({ 'relay.test': '127.0.0.1' }, 'ann:s3cret');
        try {
          const denied = await stream(transport, { ca: [pki.caCert] }, proxy.url, 'relay.test');
          assert.equal(denied.error?.params.reason, 'proxy_auth', denied.error?.message);
          assert.equal(denied.error?.status, 407);
          const inUrl = await stream(transport, { ca: [pki.caCert] }, proxy.url.replace('http://', 'http://ann:s3cret@'), 'relay.test');
          assert.equal(inUrl.error, undefined, inUrl.error?.message);
          const header = await stream(transport, { ca: [pki.caCert], proxyAuthorization: `Basic ${Buffer.from('ann:s3cret').toString('base64')}` }, proxy.url, 'relay.test');
          assert.equal(header.error, undefined, header.error?.message);
          assert.equal(header.text, SAMPLE_TEXT);
        } finally {
          await proxy.close();
        }
      });

      it('a proxy that is down is proxy_unreachable, naming the proxy', async () => {
        const port = await closedPort();
        const out = await stream(transport, {}, `http://127.0.0.1:${port}`, 'relay.test');
        assert.equal(out.error?.params.reason, 'proxy_unreachable', out.error?.message);
        assert.equal(out.error?.params.proxy, `127.0.0.1:${port}`);
      });
    });
  }
});
