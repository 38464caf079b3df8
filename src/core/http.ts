import * as http from 'node:http';
import * as https from 'node:https';
import { AbortedError, NetworkError, RelayError } from './errors';
import { onAbort } from './abort';
import { errorFromHttp } from './http-errors';
import { parseRetryAfter } from './retry';

// We use node:http rather than fetch on purpose: fetch (undici) has hidden 300 s headers/body
// timeouts that would cut a long answer, and VS Code's proxy support patches node:http/https.

export function requestModule(url: URL): typeof http | typeof https {
  return url.protocol === 'https:' ? https : http;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-oneapi-request-id', 'openai-request-id', 'cf-ray'];

export function requestIdFrom(headers: http.IncomingHttpHeaders): string | undefined {
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
      return new NetworkError(`The connection to ${where} was reset.`, init);
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new NetworkError(`The network could not reach ${where} (${code}). Check your connection or proxy.`, init);
  }
  if (TLS_CODES.test(code)) {
    return new NetworkError(`A secure connection to ${where} failed (${code}). A proxy may be intercepting TLS.`, { ...init, retryable: false });
  }
  return new NetworkError(`The connection to ${where} failed: ${e?.message ?? String(error)}`, init);
}

/** Reads at most `limit` bytes of a body as UTF-8 (for error pages and small JSON answers). */
export function readBody(res: http.IncomingMessage, limit = 256 * 1024, onChunk?: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      onChunk?.();
      if (size < limit) parts.push(chunk);
      size += chunk.length;
    });
    res.on('end', () => resolve(Buffer.concat(parts).subarray(0, limit).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('aborted')));
  });
}

export interface GetJsonOptions {
  headers: Record<string, string>;
  agent?: http.Agent | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  model?: string;
}

/** GET a small JSON document (model list, health check); any failure is a RelayError. */
export function getJson(target: string, options: GetJsonOptions): Promise<unknown> {
  const url = new URL(target);
  return new Promise((resolve, reject) => {
    let done = false;
    const settle = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      offAbort();
      fn();
    };
    const req = requestModule(url).request(url, { method: 'GET', headers: { ...options.headers, accept: 'application/json' }, agent: options.agent });
    const timer = setTimeout(() => {
      req.destroy();
      settle(() => reject(new NetworkError(`No answer from ${url.host} within ${options.timeoutMs} ms.`, { params: { host: url.host } })));
    }, options.timeoutMs);
    const offAbort = onAbort(options.signal, () => {
      req.destroy();
      settle(() => reject(new AbortedError()));
    });
    req.on('error', (e) => settle(() => reject(fromNodeError(e, url))));
    req.on('response', (res) => {
      readBody(res).then((text) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          const error = errorFromHttp(status, text, { model: options.model ?? '', requestId: requestIdFrom(res.headers), retryAfterMs: parseRetryAfter(res.headers) });
          return settle(() => reject(error));
        }
        try {
          const value: unknown = JSON.parse(text);
          settle(() => resolve(value));
        } catch {
          settle(() => reject(errorFromHttp(502, text, { model: options.model ?? '' })));
        }
      }, (e) => settle(() => reject(fromNodeError(e, url))));
    });
    req.end();
  });
}
