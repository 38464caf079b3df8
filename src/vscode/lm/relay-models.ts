import * as vscode from 'vscode';
import {
  AnswerMeter, AnswerOnly, OPEN_GATE, chatModelInfo, estimateTokens, lmChatMessages, lmRequestOptions, lmTurnText,
  type ChatModelInfo, type LmAccessGate, type Logger, type ModelDetails, type RelayError, type RequestGate,
} from '../../core';
import type { AnswerRecorder } from '../answer-recorder';
import type { ClientService } from '../client-service';
import type { KeyStore } from '../keys';
import { BudgetDeclined } from '../usage/budget-prompt';
import { baseUrlHost, readSettings } from '../settings';
import { abortOnCancel } from './cancellation';
import { admitRequest } from './extension-access';
import type { LanguageModelChatInformation, LanguageModelChatProvider, LanguageModelChatRequestMessage, ProvideLanguageModelChatResponseOptions } from './lm-api';
import { languageModelError, unsupportedInputError } from './lm-errors';
import { lmTurn } from './lm-messages';
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
  /** Models seen to close their reasoning with a lone `</think>`: their answers are held until it comes. */
  private readonly thinkFirst = new Set<string>();

  constructor(
    private readonly service: ClientService, keys: KeyStore, private readonly answers: AnswerRecorder,
    private readonly access: LmAccessGate, private readonly logger: Logger,
    /** Asked before each request is sent (the monthly budget). */
    private readonly requestGate: RequestGate = OPEN_GATE,
  ) {
    this.subscriptions = [
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
    return models.map((m) => information(chatModelInfo(m), host));
  }

  async provideLanguageModelChatResponse(
    model: LanguageModelChatInformation, messages: readonly LanguageModelChatRequestMessage[], options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelTextPart>, token: vscode.CancellationToken,
  ): Promise<void> {
    if (options.tools?.length && options.toolMode === vscode.LanguageModelChatToolMode.Required) throw unsupportedInputError('tools');
    const request = lmChatMessages(messages.map(lmTurn));
    if (!request.ok) throw unsupportedInputError(request.unsupported);
    // The caller's answer cap, temperature and stop sequences, applied by the relay (where billing stops).
    const shape = lmRequestOptions(options.modelOptions);
    const cancel = abortOnCancel(token);
    const meter = new AnswerMeter();
    const answer = new AnswerOnly(this.thinkFirst.has(model.id));
    // After a cancel the host takes no more parts (it would log each one as an error).
    const report = (text: string) => {
      if (text && !token.isCancellationRequested) progress.report(new vscode.LanguageModelTextPart(text));
    };
    let failure: RelayError | undefined;
    try {
      if (!(await admitRequest(this.access, options.requestInitiator, cancel.signal, this.logger))) return;
      await this.requestGate.pass().catch((e: Error) => Promise.reject(e instanceof BudgetDeclined ? new vscode.LanguageModelError(e.message) : e));
      await this.service.use(async (client) => {
        for await (const event of client.streamChat({ ...shape, model: model.id, messages: request.messages, signal: cancel.signal })) {
          meter.observe(event);
          // Only the answer: reasoning events and `<think>` text are not the caller's.
          if (event.type === 'text') report(answer.push(event.text));
          else if (event.type === 'error') failure = event.error;
          else if (event.type === 'done' && event.incomplete) this.logger.warn(`the answer of ${model.id} for ${options.requestInitiator ?? 'vscode.lm'} ended without a finish reason: it may be cut off`);
        }
        report(answer.end());
      });
    } finally {
      if (answer.leaked) {
        this.thinkFirst.add(model.id);
        this.logger.warn(`${model.id} closed its reasoning with a lone </think> after text was given to ${options.requestInitiator ?? 'vscode.lm'}: its answers are held until the reasoning ends from now on`);
      }
      cancel.dispose();
    }
    if (meter.billed) {
      const prompt = request.messages.map((m) => m.content).join('\n');
      this.answers.record({ origin: 'lm', source: 'lm', model: model.id, stats: meter.stats(model.id, readSettings().pricing, prompt), ...(options.requestInitiator ? { requestedBy: options.requestInitiator } : {}) });
    }
    if (failure) throw languageModelError(failure);
  }

  async provideTokenCount(_model: LanguageModelChatInformation, text: string | LanguageModelChatRequestMessage): Promise<number> {
    return estimateTokens(typeof text === 'string' ? text : lmTurnText(lmTurn(text)));
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
