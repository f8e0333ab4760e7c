/**
 * Issue 17 on each database backend (memory, and Redis when REDIS_URL is set): a member's vote is
 * one field, so many parallel votes of one member leave exactly one; a publication's payouts go
 * through ledger keys, so paying again (in parallel too) credits once.
 */
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host';
import { EventsStore } from '../../lib/modules/events/store';
import { placeKey } from '../../lib/modules/events/ledger-keys';
import { LedgerStore } from '../../lib/modules/ledger/store';
import { tally } from '../../lib/modules/events/domain-contest';
import { backends, TestClock } from '../ledger/backends';

for (const backend of backends()) {
  describe(`events store on ${backend.name}`, function () {
    this.timeout(60_000);
    let db: Database;
    beforeEach(async () => { db = await backend.open(); });
    after(() => backend.close());

    it('parallel votes: one per member, the tally counts members', async () => {
      const store = new EventsStore(db);
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.setVote('2026-11', 1 + (i % 5), 100 + (i % 3))));
      const votes = await store.votes('2026-11');
      assert.equal(votes.size, 5);
      const counts = tally(votes);
      assert.equal([...counts.values()].reduce((a, b) => a + b, 0), 5);
    });

    it('a place paid by its ledger key: repeated and parallel payments credit once', async () => {
      const sellers = new LedgerStore(db, new TestClock(), 'sellers');
      const pay = () => sellers.append({ kind: 'credit', uid: 7, amount: 300, key: placeKey('2026-11', 1), reason: 'other', actorUid: 1 });
      const results = await Promise.all(Array.from({ length: 8 }, pay));
      assert.ok(results.every((r) => r.ok));
      assert.equal(results.filter((r) => r.ok && !r.replayed).length, 1);
      assert.equal((await pay()).ok, true);
      assert.equal((await sellers.readCounters(7)).spendable, 300);
    });
  });
}
