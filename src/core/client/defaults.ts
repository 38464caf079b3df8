import type { RetryOptions, TimeoutOptions, WebSocketOptions } from '../types';

export const DEFAULT_TIMEOUTS: TimeoutOptions = { firstByteMs: 30_000, idleMs: 60_000, totalMs: 0 };

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

export const DEFAULT_WEBSOCKET: WebSocketOptions = {
  path: '/chat/completions',
  dialect: 'chunks',
  auth: 'header',
  subprotocolPrefix: 'openai-insecure-api-key.',
  pingIntervalMs: 30_000,
  pongTimeoutMs: 10_000,
  maxLifetimeMs: 60 * 60_000,
  reconnectBaseDelayMs: 1_000,
  reconnectMaxDelayMs: 60_000,
  reconnectMaxAttempts: 8,
};

/** Drops `undefined` values so a partial override never erases a default. */
export function withDefaults<T extends object>(defaults: T, override: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(override ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
