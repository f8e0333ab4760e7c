/**
 * Issue 13, item 6: reconcile's key-index check asks each member's journal once per batch, not once
 * per key, and still finds an entry missing from its member's journal.
 */
import assert from 'node:assert/strict';
import { LedgerStore } from '../../lib/modules/ledger/store';
import { LedgerRecovery } from '../../lib/modules/ledger/store-recovery';
import { LEDGER_KEYS } from '../../lib/modules/ledger/store-codec';
import { countingDatabase } from '../host/counting-db';
import { MemoryDatabase } from '../host/memory-db';
import { TestClock } from './backends';

describe('ledger reconcile: the key index checked in batches', function () {
  it('finds an entry left out of its journal, with one journal read per member per batch', async () => {
    const db = countingDatabase(new MemoryDatabase());
    const store = new LedgerStore(db, new TestClock());
    const recovery = new LedgerRecovery(store, 60_000, 0);
    let lost = 0;
    for (let i = 0; i < 400; i += 1) {
      const r = await store.append({ kind: 'credit', uid: 10 + (i % 4), amount: 1, key: `k${i}`, reason: 'other', actorUid: 0 });
      assert.ok(r.ok);
      if (i === 123) lost = r.entry.id;
    }
    await db.sortedSetRemove(LEDGER_KEYS.journal(10 + (123 % 4)), lost);
    db.counter.reset();
    const damage = await recovery.checkKeyIndex();
    assert.deepEqual(damage.map((d) => [d.problem, d.entryId, d.key]), [['not-in-journal', lost, 'k123']]);
    const journalReads = db.counter.calls.filter((c) => c.key.startsWith('bonus:ledger:journal:')).length;
    assert.ok(journalReads <= 8, `journal reads: ${journalReads} (4 members × 2 batches of 200 at most)`);
  });
});
