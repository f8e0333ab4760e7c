import assert from 'node:assert/strict';
import { FinanceLocks, LEASE_MS } from '../../lib/modules/finance/locks';
import { MemoryDatabase } from '../host/memory-db';

describe('finance locks (lease locks)', function () {
  let now = 1_000_000;
  const clock = { now: () => now };

  it('one holder at a time; a holder that stopped loses the lock after the lease', async () => {
    const locks = new FinanceLocks(new MemoryDatabase(), clock);
    assert.equal(await locks.tryLock('loan:1'), true);
    assert.equal(await locks.tryLock('loan:1'), false);
    now += LEASE_MS - 1;
    assert.equal(await locks.tryLock('loan:1'), false, 'still within the lease');
    now += 2;
    assert.equal(await locks.tryLock('loan:1'), true, 'the stale lock is taken over');
    assert.equal(await locks.tryLock('loan:1'), false, 'by one caller');
  });

  it('released by its holder, free at once; a lock is one write, so no crash leaves one without its lease', async () => {
    const db = new MemoryDatabase();
    const locks = new FinanceLocks(db, clock);
    assert.equal(await locks.tryLock('loan:2'), true);
    await locks.unlock('loan:2');
    assert.equal(await locks.tryLock('loan:2'), true);
    assert.equal(await db.sortedSetScore('bonus:finance:lock-leases', 'loan:2'), now, 'scored by when it was taken');
  });

  it('two callers taking over one stale lock at once: one wins', async () => {
    const db = new MemoryDatabase();
    const locks = new FinanceLocks(db, clock);
    assert.equal(await locks.tryLock('loan:3'), true);
    now += LEASE_MS + 1;
    const won = await Promise.all([locks.tryLock('loan:3'), locks.tryLock('loan:3'), locks.tryLock('loan:3')]);
    assert.equal(won.filter(Boolean).length, 1, String(won));
  });
});
