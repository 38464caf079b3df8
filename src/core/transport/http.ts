import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { libraries } from './lazy';
import { AbortedError, NetworkError, RelayError, isRelayError } from '../errors';
import { errorFromHttp, proxyAuthRequired } from './http-errors';
import { PROXY_FAILURE, type ProxyFailure } from './network';
import { parseRetryAfter } from '../client/retry';

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-oneapi-request-id', 'openai-request-id', 'cf-ray'];

export function requestIdFrom(headers: IncomingHttpHeaders): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const v = headers[name];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|EPROTO)/;
/** The certificate chain does not lead to a trusted CA: what a TLS-intercepting proxy causes. */
const UNTRUSTED_CODES = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;
/** undici's words when a proxy answers CONNECT with anything but 200. */
const TUNNEL_REFUSED = /Proxy response \((\d+)\)/;

/** A socket-level failure, in words a user can act on. */
export function fromNodeError(error: unknown, url: URL): RelayError {
  const e = error as NodeJS.ErrnoException & ProxyFailure;
  const where = url.host;
  const code = e?.code ?? '';
  const init = { cause: error, params: { host: where, code } };
  const proxy = e?.[PROXY_FAILURE];
  const tunnel = TUNNEL_REFUSED.exec(e?.message ?? '');
  if (tunnel) {
    const status = Number(tunnel[1]);
    if (status === 407) return proxyAuthRequired(proxy);
    return new NetworkError(`The proxy refused the connection to ${where} (HTTP ${status}).`, { ...init, status, params: { ...init.params, reason: 'proxy_refused', status } });
  }
  if (proxy && !TLS_CODES.test(code)) {
    return new NetworkError(`Could not connect to the proxy ${proxy} (${code || e.message}). Is the proxy running, and is the proxy setting right?`, {
      ...init, params: { ...init.params, reason: 'proxy_unreachable', proxy },
    });
  }
  if (UNTRUSTED_CODES.test(code)) {
    return new NetworkError(`The certificate of ${proxy ?? where} is not trusted (${code}). A proxy or antivirus may be intercepting TLS: trust its CA, or turn certificate checks off.`, {
      ...init, retryable: false, params: { ...init.params, reason: 'tls_untrusted', ...(proxy ? { proxy } : {}) },
    });
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new NetworkError(`Could not connect to ${where}: connection refused. Is the server running and the base URL right?`, init);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetworkError(`Could not find the host ${url.hostname} (DNS lookup failed). Check the base URL, your network or proxy.`, init);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new NetworkError(`The connection to ${where} was closed before an answer came.`, init);
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new NetworkError(`The network could not reach ${where} (${code}). Check your connection or proxy.`, init);
  }
  if (TLS_CODES.test(code)) {
    return new NetworkError(`A secure connection to ${where} failed (${code}). A proxy may be intercepting TLS.`, { ...init, retryable: false });
  }
  return new NetworkError(`The connection to ${where} failed: ${e?.message ?? String(error)}`, init);
}

export interface GetJsonOptions {
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  model?: string;
}

/** GET a small JSON document (model list, health check); any failure is a RelayError. */
export async function getJson(target: string, options: GetJsonOptions): Promise<unknown> {
  const url = new URL(target);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let status = 0;
  let text = '';
  let headers: IncomingHttpHeaders = {};
  try {
    const res = await libraries().request(url, { method: 'GET', headers: { ...options.headers, accept: 'application/json' }, dispatcher: options.dispatcher, signal });
    status = res.statusCode;
    headers = res.headers as IncomingHttpHeaders;
    text = await res.body.text();
  } catch (e) {
    if (options.signal?.aborted) throw new AbortedError();
    if (timeout.aborted) throw new NetworkError(`No answer from ${url.host} within ${options.timeoutMs} ms.`, { params: { host: url.host } });
    throw isRelayError(e) ? e : fromNodeError(e, url);
  }
  if (status < 200 || status >= 300) {
    throw errorFromHttp(status, text, { model: options.model ?? '', requestId: requestIdFrom(headers), retryAfterMs: parseRetryAfter(headers) });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errorFromHttp(502, text, { model: options.model ?? '' });
  }
}
