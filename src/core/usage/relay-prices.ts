import type { Price } from '../chat/answer-stats';
import { normaliseBaseUrl } from '../client/endpoint';
import { publishedPrices, type ModelDetails } from '../client/models';

const endpointKey = (baseUrl: string): string | undefined => {
  try {
    return normaliseBaseUrl(baseUrl).toLowerCase();
  } catch {
    return undefined;
  }
};

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

  /** The endpoint's published prices by model id; none before its list was looked up. */
  for(baseUrl: string): Record<string, Price> {
    const key = endpointKey(baseUrl);
    return (key && this.byEndpoint.get(key)) || {};
  }
}
