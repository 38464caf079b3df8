import type { ChatRequest, FimRequest, StreamEvent } from '../types';
import { mayOpenBlock, type Cursor, type CursorScope } from './context';
import { currentLinePrefix } from './cursor-text';
import { cleanCompletion } from './clean';
import { INSERT_OPEN_PATTERN, chatPrompt, reasoningOff, serverCaps, type CompletionRoute } from './request-shape';
import { routeRefused, type CompletionMode, type RouteMemory } from './route-memory';

/** The part of RelayClient a completion request uses (a fake in tests). */
export interface CompletionClient {
  streamChat(request: ChatRequest): AsyncIterable<StreamEvent>;
  streamFim(request: FimRequest): AsyncIterable<StreamEvent>;
}

export interface RoutedRequest {
  client: CompletionClient;
  routes: RouteMemory;
  mode: CompletionMode;
  endpoint: string;
  model: string;
  cursor: Cursor;
  scope: CursorScope;
  signal: AbortSignal;
  onRoute(route: CompletionRoute): void;
}

type Outcome = 'answered' | 'refused' | 'stopped-before-code';

/**
 * What a completion's stream yields: the client's events, and `restart` when the route is asked
 * again after text arrived (the text so far is dropped; what was billed for it stays counted).
 */
export type RoutedEvent = StreamEvent | { type: 'restart' };

/**
 * The events of one completion, trying the routes the mode allows in order until one answers: a
 * route the relay refuses (404, 400 …) before any text moves on to the next and is remembered; a
 * route that starts answering is remembered as the one that works.
 */
export async function* routedStream(r: RoutedRequest): AsyncGenerator<RoutedEvent, void, undefined> {
  const routes = r.routes.candidates(r.mode, r.endpoint, r.model);
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i] as CompletionRoute;
    const last = i === routes.length - 1;
    r.onRoute(route);
    let outcome = yield* tryRoute(r, route, last);
    if (outcome === 'stopped-before-code') {
      yield { type: 'restart' };
      outcome = yield* tryRoute(r, route, last);
    }
    if (outcome !== 'refused') return;
    r.routes.refusedBy(r.endpoint, r.model, route);
  }
}

async function* tryRoute(r: RoutedRequest, route: CompletionRoute, last: boolean): AsyncGenerator<StreamEvent, Outcome, undefined> {
  let delivered = false;
  let answering = false;
  let text = '';
  const blankLineStop = stopsAtBlankLines(r, route);
  for await (const event of open(r, route)) {
    if (event.type === 'error' && !delivered && !last && routeRefused(event.error)) return 'refused';
    if (event.type === 'text') {
      delivered = true;
      if (blankLineStop) text += event.text;
    }
    if (blankLineStop && event.type === 'done' && !event.aborted && event.finishReason === 'stop' && stoppedBeforeCode(text, r)) {
      r.routes.sawBlankLinesBeforeCode(r.endpoint, r.model);
      return 'stopped-before-code';
    }
    // The route answers (even if this request is then superseded): remember it.
    if (!answering && (event.type === 'provider' || event.type === 'text' || (event.type === 'done' && !event.aborted))) {
      answering = true;
      r.routes.worked(r.endpoint, r.model, route);
    }
    yield event;
  }
  return 'answered';
}

function stopsAtBlankLines(r: RoutedRequest, route: CompletionRoute): boolean {
  return route === 'chat' && r.scope !== 'block' && !r.routes.blankLinesBeforeCode(r.endpoint, r.model);
}

/**
 * A chat answer the blank-line stop ended before its `<insert>` tag, with nothing usable: a preamble
 * that introduces what follows (it ends with a colon) or the model's thoughts, then a blank line.
 * Asked again without that stop (and remembered). A refusal or an empty answer is an answer.
 */
function stoppedBeforeCode(text: string, r: RoutedRequest): boolean {
  const trimmed = text.trim();
  if (INSERT_OPEN_PATTERN.test(text) || !(/^<think(?:ing)?>/i.test(trimmed) || /<\/think(?:ing)?>$/i.test(trimmed) || /[:：]$/.test(trimmed))) return false;
  const { prefix, suffix, languageId } = r.cursor;
  return cleanCompletion({ raw: text, prefix, suffix, multiline: r.scope !== 'inline', fromChat: true, languageId }) === undefined;
}

function open(r: RoutedRequest, route: CompletionRoute): AsyncIterable<StreamEvent> {
  const caps = serverCaps(route, r.scope, mayOpenBlock(currentLinePrefix(r.cursor.prefix)), r.routes.blankLinesBeforeCode(r.endpoint, r.model));
  const common = { model: r.model, maxTokens: caps.maxTokens, stop: caps.stop, temperature: 0, signal: r.signal, retry: { maxRetries: 0 } };
  if (route === 'chat') {
    // A relay that refuses the switch: the client asks again without it and remembers (request quirks).
    return r.client.streamChat({ ...common, messages: chatPrompt(r.cursor, r.scope), extraBody: reasoningOff(r.model) });
  }
  return r.client.streamFim({ ...common, route, prompt: r.cursor.prefix, suffix: r.cursor.suffix });
}
