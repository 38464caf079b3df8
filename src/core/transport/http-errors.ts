import {
  AuthError, BadRequestError, ForbiddenError, HttpError, ModelNotFoundError, NetworkError, PaymentRequiredError, RateLimitedError,
  RelayError, RelayErrorInit, ServerError, UpstreamError,
} from '../errors';
import { isRetryableStatus } from '../client/retry';

interface ErrorBody {
  message?: string;
  code?: string | number;
  type?: string;
  status?: number;
  /** OpenAI's `param`: the request field the error is about. */
  param?: string;
}

/** Pulls `{ error: { message, code, type } }` (or `{ error: "text" }`, `{ message }`) out of a body. */
export function readErrorBody(value: unknown): ErrorBody | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const inner = record.error ?? (typeof record.message === 'string' && !('choices' in record) ? record : undefined);
  if (typeof inner === 'string') return { message: inner };
  if (!inner || typeof inner !== 'object') return undefined;
  const e = inner as Record<string, unknown>;
  const out: ErrorBody = {};
  if (typeof e.message === 'string') out.message = e.message;
  else if (typeof e.msg === 'string') out.message = e.msg;
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.type === 'string') out.type = e.type;
  if (typeof e.param === 'string') out.param = e.param;
  if (typeof e.status === 'number') out.status = e.status;
  else if (typeof e.code === 'number' && e.code >= 400 && e.code < 600) out.status = e.code;
  return out;
}

/** A short, readable excerpt of a body that is not JSON (e.g. a proxy's HTML 502 page). */
export function excerpt(text: string, max = 200): string {
  const plain = text
    // The <title> of an error page repeats its heading ("502 Bad Gateway" twice): the head goes.
    .replace(/<(head|script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max)}…` : plain;
}

export function looksLikeModelNotFound(body: ErrorBody | undefined): boolean {
  if (!body) return false;
  const code = String(body.code ?? body.type ?? '');
  if (/model[_ ]?not[_ ]?found/i.test(code)) return true;
  // "Unsupported parameter: 'max_tokens' is not supported with this model." is about a field, not the model.
  if ((body.param && body.param !== 'model') || looksLikeFieldRefusal(`${code} ${body.message ?? ''}`)) return false;
  const m = body.message ?? '';
  return /model/i.test(m) && /(not[ _]?(found|exist|supported|available)|does not exist|unknown|invalid model|no available channel)/i.test(m);
}

function looksLikeFieldRefusal(text: string): boolean {
  // "Tool calling is not supported for this model" refuses the tools, not the model.
  return /unsupported[_ ](parameter|value)|unrecognized request argument|extra inputs are not permitted/i.test(text)
    || /\b(?:tools?|tool[ _]?call(?:s|ing)?|function[ _]?call(?:s|ing)?)\b[^.]{0,30}\b(?:not supported|unsupported)|does not support (?:tools|function[ _]?calling)/i.test(text);
}

/** The body's `param` and string `code`, kept for recognising a refused field (refusal.ts). */
function fieldParams(body: ErrorBody | undefined): Record<string, string> {
  return { ...(body?.param ? { param: body.param } : {}), ...(typeof body?.code === 'string' ? { errorCode: body.code } : {}) };
}

/**
 * The relay says the account has no credit left, in a code of its own (one-api and new-api relays
 * answer 403 `insufficient_user_quota`; others `insufficient_balance`). OpenAI's `insufficient_quota`
 * is not among them: OpenAI sends it with 429 for rate and quota limits alike.
 */
export function looksLikeNoCredit(body: ErrorBody | undefined): boolean {
  return /insufficient[_ ](user[_ ]quota|balance|credits?|funds)|payment[_ ]required/i.test(`${body?.code ?? ''} ${body?.type ?? ''}`);
}

export interface HttpErrorContext {
  model: string;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
}

/** The proxy wants credentials (https://www.rfc-editor.org/rfc/rfc9110#status.407): retrying cannot help. */
export function proxyAuthRequired(proxy: string | undefined): NetworkError {
  const which = proxy ? `The proxy ${proxy}` : 'The proxy';
  return new NetworkError(`${which} asks for credentials (HTTP 407): put them in the proxy URL (http://user:password@host:port) or send a Proxy-Authorization header.`, {
    status: 407, retryable: false, params: { reason: 'proxy_auth', proxy: proxy ?? '' },
  });
}

/** Maps an HTTP status and body to the error class for it (one class per kind of status). */
export function errorFromHttp(status: number, bodyText: string, ctx: HttpErrorContext): RelayError {
  // A 407 comes from a proxy (as the answer to a CONNECT, or replayed by a tunnelling agent), never the relay.
  if (status === 407) return proxyAuthRequired(undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const body = readErrorBody(parsed);
  // A relay's JSON message may itself wrap an upstream's HTML page: excerpt it all the same.
  const detail = excerpt(body?.message ?? bodyText);
  // An empty body adds nothing: "Server error (HTTP 502)", not "Server error (HTTP 502): HTTP 502".
  const tail = detail ? `: ${detail}` : '';
  const init: RelayErrorInit = {
    status, requestId: ctx.requestId, retryAfterMs: ctx.retryAfterMs, params: { status, detail, ...fieldParams(body) },
  };
  if (looksLikeModelNotFound(body) && (status === 404 || status === 400 || status === 403 || status === 503)) {
    return new ModelNotFoundError(ctx.model, `The model "${ctx.model}" is not available on this endpoint${tail}`, init);
  }
  if (status === 402 || (status >= 400 && status < 500 && looksLikeNoCredit(body))) {
    return new PaymentRequiredError(`Out of credit at the relay (HTTP ${status})${tail}`, init);
  }
  switch (true) {
    case status === 401:
      return new AuthError(`The API key was rejected (HTTP 401)${tail}`, init);
    case status === 403:
      return new ForbiddenError(`Access denied (HTTP 403)${tail}`, init);
    case status === 404:
      return new HttpError(`Not found (HTTP 404)${tail}. Check the base URL.`, init);
    case status === 429:
      return new RateLimitedError(`Rate limited (HTTP 429)${tail}`, init);
    case status === 400 || status === 422:
      return new BadRequestError(`The request was rejected (HTTP ${status})${tail}`, init);
    case status >= 500:
      return new ServerError(`Server error (HTTP ${status})${tail}`, init);
    default:
      return new HttpError(`HTTP ${status}${tail}`, { ...init, retryable: isRetryableStatus(status) });
  }
}

/**
 * An error object that arrived inside a stream (SSE `event: error`, `{"error":…}` data, WS error
 * message). The response itself was a success (200 / an open socket): a status-like code in the
 * payload picks the kind of error, but the error claims no HTTP status and says "HTTP" nowhere.
 */
export function errorFromStreamPayload(value: unknown, ctx: HttpErrorContext): RelayError {
  const body = readErrorBody(value) ?? { message: typeof value === 'string' ? value : JSON.stringify(value) };
  const text = excerpt(body.message ?? '') || 'unknown error';
  const code = body.status;
  const init: RelayErrorInit = { status: undefined, requestId: ctx.requestId, params: { detail: text, ...(code ? { code } : {}), ...fieldParams(body) } };
  const kind = `${body.code ?? ''} ${body.type ?? ''}`;
  if (looksLikeModelNotFound(body)) return new ModelNotFoundError(ctx.model, `The model "${ctx.model}" is not available: ${text}`, init);
  if (code === 402 || looksLikeNoCredit(body)) return new PaymentRequiredError(`Out of credit at the relay: ${text}`, init);
  if (code === 401 || /auth|invalid_api_key|401/i.test(kind)) return new AuthError(`The API key was rejected: ${text}`, init);
  if (code === 403) return new ForbiddenError(`Access denied: ${text}`, init);
  if (code === 429 || /rate|quota|429/i.test(kind)) return new RateLimitedError(`Rate limited: ${text}`, init);
  if (code === 400 || code === 422) return new BadRequestError(`The request was rejected: ${text}`, init);
  if ((code ?? 0) >= 500 || /server|overload|5\d\d/i.test(kind)) return new ServerError(`The relay reported an error: ${text}`, init);
  return new UpstreamError(`The relay reported an error: ${text}`, init);
}
