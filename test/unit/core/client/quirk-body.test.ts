import * as assert from 'node:assert/strict';
import { applyQuirks } from '../../../../src/core/client/quirk-body';

const chat = () => ({
  model: 'o3', stream: true, stream_options: { include_usage: true }, temperature: 0.2, top_p: 0.9, max_tokens: 64, stop: ['###'],
  messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'salut' }, { role: 'user', content: 'again' }],
});

describe('adapting a request body to what an endpoint + model accepts', () => {
  it('sends max_completion_tokens for max_tokens, and back', () => {
    const renamed = applyQuirks(chat(), ['use_max_completion_tokens']);
    assert.equal(renamed.max_completion_tokens, 64);
    assert.equal('max_tokens' in renamed, false);
    const back = applyQuirks(renamed, ['use_max_tokens']);
    assert.equal(back.max_tokens, 64);
    assert.equal('max_completion_tokens' in back, false);
  });

  it('drops temperature, top_p, stream_options and stop', () => {
    const out = applyQuirks(chat(), ['drop_temperature', 'drop_top_p', 'drop_stream_options', 'drop_stop']);
    assert.deepEqual(Object.keys(out).sort(), ['max_tokens', 'messages', 'model', 'stream']);
  });

  it('sends the system message as developer', () => {
    const out = applyQuirks(chat(), ['system_as_developer']);
    assert.deepEqual((out.messages as { role: string }[]).map((m) => m.role), ['developer', 'user', 'assistant', 'user']);
  });

  it('folds the system (or developer) text into the first user message', () => {
    for (const quirks of [['system_into_user'], ['system_as_developer', 'system_into_user']] as const) {
      const out = applyQuirks(chat(), quirks);
      assert.deepEqual(out.messages, [
        { role: 'user', content: 'Answer in French.\n\nhi' }, { role: 'assistant', content: 'salut' }, { role: 'user', content: 'again' },
      ]);
    }
  });

  it('adapts a FIM body too, and leaves a body without the field as it is', () => {
    const fim = { model: 'codestral', prompt: 'a', suffix: 'b', max_tokens: 32, stream: true, temperature: 0 };
    assert.deepEqual(applyQuirks(fim, ['use_max_completion_tokens', 'drop_temperature', 'system_into_user', 'drop_top_p']), {
      model: 'codestral', prompt: 'a', suffix: 'b', max_completion_tokens: 32, stream: true,
    });
    assert.deepEqual(fim.max_tokens, 32, 'the body given is not changed');
  });
});
