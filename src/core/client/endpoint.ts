import { ConfigError } from '../errors';

/**
 * Turns what users paste into a base URL the client can append `/chat/completions` to:
 * trims whitespace, drops trailing slashes and a pasted `/chat/completions`, and adds `/v1` when
 * there is no path at all (`https://relay.example` -> `https://relay.example/v1`). Any other path is
 * kept, because relays and gateways mount the API in many places (`/api/v1`, `/openai/v1`, …).
 */
export function normaliseBaseUrl(input: string): string {
  const raw = (input ?? '').trim();
  if (!raw) throw new ConfigError('The base URL is empty. Set it to your relay, e.g. https://api.example.com/v1.', { reason: 'empty_base_url' });
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new ConfigError(`The base URL "${raw}" is not a valid URL.`, { reason: 'invalid_base_url', url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`The base URL must start with http:// or https:// (got ${url.protocol}).`, { reason: 'base_url_scheme', url: raw });
  }
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/chat\/completions$/i, '').replace(/\/+$/, '');
  if (path === '') path = '/v1';
  url.pathname = path;
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

// Placeholders copied from documentation instead of a real key.
const PLACEHOLDER = /^(your[_-]?.*key.*|<.*>|\$\{?[A-Z_]+\}?|sk-(x{3,}|\.{3}|\*{3,}|your.*|placeholder.*)|x{6,}|\*{6,}|api[_-]?key|key|changeme|placeholder|todo)$/i;

/**
 * Cleans a key as pasted: trims spaces and line breaks, drops a pasted `Bearer ` prefix. An empty key
 * is allowed (local servers such as Ollama need none); a placeholder is a clear error.
 */
export function normaliseApiKey(input: string | undefined): string {
  let key = (input ?? '').trim().replace(/^Bearer\s+/i, '').trim();
  if (/\s/.test(key)) {
    // A key with a line break or space inside was pasted wrong; spaces are never part of a key.
    key = key.replace(/\s+/g, '');
  }
  if (key && PLACEHOLDER.test(key)) {
    throw new ConfigError('The API key is a placeholder from the documentation, not a real key. Paste the key from your relay\'s dashboard.', { reason: 'placeholder_key' });
  }
  return key;
}

export function isPlaceholderKey(input: string): boolean {
  try {
    normaliseApiKey(input);
    return false;
  } catch {
    return true;
  }
}

export function modelsUrl(baseUrl: string): string {
  return `${baseUrl}/models`;
}

/** `http(s)://host/v1` -> `ws(s)://host/v1/chat/completions`, or the configured path. */
export function webSocketUrl(baseUrl: string, path = '/chat/completions'): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  return url.toString();
}

const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'upgrade']);

export function buildHeaders(apiKey: string, custom: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'relay-chat' };
  for (const [name, value] of Object.entries(custom)) {
    const lower = name.trim().toLowerCase();
    if (!lower || FORBIDDEN_HEADERS.has(lower)) continue;
    if (/[\r\n]/.test(value)) throw new ConfigError(`The custom header "${name}" contains a line break.`, { reason: 'header_line_break', header: name });
    headers[lower] = value;
  }
  if (apiKey && !headers.authorization) headers.authorization = `Bearer ${apiKey}`;
  return headers;
}
