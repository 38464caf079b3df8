// Stitching while the continuation streams (issue 10): whatever pieces the continuation arrives in, the
// partial answer plus what the stitcher shows is stitchAnswer(partial, whole continuation) — tested at
// every split into two pieces and one character at a time, as eventsource-parser tests its parser —
// and text that cannot be a repeat is shown at once.
import * as assert from 'node:assert/strict';
import { MAX_OVERLAP, openFence, stitchAnswer } from '../../../../src/core/chat/continuation';
import { ContinuationStitcher } from '../../../../src/core/chat/continuation-stitcher';
import { continuationWays } from '../../../fakes/continuation';
import { ANSWERS } from '../../support/continuation-answers';

/** What the stitcher shows for `continuation` cut into `pieces`, end included. */
function shown(partial: string, pieces: string[]): string {
  const stitcher = new ContinuationStitcher(partial);
  return pieces.map((p) => stitcher.push(p)).join('') + stitcher.end();
}

/** Whether some end of `partial` (up to the longest overlap looked for) starts with `text`. */
function mayBeRepeat(partial: string, text: string): boolean {
  for (let j = Math.max(0, partial.length - MAX_OVERLAP); j <= partial.length; j++) if (partial.startsWith(text, j)) return true;
  return false;
}

/**
 * What the brief allows to be held back: a possible repeat, or (inside a code block) blank lines and a
 * line that may open the block again, unfinished, or finished and followed by a possible repeat.
 */
function mayHold(partial: string, received: string): boolean {
  if (mayBeRepeat(partial, received)) return true;
  const fence = openFence(partial);
  if (!fence) return false;
  const rest = received.replace(/^(?:[ \t]*\n)*[ \t]*/, '');
  const lineEnd = rest.indexOf('\n');
  if (rest && !rest.startsWith(fence.char)) return false;
  return lineEnd < 0 || mayBeRepeat(partial, rest.slice(lineEnd + 1));
}

describe('stitching a continuation as it streams', () => {
  for (const [name, text] of Object.entries(ANSWERS)) {
    it(`"${name}": every drop point, every way, every split of the continuation gives the stitched answer`, () => {
      for (let d = 1; d < text.length; d++) {
        const partial = text.slice(0, d);
        for (const [way, continuation] of Object.entries(continuationWays(text, d))) {
          const expected = stitchAnswer(partial, continuation).slice(d);
          const where = `dropped at ${d} (${JSON.stringify(text.slice(Math.max(0, d - 12), d))}|), went on ${way}`;
          for (let at = 0; at <= continuation.length; at++) {
            assert.equal(shown(partial, [continuation.slice(0, at), continuation.slice(at)]), expected, `${where}, split at ${at}`);
          }
          assert.equal(shown(partial, [...continuation]), expected, `${where}, one character at a time`);
        }
      }
    });
  }

  it('shows text that goes on at the exact character at once, unless it may still be a repeat', () => {
    const stitcher = new ContinuationStitcher('The answer is ');
    assert.equal(stitcher.push('4'), '4', 'no word of the partial answer starts with 4');
    assert.equal(stitcher.push('2.'), '2.');
    const repeating = new ContinuationStitcher('Install the package');
    assert.equal(repeating.push('the pack'), '', 'may be "the package" again');
    assert.equal(repeating.push('age and run it'), ' and run it');
    assert.equal(repeating.end(), '');
  });

  it('holds an unfinished line that may open the code block again, and drops it once it does', () => {
    const stitcher = new ContinuationStitcher('```ts\nconst a = 1;\n');
    assert.equal(stitcher.push('```'), '');
    assert.equal(stitcher.push('ts'), '');
    assert.equal(stitcher.push('\nconst b = 2;\n'), 'const b = 2;\n');
    const closing = new ContinuationStitcher('```ts\nconst a = 1;\n');
    assert.equal(closing.push('```\n\nDone.'), '```\n\nDone.', 'a bare fence line closes the block');
  });

  it('gives what it held when the continuation ends early (dropped or stopped)', () => {
    const stitcher = new ContinuationStitcher('Install the package');
    assert.equal(stitcher.push('the pack'), '');
    assert.equal(stitcher.end(), 'the pack', 'it ended before it repeated the end of the partial answer: it is text');
    const other = new ContinuationStitcher('```ts\nconst a = 1;\n');
    assert.equal(other.push('``'), '');
    assert.equal(other.end(), '``');
  });

  it('holds text back only while it may still be a repeat or a reopened fence line (whole corpus, one character at a time)', () => {
    for (const text of Object.values(ANSWERS)) {
      for (let d = 1; d < text.length; d++) {
        const partial = text.slice(0, d);
        for (const [way, continuation] of Object.entries(continuationWays(text, d))) {
          const stitcher = new ContinuationStitcher(partial);
          let shownYet = false;
          for (let i = 1; i <= continuation.length; i++) {
            const out = stitcher.push(continuation[i - 1]!);
            const where = `dropped at ${d}, went on ${way}, after ${JSON.stringify(continuation.slice(0, i))}`;
            if (shownYet) assert.ok(out, `${where}: held back after the seam`);
            else if (!out) assert.ok(mayHold(partial, continuation.slice(0, i)), `${where}: held back, yet it cannot be a repeat`);
            shownYet ||= Boolean(out);
          }
        }
      }
    }
  });
});
