// Set by the first and last lines of dist/extension.js (esbuild.js `banner`, `footer`); absent
// where tsc compiled us (tests).
declare const __relayChatLoadStart: number | undefined;
declare const __relayChatLoadEnd: number | undefined;

/**
 * Activation as a user pays it: evaluating our bundle (100-270 ms before the transports were
 * loaded lazily) plus activate() itself. The host's own wait between the two (it reads our
 * storage in the meantime) is not ours and not counted.
 */
export function activationTimes(activateStarted: number, now = performance.now()): { totalMs: number; loadingMs: number } {
  const loaded = typeof __relayChatLoadStart === 'number' && typeof __relayChatLoadEnd === 'number';
  const loadingMs = loaded ? __relayChatLoadEnd - __relayChatLoadStart : 0;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { totalMs: round(loadingMs + now - activateStarted), loadingMs: round(loadingMs) };
}
