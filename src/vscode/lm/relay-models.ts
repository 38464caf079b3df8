import * as vscode from 'vscode';
import {
  OPEN_GATE, chatModelInfo,
  type ChatModelInfo, type LmAccessGate, type Logger, type ModelDetails, type RelayError, type RequestGate,
} from '../../core';
import type { AnswerRecorder } from '../answer-recorder';
import type { ClientService } from '../client-service';
import type { KeyStore } from '../keys';
import { baseUrlHost, readSettings } from '../settings';
import { abortOnCancel } from './cancellation';
import type { LanguageModelChatInformation, LanguageModelChatProvider, LanguageModelChatRequestMessage, ProvideLanguageModelChatResponseOptions } from './lm-api';
import type { ResponsePart } from './lm-answer';
import { LmTokenCounts } from './lm-token-count';
import { answerLmRequest, type LmRequestDeps } from './lm-request';
import { modelTooltip } from './model-text';

/**
 * Where the model list comes from. VS Code asks for the list again, at once, each time the provider
 * says it changed, whether or not anyone uses the models: so only the relay and its key say so, not
 * every setting the request depends on (an extension's query asks for the list again anyway).
 */
const LIST_SOURCE = 'relayChat.baseUrl';

/**
 * The relay's models in VS Code's own chat and for other extensions (`vscode.lm`). Everything goes
 * the panel's way: the same client (transport, heartbeat, retries, fallback providers), the key from
 * Relay Chat's secret storage, and each answer counted by the same AnswerRecorder. Other extensions
 * than VS Code's chat get the models only once the user allowed them (`access`).
 */
export class RelayModelProvider implements LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private lastListingProblem = '';
  private readonly requestDeps: LmRequestDeps;
  private readonly tokenCounts = new LmTokenCounts();
  /** Models already said (in the log) to be offered without tools. */
  private readonly offeredWithoutTools = new Set<string>();

  constructor(
    private readonly service: ClientService, keys: KeyStore, answers: AnswerRecorder,
    access: LmAccessGate, private readonly logger: Logger,
    /** Asked before each request is sent (the monthly budget). */
    requestGate: RequestGate = OPEN_GATE,
    /** Quirks learnt in another window: a model whose relay refuses tools is listed again without them. */
    quirksLearnt?: (listener: () => void) => () => void,
  ) {
    this.requestDeps = {
      service, answers, access, logger, requestGate, thinkFirst: new Set(),
      onToolsRefused: () => this.changed.fire(),
    };
    const offQuirks = quirksLearnt?.(() => this.changed.fire());
    this.subscriptions = [
      ...(offQuirks ? [{ dispose: offQuirks }] : []),
      keys.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(LIST_SOURCE)) this.changed.fire();
      }),
    ];
  }

  async provideLanguageModelChatInformation(_options: { readonly silent: boolean }, token: vscode.CancellationToken): Promise<LanguageModelChatInformation[]> {
    const cancel = abortOnCancel(token);
    let models: ModelDetails[];
    try {
      models = await this.service.use((client) => client.listModelDetails({ signal: cancel.signal }));
      this.lastListingProblem = '';
    } catch (e) {
      if (token.isCancellationRequested) return []; // VS Code no longer wants this list
      // No key yet, or the relay out of reach: offer the chosen model, whose requests then say what is wrong.
      models = [{ id: readSettings().model }];
      const problem = (e as RelayError).message;
      if (problem !== this.lastListingProblem) this.logger.info(`Could not list the relay's models for VS Code's chat (${problem}); offering ${models[0]?.id} only`);
      this.lastListingProblem = problem;
    } finally {
      cancel.dispose();
    }
    const host = baseUrlHost(readSettings().baseUrl);
    const toolsRefused = await Promise.all(models.map((m) => this.service.use((client) => client.learntQuirks(m.id)).then((q) => q.includes('no_tools'), () => false)));
    models.forEach((m, i) => {
      if (!toolsRefused[i] || this.offeredWithoutTools.has(m.id)) return;
      this.offeredWithoutTools.add(m.id);
      this.logger.info(`${m.id} is offered to VS Code's chat without tools from now on: its relay refused them (learnt in this or another window)`);
    });
    return models.map((m, i) => information(chatModelInfo(m, toolsRefused[i]), host));
  }

  provideLanguageModelChatResponse(
    model: LanguageModelChatInformation, messages: readonly LanguageModelChatRequestMessage[], options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<ResponsePart>, token: vscode.CancellationToken,
  ): Promise<void> {
    return answerLmRequest(this.requestDeps, model, messages, options, progress, token);
  }

  provideTokenCount(model: LanguageModelChatInformation, text: string | LanguageModelChatRequestMessage): Promise<number> {
    return this.tokenCounts.count(model.id, text);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function information(info: ChatModelInfo, host: string | undefined): LanguageModelChatInformation {
  const { limitsFrom: _limitsFrom, ...shown } = info; // said in the tooltip, not a field VS Code knows
  return { ...shown, ...(host ? { detail: host } : {}), tooltip: modelTooltip(info, host) };
}
