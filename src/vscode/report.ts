import * as vscode from 'vscode';
import type { DiagnosticReport, DiagnosticStep, RelayError } from '../core';

const MARK: Record<DiagnosticStep['outcome'], string> = { ok: '✅', warn: '⚠️', fail: '❌', skipped: '➖' };

function stepName(step: DiagnosticStep): string {
  const t = vscode.l10n.t;
  switch (step.id) {
    case 'models': return t('Model list (GET /models)');
    case 'model': return t('Chosen model');
    case 'chat': return t('Chat (one-token probe)');
    case 'usage': return t('Token usage reporting');
    case 'websocket': return t('WebSocket upgrade');
  }
}

function result(step: DiagnosticStep): string {
  const t = vscode.l10n.t;
  const f = step.facts;
  if (step.outcome === 'skipped') return step.id === 'websocket' ? t('not offered (SSE will be used)') : t('skipped');
  switch (step.id) {
    case 'models': return step.error ? step.error.message : t('{0} models', Number(f.count ?? 0));
    case 'model': return t('"{0}" is not listed', String(f.model ?? ''));
    case 'chat': return step.error ? step.error.message : t('first byte after {0} ms', Number(f.firstByteMs ?? 0));
    case 'usage': return step.outcome === 'ok' ? t('reported') : t('not reported: costs are estimated');
    case 'websocket': return step.error ? step.error.message : t('accepted');
  }
}

/** What to do about a failed or doubtful step, in the user's words. */
function fix(step: DiagnosticStep, baseUrl: string): string | undefined {
  const t = vscode.l10n.t;
  const e: RelayError | undefined = step.error;
  if (step.id === 'model') return t('Run **Relay Chat: Select Model**. Closest names: {0}.', String(step.facts.suggestions || '—'));
  if (step.id === 'usage' && step.outcome === 'warn') return t('This relay does not report token usage; the panel estimates tokens and cost.');
  if (!e || step.outcome === 'ok' || step.outcome === 'skipped') return undefined;
  switch (e.code) {
    case 'auth': return t('The key was rejected. Run **Relay Chat: Set API Key** and paste the key from your relay\'s dashboard.');
    case 'forbidden': return t('The key is valid but not allowed here: check your relay plan or the model\'s group.');
    case 'config': return t('Fix the setting: {0}', e.message);
    case 'model_not_found': return t('Run **Relay Chat: Select Model** and choose a model this relay offers.');
    case 'http': return e.status === 404 ? t('The base URL `{0}` looks wrong: most relays end in `/v1`.', baseUrl) : undefined;
    case 'network':
      return /DNS|find the host/.test(e.message)
        ? t('Check the base URL `{0}` for typos. Behind a proxy? Set `http.proxy` in VS Code.', baseUrl)
        : /secure connection/.test(e.message)
          ? t('A proxy or antivirus intercepts TLS: install its certificate, or set `http.proxyStrictSSL` to false.')
          : t('Is the relay reachable from here? Behind a proxy? Set `http.proxy` in VS Code.');
    case 'timeout_connect': return t('The relay is slow or unreachable; a proxy (`http.proxy`) may be needed.');
    case 'rate_limited': return t('Wait a moment, or check your relay\'s quota and balance.');
    case 'protocol': return t('Something between you and the relay (a proxy or login page) answers instead of the relay.');
    default: return undefined;
  }
}

/** The Test Connection report as Markdown. */
export function renderReport(report: DiagnosticReport, when = new Date()): string {
  const t = vscode.l10n.t;
  const lines = [
    `# ${t('Relay Chat — Connection test')}`,
    '',
    `${t('Endpoint')}: \`${report.baseUrl || '—'}\` · ${t('Model')}: \`${report.model || '—'}\` · ${when.toLocaleString()}`,
    '',
    `**${report.ok ? t('Result: ready to chat.') : t('Result: something needs fixing.')}**`,
    '',
    `| ${t('Check')} | ${t('Result')} | ${t('Time')} |`,
    '|---|---|---|',
    ...report.steps.map((s) => `| ${MARK[s.outcome]} ${stepName(s)} | ${result(s).replace(/\|/g, '\\|')} | ${s.ms !== undefined ? `${s.ms} ms` : ''} |`),
  ];
  const fixes = report.steps.map((s) => fix(s, report.baseUrl)).filter((f): f is string => Boolean(f));
  if (fixes.length) lines.push('', `## ${t('What to fix')}`, '', ...fixes.map((f) => `- ${f}`));
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
