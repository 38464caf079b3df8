import type { IncomingHttpHeaders } from 'node:http';
import type { ChunkReader } from './chunk-reader';
import { ProtocolError, type RelayError, isRelayError } from '../errors';
import { errorFromHttp, excerpt } from './http-errors';
import { parseRetryAfter } from '../client/retry';

type Kind = 'json' | 'html' | 'error';

/** How much of each kind of body is kept; the rest is read and dropped. */
const LIMIT: Record<Kind, number> = { json: 16 * 1024 * 1024, html: 64 * 1024, error: 64 * 1024 };

/**
 * A response to a streamed request that is not an event stream, kept whole (up to a limit) and
 * read when it has ended: an HTTP error, an HTML page, or one whole JSON completion.
 */
export class WholeBody {
  private readonly kept: Buffer[] = [];
  private bytes = 0;

  private constructor(
    private readonly kind: Kind,
    private readonly status: number,
    private readonly headers: IncomingHttpHeaders,
    private readonly requestId: string | undefined,
  ) {}

  /** The body to keep whole for this response, or undefined for an event stream. */
  static of(status: number, headers: IncomingHttpHeaders, requestId: string | undefined): WholeBody | undefined {
    const type = String(headers['content-type'] ?? '').toLowerCase();
    if (status < 200 || status >= 300) return new WholeBody('error', status, headers, requestId);
    // Some relays ignore `stream: true` and answer with one whole completion.
    if (type.includes('application/json')) return new WholeBody('json', status, headers, requestId);
    // A captive portal or a proxy's page with status 200: say so instead of printing HTML.
    if (type.includes('text/html')) return new WholeBody('html', status, headers, requestId);
    return undefined;
  }

  get isError(): boolean {
    return this.kind === 'error';
  }

  add(chunk: Buffer): void {
    if (this.bytes < LIMIT[this.kind]) this.kept.push(chunk);
    this.bytes += chunk.length;
  }

  /** The answer once the body ended: an error for 'error' and 'html'; for 'json', the completion read into `reader`. */
  read(reader: ChunkReader, model: string): RelayError | undefined {
    const text = Buffer.concat(this.kept).toString('utf8').slice(0, LIMIT.json);
    const { status, headers, requestId } = this;
    if (this.kind === 'error') return errorFromHttp(status, text, { model, requestId, retryAfterMs: parseRetryAfter(headers) });
    if (this.kind === 'html') return new ProtocolError(`Expected an event stream but got an HTML page: ${excerpt(text)}`, { status });
    try {
      reader.acceptObject(JSON.parse(text));
      reader.flush();
      return reader.finishReason || reader.chars > 0 ? undefined : new ProtocolError(`The relay answered with JSON but no completion: ${excerpt(text)}`);
    } catch (e) {
      return isRelayError(e) ? e : new ProtocolError(`The relay answered with unreadable JSON: ${excerpt(text)}`);
    }
  }
}
