// Issue 9: a caller's model options, as the relay is asked to apply them.
import * as assert from 'node:assert/strict';
import { lmRequestOptions } from '../../../../src/core/lm/model-options';

describe('a caller\'s model options, applied by the relay', () => {
  it('passes the caller\'s answer cap on as max_tokens, whichever common spelling it uses', () => {
    assert.deepEqual(lmRequestOptions({ max_tokens: 64 }), { maxTokens: 64 });
    assert.deepEqual(lmRequestOptions({ maxTokens: 64 }), { maxTokens: 64 });
    assert.deepEqual(lmRequestOptions({ max_tokens: 32, maxTokens: 64 }), { maxTokens: 32 }, 'the OpenAI spelling first');
    assert.deepEqual(lmRequestOptions({ max_completion_tokens: 48 }), { maxTokens: 48 });
    assert.deepEqual(lmRequestOptions({ maxOutputTokens: 16 }), { maxTokens: 16 });
  });

  it('keeps temperature and stop sequences, and leaves out values of the wrong kind rather than guess', () => {
    assert.deepEqual(lmRequestOptions({ temperature: 0, stop: '\n\n' }), { temperature: 0, stop: ['\n\n'] });
    assert.deepEqual(lmRequestOptions({ stop: ['END', 'STOP'] }), { stop: ['END', 'STOP'] });
    assert.deepEqual(lmRequestOptions({ max_tokens: '64', temperature: -1, stop: ['ok', 3] }), {});
    assert.deepEqual(lmRequestOptions({ max_tokens: 0 }), {});
    assert.deepEqual(lmRequestOptions({ max_tokens: 12.5 }), {});
    assert.deepEqual(lmRequestOptions(undefined), {});
  });
});
