// The agent loop by model name: `fake-tools` calls the first tool, then quotes its result; the
// variants send two calls, broken arguments, other relays' shapes; `fake-no-tools` refuses tools.
import * as assert from 'node:assert/strict';
import { FakeRelay } from '../../fakes/fake-relay';
import { SAMPLE_TEXT } from '../../fakes/scenario';
import { argumentsFor, TOOL_MODEL_FIELDS } from '../../fakes/tool-presets';
import { chat, reassemble, sseChat, textOf, WIRES, type Reassembled } from './relay-wire';

const TOOLS = [
  { type: 'function', function: { name: 'search_docs', description: '検索', parameters: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer' } }, required: ['query'] } } },
  { type: 'function', function: { name: 'other', parameters: { type: 'object', properties: {} } } },
];
const ask = (model: string) => ({ model, tools: TOOLS, messages: [{ role: 'user', content: '東京の天気を調べて' }] });
/** The next request of the loop: the calls made, and a result for each. */
function answered(model: string, calls: Reassembled[], results: string[]) {
  const made = { role: 'assistant', content: null, tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) };
  return { ...ask(model), messages: [...ask(model).messages, made, ...calls.map((c, i) => ({ role: 'tool', tool_call_id: c.id, content: results[i] }))] };
}

describe('fake relay: the agent-loop presets', () => {
  let relay: FakeRelay;
  beforeEach(async () => (relay = await FakeRelay.start()));
  afterEach(async () => relay.close());

  for (const wire of WIRES) {
    it(`${wire}: fake-tools calls the first tool with Japanese arguments from its schema, then quotes the result`, async () => {
      const first = await chat(relay, ask('fake-tools'), wire);
      assert.equal(first.finish, 'tool_calls');
      assert.ok(textOf(first.deltas).length > 0, 'a short text before the call');
      const calls = reassemble(first.deltas);
      assert.deepEqual(calls.map((c) => [c.name, JSON.parse(c.arguments)]), [['search_docs', { query: '東京の天気 🌤️' }]]);
      const second = await chat(relay, answered('fake-tools', calls, ['晴れ、25℃']), wire);
      assert.equal(second.status, 200, JSON.stringify(second.error));
      assert.equal(textOf(second.deltas), 'ツールの結果: 晴れ、25℃ 🙂👍🏽 完了。');
      assert.equal(reassemble(second.deltas).length, 0);
      assert.equal(second.finish, 'stop');
    });
  }

  it('fake-tools prefers a tool that only looks things up and needs no path (as VS Code\'s agent offers them), and gives a file search a glob', async () => {
    const agentTools = [
      { type: 'function', function: { name: 'create_directory', parameters: { type: 'object', properties: { dirPath: { type: 'string' } }, required: ['dirPath'] } } },
      { type: 'function', function: { name: 'list_dir', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } },
      { type: 'function', function: { name: 'file_search', parameters: { type: 'object', properties: { query: { type: 'string' }, maxResults: { type: 'number' } }, required: ['query'] } } },
    ];
    const first = await chat(relay, { ...ask('fake-tools'), tools: agentTools }, 'sse');
    assert.deepEqual(reassemble(first.deltas).map((c) => [c.name, JSON.parse(c.arguments)]), [['file_search', { query: '**/*' }]]);
    const onlyPaths = await chat(relay, { ...ask('fake-tools'), tools: agentTools.slice(0, 2) }, 'sse');
    assert.deepEqual(reassemble(onlyPaths.deltas).map((c) => c.name), ['create_directory'], 'else the first tool');
  });

  it('fake-tools without tools answers normally', async () => {
    assert.equal(textOf((await sseChat(relay, { model: 'fake-tools', messages: [{ role: 'user', content: 'hi' }] })).deltas), SAMPLE_TEXT);
  });

  it('fake-tools-multi: two calls of the first tool and no text; both results are quoted', async () => {
    const first = await sseChat(relay, ask('fake-tools-multi'));
    const calls = reassemble(first.deltas);
    assert.equal(textOf(first.deltas), '');
    assert.deepEqual(calls.map((c) => c.name), ['search_docs', 'search_docs']);
    assert.notEqual(calls[0]?.id, calls[1]?.id);
    assert.deepEqual(calls.map((c) => JSON.parse(c.arguments)), [{ query: '東京の天気 🌤️' }, { query: '大阪の天気 ☔' }]);
    const second = await sseChat(relay, answered('fake-tools-multi', calls, ['晴れ', '雨']));
    assert.equal(textOf(second.deltas), 'ツールの結果: 晴れ / 雨 🙂👍🏽 完了。');
  });

  it('fake-tools-bad-args: the arguments are not JSON', async () => {
    const [call] = reassemble((await sseChat(relay, ask('fake-tools-bad-args'))).deltas);
    assert.ok(call?.arguments.startsWith('{"query":'));
    assert.throws(() => JSON.parse(call?.arguments ?? ''));
  });

  it('fake-tools-whole and fake-tools-no-index: the same call in the other relays\' shapes', async () => {
    const whole = (await sseChat(relay, ask('fake-tools-whole'))).deltas.filter((d) => d.tool_calls);
    assert.equal(whole.length, 1);
    const noIndex = await sseChat(relay, ask('fake-tools-no-index'));
    assert.ok(noIndex.deltas.flatMap((d) => d.tool_calls as object[] ?? []).every((p) => !('index' in p)));
    assert.deepEqual(reassemble(noIndex.deltas).map((c) => JSON.parse(c.arguments)), [{ query: '東京の天気 🌤️' }]);
  });

  it('fake-no-tools refuses a request with tools in vLLM\'s words and answers one without', async () => {
    const refused = await sseChat(relay, ask('fake-no-tools'));
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.error, { object: 'error', message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set', type: 'BadRequestError', param: null, code: 400 });
    const plain = await sseChat(relay, { model: 'fake-no-tools', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(plain.status, 200);
  });

  it('fake-no-tools-ollama refuses in Ollama\'s words, over a WebSocket too', async () => {
    const message = 'registry.ollama.ai/library/fake-no-tools-ollama:latest does not support tools';
    const refused = await sseChat(relay, ask('fake-no-tools-ollama'));
    assert.deepEqual([refused.status, refused.error], [400, { error: { message, type: 'api_error', param: null, code: null } }]);
    const ws = await chat(relay, ask('fake-no-tools-ollama'), 'typed');
    assert.deepEqual([ws.status, (ws.error?.error as { message?: string }).message], [400, message]);
  });

  it('builds arguments from a schema: required properties of each type, else the first string one', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' }, on: { type: 'boolean' }, mode: { type: 'string', enum: ['fast', 'slow'] }, tags: { type: 'array', items: { type: 'string' } }, note: { type: 'string' } }, required: ['n', 'on', 'mode', 'tags'] };
    assert.deepEqual(argumentsFor(schema), { n: 3, on: true, mode: 'fast', tags: ['東京の天気 🌤️'] });
    assert.deepEqual(argumentsFor({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'string' } } }), { b: '東京の天気 🌤️' });
    assert.deepEqual(argumentsFor(undefined), {});
  });

  it('the model list offers fake-tools for agent mode (tools, images) and fake-no-tools without tools', async () => {
    relay.models.push(...Object.keys(TOOL_MODEL_FIELDS));
    Object.assign(relay.modelFields, TOOL_MODEL_FIELDS);
    const list = (await (await fetch(`${relay.baseUrl}/models`)).json()) as { data: { id: string; supported_parameters?: string[]; architecture?: { input_modalities: string[] } }[] };
    const tools = list.data.find((m) => m.id === 'fake-tools');
    const none = list.data.find((m) => m.id === 'fake-no-tools');
    assert.ok(tools?.supported_parameters?.includes('tools') && tools.supported_parameters.includes('tool_choice'));
    assert.deepEqual(tools?.architecture?.input_modalities, ['text', 'image']);
    assert.ok(none && !none.supported_parameters?.includes('tools'));
  });
});
