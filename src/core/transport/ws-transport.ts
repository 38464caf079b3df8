import type { Attempt, AttemptResult } from '../client/attempt';
import { ChunkReader } from './chunk-reader';
import { RelayError, isRelayError } from '../errors';
import { StreamEnding } from './stream-ending';
import type { WebSocketDialect } from '../types';
import type { WsConnection } from './ws-connection';
import type { WsEndpoint } from './ws-endpoint';

/** How long a finished answer's socket waits for its end marker before serving the next question. */
const END_MARKER_GRACE_MS = 1000;

const isEndMarker = (data: string) => data.trim() === '[DONE]' || /"type"\s*:\s*"chat\.completions\.done"/.test(data);

/** Thrown when the socket could not be opened at all: `auto` may fall back to SSE. */
export class WebSocketUnavailable extends Error {
  constructor(readonly error: RelayError) {
    super(error.message);
  }
}

/**
 * The answer is complete but its end marker ([DONE]) may still be on the way. The chunks dialect
 * has no request id, so a late [DONE] read by the next question would end that one: the socket
 * serves no new question until the marker came or a short grace passed. Resolves then.
 */
function endMarkerOrGrace(conn: WsConnection, endpoint: WsEndpoint): Promise<void> {
  return new Promise((resolve) => {
    let over = false;
    const done = (marker: boolean) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      conn.detach();
      // A relay that sent no marker within the grace sends none: its next answers free the socket at once.
      if (!marker) endpoint.sendsEndMarker = false;
      resolve();
    };
    const timer = setTimeout(() => done(false), END_MARKER_GRACE_MS);
    timer.unref();
    conn.attach({
      message: (data) => {
        if (isEndMarker(data)) done(true);
      },
      closed: () => done(true),
    });
  });
}

export function requestMessage(dialect: WebSocketDialect, body: Record<string, unknown>): string {
  return JSON.stringify(dialect === 'typed' ? { type: 'chat.completions.create', ...body } : body);
}

/**
 * One answer over the endpoint's kept WebSocket. Both dialects are read by the same ChunkReader:
 * (a) chat.completion.chunk objects until a finish_reason or [DONE];
 * (b) {type:"chat.completions.chunk",delta} … {type:"chat.completions.done"}, {type:"error"}.
 */
export async function streamOverWebSocket(
  attempt: Attempt,
  endpoint: WsEndpoint,
  dialect: WebSocketDialect,
  retrying: boolean,
): Promise<AttemptResult> {
  let connection;
  try {
    connection = await endpoint.acquire(attempt.signal, attempt.timeouts.firstByteMs, retrying);
  } catch (error) {
    if (isRelayError(error) && error.code !== 'aborted') throw new WebSocketUnavailable(error);
    throw error;
  }
  const conn = connection;

  return new Promise<AttemptResult>((resolve, reject) => {
    let responded = false;
    const reader = new ChunkReader(attempt.emit, attempt.model);
    const ending = new StreamEnding(attempt, reader, { resolve, reject }, (end) => {
      conn.detach();
      // Unlike SSE, a half character held back is let out (as U+FFFD) also when stopped or failed.
      reader.flush();
      if (end.how === 'stopped' || (end.how === 'failed' && conn.isOpen)) {
        // Stopped or failed mid-answer: drop the socket so the relay stops generating (and billing).
        conn.terminate();
        endpoint.release(conn);
      } else if (end.how === 'finished' && !reader.ended && conn.isOpen && endpoint.sendsEndMarker) {
        endpoint.releaseWhen(conn, endMarkerOrGrace(conn, endpoint));
      } else {
        endpoint.release(conn);
      }
    });
    conn.attach({
      message(data) {
        ending.timers.activity();
        if (!responded) {
          responded = true;
          endpoint.streaming();
          attempt.onResponse(undefined);
        }
        try {
          reader.acceptData(data);
        } catch (error) {
          ending.failed(isRelayError(error) ? error : new RelayError('protocol', String(error)));
          return;
        }
        ending.afterInput();
      },
      // A close after the finish_reason is a normal end for relays that skip [DONE].
      closed: (error) => ending.dropped(error),
    });
    ending.timers.start();
    // The socket is open: from here on, silence is the relay's (first byte), not the network's.
    ending.timers.connected();
    conn.send(requestMessage(dialect, attempt.body));
    // Last: an already-aborted signal ends the stream at once, which needs the above.
    ending.listenForAbort();
  });
}
