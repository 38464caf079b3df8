import type { Price } from '../usage/price';
import { DEFAULT_EXCLUDE } from '../privacy/excluded-files';
import type { CompletionMode } from '../completion/route-memory';
import type { RetryOptions, TimeoutOptions, TransportChoice, WebSocketAuth, WebSocketDialect, WebSocketOptions } from '../types';

/** Every `relayChat.*` setting's default, in the setting's own unit (keys without `relayChat.`). */
export interface SettingDefaults {
  baseUrl: string;
  model: string;
  transport: TransportChoice;
  'chat.autoContinue': boolean;
  'timeouts.firstByteSeconds': number;
  'timeouts.idleSeconds': number;
  'timeouts.totalSeconds': number;
  'webSocket.heartbeatSeconds': number;
  'webSocket.pongTimeoutSeconds': number;
  'webSocket.connectionLifetimeMinutes': number;
  'webSocket.reconnectMaxAttempts': number;
  'webSocket.reconnectMaxDelaySeconds': number;
  'webSocket.dialect': WebSocketDialect;
  'webSocket.auth': WebSocketAuth;
  fallbackProviders: { id: string; baseUrl: string; modelMap?: Record<string, string> }[];
  customHeaders: Record<string, string>;
  pricing: Record<string, Price>;
  'budget.monthlyUsd': number;
  'completions.enabled': boolean;
  'completions.languages': Record<string, boolean>;
  'completions.model': string;
  'completions.mode': CompletionMode;
  'completions.dailyBudget': number;
  'completions.maxFileSizeKb': number;
  'completions.exclude': readonly string[];
  'languageModels.extensionAccess': Record<string, boolean>;
}

/**
 * The one source of the settings' defaults: the VS Code adapter falls back to these and the core's
 * own defaults below derive from them. package.json repeats them for the Settings UI (a manifest
 * cannot import), and test/unit/project/setting-defaults.test.ts fails when the two differ.
 */
export const SETTING_DEFAULTS: Readonly<SettingDefaults> = {
  baseUrl: 'https://api.holysheep.ai/v1',
  model: 'gpt-4.1',
  transport: 'auto',
  'chat.autoContinue': false,
  'timeouts.firstByteSeconds': 30,
  'timeouts.idleSeconds': 60,
  'timeouts.totalSeconds': 0,
  'webSocket.heartbeatSeconds': 30,
  'webSocket.pongTimeoutSeconds': 10,
  'webSocket.connectionLifetimeMinutes': 60,
  'webSocket.reconnectMaxAttempts': 8,
  'webSocket.reconnectMaxDelaySeconds': 60,
  'webSocket.dialect': 'chunks',
  'webSocket.auth': 'header',
  fallbackProviders: [],
  customHeaders: {},
  // The user's own prices (US dollars per million tokens): none. They win over a relay's published
  // prices and the built-in DEFAULT_PRICING (usage/pricing.ts), which stay out of the setting so that
  // a relay's price is never hidden behind a copy of a default.
  pricing: {},
  'budget.monthlyUsd': 0,
  'completions.enabled': true,
  'completions.languages': { '*': true, plaintext: false, markdown: false, scminput: false },
  'completions.model': '',
  'completions.mode': 'auto',
  'completions.dailyBudget': 0,
  'completions.maxFileSizeKb': 512,
  'completions.exclude': DEFAULT_EXCLUDE,
  'languageModels.extensionAccess': {},
};

const S = SETTING_DEFAULTS;
const SECOND = 1_000;

export const DEFAULT_TIMEOUTS: TimeoutOptions = {
  firstByteMs: S['timeouts.firstByteSeconds'] * SECOND,
  idleMs: S['timeouts.idleSeconds'] * SECOND,
  totalMs: S['timeouts.totalSeconds'] * SECOND,
};

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

export const DEFAULT_WEBSOCKET: WebSocketOptions = {
  path: '/chat/completions',
  dialect: S['webSocket.dialect'],
  auth: S['webSocket.auth'],
  subprotocolPrefix: 'openai-insecure-api-key.',
  pingIntervalMs: S['webSocket.heartbeatSeconds'] * SECOND,
  pongTimeoutMs: S['webSocket.pongTimeoutSeconds'] * SECOND,
  maxLifetimeMs: S['webSocket.connectionLifetimeMinutes'] * 60 * SECOND,
  reconnectBaseDelayMs: 1_000,
  reconnectMaxDelayMs: S['webSocket.reconnectMaxDelaySeconds'] * SECOND,
  reconnectMaxAttempts: S['webSocket.reconnectMaxAttempts'],
};

/** Drops `undefined` values so a partial override never erases a default. */
export function withDefaults<T extends object>(defaults: T, override: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(override ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
