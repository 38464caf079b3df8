import type { Agent, IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import { libraries } from './lazy';
import { AbortedError, ConnectTimeoutError, ForbiddenError, NetworkError, RelayError, ServerError, UpgradeRefusedError } from '../errors';
import { fromNodeError, requestIdFrom } from './http';
import { errorFromHttp } from './http-errors';
import { parseRetryAfter } from '../client/retry';
import type { TlsSettings } from './network';

export interface WsConnectOptions {
  url: string;
  headers: Record<string, string>;
  protocols: string[];
  agent: Agent | undefined;
  /** Certificates and verification for the relay's TLS (direct or inside a proxy tunnel). */
  tls: TlsSettings;
  handshakeTimeoutMs: number;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  signal: AbortSignal;
}

/** What the request currently using the connection wants to hear about. */
export interface WsListener {
  message(data: string): void;
  closed(error: RelayError): void;
}

/**
 * One WebSocket with a heartbeat: a ping every interval, and terminate() when no pong (or any other
 * frame) comes back within the pong timeout — the pattern from the ws README, since TCP alone can
 * take many minutes to notice a dead peer. Control frames: https://www.rfc-editor.org/rfc/rfc6455#section-5.5.2
 */
export class WsConnection {
  readonly openedAt = Date.now();
  latencyMs: number | undefined;
  busy = false;
  private listener: WsListener | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private pongTimer: NodeJS.Timeout | undefined;
  private pingSentAt = 0;
  private heartbeatFailed = false;
  /** Set by the owner: called once when the socket closes for any reason. */
  onClose: ((error: RelayError, connection: WsConnection) => void) | undefined;
  onLatency: ((ms: number) => void) | undefined;

  private constructor(private readonly socket: WebSocket, private readonly options: WsConnectOptions) {
    socket.on('message', (data: WebSocket.RawData) => {
      this.alive();
      this.listener?.message(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString('utf8'));
    });
    socket.on('pong', () => {
      this.latencyMs = Date.now() - this.pingSentAt;
      this.alive();
      this.onLatency?.(this.latencyMs);
    });
    socket.on('ping', () => this.alive());
    socket.on('close', (code: number, reason: Buffer) => {
      this.stopHeartbeat();
      const error = this.heartbeatFailed
        ? new NetworkError(`The connection stopped answering pings (no pong within ${options.pongTimeoutMs} ms) and was closed.`, { params: { ms: options.pongTimeoutMs } })
        : closeError(code, reason.toString('utf8'));
      const listener = this.listener;
      this.listener = undefined;
      listener?.closed(error);
      this.onClose?.(error, this);
    });
    socket.on('error', () => {
      // 'close' follows every 'error' in ws; it carries the outcome.
    });
    this.pingTimer = setInterval(() => this.ping(), options.pingIntervalMs);
    this.pingTimer.unref();
    // One ping at once: the round-trip latency is known from the start, not after the first interval.
    this.ping();
  }

  static connect(options: WsConnectOptions): Promise<WsConnection> {
    return new Promise((resolve, reject) => {
      const url = new URL(options.url);
      if (options.signal.aborted) return reject(new AbortedError());
      const socket = new (libraries().WebSocket)(options.url, options.protocols, {
        headers: options.headers,
        agent: options.agent,
        ...options.tls,
        handshakeTimeout: options.handshakeTimeoutMs > 0 ? options.handshakeTimeoutMs : undefined,
        perMessageDeflate: false,
      });
      let settled = false;
      const fail = (error: RelayError) => {
        if (settled) return;
        settled = true;
        options.signal.removeEventListener('abort', onAbort);
        socket.terminate();
        reject(error);
      };
      const onAbort = () => fail(new AbortedError());
      options.signal.addEventListener('abort', onAbort, { once: true });
      socket.once('open', () => {
        if (settled) return;
        settled = true;
        options.signal.removeEventListener('abort', onAbort);
        resolve(new WsConnection(socket, options));
      });
      // A plain HTTP answer to the upgrade: the relay has no WebSocket here, or refuses us.
      socket.once('unexpected-response', (_req, res) => {
        const status = res.statusCode ?? 0;
        readBody(res, 16 * 1024).then((text) => {
          const mapped = status === 401 || status === 407 || status === 403 || status === 429 || status >= 500
            ? errorFromHttp(status, text, { model: '', requestId: requestIdFrom(res.headers), retryAfterMs: parseRetryAfter(res.headers) })
            : new UpgradeRefusedError(status);
          fail(mapped);
        }, () => fail(new UpgradeRefusedError(status)));
      });
      socket.once('error', (e: Error & { code?: string }) => {
        const refused = /Unexpected server response: (\d+)/.exec(e.message);
        if (/handshake timed out/i.test(e.message)) fail(new ConnectTimeoutError(options.handshakeTimeoutMs));
        else if (refused) fail(new UpgradeRefusedError(Number(refused[1])));
        else fail(fromNodeError(e, url));
      });
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  isExpired(maxLifetimeMs: number, now = Date.now()): boolean {
    return maxLifetimeMs > 0 && now - this.openedAt >= maxLifetimeMs;
  }

  attach(listener: WsListener): void {
    this.listener = listener;
  }

  detach(): void {
    this.listener = undefined;
  }

  send(text: string): void {
    this.socket.send(text);
  }

  close(code = 1000, reason = ''): void {
    this.stopHeartbeat();
    this.socket.close(code, reason);
  }

  /** Drop the connection at once (a dead peer, or an answer the user stopped: the relay must stop billing). */
  terminate(): void {
    this.stopHeartbeat();
    this.socket.terminate();
  }

  private ping(): void {
    if (this.pongTimer || !this.isOpen) return;
    this.pingSentAt = Date.now();
    this.socket.ping();
    this.pongTimer = setTimeout(() => {
      this.heartbeatFailed = true;
      this.socket.terminate();
    }, this.options.pongTimeoutMs);
    this.pongTimer.unref();
  }

  /** Any frame proves the peer is alive. */
  private alive(): void {
    if (this.pongTimer) {
      clearTimeout(this.pongTimer);
      this.pongTimer = undefined;
    }
  }

  private stopHeartbeat(): void {
    clearInterval(this.pingTimer);
    this.alive();
  }
}

/** Close codes: https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1 */
export function closeError(code: number, reason: string): RelayError {
  const why = reason ? `: ${reason}` : '';
  const params = { code, reason };
  switch (code) {
    case 1000:
      return new NetworkError(`The server closed the connection${why}.`, { params });
    case 1008:
      // A close frame, not an HTTP answer: no status to claim (the sentence names the close code instead).
      return new ForbiddenError(`The server closed the connection for a policy violation (1008)${why}.`, { params, status: undefined });
    case 1011:
    case 1012:
    case 1013:
    case 1014:
      return new ServerError(`The server closed the connection with an error (${code})${why}.`, { params });
    case 1006:
      // Abnormal closure: no close frame at all, the socket just died.
      return new NetworkError('The connection dropped without a close frame (1006).', { params });
    default:
      return new NetworkError(`The connection closed (${code})${why}.`, { params });
  }
}

/** The body of a refused upgrade (a small error document), at most `limit` bytes. */
function readBody(res: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size < limit) parts.push(chunk);
      size += chunk.length;
    });
    res.on('end', () => resolve(Buffer.concat(parts).subarray(0, limit).toString('utf8')));
    res.on('error', reject);
  });
}
