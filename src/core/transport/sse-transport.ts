import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Attempt, AttemptResult } from '../client/attempt';
import { ChunkReader } from './chunk-reader';
import { NetworkError, ProtocolError, TruncatedStreamError, isRelayError } from '../errors';
import { fromNodeError, requestIdFrom } from './http';
import { errorFromHttp, excerpt } from './http-errors';
import { FinishGrace, type FinishCause } from './finish-grace';
import { onAbort } from '../util/abort';
import { parseRetryAfter } from '../client/retry';
import { SseDecoder } from './sse-decoder';
import { StreamTimers } from './timers';

type BodyMode = 'events' | 'json' | 'html' | 'error' | 'discard';

const LIMIT = { json: 16 * 1024 * 1024, html: 64 * 1024, error: 64 * 1024 };

/** After a complete answer the rest of the body is drained (keep-alive reuse), for at most this long. */
const DRAIN_MS = 2000;

/**
 * A chat completion streamed as server-sent events over one POST, on undici's dispatcher API.
 * Chunks that arrive in one socket read are decoded together (one microtask), which keeps the cost
 * per relay write low even when a relay writes a few bytes at a time.
 */
export function streamOverSse(attempt: Attempt, dispatcher: Dispatcher): Promise<AttemptResult> {
  if (attempt.signal.aborted) return Promise.resolve({ finishReason: null, aborted: true, requestId: undefined });
  const url = new URL(`${attempt.baseUrl}${attempt.path}`);
  const payload = JSON.stringify(attempt.body);

  return new Promise<AttemptResult>((resolve, reject) => {
    const reader = new ChunkReader(attempt.emit, attempt.model);
    const decoder = new SseDecoder(reader, attempt.emit, attempt.model);
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let mode: BodyMode = 'events';
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    let requestId: string | undefined;
    let pending: Buffer[] = [];
    let drainScheduled = false;
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let offAbort = () => {};

    // After the finish_reason no limit makes a stall or timeout of a complete answer.
    const timers = new StreamTimers(attempt.timeouts, (error) => (reader.finishReason !== null ? settle(undefined, false, 'grace') : settle(error)));
    const waitForUsage = Boolean((attempt.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage);
    const grace = new FinishGrace(reader, waitForUsage, (cause) => settle(undefined, false, cause));

    const settle = (error: unknown, aborted = false, cause: FinishCause = 'marker') => {
      if (settled) return;
      settled = true;
      timers.clear();
      grace.clear();
      offAbort();
      if (!error && !aborted) reader.flush();
      if (error || aborted || cause === 'grace') {
        // A relay that holds the body open after the answer gets it closed: the socket is not leaked.
        controller?.abort(new Error('closed by the client'));
      } else if (mode === 'events') {
        // Finished before the body ended ([DONE]): read the rest away so the socket can be reused.
        mode = 'discard';
        setTimeout(() => controller?.abort(new Error('body not ended after [DONE]')), DRAIN_MS).unref();
      }
      if (error) {
        const relayError = isRelayError(error) ? error : fromNodeError(error, url);
        relayError.requestId ??= requestId ?? reader.completionId;
        reject(relayError);
      } else {
        resolve({ finishReason: reader.finishReason, aborted, requestId: requestId ?? reader.completionId });
      }
    };

    /** Decodes everything that arrived since the last drain; false when the stream is over. */
    const drain = (): boolean => {
      drainScheduled = false;
      if (settled || !pending.length) return !settled;
      const bytes = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
      pending = [];
      try {
        decoder.feed(bytes);
      } catch (e) {
        reader.flush();
        settle(e);
        return false;
      }
      grace.check();
      return !settled;
    };

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        // undici starts the request once the connection (and any proxy tunnel) is up.
        controller = c;
        if (settled) c.abort(new Error('closed by the client'));
        else timers.connected();
      },
      onResponseStart(_c, statusCode, responseHeaders) {
        timers.activity();
        status = statusCode;
        headers = responseHeaders;
        requestId = requestIdFrom(responseHeaders);
        const type = String(responseHeaders['content-type'] ?? '').toLowerCase();
        if (statusCode < 200 || statusCode >= 300) mode = 'error';
        // Some relays ignore `stream: true` and answer with one whole completion.
        else if (type.includes('application/json')) mode = 'json';
        // A captive portal or a proxy's page with status 200: say so instead of printing HTML.
        else if (type.includes('text/html')) mode = 'html';
        if (mode !== 'error') attempt.onResponse(requestId);
      },
      onResponseData(_c, chunk) {
        timers.activity();
        if (mode === 'discard' || settled) return;
        if (mode === 'events') {
          pending.push(chunk);
          if (!drainScheduled) {
            drainScheduled = true;
            queueMicrotask(drain);
          }
          return;
        }
        if (keptBytes < LIMIT[mode]) kept.push(chunk);
        keptBytes += chunk.length;
      },
      onResponseEnd() {
        if (settled) return;
        if (mode === 'events') {
          if (!drain()) return;
          try {
            decoder.end();
          } catch (e) {
            settle(e);
            return;
          }
          settle(reader.ended || reader.finishReason ? undefined : new TruncatedStreamError(reader.chars));
          return;
        }
        settle(finishWholeBody());
      },
      onResponseError(_c, error) {
        if (settled) return;
        drain();
        if (settled) return;
        reader.flush();
        // Dropped after the finish_reason: only usage or [DONE] was lost, the answer is whole.
        if (reader.finishReason !== null) settle(undefined);
        else settle(status ? new NetworkError('The connection was lost in the middle of the answer.', { cause: error }) : error);
      },
    };

    /** The answer to a non-streamed body: an error for 'error' and 'html', text for 'json'. */
    const finishWholeBody = () => {
      const text = Buffer.concat(kept).toString('utf8').slice(0, LIMIT.json);
      if (mode === 'error') return errorFromHttp(status, text, { model: attempt.model, requestId, retryAfterMs: parseRetryAfter(headers) });
      if (mode === 'html') return new ProtocolError(`Expected an event stream but got an HTML page: ${excerpt(text)}`, { status });
      try {
        reader.acceptObject(JSON.parse(text));
        reader.flush();
        return reader.finishReason || reader.chars > 0 ? undefined : new ProtocolError(`The relay answered with JSON but no completion: ${excerpt(text)}`);
      } catch (e) {
        return isRelayError(e) ? e : new ProtocolError(`The relay answered with unreadable JSON: ${excerpt(text)}`);
      }
    };

    timers.start();
    dispatcher.dispatch({
      origin: url.origin,
      path: url.pathname + url.search,
      method: 'POST',
      headers: { ...attempt.headers, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: payload,
    }, handler);
    // Registered last: an already-aborted signal settles at once, which needs the above.
    offAbort = onAbort(attempt.signal, () => settle(undefined, true));
  });
}
