/**
 * Issue 13, item 5: the claim registries are sorted sets; the `claim-sets` upgrade moves the hashes
 * of earlier versions so that nothing claimed before is claimed again (a post paid twice, a ledger
 * key written twice, a transfer sent twice). On memory and real Redis.
 */
import assert from 'node:assert/strict';
import { EarningStore } from '../../lib/modules/earning/store';
import { LedgerStore } from '../../lib/modules/ledger/store';
import { moveClaimSets } from '../../lib/upgrades/claim-sets';
import { backends, TestClock } from '../ledger/backends';

for (const backend of backends()) {
  describe(`claim registries as sorted sets, and the upgrade from hashes, on ${backend.name}`, function () {
    this.timeout(60_000);
    after(() => backend.close());

    it('claims made before the upgrade still hold after it; the old hashes are gone; a second run moves nothing', async () => {
      const db = await backend.open();
      // as an earlier version left them
      await db.setObject('bonus:earn:claims', { 5: 1, '6:after:g1': 1 });
      await db.setObject('bonus:earn:settled', { 5: 1 });
      await db.setObject('bonus:ledger:claims', { 'earn:post:9': 1 });
      await db.setObject('bonus:retail:ledger:claims', { 'retail:sale:1': 2 });
      await db.setObject('bonus:transfers:claims', { '3:abc': 1 });
      assert.equal(await moveClaimSets(db), 6);

      const earn = new EarningStore(db);
      assert.equal(await earn.claim(5), false, 'a post claimed before is not claimed again');
      assert.equal(await earn.wasClaimed(5), true);
      assert.equal(await earn.claimNextGeneration(6, 1), false);
      assert.equal(await earn.claimSettlement(5), false, 'a settled post is not settled again');
      assert.equal(await earn.claim(7), true, 'a new post is claimed once');
      assert.equal(await earn.claim(7), false);

      // a ledger key claimed by an operation a crash stopped stays held: the same key waits (busy)
      const ledger = new LedgerStore(db, new TestClock());
      const held = await ledger.append({ kind: 'credit', uid: 2, amount: 1, key: 'earn:post:9', reason: 'reply', actorUid: 0 });
      assert.deepEqual([held.ok, held.ok ? '' : held.code], [false, 'busy']);
      const fresh = await ledger.append({ kind: 'credit', uid: 2, amount: 1, key: 'earn:post:10', reason: 'reply', actorUid: 0 });
      assert.equal(fresh.ok, true);

      assert.deepEqual(await Promise.all(['bonus:earn:claims', 'bonus:earn:settled', 'bonus:ledger:claims', 'bonus:retail:ledger:claims', 'bonus:transfers:claims'].map((k) => db.getObject(k))), [null, null, null, null, null]);
      assert.equal(await db.sortedSetScore('bonus:transfers:claimed', '3:abc'), 1);
      assert.equal(await db.sortedSetScore('bonus:retail:ledger:claimed', 'retail:sale:1'), 2);
      assert.equal(await moveClaimSets(db), 0);
    });
  });
}
