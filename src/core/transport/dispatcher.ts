import type { Dispatcher } from 'undici';
import { libraries } from './lazy';

// undici (the HTTP client inside Node's fetch) is several times cheaper per chunk than node:http.
// Its default headersTimeout and bodyTimeout are 300 s each, which would cut a long answer or a
// slow-thinking model: both are off here, and StreamTimers enforces the limits we document.
const NO_HIDDEN_TIMEOUTS = { headersTimeout: 0, bodyTimeout: 0, connectTimeout: 30_000 } as const;

const dispatchers = new Map<string, Dispatcher>();

/** The shared dispatcher for requests, direct or through an HTTP(S) proxy (CONNECT tunnel). */
export function dispatcherFor(proxy: string | undefined): Dispatcher {
  const key = proxy ?? '';
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    const { Agent, ProxyAgent } = libraries();
    dispatcher = proxy ? new ProxyAgent({ uri: proxy, ...NO_HIDDEN_TIMEOUTS }) : new Agent(NO_HIDDEN_TIMEOUTS);
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}
