// Suggestions kept for the same text around the cursor (a part the completion engine decides with).
import * as assert from 'node:assert/strict';
import { SuggestionCache } from '../../../../src/core/completion/suggestion-cache';

describe('completion parts', () => {
  describe('suggestion cache', () => {
    it('drops the least recently used entry when full; a hit makes an entry recent', () => {
      const cache = new SuggestionCache(2);
      cache.set('ts', 'a = ', '', 'A');
      cache.set('ts', 'b = ', '', 'B');
      assert.equal(cache.get('ts', 'a = ', '')?.text, 'A'); // a is now the most recent
      cache.set('ts', 'c = ', '', 'C');
      assert.equal(cache.get('ts', 'b = ', ''), undefined, 'b was the oldest');
      assert.equal(cache.get('ts', 'a = ', '')?.text, 'A');
      cache.set('ts', 'd = ', '', 'D');
      assert.equal(cache.get('ts', 'c = ', ''), undefined);
      assert.deepEqual(['a = ', 'd = '].map((p) => cache.get('ts', p, '')?.text), ['A', 'D']);
    });

    it('walks back up to 400 typed characters (an accepted block) to a suggestion whose start was typed', () => {
      const cache = new SuggestionCache();
      const long = 'x'.repeat(420);
      cache.set('ts', 'const v = ', ';\n', `compute(${long});`);
      assert.deepEqual(cache.get('ts', 'const v = comp', ';\n'), { text: `ute(${long});`, typed: 4 });
      assert.equal(cache.get('ts', `const v = compute(${'x'.repeat(392)}`, ';\n')?.typed, 400);
      assert.equal(cache.get('ts', `const v = compute(${'x'.repeat(393)}`, ';\n'), undefined, '401 characters back is too far');
    });

    it('misses when the typed text contradicts the suggestion or uses it all up; counts hits and misses', () => {
      const cache = new SuggestionCache();
      cache.set('ts', 'f(', ')', 'a, b');
      assert.equal(cache.get('ts', 'f(x', ')'), undefined);
      assert.equal(cache.get('ts', 'f(a, b', ')'), undefined);
      assert.equal(cache.get('ts', 'f(a', ')')?.text, ', b');
      assert.deepEqual([cache.hits, cache.misses], [1, 2]);
    });

    it('keys by language and the text on both sides of the cursor', () => {
      const cache = new SuggestionCache();
      cache.set('ts', 'x = ', ';\n', '1');
      assert.equal(cache.get('js', 'x = ', ';\n'), undefined);
      assert.equal(cache.get('ts', 'x = ', ',\n'), undefined);
      assert.equal(cache.get('ts', 'x = ', ';\n')?.text, '1');
      cache.set('ts', 'y = ', '', '');
      assert.equal(cache.get('ts', 'y = ', ''), undefined, 'an empty suggestion is never stored');
    });
  });
});
