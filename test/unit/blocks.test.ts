import * as assert from 'node:assert/strict';
import { BlockSplitter } from '../../src/webview/render/blocks';

/** Feeds `text` one character at a time, as the worst-case stream. */
function boundaries(text: string): number {
  const s = new BlockSplitter();
  for (let i = 1; i <= text.length; i++) s.push(text.slice(0, i));
  return s.boundary;
}

describe('Markdown block splitting for streaming', () => {
  it('freezes paragraphs at blank lines', () => {
    const text = 'First paragraph.\n\nSecond 段落\n';
    assert.equal(boundaries(text), 'First paragraph.\n\n'.length);
  });

  it('never splits inside a code fence, even at blank lines', () => {
    const text = 'Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n';
    const s = new BlockSplitter();
    s.push(text);
    assert.equal(s.boundary, 'Intro\n\n'.length);
    assert.equal(s.inFence, true);
    s.push(`${text}\`\`\`\n`);
    assert.equal(s.boundary, `${text}\`\`\`\n`.length, 'a closing fence ends the block');
    assert.equal(s.inFence, false);
  });

  it('matches fence kinds and lengths like CommonMark', () => {
    const s = new BlockSplitter();
    const text = '````md\n```\ninner\n```\n\nstill code\n````\n\nafter\n';
    s.push(text);
    assert.equal(s.boundary, text.indexOf('after'));
    const tilde = new BlockSplitter();
    tilde.push('~~~\n```\n\n');
    assert.equal(tilde.inFence, true, '``` does not close ~~~');
  });

  it('does not take inline code spans for fences', () => {
    const s = new BlockSplitter();
    s.push('```inline``` text\n\nnext\n');
    assert.equal(s.inFence, false);
    assert.equal(s.boundary, '```inline``` text\n\n'.length);
  });

  it('ignores a partial last line until it is complete', () => {
    const s = new BlockSplitter();
    s.push('para\n\n``');
    assert.equal(s.inFence, false);
    s.push('para\n\n```py\n');
    assert.equal(s.inFence, true);
  });
});
