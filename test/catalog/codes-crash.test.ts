import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createServices } from '../../lib/services';
import { StockStore, stockField } from '../../lib/modules/catalog/store-stock';
import { STEPS_LEASE_MS } from '../../lib/kernel/steps';
import { MemoryDatabase } from '../host/memory-db';
import { ADMIN, testHost } from './backends';
import { sampleCodes } from './seed-catalog';

const license = { kind: 'license', title: { 'en-GB': 'KIS', ru: 'KIS' }, priceInPoints: 1800, visibility: 'on-sale' };

/**
 * A crash after any write of a code import, then the repair job: every new code ends up in the pool
 * exactly once once the admin imports the file again (no code is stranded as "already imported"),
 * and the stock never counts a code that is not there.
 */
describe('code import: a crash after any write, then the steps recovery job', function () {
  it('finishes the import for every crash point', async function () {
    this.timeout(60_000);
    const [a, b, c, d] = sampleCodes('CRASH', 4);
    let crashPoints = 0;
    let shortStock = 0;
    for (let n = 1; ; n += 1) {
      const db = new MemoryDatabase();
      const host = testHost(db);
      const s = createServices(host);
      const p = await okValue(s.catalogAdmin.create(ADMIN, license));
      await okValue(s.codes.importCodes(ADMIN, p.id, { text: d })); // d is in the pool already
      const text = [a, b, d, c].join('\n');
      db.failAfterWrites(n);
      let crashed = false;
      try {
        await okValue(s.codes.importCodes(ADMIN, p.id, { text }));
      } catch {
        crashed = true;
      }
      db.failAfterWrites(Infinity);
      if (!crashed) break; // past the last write: nothing left to crash
      crashPoints += 1;
      // within the lease the import may still be running: recovery leaves it alone
      assert.equal(await s.steps.recover(), 0);
      host.setNow(host.clock.now() + STEPS_LEASE_MS + 1);
      await Promise.all([s.steps.recover(), s.steps.recover()]);
      const repaired = await okValue(s.codes.listCodes(ADMIN, p.id, 'available'));
      // the admin imports the file again: whatever the crash kept out comes in now, nothing twice
      const again = await okValue(s.codes.importCodes(ADMIN, p.id, { text }));
      assert.equal(again.added, 4 - repaired.length, `crash at write ${n}: re-import adds what was missing`);
      const pool = (await okValue(s.codes.listCodes(ADMIN, p.id, 'available'))).sort();
      assert.deepEqual(pool, [a, b, c, d].sort(), `crash at write ${n}: no code stranded`);
      const stock = (await new StockStore(db).counts([stockField(p.id, null)]))[stockField(p.id, null)] ?? 0;
      assert.ok(stock <= 4 && stock >= 1, `crash at write ${n}: stock ${stock} never above the pool, short by one chunk at most`);
      if (stock < 4) shortStock += 1;
      assert.equal((await okValue(s.codes.importCodes(ADMIN, p.id, { text }))).added, 0);
      assert.deepEqual(await s.steps.openIds('code-import'), [], `crash at write ${n}: no import left open`);
    }
    assert.ok(crashPoints >= 8, `crash points tried: ${crashPoints}`);
    assert.equal(shortStock, 1, 'only a crash between the stock claim and the stock increment leaves the stock short');
  });
});
