// The loopback relay for stream-bench. It runs in a forked child so that the server's work (and its
// share of the event loop) never lands on the client's CPU figures. It only replays pre-built bytes.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { prng } from './prng';

// Mixed scripts on purpose: 3- and 4-byte UTF-8 and surrogate pairs are where a careless decoder
// loses or garbles text when a write boundary falls inside a character.
const TOKENS = ['こんにちは世界', '你好', '🙂', '👍🏽', ' code ', '日本語', 'Hello', ', ', '\n', 'é', '中文', '🚀', ' the ', '{"x":1}', '\\n', '"quoted"'];


export interface BenchStream {
  /** What a correct client prints: the concatenation of every delta.content. */
  text: string;
  /** One buffer per SSE event (write mode "event"). */
  events: Buffer[];
  /** The same bytes cut at random 1–61-byte boundaries (write mode "split"). */
  pieces: Buffer[];
  /** The `data` payloads, one WebSocket text message each (chunks dialect), [DONE] last. */
  messages: string[];
  bytes: number;
}

export function buildStream(chunks: number): BenchStream {
  const rand = prng(0x5eed);
  const parts: string[] = [];
  const events: Buffer[] = [];
  const messages: string[] = [];
  const event = (obj: unknown) => {
    messages.push(JSON.stringify(obj));
    events.push(Buffer.from(`data: ${messages[messages.length - 1]}\n\n`, 'utf8'));
  };
  for (let i = 0; i < chunks; i++) {
    const token = TOKENS[Math.floor(rand() * TOKENS.length)] ?? '';
    parts.push(token);
    event({ id: 'chatcmpl-b', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: { content: token }, finish_reason: null }] });
  }
  event({ id: 'chatcmpl-b', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  events.push(Buffer.from('data: [DONE]\n\n', 'utf8'));
  messages.push('[DONE]');

  const whole = Buffer.concat(events);
  const pieces: Buffer[] = [];
  const cut = prng(0xc0ffee);
  for (let at = 0; at < whole.length;) {
    const size = 1 + Math.floor(cut() * 61);
    pieces.push(whole.subarray(at, at + size));
    at += size;
  }
  return { text: parts.join(''), events, pieces, messages, bytes: whole.length };
}

/** Writes as fast as the socket takes them, honouring backpressure (an unbounded buffer would hide the split writes). */
function replay(res: http.ServerResponse, writes: Buffer[]): void {
  let i = 0;
  const pump = () => {
    while (i < writes.length) {
      if (!res.write(writes[i++] as Buffer)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

export function serve(chunks: number): Promise<http.Server> {
  const stream = buildStream(chunks);
  const server = http.createServer((req, res) => {
    // Drain the request body; its content does not matter.
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'GET' && url.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[{"id":"bench","object":"model"}]}');
        return;
      }
      // The base URL prefix picks the write mode: /event/v1/... or /split/v1/...
      const mode = url.startsWith('/split/') ? 'split' : url.startsWith('/event/') ? 'event' : undefined;
      if (req.method !== 'POST' || !mode || !url.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      res.socket?.setNoDelay(true);
      // No content-length: chunked, as real relays send SSE.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'req-bench' });
      replay(res, mode === 'split' ? stream.pieces : stream.events);
    });
  });
  // WebSocket at /ws/v1/chat/completions: each request message is answered with every chunk as its
  // own text message (the chunks dialect), as fast as the socket takes them.
  const wss = new WebSocketServer({ server, path: '/ws/v1/chat/completions', perMessageDeflate: false });
  wss.on('connection', (ws) => {
    ws.on('message', () => {
      for (const message of stream.messages) ws.send(message);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Forked by stream-bench: report the port to the parent, then live until the parent goes away.
if (require.main === module) {
  const chunks = Number(process.argv[2] ?? 20_000);
  void serve(chunks).then((server) => {
    process.send?.({ port: (server.address() as AddressInfo).port });
    process.on('disconnect', () => process.exit(0));
  });
}
