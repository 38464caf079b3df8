// VS Code's Language Model Chat Provider API, stable since VS Code 1.104. Relay Chat supports VS Code
// 1.96, whose @types/vscode lacks it, so what we use of it is declared here, as the stable vscode.d.ts
// has it, and the API is looked up at run time: an older host (or a fork) simply goes without.
import * as vscode from 'vscode';

/** A model as VS Code's model picker and `vscode.lm.selectChatModels` show it. */
export interface LanguageModelChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

/** A message of a request, as the provider receives it (role: LanguageModelChatMessageRole). */
export interface LanguageModelChatRequestMessage {
  readonly role: number;
  readonly content: readonly unknown[];
  readonly name: string | undefined;
}

export interface ProvideLanguageModelChatResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly vscode.LanguageModelChatTool[];
  readonly toolMode: vscode.LanguageModelChatToolMode;
  /** Not in the stable typings: the extension that asked ('core' for VS Code's chat); hosts since 1.104 pass it. */
  readonly requestInitiator?: string;
}

export interface LanguageModelChatProvider<T extends LanguageModelChatInformation = LanguageModelChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(
    model: T, messages: readonly LanguageModelChatRequestMessage[], options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart>, token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: T, text: string | LanguageModelChatRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

export interface LanguageModelProviderApi {
  registerLanguageModelChatProvider(vendor: string, provider: LanguageModelChatProvider): vscode.Disposable;
}

/** `vscode.lm` where the host can take a provider; undefined on older hosts (VS Code before 1.104). */
export function languageModelProviderApi(): LanguageModelProviderApi | undefined {
  const lm = (vscode as { lm?: Partial<LanguageModelProviderApi> }).lm;
  return typeof lm?.registerLanguageModelChatProvider === 'function' ? (lm as LanguageModelProviderApi) : undefined;
}
