/**
 * Issue 17 items 1–3: the contest's pure rules by tables: phases, the voter rule, each voter's own
 * stable order, the audience's choice with ties to the earlier entry, places, jury averages.
 */
import assert from 'node:assert/strict';
import { audienceChoice, contestPhase, isMonthId, juryAverages, tally, validPlaces, voterEligible, voterOrder, type EntryView } from '../../lib/modules/events/domain-contest';

const D = 86_400_000;
const e = (id: number, createdAt: number, status: EntryView['status'] = 'accepted'): EntryView => ({ id, uid: 100 + id, createdAt, status });

describe('contest: the rules', () => {
  it('phases: open during the month, judging after it, results once published', () => {
    assert.equal(contestPhase(99, 100, false), 'open');
    assert.equal(contestPhase(100, 100, false), 'judging');
    assert.equal(contestPhase(50, 100, true), 'results');
  });

  it('the voter rule: account age, then posts; never an address', () => {
    const rule = { minAccountDays: 30, minPosts: 10 };
    const now = 1_000 * D;
    assert.deepEqual(voterEligible(rule, { joinedAt: now - 29 * D, postCount: 50 }, now), { ok: false, reason: 'account-age' });
    assert.deepEqual(voterEligible(rule, { joinedAt: now - 30 * D, postCount: 9 }, now), { ok: false, reason: 'posts' });
    assert.deepEqual(voterEligible(rule, { joinedAt: now - 30 * D, postCount: 10 }, now), { ok: true, reason: null });
  });

  it('each voter has an order of their own, the same on every load; first place is spread over the entries', () => {
    const entries = Array.from({ length: 5 }, (_, i) => e(i + 1, i));
    assert.deepEqual(voterOrder('2026-09', 7, entries), voterOrder('2026-09', 7, entries));
    const firsts = new Map<number, number>();
    for (let voter = 1; voter <= 500; voter += 1) {
      const first = voterOrder('2026-09', voter, entries)[0].id;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    assert.equal(firsts.size, 5);
    for (const n of firsts.values()) assert.ok(n > 60 && n < 140, `first place ${n} of 500 times`);
  });

  it('the audience\'s choice: most votes; a tie goes to the earlier entry; rejected and unvoted entries never win', () => {
    const entries = [e(1, 30), e(2, 10), e(3, 20), e(4, 5, 'rejected')];
    const votes = new Map([[11, 1], [12, 1], [13, 2], [14, 2], [15, 4], [16, 4], [17, 4]]);
    assert.deepEqual([...tally(votes)].sort(), [[1, 2], [2, 2], [4, 3]]);
    assert.equal(audienceChoice(entries, tally(votes))?.id, 2, 'entry 2 (2 votes) is earlier than entry 1 (2 votes); 4 is rejected');
    assert.equal(audienceChoice(entries, new Map()), null);
  });

  it('places: five slots, accepted entries, each once, gaps allowed', () => {
    const accepted = new Set([1, 2, 3]);
    assert.equal(validPlaces([1, 2, 3, null, null], accepted), true);
    assert.equal(validPlaces([1, null, 3, null, null], accepted), true);
    assert.equal(validPlaces([1, 1, null, null, null], accepted), false);
    assert.equal(validPlaces([9, null, null, null, null], accepted), false);
    assert.equal(validPlaces([1, 2, 3], accepted), false);
  });

  it('jury averages and month ids', () => {
    assert.deepEqual([...juryAverages([[1, 2, 3], [2, 1, 3]])].sort(), [[1, 1.5], [2, 1.5], [3, 3]]);
    assert.equal(isMonthId('2026-09'), true);
    assert.equal(isMonthId('2026-13'), false);
    assert.equal(isMonthId('../x'), false);
  });
});
