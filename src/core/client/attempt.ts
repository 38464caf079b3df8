import type { FinishReason, StreamEvent, TimeoutOptions } from '../types';

/** Everything one transport needs for one try against one provider. */
export interface Attempt {
  baseUrl: string;
  /** Appended to the base URL: `/chat/completions`, `/completions` or `/fim/completions`. */
  path: string;
  headers: Record<string, string>;
  /** The request body, `stream: true` included. */
  body: Record<string, unknown>;
  model: string;
  timeouts: TimeoutOptions;
  signal: AbortSignal;
  emit(event: StreamEvent): void;
  /** Called once when the response starts (status 200 / first frame). */
  onResponse(requestId: string | undefined): void;
}

export interface AttemptResult {
  finishReason: FinishReason | null;
  aborted: boolean;
  requestId: string | undefined;
}

export type Transport = (attempt: Attempt) => Promise<AttemptResult>;
