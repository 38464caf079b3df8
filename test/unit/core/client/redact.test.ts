import * as assert from 'node:assert/strict';
import { Redactor } from '../../../../src/core';

describe('redaction', () => {
  it('removes known keys and key-shaped strings from any text', () => {
    const r = new Redactor();
    r.add('my-relay-key-12345');
    const out = r.apply('key my-relay-key-12345, Authorization: Bearer abcdefghijklmnop, sk-proj-ABCDEFGH1234, wss://h/v1?api_key=zzzzzz&x=1');
    assert.ok(!out.includes('my-relay-key-12345'));
    assert.ok(!out.includes('abcdefghijklmnop'));
    assert.ok(!out.includes('sk-proj-ABCDEFGH1234'));
    assert.ok(!out.includes('zzzzzz'));
    assert.match(out, /api_key=\[redacted\]&x=1/);
  });

  it('leaves ordinary text alone', () => {
    assert.equal(new Redactor().apply('The model gpt-4.1 is busy; retry in 3 s.'), 'The model gpt-4.1 is busy; retry in 3 s.');
  });
});
