import * as vscode from 'vscode';
import type { TransportChoice, WebSocketAuth, WebSocketDialect } from '../core';

export const SECTION = 'relayChat';

export interface FallbackProviderSetting {
  id: string;
  baseUrl: string;
  modelMap?: Record<string, string>;
}

export interface Price {
  /** US dollars per million tokens. */
  input?: number;
  output: number;
}

export interface RelaySettings {
  baseUrl: string;
  model: string;
  transport: TransportChoice;
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

export function readSettings(): RelaySettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const num = (key: string, fallback: number) => {
    const v = c.get<number>(key);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  return {
    baseUrl: c.get<string>('baseUrl') ?? '',
    model: c.get<string>('model') ?? '',
    transport: c.get<TransportChoice>('transport') ?? 'auto',
    firstByteSeconds: num('timeouts.firstByteSeconds', 30),
    idleSeconds: num('timeouts.idleSeconds', 60),
    totalSeconds: num('timeouts.totalSeconds', 0),
    heartbeatSeconds: num('webSocket.heartbeatSeconds', 30),
    pongTimeoutSeconds: num('webSocket.pongTimeoutSeconds', 10),
    connectionLifetimeMinutes: num('webSocket.connectionLifetimeMinutes', 60),
    reconnectMaxAttempts: num('webSocket.reconnectMaxAttempts', 8),
    reconnectMaxDelaySeconds: num('webSocket.reconnectMaxDelaySeconds', 60),
    webSocketDialect: c.get<WebSocketDialect>('webSocket.dialect') ?? 'chunks',
    webSocketAuth: c.get<WebSocketAuth>('webSocket.auth') ?? 'header',
    fallbackProviders: (c.get<FallbackProviderSetting[]>('fallbackProviders') ?? []).filter((p) => p && typeof p.baseUrl === 'string'),
    customHeaders: c.get<Record<string, string>>('customHeaders') ?? {},
    pricing: c.get<Record<string, Price>>('pricing') ?? {},
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
