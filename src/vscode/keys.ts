import * as vscode from 'vscode';
import { ConfigError, normaliseApiKey } from '../core';

export const DEFAULT_PROVIDER = 'default';
const PREFIX = 'relayChat.apiKey.';

/**
 * API keys live only in VS Code's SecretStorage (the OS keychain on desktop), one per provider
 * profile: the primary endpoint is "default", fallback providers use their id.
 */
export class KeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire(e.key.slice(PREFIX.length));
    });
  }

  async get(providerId = DEFAULT_PROVIDER): Promise<string | undefined> {
    return (await this.secrets.get(PREFIX + providerId)) || undefined;
  }

  /** Cleans and checks the key first: an empty or placeholder key is a ConfigError, never stored. */
  async set(raw: string, providerId = DEFAULT_PROVIDER): Promise<void> {
    const key = normaliseApiKey(raw);
    if (!key) throw new ConfigError('The API key is empty.');
    await this.secrets.store(PREFIX + providerId, key);
  }

  async delete(providerId = DEFAULT_PROVIDER): Promise<void> {
    await this.secrets.delete(PREFIX + providerId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
