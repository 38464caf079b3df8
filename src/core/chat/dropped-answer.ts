import type { ErrorCode } from '../errors';
import type { StreamEvent } from '../types';

/**
 * The errors that end an answer cut off by the network or the relay, as the transports report them once
 * text was shown (after text the client neither retries nor falls back: it ends with this error):
 *
 * - `network`: SSE — the connection reset or closed in the middle of the body (undici's socket error,
 *   sse-transport onResponseError). WebSocket — a drop without a close frame (1006), a close 1000 or any
 *   other code without a finish reason (the relay ended the answer early: the WebSocket form of a
 *   truncated stream), or a peer that stopped answering pings (ws-connection closeError / heartbeat).
 * - `server`: WebSocket close 1011–1014 (server error, restart, try again later, bad gateway); on both
 *   transports, an in-band error that names a 5xx or an overload (`{"error":{"type":"server_error"}}`).
 * - `upstream`: any other in-band error (SSE `event: error` or a `{"error":…}` data payload; WebSocket
 *   `{"type":"error"}` or `{"error":…}` in either dialect) — errorFromStreamPayload.
 * - `rate_limited`: an in-band 429 or quota error mid-answer; continuing later can succeed.
 * - `timeout_idle`: the stream stalled (nothing, not even a keep-alive, for the idle limit), both transports.
 * - `truncated`: SSE only — the body ended without a finish reason or [DONE].
 *
 * Not offered: `aborted` (the user stopped it; the client reports it as `done` with `aborted`), the
 * errors that a continuation would meet again — `auth`, `forbidden` (also WebSocket close 1008, a policy
 * violation), `bad_request`, `model_not_found`, `config` — and `timeout_total`, the user's own limit on
 * an answer's length in time (continuing by itself would defeat it). `protocol`, `http`, `timeout_connect`,
 * `timeout_first_byte` and `upgrade_refused` cannot follow shown text.
 */
const DROPS: readonly ErrorCode[] = ['network', 'server', 'upstream', 'rate_limited', 'timeout_idle', 'truncated'];

/**
 * Whether the terminal event of an answer (`done` or `error`) ends an answer that dropped after text
 * was shown, so that Continue is offered: one of the errors above, or a `done` without any finish
 * reason (`incomplete`: SSE or the WebSocket chunks dialect sent [DONE] with no finish_reason — the relay
 * may have swallowed an upstream error; the typed dialect's done message always means complete). Never
 * when no text was shown: there is nothing to continue, the question is simply asked again.
 */
export function isDroppedAnswer(end: StreamEvent, textShown: boolean): boolean {
  if (!textShown) return false;
  if (end.type === 'error') return DROPS.includes(end.error.code);
  return end.type === 'done' && !end.aborted && end.incomplete === true;
}
