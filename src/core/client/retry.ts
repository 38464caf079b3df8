// Backoff and Retry-After. Full jitter (delay = random(0, min(cap, base * 2^attempt))) spreads
// clients apart after an outage instead of having them reconnect in lock-step.
// See https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** HTTP statuses worth another try before any text was delivered. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Could not connect at all (DNS, refused, TLS, connect timeout, a dropped socket): the endpoint
 * counts as offline. A relay that accepted the request but was slow to answer (first-byte timeout)
 * is busy, not unreachable: that error is not retried (it would queue behind the same upstream)
 * and does not mark the endpoint offline.
 */
export function isUnreachable(error: { code: string }): boolean {
  return error.code === 'network' || error.code === 'timeout_connect';
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Reads `retry-after-ms` (OpenAI's, milliseconds) or `retry-after` (RFC 9110 §10.2.3: seconds or an
 * HTTP date). Returns undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
