// <think> reasoning inside the answer text: whatever pieces the answer arrives in (every split into two
// pieces, three pieces, and one character at a time, as eventsource-parser tests its parser), the
// reasoning and the answer come out the same; a `</think>` alone moves the answer so far to reasoning.
import * as assert from 'node:assert/strict';
import { ThinkTagSplitter, type ThinkPart } from '../../../../src/core/chat/think-tags';

interface Split {
  reasoning: string;
  text: string;
  /** How often the answer so far was declared reasoning. */
  moved: number;
  /** The reasoning seen before the stream's end (the live Reasoning block). */
  liveReasoning: string;
}

/** Plays the parts as a consumer would: a `wasReasoning` moves the answer shown so far into the reasoning. */
function play(pieces: string[]): Split {
  const splitter = new ThinkTagSplitter();
  const out: Split = { reasoning: '', text: '', moved: 0, liveReasoning: '' };
  const take = (parts: ThinkPart[]) => {
    for (const p of parts) {
      if (p.kind === 'text') out.text += p.text;
      else if (p.kind === 'reasoning') out.reasoning += p.text;
      else {
        assert.equal(p.text, out.text, 'wasReasoning names exactly the answer given so far');
        out.reasoning += p.text;
        out.text = '';
        out.moved++;
      }
    }
  };
  for (const piece of pieces) take(splitter.push(piece));
  out.liveReasoning = out.reasoning;
  take(splitter.end());
  return out;
}

/** Every way to cut `sample` into two and three pieces, and one character at a time. */
function* cuts(sample: string): Generator<string[]> {
  yield [sample];
  yield Array.from(sample);
  for (let i = 0; i <= sample.length; i++) {
    yield [sample.slice(0, i), sample.slice(i)];
    for (let j = i; j <= sample.length; j++) yield [sample.slice(0, i), sample.slice(i, j), sample.slice(j)];
  }
}

function sameAtEveryCut(sample: string, expected: Omit<Split, 'liveReasoning'>): void {
  for (const pieces of cuts(sample)) {
    const { liveReasoning: _live, ...seen } = play(pieces);
    assert.deepEqual(seen, expected, JSON.stringify(pieces));
  }
}

describe('ThinkTagSplitter: <think> reasoning in the answer text', () => {
  it('takes <think>…</think> at the start as reasoning and trims the whitespace after it, at every cut', () => {
    sameAtEveryCut('<think>Let me see.\nOK</think>\n\nThe answer.', { reasoning: 'Let me see.\nOK', text: 'The answer.', moved: 0 });
  });

  it('allows whitespace before the opening tag', () => {
    sameAtEveryCut(' \n<think>x</think> y', { reasoning: 'x', text: 'y', moved: 0 });
  });

  it('keeps CJK and emoji text inside and after the tags whole, at every cut', () => {
    sameAtEveryCut('<think>考える🙂思考</think>\n答え：你好', { reasoning: '考える🙂思考', text: '答え：你好', moved: 0 });
  });

  it('with only the closing tag, moves the answer so far into the reasoning once, at every cut', () => {
    sameAtEveryCut('Okay, the user\nasks.</think>\n\nHello!', { reasoning: 'Okay, the user\nasks.', text: 'Hello!', moved: 1 });
  });

  it('leaves a lone </think> the answer writes about as text: in backticks, in quotes, in a code block, at every cut', () => {
    for (const sample of [
      'Close it with `</think>` and go on.',
      'The tag "</think>" ends it.',
      "Write '</think>' there.",
      'Like this:\n```xml\nreasoning</think>\n```\nDone.',
    ]) sameAtEveryCut(sample, { reasoning: '', text: sample, moved: 0 });
  });

  it('takes a lone </think> that ends the answer as the end of reasoning (nothing followed it)', () => {
    sameAtEveryCut('Only thinking here.</think>', { reasoning: 'Only thinking here.', text: '', moved: 1 });
  });

  it('leaves a <think> later in the answer as text, and a </think> after it too', () => {
    const sample = 'Use the tag:\n```html\n<think>x</think>\n```';
    sameAtEveryCut(sample, { reasoning: '', text: sample, moved: 0 });
  });

  it('leaves tags after a closed reasoning block as text', () => {
    sameAtEveryCut('<think>a</think>b</think><think>c', { reasoning: 'a', text: 'b</think><think>c', moved: 0 });
  });

  it('passes an answer without tags through unchanged, whitespace included, and look-alikes too', () => {
    sameAtEveryCut('  <thinking> <b>hi</b> </thin', { reasoning: '', text: '  <thinking> <b>hi</b> </thin', moved: 0 });
    sameAtEveryCut('<thi', { reasoning: '', text: '<thi', moved: 0 });
  });

  it('streams an unclosed <think> as reasoning while it comes (the Reasoning block fills live)', () => {
    const seen = play(['<think>', 'step one, ', 'step two']);
    assert.equal(seen.liveReasoning, 'step one, step two');
    assert.equal(seen.text, '');
    // Text that may begin `</think>` is held back only that long.
    const splitter = new ThinkTagSplitter();
    splitter.push('<think>abc');
    assert.deepEqual(splitter.push('de</th'), [{ kind: 'reasoning', text: 'de' }]);
    assert.deepEqual(splitter.push('x'), [{ kind: 'reasoning', text: '</thx' }]);
  });

  it('shows answer text at once while watching for a lone </think>, holding back only a possible tag', () => {
    const splitter = new ThinkTagSplitter();
    assert.deepEqual(splitter.push('Hello <'), [{ kind: 'text', text: 'Hello ' }]);
    assert.equal(splitter.provisional, true);
    assert.deepEqual(splitter.push('b>'), [{ kind: 'text', text: '<b>' }]);
    const closed = new ThinkTagSplitter();
    closed.push('<think>a</think>b');
    assert.equal(closed.provisional, false);
  });
});
