import type * as http from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { now } from './completion/behaviour';

/** One connection the client closed, as the relay saw it. */
export interface Disconnect {
  /** Index in `relay.requests` of the request it served last (WebSocket: the last message, else the upgrade). */
  request: number;
  transport: 'http' | 'websocket';
  /** Server-side time of the close: fractional epoch milliseconds (see completion/behaviour `now`). */
  at: number;
  /**
   * The client left while the relay was still answering (response not ended, or a WebSocket answer
   * still streaming). False: it closed an idle keep-alive socket after the answer ended.
   * WebSocket completions (completion/) do not report their answers here: for them it stays false.
   */
  beforeEnd: boolean;
  /** WebSocket: the close code the client sent; 1006 when it dropped the socket without a close frame. */
  code?: number;
}

interface SocketAnswer {
  request: number;
  answering: boolean;
}

/**
 * Notes every connection the client closes, so tests can prove that stopping or breaking out of a
 * stream really closed the request on the wire. Closes the relay makes itself (a scripted reset or
 * close, a restart) are not the client's and are not recorded.
 */
export class DisconnectRecorder {
  readonly log: Disconnect[] = [];
  private readonly closedByRelay = new WeakSet<object>();
  /** The latest request each keep-alive socket served, and whether it was answered in full. */
  private readonly httpSockets = new WeakMap<Socket, SocketAnswer>();
  private readonly wsAnswers = new WeakMap<WebSocket, SocketAnswer>();
  /** Requests whose answer the relay finished sending (server-side time). */
  private readonly ended = new Map<number, number>();
  private waiters: { request: number; resolve: (outcome: Disconnect | 'ended') => void }[] = [];

  /** The relay itself is about to close this socket or WebSocket. */
  relayCloses(connection: Socket | WebSocket | null | undefined): void {
    if (connection) this.closedByRelay.add(connection);
  }

  /** Watches one HTTP request's response and, after it ended, its keep-alive socket. */
  watchResponse(request: number, res: http.ServerResponse): void {
    const socket = res.socket;
    if (!socket) return;
    const known = this.httpSockets.has(socket);
    const answer = { request, answering: true };
    this.httpSockets.set(socket, answer);
    res.on('finish', () => {
      answer.answering = false;
      this.end(request);
    });
    if (known) return;
    socket.on('close', () => {
      const last = this.httpSockets.get(socket);
      if (last && !this.closedByRelay.has(socket)) this.add({ request: last.request, transport: 'http', at: now(), beforeEnd: last.answering });
    });
  }

  watchWebSocket(upgrade: number, ws: WebSocket): void {
    this.wsAnswers.set(ws, { request: upgrade, answering: false });
    ws.on('close', (code) => {
      const last = this.wsAnswers.get(ws);
      if (last && !this.closedByRelay.has(ws)) this.add({ request: last.request, transport: 'websocket', at: now(), beforeEnd: last.answering, code });
    });
  }

  /** A WebSocket message started an answer (`request` is its index in `relay.requests`). */
  answerStarted(ws: WebSocket, request: number): void {
    this.wsAnswers.set(ws, { request, answering: true });
  }

  answerEnded(ws: WebSocket): void {
    const last = this.wsAnswers.get(ws);
    if (!last?.answering) return;
    last.answering = false;
    this.end(last.request);
  }

  /**
   * What happened first to request `request` (its index in `relay.requests`): the client closed the
   * connection mid-answer (the Disconnect), or the relay sent the whole answer ('ended'). Resolves at
   * once when that is already known. A test that awaits it fails fast, rather than timing out, when
   * the client did not close: the scripted answer then simply ends.
   */
  firstOf(request: number): Promise<Disconnect | 'ended'> {
    const known = this.outcome(request);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.waiters.push({ request, resolve }));
  }

  private outcome(request: number): Disconnect | 'ended' | undefined {
    const early = this.log.find((d) => d.request === request && d.beforeEnd);
    if (early) return early;
    return this.ended.has(request) ? 'ended' : undefined;
  }

  private end(request: number): void {
    this.ended.set(request, now());
    this.settle();
  }

  private add(disconnect: Disconnect): void {
    this.log.push(disconnect);
    this.settle();
  }

  private settle(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) {
      const outcome = this.outcome(w.request);
      if (outcome) w.resolve(outcome);
      else this.waiters.push(w);
    }
  }
}
