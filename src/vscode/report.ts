import * as vscode from 'vscode';
import type { DiagnosticReport, DiagnosticStep, RelayError } from '../core';
import { describeError, isTlsFailure, networkFix } from './error-text';

// Marks every UI font has (no emoji font needed).
const MARK: Record<DiagnosticStep['outcome'], string> = { ok: '✓', warn: '⚠', fail: '✗', skipped: '–' };

function stepName(step: DiagnosticStep): string {
  switch (step.id) {
    case 'models': return vscode.l10n.t('Model list (GET /models)');
    case 'model': return vscode.l10n.t('Chosen model');
    case 'chat': return vscode.l10n.t('Chat (one-token probe)');
    case 'usage': return vscode.l10n.t('Token usage reporting');
    case 'websocket': return vscode.l10n.t('WebSocket upgrade');
    case 'completions': return vscode.l10n.t('Inline completions ({0})', String(step.facts.model ?? ''));
  }
}

function result(step: DiagnosticStep): string {
  const f = step.facts;
  if (step.outcome === 'skipped') return step.id === 'websocket' ? vscode.l10n.t('not offered (SSE will be used)') : vscode.l10n.t('skipped');
  switch (step.id) {
    case 'models': return step.error ? describeError(step.error).message : vscode.l10n.t('{0} models', Number(f.count ?? 0));
    case 'model': return vscode.l10n.t('"{0}" is not listed', String(f.model ?? ''));
    case 'chat': return step.error ? describeError(step.error).message : vscode.l10n.t('first byte after {0} ms', Number(f.firstByteMs ?? 0));
    case 'usage': return step.outcome === 'ok' ? vscode.l10n.t('reported') : vscode.l10n.t('not reported: costs are estimated');
    case 'websocket': return step.error ? describeError(step.error).message : vscode.l10n.t('accepted');
    case 'completions': return step.error ? describeError(step.error).message : routeText(String(f.route ?? ''));
  }
}

function routeText(route: string): string {
  if (route === 'completions') return vscode.l10n.t('fill-in-the-middle via /completions');
  if (route === 'fim') return vscode.l10n.t('fill-in-the-middle via /fim/completions');
  return vscode.l10n.t('chat endpoint (no fill-in-the-middle on this relay)');
}

/** What to do about a failed or doubtful step, in the user's words. */
function fix(step: DiagnosticStep, baseUrl: string): string | undefined {
  const e: RelayError | undefined = step.error;
  if (step.id === 'model') return vscode.l10n.t('Run **Relay Chat: Select Model**. Closest names: {0}.', String(step.facts.suggestions || '—'));
  if (step.id === 'completions' && step.outcome === 'warn') {
    return vscode.l10n.t('Inline completions cannot use "{0}": run **Relay Chat: Select Completion Model**, or set `relayChat.completions.mode` to `chat`.', String(step.facts.model ?? ''));
  }
  if (step.id === 'usage' && step.outcome === 'warn') return vscode.l10n.t('This relay does not report token usage; the panel estimates tokens and cost.');
  if (!e || step.outcome === 'ok' || step.outcome === 'skipped') return undefined;
  switch (e.code) {
    case 'auth': return vscode.l10n.t('The key was rejected. Run **Relay Chat: Set API Key** and paste the key from your relay\'s dashboard.');
    case 'forbidden': return vscode.l10n.t('The key is valid but not allowed here: check your relay plan or the model\'s group.');
    case 'config': return describeError(e).message;
    case 'payment': return vscode.l10n.t('Your relay account is out of credit: top up your balance on the relay\'s website.');
    case 'model_not_found': return vscode.l10n.t('Run **Relay Chat: Select Model** and choose a model this relay offers.');
    case 'http': return e.status === 404 ? vscode.l10n.t('The base URL `{0}` looks wrong: most relays end in `/v1`.', baseUrl) : undefined;
    case 'network':
      return networkFix(e) ?? (e.params.code === 'ENOTFOUND' || e.params.code === 'EAI_AGAIN'
        ? vscode.l10n.t('Check the base URL `{0}` for typos. Behind a proxy? Set `http.proxy` in VS Code.', baseUrl)
        : isTlsFailure(e)
          ? vscode.l10n.t('A secure connection failed: if a proxy or antivirus inspects TLS, add its CA certificate to the OS certificate store, or set `http.proxyStrictSSL` to false.')
          : vscode.l10n.t('Is the relay reachable from here? Behind a proxy? Set `http.proxy` in VS Code.'));
    case 'timeout_connect': return vscode.l10n.t('The relay is slow or unreachable; a proxy (`http.proxy`) may be needed.');
    case 'timeout_first_byte':
      return vscode.l10n.t('The relay accepted the connection but sent no response within {0} s; it may be busy. To wait longer, raise `relayChat.timeouts.firstByteSeconds`.',
        Math.round(Number(e.params.ms ?? 0) / 1000));
    case 'rate_limited': return vscode.l10n.t('Wait a moment, or check your relay\'s quota and balance.');
    case 'protocol': return vscode.l10n.t('Something between you and the relay (a proxy or login page) answers instead of the relay.');
    default: return undefined;
  }
}

/** The Test Connection report as Markdown. */
export function renderReport(report: DiagnosticReport, when = new Date()): string {
  const lines = [
    `# ${vscode.l10n.t('Relay Chat — Connection test')}`,
    '',
    `${vscode.l10n.t('Endpoint')}: \`${report.baseUrl || '—'}\` · ${vscode.l10n.t('Model')}: \`${report.model || '—'}\` · ${when.toLocaleString()}`,
    '',
    `**${report.ok ? vscode.l10n.t('Result: ready to chat.') : vscode.l10n.t('Result: something needs fixing.')}**`,
    '',
    `| ${vscode.l10n.t('Check')} | ${vscode.l10n.t('Result')} | ${vscode.l10n.t('Time')} |`,
    '|---|---|---|',
    ...report.steps.map((s) => `| ${MARK[s.outcome]} ${stepName(s)} | ${result(s).replace(/\|/g, '\\|')} | ${s.ms !== undefined ? `${s.ms} ms` : ''} |`),
  ];
  const fixes = report.steps.map((s) => fix(s, report.baseUrl)).filter((f): f is string => Boolean(f));
  if (fixes.length) lines.push('', `## ${vscode.l10n.t('What to fix')}`, '', ...fixes.map((f) => `- ${f}`));
  return `${lines.join('\n')}\n`;
}

/** Read-only documents for reports: never dirty, never saved. */
export class ReportDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'relay-chat-report';
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  publish(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ReportDocuments.scheme, path: `/${name}.md` });
    this.contents.set(uri.path, markdown);
    this.changed.fire(uri);
    return uri;
  }
}
