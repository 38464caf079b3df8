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

/**
 * The relay's own words, which Relay Chat cannot translate: after a whole sentence in the user's
 * language, quoted and marked as the relay's. Empty when the relay said nothing.
 */
export function relaySaid(words: unknown): string {
  const text = typeof words === 'string' ? words.trim() : '';
  return text ? ` ${vscode.l10n.t('The relay said: "{0}"', text)}` : '';
}

/**
 * A localised sentence for a core error, with the actions that fix it. Never includes the key, and
 * never the core's English `message`: the sentence is composed here from the error's code and
 * parameters, and only the relay's own words (`detail`) appear untranslated, quoted as the relay's.
 */
export function describeError(error: RelayError): ErrorText {
  const p = error.params;
  const said = relaySaid(p.detail);
  const id = error.requestId ? ` (${vscode.l10n.t('request {0}', error.requestId)})` : '';
  switch (error.code) {
    case 'config':
      return configText(error);
    // An error inside a 200 stream has no HTTP status: the text claims one only when the response had it.
    case 'auth':
      return {
        message: (error.status
          ? vscode.l10n.t('The relay rejected the API key (HTTP 401). Set the key from your relay\'s dashboard.')
          : vscode.l10n.t('The relay rejected the API key. Set the key from your relay\'s dashboard.')) + said + id,
        actions: ['setApiKey', 'testConnection'],
      };
    case 'forbidden':
      return {
        message: (p.code === 1008
          ? vscode.l10n.t('The relay closed the connection for a policy violation (1008): it refused this request or key.')
          : error.status ? vscode.l10n.t('The relay denied access (HTTP 403).') : vscode.l10n.t('The relay denied access.')) + (said || relaySaid(p.reason)) + id,
        actions: ['setApiKey', 'showLogs'],
      };
    case 'payment':
      return {
        message: (error.status
          ? vscode.l10n.t('Your relay account is out of credit (HTTP {0}). Top up your balance at the relay, then try again.', error.status)
          : vscode.l10n.t('Your relay account is out of credit. Top up your balance at the relay, then try again.')) + said + id,
        actions: ['retry', 'showLogs'],
      };
    case 'model_not_found': {
      const suggestions = error instanceof ModelNotFoundError ? error.suggestions.join(', ') : '';
      return {
        message: suggestions
          ? vscode.l10n.t('The model "{0}" is not available on this relay. Did you mean: {1}?', String(p.model ?? ''), suggestions)
          : vscode.l10n.t('The model "{0}" is not available on this relay.', String(p.model ?? '')) + said,
        actions: ['selectModel'],
      };
    }
    case 'rate_limited':
      return {
        message: error.retryAfterMs
          ? vscode.l10n.t('Rate limited by the relay; it asks to wait {0} s.', Math.ceil(error.retryAfterMs / 1000))
          : vscode.l10n.t('Rate limited by the relay (or the quota is used up).') + said,
        actions: ['retry'],
      };
    case 'server':
    case 'upstream':
      return {
        message: (error.status ? vscode.l10n.t('The relay reported an error (HTTP {0}).', error.status) : vscode.l10n.t('The relay reported an error.')) + (said || relaySaid(p.reason)) + id,
        actions: ['retry', 'showLogs'],
      };
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
      return setting
        ? { message: setting, actions: error.retryable ? ['retry', 'testConnection'] : ['testConnection'] }
        : { message: networkText(error), actions: ['retry', 'testConnection'] };
    }
    case 'truncated':
      return { message: vscode.l10n.t('The answer was cut off before it finished. The text so far is kept.'), actions: ['retry'] };
    case 'upgrade_refused':
      return { message: vscode.l10n.t('This relay does not accept WebSocket connections. Set the transport to "auto" or "sse".'), actions: ['openSettings'] };
    case 'protocol':
      return { message: vscode.l10n.t('The relay sent something that is not a chat stream: a proxy or a login page may be answering instead of the relay.'), actions: ['testConnection', 'showLogs'] };
    case 'bad_request':
      return {
        message: (error.status === 422
          ? vscode.l10n.t('The relay could not process the request (HTTP 422).')
          : error.status ? vscode.l10n.t('The relay refused the request (HTTP {0}).', error.status) : vscode.l10n.t('The relay refused the request.')) + said + id,
        actions: ['selectModel', 'showLogs'],
      };
    case 'http':
      return { message: httpText(error.status ?? 0) + said + id, actions: error.status === 404 ? ['openSettings', 'testConnection'] : ['showLogs'] };
    case 'aborted':
      return { message: vscode.l10n.t('The request was cancelled.'), actions: [] };
  }
}

/** A setting Relay Chat cannot work with: which one, from the core's `reason`. */
function configText(error: RelayError): ErrorText {
  const p = error.params;
  switch (p.reason) {
    // Composed by the adapter in the user's language already (client-service.ts).
    case 'missing_key': return { message: error.message, actions: ['setApiKey'] };
    case 'empty_key':
      return { message: vscode.l10n.t('The API key is empty. Paste the key from your relay\'s dashboard.'), actions: ['setApiKey'] };
    case 'placeholder_key':
      return { message: vscode.l10n.t('The API key is a placeholder from the documentation, not a real key. Paste the key from your relay\'s dashboard.'), actions: ['setApiKey'] };
    case 'empty_base_url':
      return { message: vscode.l10n.t('The base URL is empty. Set it to your relay, e.g. https://api.example.com/v1.'), actions: ['openSettings'] };
    case 'invalid_base_url':
      return { message: vscode.l10n.t('The base URL "{0}" is not a valid URL.', String(p.url ?? '')), actions: ['openSettings'] };
    case 'base_url_scheme':
      return { message: vscode.l10n.t('The base URL "{0}" must start with http:// or https://.', String(p.url ?? '')), actions: ['openSettings'] };
    case 'header_line_break':
      return { message: vscode.l10n.t('The custom header "{0}" contains a line break. Fix it in relayChat.customHeaders.', String(p.header ?? '')), actions: ['openSettings'] };
    default:
      return { message: vscode.l10n.t('A Relay Chat setting is not valid (base URL, API key or custom headers). Check the Relay Chat settings.'), actions: ['openSettings'] };
  }
}

/** An HTTP status without a class of its own, in a true sentence. */
function httpText(status: number): string {
  switch (status) {
    case 404: return vscode.l10n.t('The relay has nothing at this address (HTTP 404). Check the base URL: most relays end in /v1.');
    case 413: return vscode.l10n.t('The request is larger than the relay accepts (HTTP 413).');
    default: return vscode.l10n.t('The relay answered with HTTP {0}.', status);
  }
}

/** The secure connection itself failed (Node's and undici's TLS error codes). */
export function isTlsFailure(error: RelayError): boolean {
  return /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|EPROTO)/.test(String(error.params.code ?? ''));
}

/** A connection failure without a setting to change, from the system's error code (or the WebSocket close code). */
function networkText(error: RelayError): string {
  const p = error.params;
  const host = String(p.host ?? '') || vscode.l10n.t('the relay');
  const code = p.code;
  if (typeof code === 'number') {
    // A WebSocket close code (RFC 6455); the server's reason, if any, is its own words.
    return (code === 1006
      ? vscode.l10n.t('The connection to the relay dropped without a close frame (1006).')
      : vscode.l10n.t('The relay closed the connection ({0}).', code)) + relaySaid(p.reason);
  }
  if (p.ms !== undefined) return vscode.l10n.t('The connection stopped answering (no reply to a ping within {0} s) and was closed.', Math.round(Number(p.ms) / 1000));
  switch (code) {
    case 'ECONNREFUSED': return vscode.l10n.t('Could not connect to {0}: the connection was refused. Is the relay running and the base URL right?', host);
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return vscode.l10n.t('Could not find the host {0} (DNS lookup failed). Check the base URL, your network or proxy.', host);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET': return vscode.l10n.t('The connection to {0} was closed before an answer came.', host);
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'UND_ERR_CONNECT_TIMEOUT': return vscode.l10n.t('The network could not reach {0} ({1}). Check your connection or proxy.', host, code);
    case undefined:
    case '':
      return vscode.l10n.t('The connection to {0} failed or was lost. Check your connection or proxy.', host);
    default:
      return isTlsFailure(error)
        ? vscode.l10n.t('A secure connection to {0} failed ({1}). A proxy may be intercepting TLS.', host, String(code))
        : vscode.l10n.t('The connection to {0} failed ({1}). Check your connection or proxy.', host, String(code));
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
