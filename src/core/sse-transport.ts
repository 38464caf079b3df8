import type { IncomingMessage } from 'node:http';
import type { Attempt, AttemptResult } from './attempt';
import { ChunkReader } from './chunk-reader';
import { chatCompletionsUrl } from './endpoint';
import { NetworkError, ProtocolError, TruncatedStreamError, isRelayError } from './errors';
import { fromNodeError, readBody, requestIdFrom, requestModule } from './http';
import { errorFromHttp, excerpt } from './http-errors';
import { onAbort } from './abort';
import { parseRetryAfter } from './retry';
import { SseDecoder } from './sse-decoder';
import { StreamTimers } from './timers';

/** A chat completion streamed as server-sent events over one POST (decoding: SseDecoder). */
export function streamOverSse(attempt: Attempt): Promise<AttemptResult> {
  const url = new URL(chatCompletionsUrl(attempt.baseUrl));
  const payload = JSON.stringify(attempt.body);
  if (attempt.signal.aborted) return Promise.resolve({ finishReason: null, aborted: true, requestId: undefined });
  return new Promise<AttemptResult>((resolve, reject) => {
    let settled = false;
    let requestId: string | undefined;
    let offAbort = () => {};
    const reader = new ChunkReader(attempt.emit, attempt.model);

    const settle = (error: unknown, aborted = false) => {
      if (settled) return;
      settled = true;
      timers.clear();
      offAbort();
      req.destroy();
      if (error) {
        const relayError = isRelayError(error) ? error : fromNodeError(error, url);
        relayError.requestId ??= requestId ?? reader.completionId;
        reject(relayError);
      } else {
        resolve({ finishReason: reader.finishReason, aborted, requestId: requestId ?? reader.completionId });
      }
    };

    const timers = new StreamTimers(attempt.timeouts, (error) => settle(error));
    const req = requestModule(url).request(url, {
      method: 'POST',
      agent: attempt.agent,
      headers: {
        ...attempt.headers,
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'content-length': Buffer.byteLength(payload),
      },
    });
    req.on('error', (e) => settle(e));
    req.on('response', (res) => {
      timers.activity();
      requestId = requestIdFrom(res.headers);
      const status = res.statusCode ?? 0;
      const type = String(res.headers['content-type'] ?? '').toLowerCase();
      if (status < 200 || status >= 300) {
        readBody(res, 64 * 1024, () => timers.activity()).then((text) => {
          settle(errorFromHttp(status, text, { model: attempt.model, requestId, retryAfterMs: parseRetryAfter(res.headers) }));
        }, settle);
        return;
      }
      attempt.onResponse(requestId);
      if (type.includes('application/json')) {
        // Some relays ignore `stream: true` and answer with one whole completion.
        readBody(res, 16 * 1024 * 1024, () => timers.activity()).then((text) => {
          try {
            reader.acceptObject(JSON.parse(text));
            reader.flush();
            settle(reader.finishReason || reader.chars > 0 ? undefined : new ProtocolError(`The relay answered with JSON but no completion: ${excerpt(text)}`));
          } catch (e) {
            settle(isRelayError(e) ? e : new ProtocolError(`The relay answered with unreadable JSON: ${excerpt(text)}`));
          }
        }, settle);
        return;
      }
      if (type.includes('text/html')) {
        // A captive portal or a proxy's page with status 200: say so instead of printing HTML.
        readBody(res, 64 * 1024).then((text) => settle(new ProtocolError(`Expected an event stream but got an HTML page: ${excerpt(text)}`, { status })), settle);
        return;
      }
      readEvents(res, attempt, reader, timers, settle);
    });
    timers.start();
    req.end(payload);
    offAbort = onAbort(attempt.signal, () => settle(undefined, true));
  });
}

function readEvents(
  res: IncomingMessage,
  attempt: Attempt,
  reader: ChunkReader,
  timers: StreamTimers,
  settle: (error: unknown, aborted?: boolean) => void,
): void {
  const decoder = new SseDecoder(reader, attempt.emit, attempt.model);
  const step = (fn: () => void): boolean => {
    try {
      fn();
      return true;
    } catch (e) {
      reader.flush();
      settle(e);
      return false;
    }
  };
  res.on('data', (chunk: Buffer) => {
    timers.activity();
    if (!step(() => decoder.feed(chunk))) return;
    if (reader.ended) {
      // [DONE]: stop reading even if the relay keeps the connection open.
      reader.flush();
      settle(undefined);
    }
  });
  res.on('end', () => {
    if (!step(() => decoder.end())) return;
    if (reader.ended || reader.finishReason) settle(undefined);
    else settle(new TruncatedStreamError(reader.chars));
  });
  const lost = (e?: Error) => settle(new NetworkError('The connection was lost in the middle of the answer.', e ? { cause: e } : {}));
  res.on('aborted', () => lost());
  res.on('error', (e: Error) => lost(e));
  res.on('close', () => {
    if (!res.complete) lost();
  });
}
