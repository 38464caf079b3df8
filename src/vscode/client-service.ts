import * as vscode from 'vscode';
import { ConfigError, QuirkMemory, RelayClient, type ConnectionStatus, type Logger, type ModelDetails, type ProviderConfig } from '../core';
import { headersFor, keyOrigin, needsNoKey } from './key-origin';
import { DEFAULT_PROVIDER, type KeyStore } from './keys';
import { NetworkSettings } from './network-settings';
import { affectsClient, readSettings, relayPrices, type RelaySettings } from './settings';

/**
 * Owns the RelayClient built from the settings. Keys are read from SecretStorage at request time,
 * so a new key needs no rebuild; a settings change builds a new client, and the old one is closed
 * once its answers in flight are done (never cut mid-answer).
 */
export class ClientService implements vscode.Disposable {
  private client: RelayClient | undefined;
  private active = 0;
  private retiring: RelayClient[] = [];
  private readonly statusChanged = new vscode.EventEmitter<ConnectionStatus>();
  readonly onStatus = this.statusChanged.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `quirks`: what relays refused, shared by every client this service builds (and kept by its store). */
  constructor(private readonly keys: KeyStore, private readonly logger: Logger, private readonly quirks: QuirkMemory = new QuirkMemory()) {
    this.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsClient(e)) this.invalidate();
    }));
  }

  get settings(): RelaySettings {
    return readSettings();
  }

  get(): RelayClient {
    if (!this.client) {
      this.client = new RelayClient(this.options(readSettings()));
      this.client.onConnectionStatus((s) => this.statusChanged.fire(s));
    }
    return this.client;
  }

  /** Runs `work` with the current client; the client is not closed while it runs. */
  async use<T>(work: (client: RelayClient) => Promise<T>): Promise<T> {
    const client = this.get();
    this.active++;
    try {
      return await work(client);
    } finally {
      this.active--;
      if (this.active === 0) this.closeRetired();
    }
  }

  dispose(): void {
    this.client?.close();
    this.closeRetired();
    for (const s of this.subscriptions) s.dispose();
    this.statusChanged.dispose();
  }

  private invalidate(): void {
    if (this.client) this.retiring.push(this.client);
    this.client = undefined;
    if (this.active === 0) this.closeRetired();
  }

  private closeRetired(): void {
    for (const c of this.retiring) c.close();
    this.retiring = [];
  }

  private options(s: RelaySettings) {
    const net = new NetworkSettings();
    const primary: ProviderConfig = {
      id: DEFAULT_PROVIDER, baseUrl: s.baseUrl, headers: s.customHeaders,
      apiKey: () => this.key(s.baseUrl), proxy: net.proxyFor(s.baseUrl),
    };
    const fallbacks: ProviderConfig[] = s.fallbackProviders.map((p) => ({
      id: p.id, baseUrl: p.baseUrl, headers: headersFor(p.baseUrl, s.baseUrl, s.customHeaders), ...(p.modelMap ? { modelMap: p.modelMap } : {}),
      apiKey: () => this.key(p.baseUrl), proxy: net.proxyFor(p.baseUrl),
    }));
    return {
      providers: [primary, ...fallbacks],
      transport: s.transport,
      timeouts: { firstByteMs: s.firstByteSeconds * 1000, idleMs: s.idleSeconds * 1000, totalMs: s.totalSeconds * 1000 },
      webSocket: {
        dialect: s.webSocketDialect, auth: s.webSocketAuth,
        pingIntervalMs: s.heartbeatSeconds * 1000, pongTimeoutMs: s.pongTimeoutSeconds * 1000,
        maxLifetimeMs: s.connectionLifetimeMinutes * 60_000,
        reconnectMaxAttempts: s.reconnectMaxAttempts, reconnectMaxDelayMs: s.reconnectMaxDelaySeconds * 1000,
      },
      network: net.network,
      logger: this.logger,
      quirks: this.quirks,
      // Every lookup of a model list (the model picker, the automatic completion model, vscode.lm) keeps its prices.
      onModelList: (baseUrl: string, models: readonly ModelDetails[]) => relayPrices.remember(baseUrl, models),
    };
  }

  /**
   * The key entered for the origin this provider's requests go to: a key never follows a changed base
   * URL to another host. A missing key is a clear error naming the host, except for local servers
   * (Ollama, LM Studio) that need none.
   */
  private async key(baseUrl: string): Promise<string | undefined> {
    const key = await this.keys.get(baseUrl);
    if (key || needsNoKey(baseUrl)) return key;
    // An invalid URL gets this message too; the core reports the URL itself when it builds the request.
    throw new ConfigError(vscode.l10n.t('No API key is set for {0}. Run "Relay Chat: Set API Key".', keyOrigin(baseUrl) ?? baseUrl), { reason: 'missing_key' });
  }
}
