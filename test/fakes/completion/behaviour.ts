// What the fake relay's inline-completion side does, and what it records. Kept apart from the
// routes so tests and benchmarks can import the types without pulling in the HTTP code.
import { loadCorpus } from './corpus';

/** Ways a chat model mangles a completion it was asked to return bare inside <insert>…</insert>. */
export type Corruption = 'fence' | 'preamble' | 'echoPrefix' | 'repeatSuffix' | 'think';

/** A completion request as a scripted model sees it (FIM routes know no language: ''). */
export interface ScriptedRequest {
  route: 'completions' | 'fim' | 'chat';
  prefix: string;
  suffix: string;
  language: string;
}

export interface CompletionBehaviour {
  /** Documents whose true continuation is served. Default: the corpus texts. */
  files: string[];
  /** Which FIM routes exist; a disabled one answers 404 like a relay that lacks it. */
  routes: { completions: boolean; fim: boolean };
  /** Models that may use the FIM routes; others get 400 unsupported_model. */
  fimModels: string[] | '*';
  /** Delay before the first byte (headers and first token). */
  firstTokenMs: number;
  /** Delay between tokens. */
  tokenMs: number;
  /** How many tokens the "model" writes when the request sets no max_tokens. */
  naturalTokens: number;
  /** Real relays bill the whole generation even when the client hangs up; true models that. */
  keepGeneratingAfterDisconnect: boolean;
  /** Chat mode only: how the answer is mangled before max_tokens and stop apply. */
  corrupt: Corruption[];
  /** What the model writes where no file matches the cursor (the demo's snippets); absent, nothing. */
  fallback?: (cursor: { prefix: string; suffix: string; language?: string }) => string | undefined;
  /**
   * A scripted model: a string it returns is the model's entire raw generation for the request (in
   * chat mode the whole assistant message: no <insert> added, no corruption), capped by the request's
   * max_tokens and stop as a real server caps it. Undefined falls back to the corpus.
   */
  script?: (request: ScriptedRequest) => string | undefined;
  /** Models that will not stream: asked to, they still answer with one JSON body (or one WebSocket message) at the end. */
  wholeBodyModels: string[];
}

export interface CompletionLogEntry {
  id: number;
  /** The id in the completion's chunks; over SSE the response's `x-request-id` is `req-` + this. */
  completionId: string;
  route: 'completions' | 'fim' | 'chat';
  transport: 'sse' | 'websocket';
  model: string;
  maxTokens?: number;
  stop?: string[];
  /** Times are performance.timeOrigin + performance.now(): fractional epoch milliseconds. */
  startedAt: number;
  firstByteAt?: number;
  /** The client disconnected, or the response ended. */
  closedAt?: number;
  /** The generation ended (may be after closedAt when the relay keeps generating). */
  finishedAt?: number;
  /** Billed tokens, including those generated after a disconnect and a held-back stop sequence. */
  generatedTokens: number;
  sentTokens: number;
  /** Each write of text to the client: when, and the text length sent so far (benchmarks time from it). */
  writes: { at: number; chars: number }[];
  /** When the finish (finish_reason) was written. */
  finishWrittenAt?: number;
  clientAborted: boolean;
  /** Everything generated, in order (what generatedTokens counts). */
  text: string;
}

export function defaultCompletionBehaviour(): CompletionBehaviour {
  return {
    files: loadCorpus().map((f) => f.text),
    routes: { completions: true, fim: false },
    fimModels: '*',
    firstTokenMs: 0,
    tokenMs: 0,
    naturalTokens: 200,
    keepGeneratingAfterDisconnect: false,
    corrupt: [],
    wholeBodyModels: [],
  };
}

/** Fractional epoch milliseconds, finer than Date.now() so short gaps still measure. */
export const now = (): number => performance.timeOrigin + performance.now();
