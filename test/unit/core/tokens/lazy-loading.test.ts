// Token counts (issue 21): the encodings are megabytes; loading the core must not load them, only a
// count for a model of that encoding does. Each case runs in a fresh Node process (the module cache
// of this one holds whatever earlier tests loaded).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const CORE = path.join(__dirname, '../../../../src/core/index.js');

function inFreshProcess(body: string): unknown {
  const script = `
    const Module = require('node:module');
    const loaded = (name) => Object.keys(require.cache).some((f) => f.includes('gpt-tokenizer') && f.includes('bpeRanks') && f.includes(name));
    (async () => { ${body} })().then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, CORE }, encoding: 'utf8' }));
}

describe('tokens: lazy loading of the encodings', () => {
  it('loads no encoding with the core, none for an estimated family, and only the one a count needs', () => {
    const steps = inFreshProcess(`
      const core = require(process.env.CORE);
      const steps = [[core.loadedEncodings(), loaded('o200k'), loaded('cl100k')]];
      await core.tokenCounterFor('claude-sonnet-4-5');
      steps.push([core.loadedEncodings(), loaded('o200k'), loaded('cl100k')]);
      const counter = await core.tokenCounterFor('gpt-4o');
      steps.push([core.loadedEncodings(), loaded('o200k'), loaded('cl100k'), counter.count('Hello, world!')]);
      return steps;`);
    assert.deepEqual(steps, [[[], false, false], [[], false, false], [['o200k'], true, false, 4]]);
  });

  it('estimates when the encoding cannot be loaded', () => {
    const result = inFreshProcess(`
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request.startsWith('gpt-tokenizer')) throw new Error('not shipped');
        return resolve.call(this, request, ...rest);
      };
      const counter = await require(process.env.CORE).tokenCounterFor('gpt-4.1');
      return [counter.family, counter.exact, counter.count('Hello, world!') > 0];`);
    assert.deepEqual(result, ['o200k', false, true]);
  });
});
