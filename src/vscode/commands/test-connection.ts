import * as vscode from 'vscode';
import { diagnose, type CompletionEngine, type DiagnosticReport, type DiagnosticStep } from '../../core';
import type { ClientService } from '../client-service';
import { type ReportDocuments, renderReport } from '../report';

/**
 * "Relay Chat: Test Connection": runs the diagnosis with progress (cancellable), opens the
 * report, and returns it (tests and the walkthrough read it).
 */
export async function testConnection(service: ClientService, documents: ReportDocuments, completions: CompletionEngine): Promise<DiagnosticReport | undefined> {
  const model = service.settings.model;
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Relay Chat: testing the connection…'), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      return service.use(async (client) => {
        const report = await diagnose(client, model, controller.signal);
        report.steps.push(await completionStep(completions, controller.signal));
        return report;
      }).finally(() => subscription.dispose());
    },
  );
  const uri = documents.publish('connection-test', renderReport(report));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => vscode.window.showTextDocument(doc));
  const chat = report.steps.find((s) => s.id === 'chat');
  const summary = report.ok
    ? vscode.l10n.t('Relay Chat: connection OK ({0} ms to first byte).', Number(chat?.facts.firstByteMs ?? 0))
    : vscode.l10n.t('Relay Chat: the connection test found problems; see the report.');
  void (report.ok ? vscode.window.showInformationMessage(summary) : vscode.window.showWarningMessage(summary));
  return report;
}

/** Which way inline completions work with the completion model (and `auto` remembers it). */
async function completionStep(engine: CompletionEngine, signal: AbortSignal): Promise<DiagnosticStep> {
  const probe = await engine.probe(signal);
  const facts = { model: probe.model, route: probe.route ?? '' };
  return probe.error
    ? { id: 'completions', outcome: 'warn', ms: probe.ms, facts, error: probe.error }
    : { id: 'completions', outcome: 'ok', ms: probe.ms, facts };
}
