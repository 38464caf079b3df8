import type * as Libraries from './libraries';

let loaded: typeof Libraries | undefined;

/**
 * undici, ws, https-proxy-agent and eventsource-parser, loaded on first use. They are most of the
 * extension's code (undici alone is about 1 MB), and VS Code activates us at startup: loading them
 * there cost every user 60-250 ms before any request was made. esbuild.js puts them in a bundle of
 * their own, which this `require` reaches only when a request, probe or stream needs it.
 */
export function libraries(): typeof Libraries {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load is the point
  return (loaded ??= require('./libraries') as typeof Libraries);
}
