import type * as vscode from 'vscode';

/**
 * An AbortSignal that aborts when the caller cancels: the request to the relay is closed then, so the
 * relay stops generating (and billing) the answer. Dispose it when the request is over.
 */
export function abortOnCancel(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const listener = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listener.dispose() };
}
