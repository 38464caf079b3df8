import type { Agent } from 'node:http';
import { libraries } from './lazy';
import { webSocketUrl } from '../client/endpoint';
import { fingerprint, type ResolvedProvider } from '../client/provider';
import type { ConnectionState, Logger, WebSocketOptions } from '../types';
import { WsEndpoint } from './ws-endpoint';

/** The kept WebSockets, one per endpoint, key and auth mode (and proxy). */
export class WsEndpoints {
  private readonly endpoints = new Map<string, WsEndpoint>();
  private readonly proxyAgents = new Map<string, Agent>();

  constructor(
    private readonly ws: WebSocketOptions,
    private readonly handshakeTimeoutMs: number,
    private readonly onStatus: (baseUrl: string, state: ConnectionState, latencyMs: number | undefined) => void,
    private readonly logger: Logger,
    private readonly random: () => number,
  ) {}

  for(provider: ResolvedProvider): WsEndpoint {
    const { auth } = this.ws;
    const url = new URL(webSocketUrl(provider.baseUrl, this.ws.path));
    if (auth === 'query' && provider.apiKey) url.searchParams.set('api_key', provider.apiKey);
    const key = `${url.toString()}#${fingerprint(provider.apiKey)}#${auth}#${provider.proxy ?? ''}`;
    let endpoint = this.endpoints.get(key);
    if (!endpoint) {
      const headers = { ...provider.headers };
      if (auth !== 'header') delete headers.authorization;
      const protocols = auth === 'subprotocol' && provider.apiKey ? [`${this.ws.subprotocolPrefix}${provider.apiKey}`] : [];
      const agent = this.agent(provider.proxy);
      endpoint = new WsEndpoint(
        provider.baseUrl,
        (signal, handshakeTimeoutMs) => ({
          url: url.toString(), headers, protocols, agent, handshakeTimeoutMs, signal,
          pingIntervalMs: this.ws.pingIntervalMs, pongTimeoutMs: this.ws.pongTimeoutMs,
        }),
        this.ws,
        this.handshakeTimeoutMs,
        (state, latencyMs) => this.onStatus(provider.baseUrl, state, latencyMs),
        this.logger,
        this.random,
      );
      this.endpoints.set(key, endpoint);
    }
    return endpoint;
  }

  close(): void {
    for (const endpoint of this.endpoints.values()) endpoint.close();
    this.endpoints.clear();
  }

  /** WebSocket through a proxy: an HTTP CONNECT tunnel (ws takes a node:http agent). */
  private agent(proxy: string | undefined): Agent | undefined {
    if (!proxy) return undefined;
    let agent = this.proxyAgents.get(proxy);
    if (!agent) this.proxyAgents.set(proxy, (agent = new (libraries().HttpsProxyAgent)(proxy)));
    return agent;
  }
}
