import { estimateTokens, priceFor, type Price } from '../chat/answer-stats';
import type { Usage } from '../types';

/** Counts for one day, in the form they are stored. */
export interface DayUsage {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** Some counts were estimated (the relay reported no usage, or the request was cut off). */
  estimated: boolean;
}

/** Where the ledger keeps its days (VS Code's globalState in the extension, a Map in tests). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  /** May return a promise (VS Code's Memento does). */
  set(key: string, value: unknown): unknown;
}

const KEY = 'relayChat.completionUsage';
const KEEP_DAYS = 62;

/** The local calendar day of a timestamp, as YYYY-MM-DD. */
export function dayOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface RequestRecord {
  model: string;
  /** What the relay reported, when it did. */
  usage: Usage | undefined;
  /** For estimates when it did not. */
  promptText: string;
  completionText: string;
}

/**
 * Completion requests, tokens and cost per day. Prices are USD per million tokens from
 * `relayChat.pricing`; a request without reported usage is estimated from its text and marked so.
 */
export class UsageLedger {
  private days: Record<string, DayUsage>;

  constructor(private readonly store: KeyValueStore, private readonly pricing: () => Record<string, Price>, private readonly now: () => number = Date.now) {
    const saved = store.get<Record<string, DayUsage>>(KEY);
    this.days = saved && typeof saved === 'object' ? { ...saved } : {};
  }

  record(request: RequestRecord): DayUsage {
    const day = dayOf(this.now());
    const current = this.days[day] ?? { requests: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, estimated: false };
    const promptTokens = request.usage?.promptTokens ?? estimateTokens(request.promptText);
    const completionTokens = request.usage?.completionTokens ?? estimateTokens(request.completionText);
    const price = priceFor(request.model, this.pricing());
    const cost = price ? (promptTokens * (price.input ?? 0) + completionTokens * price.output) / 1e6 : 0;
    const next: DayUsage = {
      requests: current.requests + 1,
      promptTokens: current.promptTokens + promptTokens,
      completionTokens: current.completionTokens + completionTokens,
      costUsd: current.costUsd + cost,
      estimated: current.estimated || !request.usage || request.usage.estimated === true,
    };
    this.days[day] = next;
    this.prune(day);
    // A failed write costs this window's counts at the next reload, nothing more: not worth a notice.
    Promise.resolve(this.store.set(KEY, this.days)).catch(() => undefined);
    return next;
  }

  today(): DayUsage {
    return this.days[dayOf(this.now())] ?? { requests: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, estimated: false };
  }

  private prune(today: string): void {
    const days = Object.keys(this.days).sort();
    for (const day of days.slice(0, Math.max(0, days.length - KEEP_DAYS))) if (day !== today) delete this.days[day];
  }
}
