import type { RelayError } from '../errors';

/** Why completions are not running. `null` reason: running. */
export type PauseReason =
  | 'disabled'      // turned off by the user
  | 'snoozed'       // for a while, by the user
  | 'no-key'        // no API key for the endpoint
  | 'auth'          // the key was rejected (401/403)
  | 'model'         // the completion model does not exist (or no route for it: 404), or a setting is wrong
  | 'credit'        // 402: the relay account is out of credit; tried again now and then
  | 'refused'       // any other 4xx: the relay refused the request itself (400, 413, 422 …)
  | 'rate-limited'  // 429: until Retry-After
  | 'offline'       // the relay cannot be reached: retried with backoff
  | 'budget'        // today's completion spending reached the daily budget
  | 'month-budget'  // this month's spending (all of Relay Chat) reached the monthly budget, not allowed past it
  | 'unusable';     // the model's answers keep cleaning to nothing (reasoning or prose): money for nothing

export interface CompletionState {
  reason: PauseReason | null;
  /** When the pause ends by itself (snooze, rate limit, offline backoff, budget at midnight). */
  until?: number;
  /** The error behind it, for the notice and the log. */
  error?: RelayError;
}

const OFFLINE_BASE_MS = 15_000;
const OFFLINE_MAX_MS = 5 * 60_000;
const RATE_LIMIT_DEFAULT_MS = 60_000;
/** Out of credit: a top-up is noticed within this, without a request per keystroke meanwhile. */
export const CREDIT_RETRY_MS = 10 * 60_000;

/**
 * Whether completions may send requests now, and why not. Errors pause completions instead of failing
 * every keystroke: each pause is announced once (listeners hear changes, not repeats) and ends by
 * itself when it can (rate limit, network, snooze, a new day) or when the user fixes the cause.
 */
export class PauseState {
  private state: CompletionState = { reason: null };
  private offlineStreak = 0;
  private readonly listeners = new Set<(state: CompletionState) => void>();

  constructor(private readonly now: () => number) {}

  get current(): CompletionState {
    if (this.state.until !== undefined && this.now() >= this.state.until) this.set({ reason: null });
    return this.state;
  }

  get paused(): boolean {
    return this.current.reason !== null;
  }

  onChange(listener: (state: CompletionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pause(reason: PauseReason, until?: number, error?: RelayError): void {
    this.set({ reason, ...(until !== undefined ? { until } : {}), ...(error ? { error } : {}) });
  }

  resume(): void {
    this.offlineStreak = 0;
    if (this.state.reason !== null) this.set({ reason: null });
  }

  /** A request worked: transient pauses are over. */
  succeeded(): void {
    this.offlineStreak = 0;
  }

  /**
   * Maps a failed request to a pause. Returns false for errors that pause nothing (a stall, a cut
   * stream, a stopped request): the next keystroke simply tries again.
   */
  failed(error: RelayError): boolean {
    const now = this.now();
    switch (error.code) {
      case 'config':
        if (error.params.reason === 'missing_key') this.pause('no-key', undefined, error);
        else this.pause('model', undefined, error);
        return true;
      case 'auth':
      case 'forbidden':
        this.pause('auth', undefined, error);
        return true;
      case 'model_not_found':
        this.pause('model', undefined, error);
        return true;
      case 'payment':
        this.pause('credit', now + CREDIT_RETRY_MS, error);
        return true;
      case 'bad_request':
        this.pause('refused', undefined, error);
        return true;
      case 'rate_limited':
        this.pause('rate-limited', now + (error.retryAfterMs ?? RATE_LIMIT_DEFAULT_MS), error);
        return true;
      case 'network':
      case 'timeout_connect':
      case 'server':
      case 'upgrade_refused':
        this.pauseOffline(now, error);
        return true;
      case 'http':
        if ((error.status ?? 0) >= 500) this.pauseOffline(now, error);
        else if (error.status === 404) this.pause('model', undefined, error);
        else this.pause('refused', undefined, error);
        return true;
      default:
        return false;
    }
  }

  /** Unreachable: back off 15 s, 30 s, 1 min … 5 min between tries. */
  private pauseOffline(now: number, error: RelayError): void {
    const wait = Math.min(OFFLINE_MAX_MS, OFFLINE_BASE_MS * 2 ** this.offlineStreak++);
    this.pause('offline', now + wait, error);
  }

  private set(state: CompletionState): void {
    const changed = state.reason !== this.state.reason || state.until !== this.state.until;
    this.state = state;
    if (changed) for (const listener of this.listeners) listener(state);
  }
}
