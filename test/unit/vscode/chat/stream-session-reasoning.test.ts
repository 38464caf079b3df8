// The host side of an answer's reasoning (StreamSession, through which the panel's answers, Explain,
// Retry and Continue all stream): whatever shape the thinking comes in, the stored message's `text` is
// the answer only and `reasoning` the thinking, and the panel gets it live as deltas — or, when a lone
// `</think>` shows that the text so far was reasoning, one `rewrite` with the message as it now is.
import * as assert from 'node:assert/strict';
import '../../support/vscode-l10n-stub';
import type { RelayClient, StoredMessage, StreamEvent } from '../../../../src/core';
import { isHostToWebview, type HostToWebview } from '../../../../src/shared/protocol';
import { StreamSession } from '../../../../src/vscode/chat/stream-session';

/** A step that waits, before the stream goes on, until the panel was sent something that passes `seen`. */
interface Until { until: (posts: HostToWebview[]) => boolean }
type Step = StreamEvent | Until;

function clientOf(steps: Step[], posts: HostToWebview[]): RelayClient {
  return {
    async *streamChat() {
      for (const step of steps) {
        if ('until' in step) while (!step.until(posts)) await new Promise((r) => setImmediate(r));
        else yield step;
      }
    },
  } as unknown as RelayClient;
}

const DONE: StreamEvent = { type: 'done', finishReason: 'stop', aborted: false };
const text = (t: string): StreamEvent => ({ type: 'text', text: t });

async function run(events: Step[], message: StoredMessage = { id: 'a1', role: 'assistant', text: '', state: 'streaming' }, continuing = false) {
  const posts: HostToWebview[] = [];
  const session = new StreamSession('c1', message, { post: (m) => posts.push(m), changed: () => {}, counted: () => {} }, {},
    continuing ? { before: { state: 'error', error: undefined, incomplete: undefined } } : undefined);
  await session.run(clientOf(events, posts), 'm', [{ role: 'user', content: 'q' }]);
  for (const p of posts) assert.ok(isHostToWebview(p), `valid: ${JSON.stringify(p)}`);
  const shown = posts.filter((p) => p.type === 'delta' || p.type === 'rewrite');
  return { message, shown, panel: replay(shown) };
}

/** What the panel shows after these posts (deltas coalesce as the timing allows, so tests look at the result). */
function replay(posts: HostToWebview[]): { text: string; reasoning: string; rewrites: number } {
  const panel = { text: '', reasoning: '', rewrites: 0 };
  for (const p of posts) {
    if (p.type === 'delta') {
      panel.text += p.text ?? '';
      panel.reasoning += p.reasoning ?? '';
    } else if (p.type === 'rewrite') {
      Object.assign(panel, { text: p.text, reasoning: p.reasoning });
      panel.rewrites++;
    }
  }
  return panel;
}

describe('StreamSession: reasoning kept out of the answer', () => {
  it('splits <think> reasoning out of the text, streaming it live as reasoning deltas', async () => {
    const { message, shown, panel } = await run([text('<thi'), text('nk>考え'), { until: (posts) => posts.some((p) => p.type === 'delta') }, text('ている</th'), text('ink>\n\n答え'), text('です'), DONE]);
    assert.equal(message.text, '答えです');
    assert.equal(message.reasoning, '考えている');
    assert.deepEqual(panel, { text: '答えです', reasoning: '考えている', rewrites: 0 });
    // The first post (sent at once) is reasoning, before any answer text: the Reasoning block fills live.
    assert.deepEqual(shown[0], { type: 'delta', chatId: 'c1', messageId: 'a1', reasoning: '考え' });
  });

  it('on a lone </think>, sends one rewrite moving the text shown into the reasoning, then deltas', async () => {
    const { message, shown, panel } = await run([text('Okay, '), text('the user asks.'), text('</think>\n\n'), text('Hi!'), DONE]);
    assert.equal(message.text, 'Hi!');
    assert.equal(message.reasoning, 'Okay, the user asks.');
    assert.deepEqual(shown[0], { type: 'delta', chatId: 'c1', messageId: 'a1', text: 'Okay, ' }, 'shown as answer while it may be one');
    assert.deepEqual(panel, { text: 'Hi!', reasoning: 'Okay, the user asks.', rewrites: 1 });
  });

  it('keeps relay-split reasoning apart too, and a continuation\'s thinking out of the answer it continues', async () => {
    const split = await run([{ type: 'reasoning', text: 'hmm' }, text('Yes.'), DONE]);
    assert.deepEqual([split.message.text, split.message.reasoning], ['Yes.', 'hmm']);
    const partial: StoredMessage = { id: 'a2', role: 'assistant', text: 'The answer is', state: 'error', reasoning: 'first' };
    const resumed = await run([text('I was cut off'), text('.</think>\nThe answer is'), text(' 42.'), DONE], partial, true);
    assert.equal(resumed.message.text, 'The answer is 42.');
    assert.equal(resumed.message.reasoning, 'firstI was cut off.');
    assert.deepEqual(resumed.panel, { text: 'The answer is 42.', reasoning: 'firstI was cut off.', rewrites: 1 });
  });
});
