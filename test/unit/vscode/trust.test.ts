// Issue 8: command arguments and the exported API are for tests only.
import * as assert from 'node:assert/strict';
import { TrustPolicy } from '../../../src/vscode/trust';

describe('TrustPolicy: command arguments and the exported API only in test mode', () => {
  it('outside test mode ignores arguments (the command shows its prompt) and exports nothing', () => {
    const production = new TrustPolicy(false);
    assert.equal(production.args({ key: 'key-from-another-extension' }), undefined);
    assert.equal(production.args('https://attacker.example/v1'), undefined);
    let built = false;
    assert.equal(production.exports(() => (built = true)), undefined);
    assert.equal(built, false, 'the API object is not even built');
  });

  it('in test mode honours arguments and exports the API', () => {
    const test = new TrustPolicy(true);
    assert.deepEqual(test.args({ key: 'k' }), { key: 'k' });
    assert.deepEqual(test.exports(() => ({ chat: 'controller' })), { chat: 'controller' });
  });
});
