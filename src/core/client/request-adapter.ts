import type { RelayError } from '../errors';
import type { Logger } from '../types';
import type { ResolvedProvider } from './provider';
import { applyQuirks } from './quirk-body';
import type { QuirkMemory } from './quirk-memory';
import { QUIRK_WORDS, type Quirk } from './quirks';
import { recogniseRefusal, refusalWords } from './refusal';

/** At most this many refused fields are adapted in one request (each quirk once): a relay cannot make it loop. */
const MAX_ADAPTATIONS = 4;

/**
 * One request's body as its endpoint + model takes it: what the relay refused before is adapted before
 * sending, and a new refusal (before any token) is learnt, logged once, and answered by asking again.
 */
export class RequestAdapter {
  /** The quirks adapted during this request. */
  private readonly adapted = new Set<Quirk>();

  constructor(
    private readonly quirks: QuirkMemory,
    private readonly provider: ResolvedProvider,
    private readonly logger: Logger,
  ) {}

  /** `body` with every quirk known for this endpoint + model applied. */
  adapt(body: Record<string, unknown>): Record<string, unknown> {
    return applyQuirks(body, this.quirks.quirksFor(this.provider.baseUrl, this.provider.info.model));
  }

  /**
   * Whether `error`, the answer to `sent` before any token arrived, refused a field that can be adapted
   * (and was not yet in this request): then it is learnt for this endpoint + model and the caller asks
   * again at once. Nothing was generated or billed, so this is not a retry: no backoff, not counted.
   */
  learnFrom(error: RelayError, sent: Record<string, unknown>): boolean {
    if (this.adapted.size >= MAX_ADAPTATIONS) return false;
    const quirk = recogniseRefusal(error, sent, this.adapted);
    if (!quirk) return false;
    this.adapted.add(quirk);
    const { baseUrl, info } = this.provider;
    if (this.quirks.learn(baseUrl, info.model, quirk)) {
      const { refused, instead } = QUIRK_WORDS[quirk];
      this.logger.info(`relay refused ${refused} for ${info.model} at ${baseUrl}: ${instead} from now on (the relay said: ${refusalWords(error)})`, { provider: info.id, quirk });
    }
    return true;
  }
}
