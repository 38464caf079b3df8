import { backoffDelay } from '../client/retry';
import type { RelayError } from '../errors';
import type { ConnectionState, Logger, WebSocketOptions } from '../types';
import { WsConnection, type WsConnectOptions } from './ws-connection';

export type ConnectOptionsFactory = (signal: AbortSignal, handshakeTimeoutMs: number) => WsConnectOptions;

/**
 * The kept WebSocket for one endpoint. Requests borrow it one at a time (a second concurrent request
 * gets a short-lived extra socket). It is replaced after its maximum lifetime, but only between
 * answers, and when it drops while idle it is re-opened in the background with exponential backoff
 * and full jitter, so the next question starts at once.
 */
export class WsEndpoint {
  private kept: WsConnection | undefined;
  private state: ConnectionState = 'idle';
  private latencyMs: number | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectAttempt = 0;
  private readonly backgroundAbort = new AbortController();
  private closed = false;
  /** Set while the kept socket's finished answer waits for its end marker (see releaseWhen). */
  private keptFinishing: Promise<void> | undefined;
  /** Whether this relay ends answers with [DONE] (chunks dialect); learnt false after one never came. */
  sendsEndMarker = true;

  constructor(
    readonly endpoint: string,
    private readonly connectOptions: ConnectOptionsFactory,
    private readonly options: WebSocketOptions,
    /** Handshake limit for background reconnects (requests pass their own first-byte limit). */
    private readonly handshakeTimeoutMs: number,
    private readonly onStatus: (state: ConnectionState, latencyMs: number | undefined) => void,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  /** A ready connection for one request; `retrying` shows the state as reconnecting. */
  async acquire(signal: AbortSignal, handshakeTimeoutMs: number, retrying: boolean): Promise<WsConnection> {
    this.cancelReconnect();
    // The previous answer is complete and only its end marker is outstanding (a short, bounded
    // wait): a quick next question waits for the kept socket instead of opening another one.
    while (this.keptFinishing && this.kept?.busy) await this.keptFinishing;
    const kept = this.kept;
    if (kept && kept.isOpen && !kept.busy) {
      if (!kept.isExpired(this.options.maxLifetimeMs)) {
        kept.busy = true;
        return kept;
      }
      this.logger.debug('websocket: rotating the connection after its maximum lifetime', { endpoint: this.endpoint });
      this.kept = undefined;
      kept.close(1000, 'lifetime');
    }
    this.setState(retrying ? 'reconnecting' : 'connecting');
    let connection: WsConnection;
    try {
      connection = await WsConnection.connect(this.connectOptions(signal, handshakeTimeoutMs));
    } catch (error) {
      this.setState(this.kept?.isOpen ? 'open' : 'closed');
      throw error;
    }
    this.adopt(connection);
    connection.busy = true;
    return connection;
  }

  streaming(): void {
    this.setState('streaming');
  }

  /** The request is over; an extra or expired socket is closed, the kept one waits for the next. */
  release(connection: WsConnection): void {
    connection.busy = false;
    if (connection !== this.kept) {
      connection.close(1000, 'done');
    } else if (connection.isExpired(this.options.maxLifetimeMs)) {
      this.kept = undefined;
      connection.close(1000, 'lifetime');
    }
    this.setState(this.kept?.isOpen ? 'open' : 'closed');
  }

  /** Release once `over` resolves; until then the kept socket is held for its next question, not lent out. */
  releaseWhen(connection: WsConnection, over: Promise<void>): void {
    const released = over.then(() => this.release(connection));
    if (connection !== this.kept) return;
    this.keptFinishing = released;
    void released.then(() => {
      if (this.keptFinishing === released) this.keptFinishing = undefined;
    });
  }

  close(): void {
    this.closed = true;
    this.cancelReconnect();
    this.backgroundAbort.abort();
    this.kept?.close(1000, 'client closed');
    this.kept = undefined;
    this.setState('closed');
  }

  private adopt(connection: WsConnection): void {
    connection.onLatency = (ms) => {
      this.latencyMs = ms;
      this.onStatus(this.state, ms);
    };
    if (this.kept?.isOpen) return; // an extra socket for a concurrent request: not kept
    this.kept = connection;
    this.reconnectAttempt = 0;
    connection.onClose = (error, which) => this.onKeptClosed(error, which);
    this.setState('open');
  }

  private onKeptClosed(error: RelayError, connection: WsConnection): void {
    if (connection !== this.kept) return;
    this.kept = undefined;
    if (this.closed) return;
    const expected = error.params.code === 1000 && /lifetime|done|client closed/.test(String(error.params.reason));
    if (expected) {
      this.setState('closed');
      return;
    }
    this.logger.info('websocket: connection lost, reconnecting', { endpoint: this.endpoint, reason: error.message });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectAttempt >= this.options.reconnectMaxAttempts) {
      this.setState('offline');
      return;
    }
    const delay = backoffDelay(this.reconnectAttempt, { baseDelayMs: this.options.reconnectBaseDelayMs, maxDelayMs: this.options.reconnectMaxDelayMs }, this.random);
    this.reconnectAttempt++;
    this.setState('reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      WsConnection.connect(this.connectOptions(this.backgroundAbort.signal, this.handshakeTimeoutMs)).then(
        (connection) => {
          if (this.closed || this.kept?.isOpen) connection.close(1000, 'done');
          else this.adopt(connection);
        },
        () => {
          if (!this.closed && !this.kept) this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.onStatus(state, this.latencyMs);
  }
}
