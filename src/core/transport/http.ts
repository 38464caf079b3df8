import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { libraries } from './lazy';
import { AbortedError, NetworkError, RelayError, isRelayError } from '../errors';
import { errorFromHttp } from './http-errors';
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

/** A socket-level failure, in words a user can act on. */
export function fromNodeError(error: unknown, url: URL): RelayError {
  const e = error as NodeJS.ErrnoException;
  const where = url.host;
  const code = e?.code ?? '';
  const init = { cause: error, params: { host: where, code } };
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
