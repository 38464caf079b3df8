import * as assert from 'node:assert/strict';
import { errorFromHttp } from '../../../../src/core/transport/http-errors';
import { testClient as client, withRelay } from '../../support/relay-fixture';
import { ask, collect } from '../../support/helpers';

// What an error says: a short excerpt without markup, no HTTP status the response never had, not
// "retryable" once text was shown, and nothing said twice.

const NGINX_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
const ctx = { model: 'gpt-4.1' };

const count = (text: string, part: string) => text.split(part).length - 1;

describe('error text is a short, tag-free excerpt whatever wraps it', () => {
  it('an HTML page inside a JSON error message', () => {
    const error = errorFromHttp(502, JSON.stringify({ error: { message: NGINX_502, type: 'upstream_error' } }), ctx);
    assert.doesNotMatch(error.message, /[<>]/);
    assert.equal(error.message, 'Server error (HTTP 502): 502 Bad Gateway nginx');
    assert.equal(error.params.detail, '502 Bad Gateway nginx');
  });

  it('a long page inside a JSON error message is cut short', () => {
    const page = `<html><body><p>${'upstream failed '.repeat(200)}</p></body></html>`;
    const error = errorFromHttp(503, JSON.stringify({ error: page }), ctx);
    assert.ok(error.message.length < 260, `${error.message.length} characters`);
    assert.doesNotMatch(error.message, /[<>]/);
  });

  it('an empty body adds nothing after the status', () => {
    assert.equal(errorFromHttp(502, '', ctx).message, 'Server error (HTTP 502)');
    assert.equal(errorFromHttp(429, '', ctx).message, 'Rate limited (HTTP 429)');
  });
});

describe('errors that arrive after the response started', () => {
  const t = withRelay();

  for (const transport of ['sse', 'websocket'] as const) {
    it(`${transport}: an error chunk inside a 200 stream claims no HTTP status, and is not retryable after text was shown`, async () => {
      const c = (t.client = client(t.relay.baseUrl, { transport }));
      t.relay.script({ inBandError: { after: 3, style: 'data', error: { message: 'Too many requests upstream', code: 429 } } });
      const out = await collect(c.streamChat(ask()));
      assert.ok(out.text.length > 0);
      assert.equal(out.error?.code, 'rate_limited');
      assert.equal(out.error?.status, undefined);
      assert.doesNotMatch(out.error?.message ?? '', /HTTP/);
      assert.equal(out.error?.retryable, false);
      assert.equal(out.error?.toJSON().retryable, false);
    });
  }

  it('an in-band auth error claims no 401', async () => {
    const c = (t.client = client(t.relay.baseUrl));
    t.relay.script({ inBandError: { after: 0, style: 'event', error: { message: 'key expired', type: 'authentication_error' } } });
    const out = await collect(c.streamChat(ask()));
    assert.equal(out.error?.code, 'auth');
    assert.equal(out.error?.status, undefined);
  });

  it('a connection lost mid-answer is not retryable once text was shown', async () => {
    const c = (t.client = client(t.relay.baseUrl));
    t.relay.script({ resetAfter: 5 });
    const out = await collect(c.streamChat(ask()));
    assert.ok(out.text.length > 0);
    assert.equal(out.error?.code, 'network');
    assert.equal(out.error?.retryable, false);
  });
});

describe('a refused WebSocket upgrade says what happened once', () => {
  const t = withRelay();

  it('a proxy\'s HTML error page', async () => {
    const c = (t.client = client(t.relay.baseUrl, { transport: 'websocket', retry: { maxRetries: 0 } }));
    t.relay.webSocket = { refuseUpgrade: 502, refuseBody: { contentType: 'text/html', text: NGINX_502 } };
    const out = await collect(c.streamChat(ask()));
    const message = out.error?.message ?? '';
    assert.equal(count(message, '502 Bad Gateway'), 1, message);
    assert.equal(message, 'Server error (HTTP 502): 502 Bad Gateway nginx');
  });

  it('an empty answer', async () => {
    const c = (t.client = client(t.relay.baseUrl, { transport: 'websocket', retry: { maxRetries: 0 } }));
    t.relay.webSocket = { refuseUpgrade: 503, refuseBody: { contentType: 'text/plain', text: '' } };
    const out = await collect(c.streamChat(ask()));
    assert.equal(out.error?.message, 'Server error (HTTP 503)');
  });
});
