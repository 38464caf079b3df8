import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface SquidOptions {
  /** Names only the proxy resolves (e.g. relay.test → 127.0.0.1), from its own hosts file. */
  hosts: Record<string, string>;
  /** TLS interception (ssl_bump): squid mints certificates for each host, signed by this CA. */
  bump?: { caCertPath: string; caKeyPath: string; trustUpstreamCaPath: string };
  /** Basic authentication (basic_ncsa_auth with an htpasswd file made by openssl). */
  credentials?: { user: string; password: string };
}

const LIBEXEC = '/usr/lib/squid';

/**
 * A real Debian squid on a free loopback port, in the foreground (-N) with its own config, cache, logs
 * and pid file in a temporary folder; stop() ends that one process and removes the folder.
 */
export class Squid {
  private constructor(private readonly child: ChildProcess, readonly port: number, readonly dir: string) {}

  static available(): boolean {
    return fs.existsSync('/usr/sbin/squid') && fs.existsSync(`${LIBEXEC}/security_file_certgen`);
  }

  static async start(options: SquidOptions): Promise<Squid> {
    // Not os.tmpdir(): squid drops to the `proxy` user, who cannot enter a private TMPDIR (the test host's is 0700).
    const dir = fs.mkdtempSync('/tmp/relay-squid-');
    const port = await freePort();
    const hostsFile = path.join(dir, 'hosts');
    fs.writeFileSync(hostsFile, Object.entries(options.hosts).map(([name, ip]) => `${ip} ${name}\n`).join(''));
    const lines = [
      `pid_filename ${dir}/squid.pid`, `cache_log ${dir}/cache.log`, `access_log ${dir}/access.log`, `coredump_dir ${dir}`,
      `hosts_file ${hostsFile}`, 'visible_hostname relay-test-proxy', 'cache deny all', 'shutdown_lifetime 0 seconds',
      'acl SSL_ports port 1-65535', 'acl CONNECT method CONNECT',
      // WebSocket upgrades inside a bumped tunnel are forwarded only when allowed (squid ≥ 5).
      // squid compares the protocol name case-sensitively: ws sends `Upgrade: websocket`, browsers too.
      'http_upgrade_request_protocols websocket allow all', 'http_upgrade_request_protocols WebSocket allow all',
    ];
    if (options.credentials) {
      const htpasswd = path.join(dir, 'htpasswd');
      const hash = execFileSync('openssl', ['passwd', '-apr1', options.credentials.password], { encoding: 'utf8' }).trim();
      fs.writeFileSync(htpasswd, `${options.credentials.user}:${hash}\n`);
      lines.push(`auth_param basic program ${LIBEXEC}/basic_ncsa_auth ${htpasswd}`, 'auth_param basic realm relay-test',
        'acl users proxy_auth REQUIRED', 'http_access allow users', 'http_access deny all');
    } else {
      lines.push('http_access allow all');
    }
    if (options.bump) {
      const db = path.join(dir, 'ssl_db');
      execFileSync(`${LIBEXEC}/security_file_certgen`, ['-c', '-s', db, '-M', '4MB'], { stdio: 'ignore' });
      lines.push(
        `http_port 127.0.0.1:${port} ssl-bump tls-cert=${options.bump.caCertPath} tls-key=${options.bump.caKeyPath} generate-host-certificates=on dynamic_cert_mem_cache_size=4MB`,
        `sslcrtd_program ${LIBEXEC}/security_file_certgen -s ${db} -M 4MB`, 'sslcrtd_children 3 startup=1 idle=1',
        `tls_outgoing_options cafile=${options.bump.trustUpstreamCaPath}`,
        'acl step1 at_step SslBump1', 'ssl_bump peek step1', 'ssl_bump bump all',
      );
    } else {
      lines.push(`http_port 127.0.0.1:${port}`);
    }
    fs.writeFileSync(path.join(dir, 'squid.conf'), `${lines.join('\n')}\n`);
    // squid started as root runs as `proxy`: it must read the config and CA and write the logs and ssl_db.
    execFileSync('chown', ['-R', 'proxy:proxy', dir]);
    const child = spawn('/usr/sbin/squid', ['-N', '-f', path.join(dir, 'squid.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const squid = new Squid(child, port, dir);
    try {
      await waitForPort(port, child, () => `${stderr}\n${readIfAny(path.join(dir, 'cache.log'))}`);
    } catch (e) {
      await squid.stop();
      throw e;
    }
    return squid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The access log: one line per request or tunnel (CONNECT, bumped GET/POST), for assertions. */
  accessLog(): string {
    return readIfAny(path.join(this.dir, 'access.log'));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function readIfAny(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once squid accepts connections; rejects with its log if it exits first. */
async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`squid exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
