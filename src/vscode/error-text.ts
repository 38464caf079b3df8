import * as vscode from 'vscode';
import { ModelNotFoundError, type RelayError } from '../core';
import type { FixAction } from '../shared/protocol';

export type { FixAction };

export interface ErrorText {
  message: string;
  /** What would fix it, most useful first. */
  actions: FixAction[];
}

export function actionLabel(action: FixAction): string {
  switch (action) {
    case 'setApiKey': return vscode.l10n.t('Set API Key');
    case 'selectModel': return vscode.l10n.t('Select Model');
    case 'testConnection': return vscode.l10n.t('Test Connection');
    case 'retry': return vscode.l10n.t('Retry');
    case 'showLogs': return vscode.l10n.t('Show Logs');
    case 'openSettings': return vscode.l10n.t('Open Settings');
    case 'explainSelection': return vscode.l10n.t('Explain Selection');
    case 'completionsMenu': return vscode.l10n.t('Inline Suggestions…');
  }
}

/** A localised sentence for a core error, with the actions that fix it. Never includes the key. */
export function describeError(error: RelayError): ErrorText {
  const p = error.params;
  const detail = String(p.detail ?? '');
  const id = error.requestId ? ` (${vscode.l10n.t('request {0}', error.requestId)})` : '';
  switch (error.code) {
    case 'config':
      return p.reason === 'missing_key' || /key/i.test(error.message)
        ? { message: error.message, actions: ['setApiKey'] }
        : { message: vscode.l10n.t('Check the Relay Chat settings: {0}', error.message), actions: ['openSettings'] };
    // An error inside a 200 stream has no HTTP status: the text claims one only when the response had it.
    case 'auth':
      return {
        message: (error.status
          ? vscode.l10n.t('The relay rejected the API key (HTTP 401). Set the key from your relay\'s dashboard.')
          : vscode.l10n.t('The relay rejected the API key. Set the key from your relay\'s dashboard.')) + id,
        actions: ['setApiKey', 'testConnection'],
      };
    case 'forbidden':
      return {
        message: (error.status ? vscode.l10n.t('Access denied (HTTP 403): {0}', detail || error.message) : vscode.l10n.t('Access denied: {0}', detail || error.message)) + id,
        actions: ['setApiKey', 'showLogs'],
      };
    case 'model_not_found': {
      const suggestions = error instanceof ModelNotFoundError ? error.suggestions.join(', ') : '';
      return {
        message: suggestions
          ? vscode.l10n.t('The model "{0}" is not available on this relay. Did you mean: {1}?', String(p.model ?? ''), suggestions)
          : vscode.l10n.t('The model "{0}" is not available on this relay.', String(p.model ?? '')),
        actions: ['selectModel'],
      };
    }
    case 'rate_limited':
      return {
        message: error.retryAfterMs
          ? vscode.l10n.t('Rate limited by the relay; it asks to wait {0} s.', Math.ceil(error.retryAfterMs / 1000))
          : vscode.l10n.t('Rate limited by the relay (or the quota is used up): {0}', detail || error.message),
        actions: ['retry'],
      };
    case 'server':
    case 'upstream':
      return { message: vscode.l10n.t('The relay reported an error: {0}', detail || error.message) + id, actions: ['retry', 'showLogs'] };
    case 'timeout_connect':
      return { message: vscode.l10n.t('Could not connect to the relay within {0} s. Check your network or proxy.', Math.round(Number(p.ms ?? 0) / 1000)), actions: ['retry', 'testConnection'] };
    case 'timeout_first_byte':
      // Connected, the relay just did not answer: not a network problem (some relays retry upstream for 30 s and more).
      return {
        message: vscode.l10n.t('The relay accepted the request but sent no response within {0} s; it may be busy retrying upstream. To wait longer, raise relayChat.timeouts.firstByteSeconds.', Math.round(Number(p.ms ?? 0) / 1000)),
        actions: ['retry', 'openSettings'],
      };
    case 'timeout_idle':
      return { message: vscode.l10n.t('The answer stalled: nothing arrived for {0} s. The text so far is kept.', Math.round(Number(p.ms ?? 0) / 1000)), actions: ['retry', 'testConnection'] };
    case 'timeout_total':
      return { message: vscode.l10n.t('The answer took longer than the total limit of {0} s.', Math.round(Number(p.ms ?? 0) / 1000)), actions: ['retry', 'openSettings'] };
    case 'network': {
      const setting = networkFix(error);
      return setting ? { message: setting, actions: error.retryable ? ['retry', 'testConnection'] : ['testConnection'] } : { message: vscode.l10n.t('Network problem: {0}', error.message), actions: ['retry', 'testConnection'] };
    }
    case 'truncated':
      return { message: vscode.l10n.t('The answer was cut off before it finished. The text so far is kept.'), actions: ['retry'] };
    case 'upgrade_refused':
      return { message: vscode.l10n.t('This relay does not accept WebSocket connections. Set the transport to "auto" or "sse".'), actions: ['openSettings'] };
    case 'protocol':
      return { message: vscode.l10n.t('The relay sent something that is not a chat stream: {0}', error.message), actions: ['testConnection', 'showLogs'] };
    case 'bad_request':
      return { message: vscode.l10n.t('The relay rejected the request: {0}', detail || error.message) + id, actions: ['selectModel', 'showLogs'] };
    default:
      return { message: error.message + id, actions: ['showLogs'] };
  }
}

/** A network failure the user fixes in VS Code's `http.*` settings or the OS store: which one, and why. */
export function networkFix(error: RelayError): string | undefined {
  const p = error.params;
  switch (p.reason) {
    case 'proxy_auth':
      return vscode.l10n.t('The proxy asks for credentials (HTTP 407). Set `http.proxyAuthorization` (e.g. "Basic …"), or put them in `http.proxy` as http://user:password@host:port.');
    case 'proxy_unreachable':
      return vscode.l10n.t('Could not connect to the proxy {0} ({1}). Check `http.proxy` (or HTTPS_PROXY) and that the proxy is running; list hosts to reach directly in `http.noProxy`.', String(p.proxy ?? ''), String(p.code || '?'));
    case 'proxy_refused':
      return vscode.l10n.t('The proxy refused the connection to {0} (HTTP {1}). Check `http.proxy`, or add the host to `http.noProxy` if it must be reached directly.', String(p.host ?? ''), String(p.status ?? ''));
    case 'tls_untrusted':
      return vscode.l10n.t('The certificate of {0} is not trusted ({1}). If a proxy or antivirus inspects TLS, add its CA certificate to the OS certificate store (trusted while `http.systemCertificates` is on), or set `http.proxyStrictSSL` to false.', String(p.proxy || p.host || ''), String(p.code ?? ''));
    default:
      return undefined;
  }
}

/** Runs a button's action (notifications, the panel's error buttons and its welcome). */
export async function runFix(action: FixAction): Promise<void> {
  const command: Record<FixAction, string | undefined> = {
    setApiKey: 'relayChat.setApiKey', selectModel: 'relayChat.selectModel', testConnection: 'relayChat.testConnection',
    showLogs: 'relayChat.showLogs', openSettings: 'workbench.action.openSettings', retry: undefined,
    explainSelection: 'relayChat.explainSelection', completionsMenu: 'relayChat.completionsMenu',
  };
  const id = command[action];
  if (id) await vscode.commands.executeCommand(id, ...(action === 'openSettings' ? ['relayChat'] : []));
}
