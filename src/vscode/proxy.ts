import * as vscode from 'vscode';

/**
 * The proxy for a URL from VS Code's `http.proxy` (or HTTPS_PROXY/HTTP_PROXY), honouring
 * `http.noProxy` / NO_PROXY. The core tunnels both transports through it; we do not rely on the
 * extension host's own patching, which does not cover every socket a WebSocket library opens.
 */
export function proxyFor(target: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const http = vscode.workspace.getConfiguration('http');
  const configured = (http.get<string>('proxy') ?? '').trim();
  const proxy = configured || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || '';
  if (!proxy) return undefined;
  let host: string;
  try {
    host = new URL(target).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const exempt = [...(http.get<string[]>('noProxy') ?? []), ...String(env.NO_PROXY ?? env.no_proxy ?? '').split(',')]
    .map((h) => h.trim().toLowerCase().replace(/^\*?\./, ''))
    .filter(Boolean);
  if (exempt.some((h) => h === '*' || host === h || host.endsWith(`.${h}`))) return undefined;
  return /^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}
