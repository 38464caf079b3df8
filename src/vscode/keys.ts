import * as vscode from 'vscode';
import { ConfigError, normaliseApiKey, type Logger } from '../core';
import { keyOrigin, moveLegacyKeys, originOfSecret, secretName, type ProviderEndpoint } from './key-origin';

export { DEFAULT_PROVIDER } from './key-origin';

/**
 * API keys live only in VS Code's SecretStorage (the OS keychain on desktop), one per endpoint origin
 * (scheme, host, port): a key is looked up by the URL a request goes to, so it is never sent to a host
 * it was not entered for. Fallback providers on the same origin share its key.
 */
export class KeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires the origin whose key was set or removed. */
  readonly onDidChange = this.changed.event;
  private readonly changedHere = new vscode.EventEmitter<string>();
  /** Fires the origin whose key this window set or removed (onDidChange also hears other windows, where the host tells). */
  readonly onDidChangeHere = this.changedHere.event;
  private readonly subscription: vscode.Disposable;
  private moved: Promise<void> = Promise.resolve();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      const origin = originOfSecret(e.key);
      if (origin) this.changed.fire(origin);
    });
  }

  /** Moves keys stored per provider by earlier versions to their hosts; reads wait for it. */
  moveLegacyKeys(providers: readonly ProviderEndpoint[], logger: Logger): Promise<void> {
    this.moved = moveLegacyKeys(this.secrets, providers, (m) => logger.info(m))
      .then(() => undefined, (e: unknown) => logger.error(`Moving stored API keys failed: ${(e as Error).message}`));
    return this.moved;
  }

  /** The key for the origin of `baseUrl`, if one was entered for it. */
  async get(baseUrl: string): Promise<string | undefined> {
    await this.moved;
    const origin = keyOrigin(baseUrl);
    return origin ? (await this.secrets.get(secretName(origin))) || undefined : undefined;
  }

  /**
   * Stores the key for the origin of `baseUrl` and returns that origin. Cleans and checks the key first:
   * an empty or placeholder key, or an endpoint that is not a valid URL, is a ConfigError, never stored.
   */
  async set(raw: string, baseUrl: string): Promise<string> {
    const key = normaliseApiKey(raw);
    if (!key) throw new ConfigError('The API key is empty.', { reason: 'empty_key' });
    const origin = this.originOrThrow(baseUrl);
    await this.moved;
    await this.secrets.store(secretName(origin), key);
    this.changedHere.fire(origin);
    return origin;
  }

  async delete(baseUrl: string): Promise<void> {
    const origin = keyOrigin(baseUrl);
    await this.moved;
    if (!origin) return;
    await this.secrets.delete(secretName(origin));
    this.changedHere.fire(origin);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.changedHere.dispose();
  }

  private originOrThrow(baseUrl: string): string {
    const origin = keyOrigin(baseUrl);
    if (!origin) throw new ConfigError(vscode.l10n.t('The endpoint "{0}" is not a valid URL. Run "Relay Chat: Select Endpoint" first.', baseUrl), { url: baseUrl });
    return origin;
  }
}
