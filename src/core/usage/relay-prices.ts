import type { Price } from './price';
import { normaliseBaseUrl } from '../client/endpoint';
import { publishedPrices, type ModelDetails } from '../client/models';

const endpointKey = (baseUrl: string): string | undefined => {
  try {
    return normaliseBaseUrl(baseUrl).toLowerCase();
  } catch {
    return undefined;
  }
};

/** What `for` returns before a list was looked up: one object, so a caller that keys a cache on it keeps its cache. */
const NO_PRICES: Readonly<Record<string, Price>> = Object.freeze({});

/**
 * What each relay's model list says its models cost, per endpoint, from the last lookup of that list
 * (kept past the list's five-minute cache: a price the relay published beats none). A new list
 * replaces the old one's prices whole, so a price the relay withdrew is not kept.
 */
export class RelayPrices {
  private readonly byEndpoint = new Map<string, Record<string, Price>>();

  remember(baseUrl: string, models: readonly ModelDetails[]): void {
    const key = endpointKey(baseUrl);
    if (key) this.byEndpoint.set(key, publishedPrices(models));
  }

  /**
   * The endpoint's published prices by model id; none before its list was looked up. The same object
   * while the list is the same (read on every request: settings rebuild the price table only when it changes).
   */
  for(baseUrl: string): Readonly<Record<string, Price>> {
    const key = endpointKey(baseUrl);
    return (key && this.byEndpoint.get(key)) || NO_PRICES;
  }
}
