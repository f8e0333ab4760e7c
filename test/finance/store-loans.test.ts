import assert from 'node:assert/strict';
import { LoansStore } from '../../lib/modules/finance/store-loans';
import { MemoryDatabase } from '../host/memory-db';

/** Issue 12, item 4: the loan state machine (finance/domain.ts) is the one the store moves loans by. */
describe('loans store: moves follow the loan state machine', () => {
  it('allowed moves change the state; a forbidden one is an error and changes nothing', async () => {
    const store = new LoansStore(new MemoryDatabase());
    const id = await store.create(7, 100, 1, 1000);
    await assert.rejects(store.move(id, 'pending', 'repaid', 2000), /pending → repaid is not a loan transition/);
    assert.equal((await store.get(id))?.state, 'pending');
    await store.move(id, 'pending', 'open', 5000);
    assert.equal((await store.get(id))?.state, 'open');
    await assert.rejects(store.move(id, 'open', 'pending', 6000), /open → pending/);
    await assert.rejects(store.move(id, 'open', 'rejected', 6000), /open → rejected/);
    assert.equal((await store.get(id))?.state, 'open');
    assert.deepEqual(await store.idsIn('open', 0, -1), [String(id)]);
  });
});
