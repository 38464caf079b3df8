import type { EncodingName } from './token-family';

type Count = (text: string) => number;

const loaded = new Map<EncodingName, Count>();

/**
 * An OpenAI encoding's counter, loaded on first use and kept. The ranks are megabytes of JavaScript
 * that take 50-150 ms to load: VS Code activates us at startup, so esbuild.js bundles each encoding
 * apart (dist/tokens-o200k.js, dist/tokens-cl100k.js) and only a count reaches this `require`.
 * Throws when the bundle cannot be loaded (the caller estimates instead).
 */
export function encodingCounter(name: EncodingName): Count {
  let count = loaded.get(name);
  if (!count) {
    /* eslint-disable @typescript-eslint/no-require-imports -- a deferred load is the point */
    count = name === 'o200k'
      ? (require('./encodings/o200k') as typeof import('./encodings/o200k')).count
      : (require('./encodings/cl100k') as typeof import('./encodings/cl100k')).count;
    /* eslint-enable @typescript-eslint/no-require-imports */
    loaded.set(name, count);
  }
  return count;
}

/** The encodings loaded so far in this process (for tests and the activation check). */
export function loadedEncodings(): EncodingName[] {
  return [...loaded.keys()];
}
