import * as assert from 'node:assert/strict';
import { activationTimes } from '../../../src/vscode/activation-time';

// dist/extension.js sets these globals in its first and last statements (esbuild.js banner, footer).
const bundle = globalThis as { __relayChatLoadStart?: number; __relayChatLoadEnd?: number };

describe('activation time', () => {
  afterEach(() => {
    delete bundle.__relayChatLoadStart;
    delete bundle.__relayChatLoadEnd;
  });

  it("counts evaluating the bundle as well as activate(), not the host's wait between them", () => {
    bundle.__relayChatLoadStart = 1_000;
    bundle.__relayChatLoadEnd = 1_040;
    // activate() ran from 1_500 (the host read our storage meanwhile) to 1_506.
    assert.deepEqual(activationTimes(1_500, 1_506), { totalMs: 46, loadingMs: 40 });
  });

  it('is activate() alone where no bundle timed its loading (tests compiled by tsc)', () => {
    assert.deepEqual(activationTimes(1_500, 1_506), { totalMs: 6, loadingMs: 0 });
  });
});
