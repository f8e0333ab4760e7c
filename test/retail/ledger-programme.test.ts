/**
 * Issue 16 item 1: seller points are a second currency. The ledger has a programme dimension; the
 * sellers' ledger lives under its own keys and every guarantee holds per programme, while the club's
 * keys and balances are untouched by seller activity.
 */
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host';
import { LedgerStore, type AppendRequest } from '../../lib/modules/ledger/store';
import { LedgerRecovery } from '../../lib/modules/ledger/store-recovery';
import { LEDGER_KEYS, ledgerKeys } from '../../lib/modules/ledger/store-codec';
import { foldEntries, spendable } from '../../lib/modules/ledger/domain';
import { backends, Crash, crashAfterWrites, TestClock } from '../ledger/backends';

const req = (r: Partial<AppendRequest> & Pick<AppendRequest, 'kind' | 'uid' | 'amount' | 'key'>): AppendRequest => ({ reason: 'other', actorUid: 0, ...r });

describe('ledger programme keys', () => {
  it('the club keeps its historical keys; the sellers have their own under bonus:retail:', () => {
    assert.equal(LEDGER_KEYS.balance(5), 'bonus:balance:5');
    assert.equal(LEDGER_KEYS.keyIndex, 'bonus:ledger:keys');
    assert.equal(LEDGER_KEYS.ids, 'bonus:ids');
    const s = ledgerKeys('sellers');
    assert.equal(s.balance(5), 'bonus:retail:balance:5');
    assert.equal(s.keyIndex, 'bonus:retail:ledger:keys');
    const club = Object.values(LEDGER_KEYS).map((v) => (typeof v === 'function' ? v(1) : v)).filter((v) => v.startsWith('bonus:'));
    const sellers = Object.values(s).map((v) => (typeof v === 'function' ? v(1) : v)).filter((v) => v.startsWith('bonus:'));
    for (const key of sellers) assert.ok(key.startsWith('bonus:retail:'), key);
    for (const key of sellers) assert.ok(!club.includes(key), `${key} shared with the club`);
  });
});

for (const backend of backends()) {
  describe(`ledger programmes on ${backend.name}`, function () {
    this.timeout(60_000);
    let db: Database;
    let clock: TestClock;
    let club: LedgerStore;
    let sellers: LedgerStore;

    beforeEach(async () => {
      db = await backend.open();
      clock = new TestClock();
      club = new LedgerStore(db, clock);
      sellers = new LedgerStore(db, clock, 'sellers');
    });
    after(() => backend.close());

    it('seller points never move club balances, and the same key is independent per programme', async () => {
      assert.equal((await club.append(req({ kind: 'credit', uid: 7, amount: 100, key: 'k1' }))).ok, true);
      const s = await sellers.append(req({ kind: 'credit', uid: 7, amount: 20, key: 'k1' }));
      assert.equal(s.ok, true);
      assert.equal(s.ok && s.replayed, false);
      assert.deepEqual(await club.readCounters(7), { pending: 0, posted: 100, held: 0, spendable: 100 });
      assert.deepEqual(await sellers.readCounters(7), { pending: 0, posted: 20, held: 0, spendable: 20 });
      // Spending seller points beyond the seller balance is refused even though club points suffice.
      const over = await sellers.append(req({ kind: 'spend', uid: 7, amount: 21, key: 'spend' }));
      assert.deepEqual(over, { ok: false, code: 'insufficient-points' });
      assert.equal((await sellers.append(req({ kind: 'spend', uid: 7, amount: 20, key: 'spend' }))).ok, true);
      assert.deepEqual(await club.readCounters(7), { pending: 0, posted: 100, held: 0, spendable: 100 });
      assert.equal((await club.historyNewestFirst(7, 0, 10)).length, 1);
      assert.equal((await sellers.historyNewestFirst(7, 0, 10)).length, 2);
    });

    it('concurrent seller spends never take the seller balance below zero', async () => {
      await sellers.append(req({ kind: 'credit', uid: 9, amount: 50, key: 'c' }));
      await club.append(req({ kind: 'credit', uid: 9, amount: 1000, key: 'c' }));
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => sellers.append(req({ kind: 'spend', uid: 9, amount: 10, key: `d${i}` }))));
      assert.equal(results.filter((r) => r.ok).length, 5);
      assert.equal((await sellers.readCounters(9)).spendable, 0);
      assert.equal((await club.readCounters(9)).spendable, 1000);
    });

    it('a crash in a seller write is recovered on the sellers ledger; reconcile is per programme', async () => {
      for (let n = 0; ; n += 1) {
        db = await backend.open();
        clock = new TestClock();
        club = new LedgerStore(db, clock);
        sellers = new LedgerStore(db, clock, 'sellers');
        await club.append(req({ kind: 'credit', uid: 3, amount: 40, key: 'club' }));
        await sellers.append(req({ kind: 'credit', uid: 3, amount: 30, key: 'sale' }));
        const crashing = new LedgerStore(crashAfterWrites(db, n), clock, 'sellers');
        let crashed = false;
        try {
          await crashing.append(req({ kind: 'spend', uid: 3, amount: 25, key: 'prize' }));
        } catch (err) {
          if (!(err instanceof Crash)) throw err;
          crashed = true;
        }
        clock.ms += 120_000;
        const sellerRecovery = new LedgerRecovery(sellers, 60_000, 0);
        const clubRecovery = new LedgerRecovery(club, 60_000, 0);
        await sellerRecovery.recover();
        assert.equal((await sellers.append(req({ kind: 'spend', uid: 3, amount: 25, key: 'prize' }))).ok, true);
        const { entries } = await sellerRecovery.journal(3);
        const folded = foldEntries(entries.filter((e) => e !== null));
        assert.deepEqual(folded, { pending: 0, posted: 5, held: 0 }, `after ${n} writes`);
        assert.deepEqual(await sellers.readCounters(3), { ...folded, spendable: spendable(folded) });
        assert.equal((await sellerRecovery.reconcile()).damage.length, 0);
        const clubResult = await clubRecovery.reconcile();
        assert.equal(clubResult.damage.length, 0);
        assert.equal(clubResult.repaired.length, 0);
        assert.deepEqual(await club.readCounters(3), { pending: 0, posted: 40, held: 0, spendable: 40 });
        if (!crashed) break;
      }
    });
  });
}
