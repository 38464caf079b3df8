// The local calendar day (first tested with the completion parts, whose title it keeps).
import * as assert from 'node:assert/strict';
import { dayOf } from '../../../../src/core/util/calendar';

describe('completion parts', () => {
  describe('calendar', () => {
    it('names the local calendar day, rolling over at local midnight', () => {
      const now = new Date(2026, 0, 31, 23, 59).getTime();
      assert.equal(dayOf(now), '2026-01-31');
      assert.equal(dayOf(now + 2 * 60_000), '2026-02-01');
    });
  });
});
