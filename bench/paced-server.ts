// The loopback relay for paced-bench, forked so that its work never lands on the client's CPU
// figures. Two deliveries of the same SSE events (stream-server's buildStream):
//   /flood/v1/chat/completions  every event written at once, as fast as the socket takes them: the
//                               client reads many events per read (what stream-bench measures);
//   /paced/v1/chat/completions  one write per event at TOKENS_PER_S, as a model streams: small reads.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildStream } from './stream-server';

/** Writes each event when it is due; setImmediate, not a timer: timers cannot tick every 100 µs. */
function pace(res: http.ServerResponse, events: Buffer[], tokensPerSecond: number): void {
  const start = process.hrtime.bigint();
  let sent = 0;
  const tick = () => {
    const due = Math.min(events.length, Math.floor((Number(process.hrtime.bigint() - start) / 1e9) * tokensPerSecond) + 1);
    while (sent < due) res.write(events[sent++] as Buffer);
    if (sent < events.length) setImmediate(tick);
    else res.end();
  };
  tick();
}

function flood(res: http.ServerResponse, events: Buffer[]): void {
  let i = 0;
  const pump = () => {
    while (i < events.length) if (!res.write(events[i++] as Buffer)) return void res.once('drain', pump);
    res.end();
  };
  pump();
}

export function servePaced(chunks: number, tokensPerSecond: number): Promise<http.Server> {
  const { events } = buildStream(chunks);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      const delivery = url.startsWith('/paced/') ? 'paced' : url.startsWith('/flood/') ? 'flood' : undefined;
      if (req.method !== 'POST' || !delivery || !url.endsWith('/chat/completions')) return void res.writeHead(404).end();
      res.socket?.setNoDelay(true);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (delivery === 'paced') pace(res, events, tokensPerSecond);
      else flood(res, events);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

if (require.main === module) {
  void servePaced(Number(process.argv[2]), Number(process.argv[3])).then((server) => {
    process.send?.({ port: (server.address() as AddressInfo).port });
    process.on('disconnect', () => process.exit(0));
  });
}
