import type { RelayClient } from './client';
import { ConfigError, ModelNotFoundError, RelayError, isRelayError } from '../errors';
import { nearestModels } from './models';

export type StepId = 'models' | 'model' | 'chat' | 'usage' | 'websocket' | 'completions';
export type StepOutcome = 'ok' | 'warn' | 'fail' | 'skipped';

export interface DiagnosticStep {
  id: StepId;
  outcome: StepOutcome;
  ms?: number;
  /** Plain facts for the report (counts, statuses); the UI words them. */
  facts: Record<string, string | number>;
  error?: RelayError;
}

export interface DiagnosticReport {
  baseUrl: string;
  model: string;
  ok: boolean;
  steps: DiagnosticStep[];
}

const since = (t: number) => Math.round(performance.now() - t);

/**
 * "Test Connection": lists models, sends a one-token probe, checks that usage is reported and that
 * the WebSocket upgrade works. Each step says what it found; the UI turns that into fixes.
 */
export async function diagnose(client: RelayClient, model: string, signal?: AbortSignal): Promise<DiagnosticReport> {
  const steps: DiagnosticStep[] = [];
  const baseUrl = client.primaryBaseUrl();

  let t = performance.now();
  let models: string[] | undefined;
  try {
    models = await client.listModels({ refresh: true, ...(signal ? { signal } : {}) });
    steps.push({ id: 'models', outcome: models.length ? 'ok' : 'warn', ms: since(t), facts: { count: models.length } });
  } catch (e) {
    steps.push({ id: 'models', outcome: 'fail', ms: since(t), facts: {}, error: asError(e) });
  }
  if (models?.length && !models.includes(model)) {
    const error = new ModelNotFoundError(model, `The model "${model}" is not in this endpoint's list.`);
    error.suggestions = nearestModels(model, models);
    steps.push({ id: 'model', outcome: 'warn', facts: { model, suggestions: error.suggestions.join(', ') }, error });
  }

  t = performance.now();
  let firstByte: number | undefined;
  let usage = false;
  let failure: RelayError | undefined;
  const modelsFailedHard = steps[0]?.error && ['auth', 'forbidden', 'config', 'network'].includes(steps[0].error.code);
  if (modelsFailedHard) {
    steps.push({ id: 'chat', outcome: 'skipped', facts: {} });
  } else {
    for await (const event of client.streamChat({ model, messages: [{ role: 'user', content: 'Reply with: ok' }], maxTokens: 1, transport: 'sse', ...(signal ? { signal } : {}) })) {
      if (firstByte === undefined && (event.type === 'provider' || event.type === 'text')) firstByte = since(t);
      if (event.type === 'usage') usage = true;
      if (event.type === 'error') failure = event.error;
    }
    steps.push(failure
      ? { id: 'chat', outcome: 'fail', ms: since(t), facts: {}, error: failure }
      : { id: 'chat', outcome: 'ok', ms: since(t), facts: { firstByteMs: firstByte ?? since(t) } });
    if (!failure) steps.push({ id: 'usage', outcome: usage ? 'ok' : 'warn', facts: {} });
  }

  t = performance.now();
  try {
    await client.probeWebSocket(signal);
    steps.push({ id: 'websocket', outcome: 'ok', ms: since(t), facts: {} });
  } catch (e) {
    // No WebSocket is fine: `auto` uses SSE. Only a broken key or network is worth a warning.
    const error = asError(e);
    steps.push({ id: 'websocket', outcome: error.code === 'upgrade_refused' ? 'skipped' : 'warn', ms: since(t), facts: { status: error.status ?? '' }, error });
  }
  return { baseUrl, model, ok: !steps.some((s) => s.outcome === 'fail'), steps };
}

function asError(e: unknown): RelayError {
  if (isRelayError(e)) return e;
  return new ConfigError(String(e));
}
