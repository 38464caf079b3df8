import type { Agent as HttpAgent } from 'node:http';
import * as tls from 'node:tls';
import type { HttpsProxyAgent, HttpsProxyAgentOptions } from 'https-proxy-agent';
import type { Dispatcher, buildConnector } from 'undici';
import type { NetworkOptions } from '../types';
import { libraries } from './lazy';

// undici (the HTTP client inside Node's fetch) is several times cheaper per chunk than node:http.
// Its default headersTimeout and bodyTimeout are 300 s each, which would cut a long answer or a
// slow-thinking model: both are off here, and StreamTimers enforces the limits we document.
const NO_HIDDEN_TIMEOUTS = { headersTimeout: 0, bodyTimeout: 0, connectTimeout: 30_000 } as const;

/** TLS options every connection gets, for the relay and for an HTTPS proxy alike. */
export interface TlsSettings {
  rejectUnauthorized: boolean;
  /** Node's CAs plus the extra ones, parsed once (hundreds of CAs cost tens of ms per context). */
  secureContext?: tls.SecureContext;
}

/** Marks an error that happened at the proxy (refused, unreachable, 407), for the error text. */
export const PROXY_FAILURE = Symbol('proxy failure');
export type ProxyFailure = Error & { [PROXY_FAILURE]?: string };

/**
 * The connections of one client: shared undici dispatchers for SSE and node:http agents for ws,
 * direct or through an HTTP(S) proxy (a CONNECT tunnel), all with the same certificates, TLS
 * verification and proxy credentials.
 */
export class Network {
  private readonly options: NetworkOptions;
  private tlsSettings: TlsSettings | undefined;
  private readonly dispatchers = new Map<string, Dispatcher>();
  private readonly wsAgents = new Map<string, HttpAgent>();

  constructor(options: NetworkOptions = {}) {
    this.options = options;
  }

  /** Built at the first connection, not at startup. */
  get tls(): TlsSettings {
    if (!this.tlsSettings) {
      const extra = this.options.ca ?? [];
      this.tlsSettings = { rejectUnauthorized: this.options.rejectUnauthorized ?? true };
      // `ca` replaces Node's store rather than adding to it: start from Node's own (bundled and NODE_EXTRA_CA_CERTS).
      if (extra.length) this.tlsSettings.secureContext = tls.createSecureContext({ ca: [...new Set([...defaultCertificates(), ...extra])] });
    }
    return this.tlsSettings;
  }

  /** The dispatcher for SSE and JSON requests. */
  dispatcher(proxy: string | undefined): Dispatcher {
    const key = proxy ?? '';
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      const connect = { ...this.tls };
      const { Agent, Pool, ProxyAgent } = libraries();
      dispatcher = proxy
        ? new ProxyAgent({
          uri: proxy, ...NO_HIDDEN_TIMEOUTS, requestTls: connect, proxyTls: connect,
          ...(this.options.proxyAuthorization ? { token: this.options.proxyAuthorization } : {}),
          clientFactory: (origin, opts) => new Pool(origin, { ...opts, connect: proxyConnector(proxy, connect) }),
        })
        : new Agent({ ...NO_HIDDEN_TIMEOUTS, connect });
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  /** The node:http agent for a WebSocket through a proxy (undefined: direct). TLS to the relay is set per socket by `tls`. */
  wsAgent(proxy: string | undefined): HttpAgent | undefined {
    if (!proxy) return undefined;
    let agent = this.wsAgents.get(proxy);
    if (!agent) {
      const headers = this.options.proxyAuthorization ? { 'Proxy-Authorization': this.options.proxyAuthorization } : undefined;
      // As for SSE, Proxy-Authorization wins over credentials in the URL (https-proxy-agent would overwrite it with them).
      const url = new URL(proxy);
      if (headers) url.username = url.password = '';
      agent = markingProxyAgent(url.href, { ...this.tls, ...(headers ? { headers } : {}) });
      this.wsAgents.set(proxy, agent);
    }
    return agent;
  }

  close(): void {
    for (const d of this.dispatchers.values()) void d.close().catch(() => undefined);
    for (const a of this.wsAgents.values()) a.destroy();
    this.dispatchers.clear();
    this.wsAgents.clear();
  }
}

function defaultCertificates(): readonly string[] {
  // getCACertificates: Node ≥ 22.15 / 23.5 (VS Code's extension host runs Node 22 or later).
  const get = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  return get ? get('default') : tls.rootCertificates;
}

function mark(error: unknown, proxy: string): unknown {
  if (error instanceof Error) (error as ProxyFailure)[PROXY_FAILURE] = proxyHost(proxy);
  return error;
}

/** The proxy's host:port, never its credentials. */
export function proxyHost(proxy: string): string {
  try {
    return new URL(proxy).host;
  } catch {
    return 'the proxy';
  }
}

/** A connector to the proxy whose failures (refused, unreachable, its own TLS) are marked as the proxy's. */
function proxyConnector(proxy: string, settings: TlsSettings): buildConnector.connector {
  const connect = libraries().buildConnector({ ...settings });
  return (options, callback) => connect(options, (...args) => {
    if (args[0]) callback(mark(args[0], proxy) as Error, null);
    else callback(...args);
  });
}

/** ws through a proxy: https-proxy-agent's CONNECT tunnel, with the proxy's failures marked. */
let MarkingProxyAgent: (new (proxy: string, options: HttpsProxyAgentOptions<string>) => HttpsProxyAgent<string>) | undefined;

/** The class is made at first use: its base comes from the lazily loaded libraries (lazy.ts). */
function markingProxyAgent(proxy: string, options: HttpsProxyAgentOptions<string>): HttpsProxyAgent<string> {
  MarkingProxyAgent ??= class extends libraries().HttpsProxyAgent<string> {
    override connect(...args: Parameters<HttpsProxyAgent<string>['connect']>): ReturnType<HttpsProxyAgent<string>['connect']> {
      return super.connect(...args).catch((e: unknown) => {
        throw mark(e, this.proxy.href);
      });
    }
  };
  return new MarkingProxyAgent(proxy, options);
}
