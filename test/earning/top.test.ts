import assert from 'node:assert/strict';
import { rankActivity, topKey, topWinners, type ActivityEntry } from '../../lib/modules/earning/domain-top';

const e = (uid: number, count: number, reachedAt: number): ActivityEntry => ({ uid, count, reachedAt });
const ranks = (entries: ActivityEntry[], excluded: number[] = [], places = 3) => topWinners(entries, new Set(excluded), places).map((m) => [m.rank, m.uid]);

describe('earning: weekly and monthly top (tie rule)', () => {
  const table: [string, ActivityEntry[], number[], number[][]][] = [
    ['highest counts first', [e(1, 5, 10), e(2, 9, 10), e(3, 7, 10), e(4, 1, 10)], [], [[1, 2], [2, 3], [3, 1]]],
    ['equal counts: who reached the count first wins', [e(1, 5, 300), e(2, 5, 100), e(3, 5, 200), e(4, 5, 50)], [], [[1, 4], [2, 2], [3, 3]]],
    ['tie for third place: exactly three are paid, the earlier one takes third', [e(1, 9, 1), e(2, 8, 1), e(3, 4, 500), e(4, 4, 400)], [], [[1, 1], [2, 2], [3, 4]]],
    ['equal count and time: lower uid first', [e(9, 4, 100), e(3, 4, 100), e(5, 4, 100), e(1, 4, 100)], [], [[1, 1], [2, 3], [3, 5]]],
    ['excluded members are skipped and the next one moves up', [e(1, 9, 1), e(2, 8, 1), e(3, 7, 1), e(4, 6, 1)], [2], [[1, 1], [2, 3], [3, 4]]],
    ['fewer than three active members', [e(1, 2, 1), e(2, 0, 1)], [], [[1, 1]]],
    ['nobody active', [], [], []],
  ];
  for (const [name, entries, excluded, expected] of table) {
    it(name, () => assert.deepEqual(ranks(entries, excluded), expected));
  }

  it('the order of the input does not matter', () => {
    const entries = [e(1, 5, 300), e(2, 5, 100), e(3, 7, 200), e(4, 5, 50), e(5, 1, 1)];
    const expected = ranks(entries);
    for (let i = 0; i < 20; i++) {
      const shuffled = entries.slice().sort(() => Math.random() - 0.5);
      assert.deepEqual(ranks(shuffled), expected);
    }
  });

  it('configurable number of places', () => {
    assert.deepEqual(ranks([e(1, 3, 1), e(2, 2, 1), e(3, 1, 1)], [], 1), [[1, 1]]);
    assert.deepEqual(ranks([e(1, 3, 1)], [], 0), []);
  });

  it('leaderboard keeps everyone ranked', () => {
    assert.equal(rankActivity([e(1, 3, 1), e(2, 2, 1), e(3, 1, 1), e(4, 1, 2)]).length, 4);
  });

  it('award keys', () => {
    assert.equal(topKey('week', '2026-W34', 1), 'top:week:2026-W34:1');
    assert.equal(topKey('month', '2026-08', 3), 'top:month:2026-08:3');
  });
});
