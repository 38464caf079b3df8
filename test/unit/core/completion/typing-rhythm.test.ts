// The typing rhythm the completion delay follows (a part the completion engine decides with).
import * as assert from 'node:assert/strict';
import { DEFAULT_RHYTHM, TypingRhythm } from '../../../../src/core/completion/typing-rhythm';

/** The delay after typing `gaps` (ms between keystrokes). */
function rhythmAfter(gaps: number[]): number {
  const rhythm = new TypingRhythm();
  let at = 1_000;
  rhythm.noteEdit(at);
  for (const gap of gaps) rhythm.noteEdit((at += gap));
  return rhythm.delayMs();
}

describe('completion parts', () => {
  describe('typing rhythm', () => {
    it('starts at 200 ms before anything is known about the typing', () => {
      assert.equal(new TypingRhythm().delayMs(), 200);
      assert.equal(rhythmAfter([]), 200, 'one keystroke is no rhythm yet');
    });

    it('waits a little longer than the usual gap: less after fast steady typing than after slow typing', () => {
      const fast = rhythmAfter(Array(30).fill(90));
      const slow = rhythmAfter(Array(30).fill(300));
      assert.ok(fast >= 90 && fast < 120, `fast ${fast}`);
      assert.ok(slow >= 300 && slow < 330, `slow ${slow}`);
      const uneven = rhythmAfter(Array.from({ length: 30 }, (_, i) => (i % 2 ? 60 : 240)));
      assert.ok(uneven > 240, `uneven typing (mean 150) waits past its longer gaps: ${uneven}`);
    });

    it('stays within 80–450 ms however fast or slow the typing', () => {
      assert.equal(rhythmAfter(Array(30).fill(15)), DEFAULT_RHYTHM.minMs);
      assert.equal(rhythmAfter(Array(30).fill(1_400)), DEFAULT_RHYTHM.maxMs);
      assert.deepEqual([DEFAULT_RHYTHM.minMs, DEFAULT_RHYTHM.maxMs], [80, 450]);
    });

    it('ignores pauses longer than 1.5 s (reading, thinking) and repeated timestamps', () => {
      const steady = rhythmAfter(Array(20).fill(100));
      assert.equal(rhythmAfter([...Array(20).fill(100), 60_000, 1_501, 0]), steady);
      assert.notEqual(rhythmAfter([...Array(20).fill(100), 1_500]), steady, 'a gap of exactly 1.5 s still counts');
    });
  });
});
