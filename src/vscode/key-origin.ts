import { normaliseBaseUrl } from '../core';

/**
 * Which host a key belongs to. A key is entered for one endpoint and is sent only there: it is stored
 * under the endpoint's origin (scheme, host and port, as defined by the URL Standard,
 * https://url.spec.whatwg.org/#origin), so pointing the base URL at another host finds no key for it
 * instead of sending the old one there. Plain Node: unit-tested without VS Code.
 */
export const DEFAULT_PROVIDER = 'default';
const LEGACY_PREFIX = 'relayChat.apiKey.';
const ORIGIN_PREFIX = 'relayChat.apiKey.origin:';
const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** The origin a base URL's requests go to (`https://relay.example:8443`), or undefined if it is not a valid URL. */
export function keyOrigin(baseUrl: string): string | undefined {
  try {
    return new URL(normaliseBaseUrl(baseUrl)).origin;
  } catch {
    return undefined;
  }
}

/** The SecretStorage name of the key for an origin. */
export function secretName(origin: string): string {
  return ORIGIN_PREFIX + origin;
}

/** The origin a SecretStorage name holds the key for, or undefined for any other secret. */
export function originOfSecret(name: string): string | undefined {
  return name.startsWith(ORIGIN_PREFIX) ? name.slice(ORIGIN_PREFIX.length) : undefined;
}

/**
 * The custom headers for a provider: they were set for the primary endpoint and may carry a token
 * (a relay's group or organisation header), so like a key they go only to the primary endpoint's
 * origin, never to a fallback on another host.
 */
export function headersFor(baseUrl: string, primaryBaseUrl: string, headers: Record<string, string>): Record<string, string> {
  const origin = keyOrigin(baseUrl);
  return origin !== undefined && origin === keyOrigin(primaryBaseUrl) ? headers : {};
}

/** Local servers (Ollama, LM Studio) need no key. */
export function needsNoKey(baseUrl: string): boolean {
  const origin = keyOrigin(baseUrl);
  return origin !== undefined && LOCAL_HOSTS.test(new URL(origin).hostname);
}

export interface ProviderEndpoint {
  id: string;
  baseUrl: string;
}

/** The part of VS Code's SecretStorage the key move uses. */
export interface Secrets {
  get(name: string): PromiseLike<string | undefined>;
  store(name: string, value: string): PromiseLike<void>;
  delete(name: string): PromiseLike<void>;
}

/**
 * Keys of earlier versions were stored per provider (`relayChat.apiKey.default` for the primary
 * endpoint, `relayChat.apiKey.<id>` for a fallback): each moves to the origin its provider points at
 * now, and the old secret is deleted. A provider whose URL is not valid has no origin yet and is left
 * for a later activation. When a fallback had a different key for an origin that already has one, its
 * old secret is kept (and logged), never lost. Returns the origins that received a key.
 */
export async function moveLegacyKeys(secrets: Secrets, providers: readonly ProviderEndpoint[], log: (message: string) => void): Promise<string[]> {
  const moved: string[] = [];
  for (const p of providers) {
    const origin = keyOrigin(p.baseUrl);
    const key = origin && await secrets.get(LEGACY_PREFIX + p.id);
    if (!origin || !key) continue;
    const current = await secrets.get(secretName(origin));
    if (current && current !== key) {
      log(`The key stored for provider "${p.id}" differs from the key for ${origin}; ${origin} keeps its key and the other stays under its old name.`);
      continue;
    }
    if (!current) await secrets.store(secretName(origin), key);
    await secrets.delete(LEGACY_PREFIX + p.id);
    moved.push(origin);
    log(`Moved the API key of provider "${p.id}" to ${origin}, the host it is used for.`);
  }
  return moved;
}
