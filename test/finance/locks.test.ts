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
    now += LEASE_MS + 1;
    assert.equal(await locks.tryLock('loan:1'), false, 'this try breaks the stale lock');
    assert.equal(await locks.tryLock('loan:1'), true);
  });

  it('a holder that stopped before writing its lease does not block for ever', async () => {
    const db = new MemoryDatabase();
    const locks = new FinanceLocks(db, clock);
    await db.incrObjectField('bonus:finance:locks', 'loan:2'); // won, then the process stopped
    assert.equal(await locks.tryLock('loan:2'), false, 'the lease is written for it now');
    assert.equal(await locks.tryLock('loan:2'), false);
    now += LEASE_MS + 1;
    await locks.tryLock('loan:2');
    assert.equal(await locks.tryLock('loan:2'), true);
  });
});
