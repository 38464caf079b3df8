import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A throwaway certificate authority made with openssl at test time (never committed), and server
 * certificates it signs. `dir` holds every file; remove() deletes it.
 */
export class TestPki {
  private constructor(readonly dir: string, readonly name: string) {}

  /** A new CA whose subject carries `name` (so a test can tell two CAs apart in a store). */
  static create(name: string): TestPki {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `relay-pki-${name}-`));
    const pki = new TestPki(dir, name);
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=Relay Chat test CA ${name}`,
      '-keyout', pki.caKeyPath, '-out', pki.caCertPath,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    return pki;
  }

  get caKeyPath(): string {
    return path.join(this.dir, 'ca.key');
  }

  get caCertPath(): string {
    return path.join(this.dir, 'ca.crt');
  }

  get caCert(): string {
    return fs.readFileSync(this.caCertPath, 'utf8');
  }

  /** A server key and certificate for `names` (DNS names or IPs), signed by this CA. */
  issue(names: string[]): { key: string; cert: string } {
    const base = path.join(this.dir, `server-${names[0]}`);
    const san = names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${names[0]}`, '-keyout', `${base}.key`, '-out', `${base}.csr`);
    fs.writeFileSync(`${base}.ext`, `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
    openssl('x509', '-req', '-in', `${base}.csr`, '-CA', this.caCertPath, '-CAkey', this.caKeyPath, '-CAcreateserial',
      '-days', '2', '-extfile', `${base}.ext`, '-out', `${base}.crt`);
    return { key: fs.readFileSync(`${base}.key`, 'utf8'), cert: fs.readFileSync(`${base}.crt`, 'utf8') };
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
