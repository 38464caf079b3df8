import type { EventSourceMessage, EventSourceParser } from 'eventsource-parser';
import { libraries } from './lazy';
import type { ChunkReader } from './chunk-reader';
import { errorFromStreamPayload } from './http-errors';
import type { StreamEvent } from '../types';

/**
 * Bytes of an event stream in, stream events out. UTF-8 is decoded in stream mode (a character split
 * across two reads stays whole); lines and fields are eventsource-parser's, which follows the spec:
 * CR, LF and CRLF line ends, comments, multi-line `data:`
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 * Throws a RelayError for an error sent inside the stream.
 */
export class SseDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;

  constructor(
    private readonly reader: ChunkReader,
    emit: (event: StreamEvent) => void,
    model: string,
  ) {
    this.parser = libraries().createParser({
      onEvent: (event: EventSourceMessage) => {
        if (reader.ended) return;
        if (event.event === 'error') throw errorFromStreamPayload(parseMaybe(event.data), { model });
        reader.acceptData(event.data);
      },
      // `: ping` and relay comment lines are liveness, not the end of the answer.
      onComment: () => emit({ type: 'keepalive' }),
    });
  }

  feed(bytes: Uint8Array): void {
    this.parser.feed(this.decoder.decode(bytes, { stream: true }));
  }

  /**
   * End of body. Spec-wise an event without its final blank line is dropped; some relays omit that
   * line, and dropping the last text the user paid for is worse, so a pending event is dispatched.
   */
  end(): void {
    this.parser.feed(`${this.decoder.decode()}\n\n`);
    this.reader.flush();
  }
}

function parseMaybe(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data; // a plain-text error message
  }
}
