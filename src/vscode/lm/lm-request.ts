import * as vscode from 'vscode';
import {
  AnswerMeter, lmChatMessages, lmRequestOptions,
  type ChatRequest, type LmAccessGate, type Quirk, type Logger, type RelayError, type RequestGate, type ToolSpec,
} from '../../core';
import type { AnswerRecorder } from '../answer-recorder';
import type { ClientService } from '../client-service';
import { BudgetDeclined } from '../usage/budget-prompt';
import { readSettings } from '../settings';
import { abortOnCancel } from './cancellation';
import { admitRequest } from './extension-access';
import type { LanguageModelChatInformation, LanguageModelChatRequestMessage, ProvideLanguageModelChatResponseOptions } from './lm-api';
import { BadToolCall, LmAnswer, type ResponsePart } from './lm-answer';
import { badToolCallError, languageModelError, toolsRefusedError, unsupportedInputError } from './lm-errors';
import { lmTurn } from './lm-messages';

export interface LmRequestDeps {
  service: ClientService;
  answers: AnswerRecorder;
  access: LmAccessGate;
  logger: Logger;
  requestGate: RequestGate;
  /** Models seen to close their reasoning with a lone `</think>`: their answers are held until it comes. */
  thinkFirst: Set<string>;
  /** The relay refused tools for a model during this request: the model list changed. */
  onToolsRefused(model: string): void;
}

/**
 * One request of `vscode.lm` to the relay: checked against what the model takes (before anything is
 * sent or billed), admitted (the extension access question, the monthly budget), streamed back as
 * text and tool-call parts, and counted like any other answer.
 */
export async function answerLmRequest(
  deps: LmRequestDeps, model: LanguageModelChatInformation, messages: readonly LanguageModelChatRequestMessage[],
  options: ProvideLanguageModelChatResponseOptions, progress: vscode.Progress<ResponsePart>, token: vscode.CancellationToken,
): Promise<void> {
  const { service, logger } = deps;
  const caller = options.requestInitiator ?? 'vscode.lm';
  // A relay that refused tools for this model before (learnt in any window): offered without them since.
  const refused = (await service.use((client) => client.learntQuirks(model.id)).catch((): readonly Quirk[] => [])).includes('no_tools');
  const takesTools = Boolean(model.capabilities.toolCalling) && !refused;
  const wantsTools = Boolean(options.tools?.length);
  if (wantsTools && !takesTools && options.toolMode === vscode.LanguageModelChatToolMode.Required) throw unsupportedInputError('tools', model.id);
  const request = lmChatMessages(messages.map(lmTurn), { tools: takesTools, images: Boolean(model.capabilities.imageInput) });
  if (!request.ok) throw unsupportedInputError(request.unsupported, model.id, request.detail);
  // Tools the model cannot call are left out (the caller did not require a call): it answers in text.
  const tools = takesTools && wantsTools ? toolSpecs(options.tools ?? []) : undefined;
  const chat: ChatRequest = {
    // The caller's answer cap, temperature and stop sequences, applied by the relay (where billing stops).
    ...lmRequestOptions(options.modelOptions), model: model.id, messages: request.messages,
    ...(tools ? { tools, toolChoice: options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto' } : {}),
  };
  const cancel = abortOnCancel(token);
  const meter = new AnswerMeter();
  const answer = new LmAnswer(progress, token, deps.thinkFirst.has(model.id));
  let failure: RelayError | BadToolCall | undefined;
  try {
    if (!(await admitRequest(deps.access, options.requestInitiator, cancel.signal, logger))) return;
    await deps.requestGate.pass().catch((e: Error) => Promise.reject(e instanceof BudgetDeclined ? new vscode.LanguageModelError(e.message) : e));
    await service.use(async (client) => {
      for await (const event of client.streamChat({ ...chat, signal: cancel.signal })) {
        meter.observe(event);
        // Only the answer: reasoning events and `<think>` text are not the caller's.
        if (event.type === 'text') answer.pushText(event.text);
        else if (event.type === 'toolCall') failure = answer.pushToolCall(event.call);
        else if (event.type === 'error') failure = event.error;
        else if (event.type === 'done' && event.incomplete) logger.warn(`the answer of ${model.id} for ${caller} ended without a finish reason: it may be cut off`);
        if (failure && event.type === 'toolCall') break; // closes the request: nothing after a broken call is used
      }
      // Text held back still goes to the caller before a relay's error (as it would have streamed), not after a broken call.
      if (!(failure instanceof BadToolCall)) answer.end();
    });
  } finally {
    if (answer.leaked) {
      deps.thinkFirst.add(model.id);
      logger.warn(`${model.id} closed its reasoning with a lone </think> after text was given to ${caller}: its answers are held until the reasoning ends from now on`);
    }
    cancel.dispose();
  }
  if (meter.billed) {
    deps.answers.record({
      origin: 'lm', source: 'lm', model: model.id, stats: meter.stats(model.id, readSettings().pricing, promptText(chat)),
      ...(options.requestInitiator ? { requestedBy: options.requestInitiator } : {}),
    });
  }
  if (!failure) return;
  if (failure instanceof BadToolCall) {
    logger.warn(`${model.id} called ${failure.call.name} with arguments that are no JSON object (${failure.problem} ${failure.detail}): the answer ended there, the call was not handed to ${caller}`);
    throw badToolCallError(model.id, failure);
  }
  if (failure.params.refused === 'no_tools') {
    deps.onToolsRefused(model.id);
    throw toolsRefusedError(model.id, failure);
  }
  throw languageModelError(failure, model.id);
}

function toolSpecs(tools: readonly vscode.LanguageModelChatTool[]): ToolSpec[] {
  return tools.map((t) => ({
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    ...(t.inputSchema && typeof t.inputSchema === 'object' ? { parameters: t.inputSchema as Record<string, unknown> } : {}),
  }));
}

/** What was sent, as text: the prompt's tokens are estimated from it when the relay reports none. */
function promptText(chat: ChatRequest): string {
  const calls = chat.messages.flatMap((m) => m.toolCalls ?? []).map((c) => c.name + c.arguments);
  return [...chat.messages.map((m) => m.content), ...calls, chat.tools ? JSON.stringify(chat.tools) : ''].join('\n');
}
