import * as vscode from 'vscode';
import { AnswerOnly, toolCallInput, type ToolCall, type ToolCallProblem } from '../../core';

/** What a provider may report: text, and (VS Code 1.104+) tool calls. */
export type ResponsePart = vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart;

/** A tool call whose arguments were no JSON object: the answer ends with it, the call is never handed on. */
export class BadToolCall {
  constructor(readonly call: ToolCall, readonly problem: ToolCallProblem, readonly detail = '') {}
}

/**
 * One answer as the caller of `vscode.lm` receives it: the answer's text (no reasoning, see AnswerOnly)
 * and each whole tool call, in the order the model wrote them. After a cancel nothing more is
 * reported (the host would log each late part as an error).
 */
export class LmAnswer {
  private readonly text: AnswerOnly;

  constructor(
    private readonly progress: vscode.Progress<ResponsePart>,
    private readonly token: vscode.CancellationToken,
    holdUntilSure: boolean,
  ) {
    this.text = new AnswerOnly(holdUntilSure);
  }

  /** Whether the model closed its reasoning with a lone `</think>` after text was given out. */
  get leaked(): boolean {
    return this.text.leaked;
  }

  pushText(piece: string): void {
    this.report(this.text.push(piece));
  }

  /** Hands the call on, or returns why it cannot be (the caller ends the answer then). */
  pushToolCall(call: ToolCall): BadToolCall | undefined {
    const input = toolCallInput(call);
    if (!input.ok) return new BadToolCall(call, input.problem, input.detail);
    // Text held back (a model that may still close its reasoning) goes first: it came first.
    this.report(this.text.end());
    if (!this.token.isCancellationRequested) this.progress.report(new vscode.LanguageModelToolCallPart(call.id, call.name, input.input));
    return undefined;
  }

  end(): void {
    this.report(this.text.end());
  }

  private report(text: string): void {
    if (text && !this.token.isCancellationRequested) this.progress.report(new vscode.LanguageModelTextPart(text));
  }
}
