import type { RelayError } from '../errors';
import type { Logger } from '../types';
import type { ResolvedProvider } from './provider';
import { applyQuirks } from './quirk-body';
import type { QuirkMemory } from './quirk-memory';
import { LEARN_ONLY, QUIRKS, QUIRK_WORDS, type Quirk } from './quirks';
import { recogniseRefusal, refusalWords } from './refusal';

/** Each quirk at most once per request: a relay cannot make it loop, and every field can be adapted. */
const MAX_ADAPTATIONS = QUIRKS.length;

/**
 * Where quirks are kept apart: the chat endpoint under the base URL itself (as stored since quirks
 * were learnt), the completion routes under their own path — a relay's legacy `/completions` may take
 * only `max_tokens` while its chat endpoint wants `max_completion_tokens` for the same model.
 */
export function quirkEndpoint(baseUrl: string, path: string): string {
  return path === '/chat/completions' ? baseUrl : `${baseUrl}${path}`;
}

/**
 * One request's body as its endpoint + model takes it: what the relay refused before is adapted before
 * sending, and a new refusal (before any token) is learnt, logged once, and answered by asking again.
 */
export class RequestAdapter {
  /** The quirks adapted during this request. */
  private readonly adapted = new Set<Quirk>();

  private readonly endpoint: string;

  constructor(
    private readonly quirks: QuirkMemory,
    private readonly provider: ResolvedProvider,
    path: string,
    private readonly logger: Logger,
  ) {
    this.endpoint = quirkEndpoint(provider.baseUrl, path);
  }

  /** `body` with every quirk known for this endpoint + model applied. */
  adapt(body: Record<string, unknown>): Record<string, unknown> {
    return applyQuirks(body, this.quirks.quirksFor(this.endpoint, this.provider.info.model));
  }

  /**
   * Whether `error`, the answer to `sent` before any token arrived, refused a field that can be adapted
   * (and was not yet in this request): then it is learnt for this endpoint + model and the caller asks
   * again at once — unless it is a quirk no request can work around (LEARN_ONLY): learnt, and false. Nothing was generated or billed, so this is not a retry: no backoff, not counted.
   */
  learnFrom(error: RelayError, sent: Record<string, unknown>): boolean {
    if (this.adapted.size >= MAX_ADAPTATIONS) return false;
    const quirk = recogniseRefusal(error, sent, this.adapted);
    if (!quirk) return false;
    this.adapted.add(quirk);
    const { endpoint, provider: { info } } = this;
    if (this.quirks.learn(endpoint, info.model, quirk)) {
      const { refused, instead } = QUIRK_WORDS[quirk];
      this.logger.info(`relay refused ${refused} for ${info.model} at ${endpoint}: ${instead} from now on (the relay said: ${refusalWords(error)})`, { provider: info.id, quirk });
    }
    if (LEARN_ONLY.has(quirk)) {
      error.params.refused = quirk; // for the caller's message: the error stands
      return false;
    }
    return true;
  }
}
