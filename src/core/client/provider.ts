import { createHash } from 'node:crypto';
import { buildHeaders, normaliseApiKey, normaliseBaseUrl } from './endpoint';
import type { Redactor } from './redact';
import type { ChatRequest, FimRequest, ProviderConfig, ProviderInfo } from '../types';
import { wireMessage, wireTools } from './wire-messages';

/** A provider ready for a request: URL normalised, key fetched and cleaned, headers built. */
export interface ResolvedProvider {
  config: ProviderConfig;
  proxy: string | undefined;
  baseUrl: string;
  apiKey: string;
  headers: Record<string, string>;
  info: ProviderInfo;
}

/** Resolves a provider for `model`; the key (as given and as cleaned) is added to the redactor. */
export async function resolveProvider(config: ProviderConfig, model: string, defaultProxy: string | undefined, redactor: Redactor): Promise<ResolvedProvider> {
  const baseUrl = normaliseBaseUrl(config.baseUrl);
  const raw = typeof config.apiKey === 'function' ? await config.apiKey() : config.apiKey;
  const apiKey = normaliseApiKey(raw);
  redactor.add(raw);
  redactor.add(apiKey);
  const proxy = (config.proxy ?? defaultProxy) || undefined;
  return { config, proxy, baseUrl, apiKey, headers: buildHeaders(apiKey, config.headers), info: { id: config.id, baseUrl, model: config.modelMap?.[model] ?? model } };
}

/** The chat-completions request body (`stream: true`; usage asked for unless the relay refused it). */
export function requestBody(provider: ResolvedProvider, request: ChatRequest, includeUsage: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { model: provider.info.model, messages: request.messages.map(wireMessage), stream: true };
  if (includeUsage) body.stream_options = { include_usage: true };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.stop?.length) body.stop = request.stop;
  if (request.tools?.length) {
    body.tools = wireTools(request.tools);
    // `auto` is every relay's default: sent only when the caller requires a call.
    if (request.toolChoice === 'required') body.tool_choice = 'required';
  }
  return { ...body, ...request.extraBody };
}

/** The body of a fill-in-the-middle request (`/completions` or `/fim/completions`). */
export function fimRequestBody(provider: ResolvedProvider, request: FimRequest, includeUsage: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: provider.info.model, prompt: request.prompt, suffix: request.suffix, max_tokens: request.maxTokens, stream: true,
  };
  if (includeUsage) body.stream_options = { include_usage: true };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.stop?.length) body.stop = request.stop;
  return { ...body, ...request.extraBody };
}

/** A short, non-reversible tag of a key, to tell endpoints and caches apart without keeping the key. */
export function fingerprint(key: string): string {
  return key ? createHash('sha256').update(key).digest('hex').slice(0, 12) : 'none';
}

/** The normalised base URL, or the input as it is when it is not a valid URL (for display). */
export function safeBaseUrl(raw: string): string {
  try {
    return normaliseBaseUrl(raw);
  } catch {
    return raw;
  }
}
