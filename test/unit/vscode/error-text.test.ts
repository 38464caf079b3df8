import * as assert from 'node:assert/strict';
import { useLanguage } from '../support/vscode-l10n-stub';
import {
  AbortedError, AuthError, ConfigError, ConnectTimeoutError, FirstByteTimeoutError, IdleTimeoutError, ModelNotFoundError, ProtocolError,
  RelayError, TotalTimeoutError, TruncatedStreamError, UpgradeRefusedError, normaliseApiKey, normaliseBaseUrl, type ErrorCode,
} from '../../../src/core';
import { errorFromHttp, errorFromStreamPayload } from '../../../src/core/transport/http-errors';
import { fromNodeError } from '../../../src/core/transport/http';
import { closeError } from '../../../src/core/transport/ws-connection';
import { describeError } from '../../../src/vscode/error-text';

// Issue 16 §5: every sentence a user sees is whole in their language. The core gives codes and
// parameters; the adapter composes the sentence; only the relay's own words stay as they came,
// quoted after the translated sentence.

const ctx = { model: 'gpt-4.1-mini' };
const url = new URL('https://relay.example/v1');
const nodeError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
const thrown = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return e as RelayError;
  }
  throw new Error('did not throw');
};
const RELAY_WORDS = 'Insufficient account balance, please recharge';

/** Errors as the core really makes them, each with the English sentence the user sees. */
const CASES: { code: ErrorCode; name: string; error: () => RelayError; en: string }[] = [
  { code: 'payment', name: '402', error: () => errorFromHttp(402, JSON.stringify({ error: { message: RELAY_WORDS } }), ctx),
    en: `Your relay account is out of credit (HTTP 402). Top up your balance at the relay, then try again. The relay said: "${RELAY_WORDS}"` },
  { code: 'payment', name: 'in a stream', error: () => errorFromStreamPayload({ error: { message: RELAY_WORDS, code: 402 } }, ctx),
    en: `Your relay account is out of credit. Top up your balance at the relay, then try again. The relay said: "${RELAY_WORDS}"` },
  { code: 'bad_request', name: '400', error: () => errorFromHttp(400, JSON.stringify({ error: { message: 'max_tokens is too large' } }), ctx),
    en: 'The relay refused the request (HTTP 400). The relay said: "max_tokens is too large"' },
  { code: 'bad_request', name: '422', error: () => errorFromHttp(422, '', ctx), en: 'The relay could not process the request (HTTP 422).' },
  { code: 'http', name: '413', error: () => errorFromHttp(413, '<html><body><h1>413 Request Entity Too Large</h1></body></html>', ctx),
    en: 'The request is larger than the relay accepts (HTTP 413). The relay said: "413 Request Entity Too Large"' },
  { code: 'http', name: '404', error: () => errorFromHttp(404, '', ctx), en: 'The relay has nothing at this address (HTTP 404). Check the base URL: most relays end in /v1.' },
  { code: 'http', name: '418', error: () => errorFromHttp(418, 'teapot', ctx), en: 'The relay answered with HTTP 418. The relay said: "teapot"' },
  { code: 'model_not_found', name: 'unknown model', error: () => errorFromHttp(404, JSON.stringify({ error: { message: 'model not found', code: 'model_not_found' } }), ctx),
    en: 'The model "gpt-4.1-mini" is not available on this relay. The relay said: "model not found"' },
  { code: 'model_not_found', name: 'with suggestions', error: () => Object.assign(new ModelNotFoundError('gpt-4o', 'x'), { suggestions: ['gpt-4o-mini'] }),
    en: 'The model "gpt-4o" is not available on this relay. Did you mean: gpt-4o-mini?' },
  { code: 'auth', name: '401', error: () => errorFromHttp(401, '', ctx), en: 'The relay rejected the API key (HTTP 401). Set the key from your relay\'s dashboard.' },
  { code: 'auth', name: 'in a stream', error: () => new AuthError('x', { status: undefined }), en: 'The relay rejected the API key. Set the key from your relay\'s dashboard.' },
  { code: 'forbidden', name: '403', error: () => errorFromHttp(403, JSON.stringify({ error: { message: 'group not allowed' } }), ctx),
    en: 'The relay denied access (HTTP 403). The relay said: "group not allowed"' },
  { code: 'forbidden', name: 'WebSocket 1008', error: () => closeError(1008, 'policy'), en: 'The relay closed the connection for a policy violation (1008): it refused this request or key. The relay said: "policy"' },
  { code: 'rate_limited', name: '429', error: () => errorFromHttp(429, JSON.stringify({ error: { message: 'slow down' } }), ctx),
    en: 'Rate limited by the relay (or the quota is used up). The relay said: "slow down"' },
  { code: 'rate_limited', name: 'Retry-After', error: () => errorFromHttp(429, '', { ...ctx, retryAfterMs: 20_000 }), en: 'Rate limited by the relay; it asks to wait 20 s.' },
  { code: 'server', name: '502 page', error: () => errorFromHttp(502, '', { ...ctx, requestId: 'req-9' }), en: 'The relay reported an error (HTTP 502). (request req-9)' },
  { code: 'server', name: 'WebSocket 1011', error: () => closeError(1011, 'overloaded'), en: 'The relay reported an error. The relay said: "overloaded"' },
  { code: 'upstream', name: 'in a stream', error: () => errorFromStreamPayload({ error: { message: 'upstream went away' } }, ctx),
    en: 'The relay reported an error. The relay said: "upstream went away"' },
  { code: 'network', name: 'refused', error: () => fromNodeError(nodeError('ECONNREFUSED'), url),
    en: 'Could not connect to relay.example: the connection was refused. Is the relay running and the base URL right?' },
  { code: 'network', name: 'DNS', error: () => fromNodeError(nodeError('ENOTFOUND'), url),
    en: 'Could not find the host relay.example (DNS lookup failed). Check the base URL, your network or proxy.' },
  { code: 'network', name: 'reset', error: () => fromNodeError(nodeError('ECONNRESET'), url), en: 'The connection to relay.example was closed before an answer came.' },
  { code: 'network', name: 'unreachable', error: () => fromNodeError(nodeError('ENETUNREACH'), url),
    en: 'The network could not reach relay.example (ENETUNREACH). Check your connection or proxy.' },
  { code: 'network', name: 'TLS', error: () => fromNodeError(nodeError('ERR_SSL_WRONG_VERSION_NUMBER'), url),
    en: 'A secure connection to relay.example failed (ERR_SSL_WRONG_VERSION_NUMBER). A proxy may be intercepting TLS.' },
  { code: 'network', name: 'other', error: () => fromNodeError(nodeError('EPIPE'), url), en: 'The connection to relay.example failed (EPIPE). Check your connection or proxy.' },
  { code: 'network', name: 'WebSocket 1006', error: () => closeError(1006, ''), en: 'The connection to the relay dropped without a close frame (1006).' },
  { code: 'network', name: 'WebSocket 4000', error: () => closeError(4000, 'bye'), en: 'The relay closed the connection (4000). The relay said: "bye"' },
  { code: 'config', name: 'empty base URL', error: () => thrown(() => normaliseBaseUrl(' ')), en: 'The base URL is empty. Set it to your relay, e.g. https://api.example.com/v1.' },
  { code: 'config', name: 'not a URL', error: () => thrown(() => normaliseBaseUrl('http://exa mple')), en: 'The base URL "http://exa mple" is not a valid URL.' },
  { code: 'config', name: 'scheme', error: () => thrown(() => normaliseBaseUrl('ftp://relay.example')), en: 'The base URL "ftp://relay.example" must start with http:// or https://.' },
  { code: 'config', name: 'placeholder key', error: () => thrown(() => normaliseApiKey('sk-xxxx')),
    en: 'The API key is a placeholder from the documentation, not a real key. Paste the key from your relay\'s dashboard.' },
  { code: 'config', name: 'empty key', error: () => new ConfigError('The API key is empty.', { reason: 'empty_key' }),
    en: 'The API key is empty. Paste the key from your relay\'s dashboard.' },
  { code: 'config', name: 'unknown', error: () => new ConfigError('No provider configured: set a base URL.'),
    en: 'A Relay Chat setting is not valid (base URL, API key or custom headers). Check the Relay Chat settings.' },
  { code: 'timeout_connect', name: '', error: () => new ConnectTimeoutError(10_000), en: 'Could not connect to the relay within 10 s. Check your network or proxy.' },
  { code: 'timeout_first_byte', name: '', error: () => new FirstByteTimeoutError(30_000),
    en: 'The relay accepted the request but sent no response within 30 s; it may be busy retrying upstream. To wait longer, raise relayChat.timeouts.firstByteSeconds.' },
  { code: 'timeout_idle', name: '', error: () => new IdleTimeoutError(60_000), en: 'The answer stalled: nothing arrived for 60 s. The text so far is kept.' },
  { code: 'timeout_total', name: '', error: () => new TotalTimeoutError(120_000), en: 'The answer took longer than the total limit of 120 s.' },
  { code: 'truncated', name: '', error: () => new TruncatedStreamError(40), en: 'The answer was cut off before it finished. The text so far is kept.' },
  { code: 'upgrade_refused', name: '', error: () => new UpgradeRefusedError(400), en: 'This relay does not accept WebSocket connections. Set the transport to "auto" or "sse".' },
  { code: 'protocol', name: '', error: () => new ProtocolError('Expected an event stream but got an HTML page: Sign in'),
    en: 'The relay sent something that is not a chat stream: a proxy or a login page may be answering instead of the relay.' },
  { code: 'aborted', name: '', error: () => new AbortedError(), en: 'The request was cancelled.' },
];

/** What is left of a sentence once the relay's quoted words, URLs, names and codes are taken out. */
function ownWords(sentence: string): string {
  return sentence
    .replace(/[「“"][^」”"]*[」”"]/g, ' ')
    .replace(/\S*(https?:\/\/|relayChat\.|relay\.example|HTTP|\/v1)\S*/g, ' ');
}
/** Three English words in a row: a sentence (or half of one) that was not translated. */
const ENGLISH_RUN = /[A-Za-z']{2,} [A-Za-z']{2,} [A-Za-z']{2,}/;

describe('error sentences, whole in the user\'s language', () => {
  after(() => useLanguage(''));

  it('covers every error code', () => {
    const codes = new Set(CASES.map((c) => c.code));
    const all: ErrorCode[] = ['config', 'auth', 'forbidden', 'payment', 'model_not_found', 'bad_request', 'rate_limited', 'server', 'http', 'timeout_connect',
      'timeout_first_byte', 'timeout_idle', 'timeout_total', 'network', 'upgrade_refused', 'protocol', 'truncated', 'upstream', 'aborted'];
    assert.deepEqual([...codes].sort(), all.sort());
    for (const c of CASES) assert.equal(c.error().code, c.code, `${c.code} ${c.name}`);
  });

  describe('English', () => {
    before(() => useLanguage(''));
    for (const c of CASES) it(`${c.code} ${c.name}`, () => assert.equal(describeError(c.error()).message, c.en));
  });

  for (const lang of ['ja', 'zh-cn']) {
    describe(lang, () => {
      before(() => useLanguage(lang));
      for (const c of CASES) {
        it(`${c.code} ${c.name}: no English sentence of the core, the relay's words kept as they came`, () => {
          const error = c.error();
          const sentence = describeError(error).message;
          assert.ok(!sentence.includes(error.message), `the core's English message shows: ${sentence}`);
          assert.doesNotMatch(ownWords(sentence), ENGLISH_RUN, sentence);
          const detail = String(error.params.detail ?? '');
          if (detail) assert.ok(sentence.includes(detail), `the relay's words are kept: ${sentence}`);
        });
      }
    });
  }
});
