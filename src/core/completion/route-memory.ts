import type { RelayError } from '../errors';
import type { CompletionRoute } from './request-shape';
import type { KeyValueStore } from '../util/key-value-store';

/** `auto`: find out per endpoint and model; `fim`: only true fill-in-the-middle; `chat`: only the chat endpoint. */
export type CompletionMode = 'auto' | 'fim' | 'chat';

const KEY = 'relayChat.completionRoutes';

/**
 * Which route works per endpoint and model. `auto` tries `/completions` (FIM), then
 * `/fim/completions`, then the chat endpoint, once, and remembers the first that answers — across
 * sessions when the store persists.
 */
export class RouteMemory {
  private readonly known: Record<string, CompletionRoute>;
  private readonly refused = new Set<string>();
  /** Chat models that put blank lines before their code (a preamble, thoughts): see routedStream. */
  private readonly blankLines = new Set<string>();

  constructor(private readonly store: KeyValueStore) {
    const saved = store.get<Record<string, CompletionRoute>>(KEY);
    this.known = saved && typeof saved === 'object' ? { ...saved } : {};
  }

  /** The routes to try, in order. */
  candidates(mode: CompletionMode, endpoint: string, model: string): CompletionRoute[] {
    const all: CompletionRoute[] = mode === 'chat' ? ['chat'] : mode === 'fim' ? ['completions', 'fim'] : ['completions', 'fim', 'chat'];
    const known = this.known[keyOf(endpoint, model)];
    if (known && all.includes(known)) return [known];
    const open = all.filter((r) => !this.refused.has(`${keyOf(endpoint, model)} ${r}`));
    return open.length ? open : all.slice(-1);
  }

  /** The route that answered last time, if any (for Test Connection). */
  remembered(endpoint: string, model: string): CompletionRoute | undefined {
    return this.known[keyOf(endpoint, model)];
  }

  worked(endpoint: string, model: string, route: CompletionRoute): void {
    const key = keyOf(endpoint, model);
    if (this.known[key] === route) return;
    this.known[key] = route;
    Promise.resolve(this.store.set(KEY, this.known)).catch(() => undefined);
  }

  refusedBy(endpoint: string, model: string, route: CompletionRoute): void {
    this.refused.add(`${keyOf(endpoint, model)} ${route}`);
    if (this.known[keyOf(endpoint, model)] === route) delete this.known[keyOf(endpoint, model)];
  }

  /** Whether this model's chat answers were seen with a blank line before the code (no blank-line stop for it). */
  blankLinesBeforeCode(endpoint: string, model: string): boolean {
    return this.blankLines.has(keyOf(endpoint, model));
  }

  sawBlankLinesBeforeCode(endpoint: string, model: string): void {
    this.blankLines.add(keyOf(endpoint, model));
  }

  forget(): void {
    for (const key of Object.keys(this.known)) delete this.known[key];
    this.refused.clear();
    this.blankLines.clear();
    Promise.resolve(this.store.set(KEY, this.known)).catch(() => undefined);
  }
}

function keyOf(endpoint: string, model: string): string {
  return `${endpoint} ${model}`;
}

/**
 * The relay has no such route for this model (as opposed to a bad key or a network failure): the
 * next route is worth trying. Relays say it with 404/405/501, or 400 naming the endpoint or `suffix`.
 */
export function routeRefused(error: RelayError): boolean {
  if (error.code === 'model_not_found') return true;
  if (error.code === 'bad_request') return true;
  return error.code === 'http' && [404, 405, 501].includes(error.status ?? 0);
}
