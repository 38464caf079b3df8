// One error hierarchy for everything the client can report. Each error has a stable `code` (for
// programs and tests), a `messageKey` + `params` (for the UI to localise), a `retryable` flag, and,
// where known, the HTTP status and the relay's request id. Messages never contain the API key:
// the client passes every message through the redactor before it leaves the core.

export type ErrorCode =
  | 'config'
  | 'auth'
  | 'forbidden'
  | 'payment'
  | 'model_not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'server'
  | 'http'
  | 'timeout_connect'
  | 'timeout_first_byte'
  | 'timeout_idle'
  | 'timeout_total'
  | 'network'
  | 'upgrade_refused'
  | 'protocol'
  | 'truncated'
  | 'upstream'
  | 'aborted';

export interface RelayErrorInit {
  status?: number | undefined;
  requestId?: string | undefined;
  retryable?: boolean;
  retryAfterMs?: number | undefined;
  params?: Record<string, string | number>;
  cause?: unknown;
}

export class RelayError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  requestId: string | undefined;
  /** Worth another try as if nothing had happened: cleared once text was delivered (a retry would repeat it). */
  retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly params: Record<string, string | number>;
  /** Which provider (by id) produced the error, filled in by the client. */
  providerId: string | undefined;

  constructor(code: ErrorCode, message: string, init: RelayErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.params = init.params ?? {};
    this.providerId = undefined;
  }

  /** Key for the UI's localised text, e.g. `error.rate_limited`. */
  get messageKey(): string {
    return `error.${this.code}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name, code: this.code, message: this.message, status: this.status, requestId: this.requestId,
      retryable: this.retryable, retryAfterMs: this.retryAfterMs, params: this.params, providerId: this.providerId,
    };
  }
}

/** The default status of an HTTP-born error, unless the caller says there was none (an error inside a 200 stream). */
function statusOr(init: RelayErrorInit, status: number): number | undefined {
  return 'status' in init ? init.status : status;
}

export class ConfigError extends RelayError {
  constructor(message: string, params: Record<string, string | number> = {}) {
    super('config', message, { params });
  }
}
export class AuthError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('auth', message, { ...init, status: statusOr(init, 401) });
  }
}
export class ForbiddenError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('forbidden', message, { ...init, status: statusOr(init, 403) });
  }
}
/** 402, or a relay's own words for it: the account is out of credit. Another try cannot help until the user tops up. */
export class PaymentRequiredError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('payment', message, { ...init, retryable: false, status: statusOr(init, 402) });
  }
}
export class ModelNotFoundError extends RelayError {
  /** Nearest available model names, best first (filled in by the client from GET /models). */
  suggestions: string[] = [];
  constructor(readonly model: string, message: string, init: RelayErrorInit = {}) {
    super('model_not_found', message, { ...init, params: { model, ...init.params } });
  }
}
export class BadRequestError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('bad_request', message, { ...init, status: statusOr(init, 400) });
  }
}
export class RateLimitedError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('rate_limited', message, { retryable: true, ...init, status: statusOr(init, 429) });
  }
}
export class ServerError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('server', message, { retryable: true, ...init });
  }
}
export class HttpError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('http', message, init);
  }
}
/** Could not connect (DNS, TCP, TLS, proxy tunnel or WebSocket handshake) within the limit: a network problem. */
export class ConnectTimeoutError extends RelayError {
  constructor(ms: number) {
    super('timeout_connect', `Could not connect to the server within ${ms} ms.`, { retryable: true, params: { ms } });
  }
}
/**
 * Connected and the request was sent, but no response came within the first-byte limit. Not a
 * network problem: relays that retry upstream themselves hold a request for 30 s or more. Another
 * try would queue behind the same upstream (and may be billed twice), so it is not retried.
 */
export class FirstByteTimeoutError extends RelayError {
  constructor(ms: number) {
    super('timeout_first_byte', `Connected, but the server sent no response within ${ms} ms of the request.`, { retryable: false, params: { ms } });
  }
}
/** No bytes at all (not even a keep-alive) for the idle limit: the stream has stalled. */
export class IdleTimeoutError extends RelayError {
  constructor(ms: number) {
    super('timeout_idle', `The stream stalled: nothing received for ${ms} ms.`, { retryable: true, params: { ms } });
  }
}
export class TotalTimeoutError extends RelayError {
  constructor(ms: number) {
    super('timeout_total', `The answer took longer than the total limit of ${ms} ms.`, { params: { ms } });
  }
}
export class NetworkError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('network', message, { retryable: true, ...init });
  }
}
/** The server answered a WebSocket upgrade with a plain HTTP response: `auto` falls back to SSE. */
export class UpgradeRefusedError extends RelayError {
  constructor(status: number) {
    super('upgrade_refused', `The server refused the WebSocket upgrade (HTTP ${status}).`, { status, params: { status } });
  }
}
export class ProtocolError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('protocol', message, init);
  }
}
/** The body ended before a finish_reason or [DONE]: the text so far was delivered but is incomplete. */
export class TruncatedStreamError extends RelayError {
  constructor(receivedChars: number) {
    super('truncated', `The answer was cut off after ${receivedChars} characters (the stream ended without finishing).`, {
      retryable: true, params: { receivedChars },
    });
  }
}
/** An error the relay sent inside the stream (`event: error` or a `{"error":…}` payload). */
export class UpstreamError extends RelayError {
  constructor(message: string, init: RelayErrorInit = {}) {
    super('upstream', message, init);
  }
}
export class AbortedError extends RelayError {
  constructor() {
    super('aborted', 'The request was cancelled.');
  }
}

export function isRelayError(e: unknown): e is RelayError {
  return e instanceof RelayError;
}
