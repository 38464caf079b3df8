import * as fs from 'node:fs';
import * as tls from 'node:tls';
import * as vscode from 'vscode';
import type { NetworkOptions } from '../core';

/** Where Linux distributions keep the OS certificate bundle (Debian/Ubuntu, Fedora/RHEL, openSUSE/Arch, Fedora 43+). */
const LINUX_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem'];

/**
 * VS Code's network settings for the core, read when the client is built (a change to any `http.*`
 * setting rebuilds it):
 * - `http.proxy`, else HTTPS_PROXY / HTTP_PROXY; `http.noProxy` and NO_PROXY exempt hosts;
 * - `http.proxyAuthorization`: the Proxy-Authorization header (else credentials in the proxy URL);
 * - `http.proxyStrictSSL`: false accepts certificates that do not verify, as VS Code's own requests do;
 * - `http.systemCertificates` (default on): the OS certificate store is trusted besides Node's;
 * - `http.proxySupport: off`: like an extension without VS Code's proxy support (direct, Node's CAs).
 * A system or PAC proxy that only VS Code's desktop process resolves is not reachable from an extension
 * (no API exposes the resolver): it is used when it reaches us as HTTPS_PROXY / HTTP_PROXY.
 */
export class NetworkSettings {
  readonly network: NetworkOptions;
  private readonly proxy: string;
  private readonly exempt: string[];

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const http = vscode.workspace.getConfiguration('http');
    const off = http.get<string>('proxySupport') === 'off';
    const configured = off ? '' : (http.get<string>('proxy') ?? '').trim();
    this.proxy = off ? '' : configured || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || '';
    this.exempt = [...(http.get<string[]>('noProxy') ?? []), ...String(env.NO_PROXY ?? env.no_proxy ?? '').split(',')]
      .map((h) => h.trim().toLowerCase().replace(/^\*?\./, ''))
      .filter(Boolean);
    const authorization = (http.get<string | null>('proxyAuthorization') ?? '').trim();
    this.network = {
      rejectUnauthorized: off || http.get<boolean>('proxyStrictSSL') !== false,
      ...(authorization && !off ? { proxyAuthorization: authorization } : {}),
      ...(!off && http.get<boolean>('systemCertificates') !== false ? { ca: systemCertificates() } : {}),
    };
  }

  /** The proxy for a URL ('' = direct), honouring the exemptions. */
  proxyFor(target: string): string {
    if (!this.proxy) return '';
    let host: string;
    try {
      host = new URL(target).hostname.toLowerCase().replace(/^\[|\]$/g, '');
    } catch {
      return '';
    }
    if (this.exempt.some((h) => h === '*' || host === h || host.endsWith(`.${h}`))) return '';
    return /^[a-z]+:\/\//i.test(this.proxy) ? this.proxy : `http://${this.proxy}`;
  }
}

/**
 * The OS store's CAs (PEM). On Linux the distribution's bundle is read each time (Node caches its
 * own 'system' list for the life of the process, so a CA added later would not be seen until a
 * restart); elsewhere Node reads the keychain / Windows store (Node ≥ 22.15).
 */
export function systemCertificates(): string[] {
  if (process.platform === 'linux') {
    for (const file of LINUX_BUNDLES) {
      try {
        return fs.readFileSync(file, 'utf8').split(/(?=-----BEGIN CERTIFICATE-----)/).filter((pem) => pem.includes('-----END CERTIFICATE-----'));
      } catch {
        // not this distribution's path
      }
    }
  }
  const get = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  try {
    return get ? get('system') : [];
  } catch {
    return [];
  }
}
