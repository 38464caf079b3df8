import * as vscode from 'vscode';
import type { AnswerStats, Logger, UsageSourceKind } from '../core';

/** Who asked: Relay Chat's own panel (Explain included), or another extension or VS Code's chat through `vscode.lm`. */
export type AnswerOrigin = 'panel' | 'lm';

export interface AnswerRecord {
  origin: AnswerOrigin;
  /** For the usage record: the panel's chat or Explain, or `vscode.lm`. */
  source: Exclude<UsageSourceKind, 'completion'>;
  /** The model asked for (a fallback provider may have answered under its own name: see stats.provider). */
  model: string;
  stats: AnswerStats;
  /** `vscode.lm` requests: the extension that asked ('core' for VS Code's chat), when the host says. */
  requestedBy?: string;
}

/**
 * The one place every chat answer is counted, whichever way it was asked for: each is logged with its
 * tokens and cost, and announced to whatever keeps the totals.
 */
export class AnswerRecorder implements vscode.Disposable {
  private readonly recorded = new vscode.EventEmitter<AnswerRecord>();
  readonly onDidRecord = this.recorded.event;

  constructor(private readonly logger: Logger) {}

  record(record: AnswerRecord): void {
    const { stats } = record;
    this.logger.info(`answer counted (${record.source})`, {
      model: record.model, completionTokens: stats.completionTokens, ...(stats.promptTokens !== undefined ? { promptTokens: stats.promptTokens } : {}),
      ...(stats.cachedPromptTokens !== undefined ? { cachedPromptTokens: stats.cachedPromptTokens } : {}), ...(stats.reasoningTokens !== undefined ? { reasoningTokens: stats.reasoningTokens } : {}),
      estimated: stats.estimated, ...(stats.costUsd !== undefined ? { costUsd: Number(stats.costUsd.toFixed(6)) } : {}),
      ...(record.requestedBy ? { requestedBy: record.requestedBy } : {}),
    });
    this.recorded.fire(record);
  }

  dispose(): void {
    this.recorded.dispose();
  }
}
