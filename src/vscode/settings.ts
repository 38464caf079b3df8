import * as vscode from 'vscode';
import { RelayPrices, SETTING_DEFAULTS, pricingTable, readPricing, type Price, type SettingDefaults, type TransportChoice, type WebSocketAuth, type WebSocketDialect } from '../core';

export const SECTION = 'relayChat';

export interface FallbackProviderSetting {
  id: string;
  baseUrl: string;
  modelMap?: Record<string, string>;
}

export interface RelaySettings {
  baseUrl: string;
  model: string;
  transport: TransportChoice;
  /** Continue a dropped answer once by itself (else the panel offers Continue). */
  autoContinue: boolean;
  firstByteSeconds: number;
  idleSeconds: number;
  totalSeconds: number;
  heartbeatSeconds: number;
  pongTimeoutSeconds: number;
  connectionLifetimeMinutes: number;
  reconnectMaxAttempts: number;
  reconnectMaxDelaySeconds: number;
  webSocketDialect: WebSocketDialect;
  webSocketAuth: WebSocketAuth;
  fallbackProviders: FallbackProviderSetting[];
  customHeaders: Record<string, string>;
  pricing: Record<string, Price>;
}

/** Endpoint presets offered by "Select Endpoint" and the walkthrough. */
export const ENDPOINT_PRESETS: { label: string; url: string }[] = [
  { label: 'HolySheep relay', url: 'https://api.holysheep.ai/v1' },
  { label: 'OpenAI', url: 'https://api.openai.com/v1' },
  { label: 'DeepSeek', url: 'https://api.deepseek.com/v1' },
  { label: 'OpenRouter', url: 'https://openrouter.ai/api/v1' },
  { label: 'Ollama (local)', url: 'http://127.0.0.1:11434/v1' },
  { label: 'LM Studio (local)', url: 'http://127.0.0.1:1234/v1' },
];

/** What each relay's model list published as prices, in this window (the client service feeds it). */
export const relayPrices = new RelayPrices();

/** The last table of prices, kept while the setting and the relay's list are the same (read on every request). */
let lastPrices: { setting: string; relay: Readonly<Record<string, Price>>; table: Record<string, Price> } | undefined;

function pricesFor(value: unknown, relay: Readonly<Record<string, Price>>): Record<string, Price> {
  const setting = JSON.stringify(value) ?? '';
  if (lastPrices?.setting !== setting || lastPrices.relay !== relay) lastPrices = { setting, relay, table: pricingTable(readPricing(value).entries, relay) };
  return lastPrices.table;
}

export function readSettings(): RelaySettings {
  const setting = settingReader(vscode.workspace.getConfiguration(SECTION), '');
  const baseUrl = setting.value('baseUrl');
  return {
    baseUrl,
    model: setting.value('model'),
    transport: setting.value('transport'),
    autoContinue: setting.value('chat.autoContinue') === true,
    firstByteSeconds: setting.number('timeouts.firstByteSeconds'),
    idleSeconds: setting.number('timeouts.idleSeconds'),
    totalSeconds: setting.number('timeouts.totalSeconds'),
    heartbeatSeconds: setting.number('webSocket.heartbeatSeconds'),
    pongTimeoutSeconds: setting.number('webSocket.pongTimeoutSeconds'),
    connectionLifetimeMinutes: setting.number('webSocket.connectionLifetimeMinutes'),
    reconnectMaxAttempts: setting.number('webSocket.reconnectMaxAttempts'),
    reconnectMaxDelaySeconds: setting.number('webSocket.reconnectMaxDelaySeconds'),
    webSocketDialect: setting.value('webSocket.dialect'),
    webSocketAuth: setting.value('webSocket.auth'),
    fallbackProviders: setting.value('fallbackProviders').filter((p) => p && typeof p.baseUrl === 'string'),
    customHeaders: setting.value('customHeaders'),
    // The user's valid entries (UsageService warns about the others), then the relay's published
    // prices, then the defaults by model family.
    pricing: pricesFor(setting.value('pricing'), relayPrices.for(baseUrl)),
  };
}

/**
 * The settings that decide what you pay. Only the user's own settings count: a repository's
 * `.vscode/settings.json` could otherwise zero the prices and switch every budget off.
 */
export const USER_ONLY_SETTINGS = ['pricing', 'budget.monthlyUsd', 'completions.dailyBudget'] as const satisfies readonly (keyof SettingDefaults)[];

const userOnly = (name: keyof SettingDefaults): boolean => (USER_ONLY_SETTINGS as readonly string[]).includes(name);

/** A setting's value in the user's settings, else its default; workspace and folder values are ignored. */
export function userValue<T>(c: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const seen = c.inspect<T>(key);
  return seen?.globalValue ?? seen?.defaultValue;
}

type NumberSetting = { [K in keyof SettingDefaults]: SettingDefaults[K] extends number ? K : never }[keyof SettingDefaults];

/**
 * Reads `relayChat.*` settings of a configuration section (`prefix` = the section below relayChat,
 * with its dot), falling back to the core's SETTING_DEFAULTS, the one place defaults live. The
 * USER_ONLY_SETTINGS are read from the user's settings alone.
 */
export function settingReader(c: vscode.WorkspaceConfiguration, prefix: '' | 'completions.') {
  const key = (name: keyof SettingDefaults) => name.slice(prefix.length);
  const read = <K extends keyof SettingDefaults>(name: K): SettingDefaults[K] | undefined =>
    userOnly(name) ? userValue<SettingDefaults[K]>(c, key(name)) : c.get<SettingDefaults[K]>(key(name));
  return {
    value: <K extends keyof SettingDefaults>(name: K): SettingDefaults[K] => read(name) ?? SETTING_DEFAULTS[name],
    /** A finite number >= 0, else the default. */
    number: (name: NumberSetting): number => {
      const v = read(name);
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : SETTING_DEFAULTS[name];
    },
  };
}

/** The model is a workspace choice (as users asked); without a workspace it goes to user settings. */
export async function writeModel(model: string): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update('model', model, target);
}

export function affectsClient(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION) || e.affectsConfiguration('http'); // proxy, proxy auth, strict SSL, certificates
}

/** The base URL's host (and port), as the user recognises their relay; undefined when it is no URL. */
export function baseUrlHost(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).host || undefined;
  } catch {
    return undefined;
  }
}
