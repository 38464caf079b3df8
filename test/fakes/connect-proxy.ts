import * as http from 'node:http';
import * as net from 'node:net';

/**
 * A minimal HTTP CONNECT proxy on 127.0.0.1 for tests. `hosts` maps names only the proxy knows
 * (e.g. relay.test) to loopback, so a client that skipped the proxy fails to resolve them.
 */
export class ConnectProxy {
  readonly tunnels: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: http.Server, private readonly hosts: Record<string, string>, private readonly credentials: string | undefined) {}

  /** With `credentials` ("user:password") a CONNECT without them is answered 407, as an authenticating proxy does. */
  static async start(hosts: Record<string, string> = {}, credentials?: string): Promise<ConnectProxy> {
    const server = http.createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
    const proxy = new ConnectProxy(server, hosts, credentials);
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => proxy.tunnel(req, client, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const [host = '', port = '80'] = (req.url ?? '').split(':');
    if (this.credentials && req.headers['proxy-authorization'] !== `Basic ${Buffer.from(this.credentials).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.tunnels.push(req.url ?? '');
    const upstream = net.connect(Number(port), this.hosts[host] ?? host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => this.sockets.delete(s));
    }
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  }
}
