/**
 * Issue 16 on the crash harness (issue 12): a seller's registration of a registry code and an
 * admin's annulment, stopped before each of their writes, then the plugin's jobs in any order: the
 * code has exactly one sale (or none, and the seller's retry registers it), credited once; an
 * annulment ends annulled, out of the group, with the balance written off once.
 */
import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { openFinance, type Finance } from '../finance/harness';
import { backends } from '../ledger/backends';
import { runCrashHarness, type CrashCase } from './crash-harness';
import { on, pluginJobs } from './plugin-jobs';

const CODE = 'KIS2R-00000-00000-00001';

interface SellerWorld { f: Finance; seller: number; kis2: string }

async function openSeller(db: Database): Promise<SellerWorld> {
  const f = await openFinance(db);
  const admin = { uid: f.admin };
  const r = f.services.sellers;
  const [kis2, kis3] = await r.products();
  await okValue(r.saveProduct(admin, { ...kis2, mode: 'registry' }));
  await okValue(r.importCodes(admin, 'registry', kis2.id, [CODE, 'KIS2R-00000-00000-00002'].join('\n')));
  const seller = f.uid.plain;
  await okValue(r.apply({ uid: seller }, { shopName: 'Shop', city: 'Kazan', address: 'Baumana 1', eligible: true, code: 'KIS3R-00000-00000-00001', productId: kis3.id }));
  await okValue(r.approve(admin, seller));
  return { f, seller, kis2: kis2.id };
}

const sellerMoney = (w: SellerWorld) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [], total: async () => 0 });

const registration: CrashCase<SellerWorld> = {
  name: 'retail sale registration',
  open: openSeller,
  act: (w, db) => on(w.f, db).sellers.register({ uid: w.seller }, CODE, w.kis2),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: sellerMoney,
  async check(w, run) {
    const r = w.f.services.sellers;
    const mine = async () => (await r.sales.sales(w.seller)).filter((s) => s.code === CODE);
    if ((await mine()).length === 0) {
      // nothing of it is left: the seller's retry registers the code
      const [again] = await okValue(r.register({ uid: w.seller }, CODE, w.kis2));
      assert.equal(again.result.ok, true, `${run.label}: the retry registers the code (${JSON.stringify(again.result)})`);
    }
    const sales = await mine();
    assert.equal(sales.length, 1, `${run.label}: one sale for the code`);
    assert.equal(sales[0].status, 'accepted', `${run.label}: accepted`);
    assert.equal((await r.ledger.balance(w.seller)).spendable, 20, `${run.label}: credited once`);
    assert.equal((await r.member(w.seller))?.acceptedSales, 1, `${run.label}: counted once`);
    const [repeat] = await okValue(r.register({ uid: w.seller }, CODE, w.kis2));
    assert.deepEqual(repeat.result, { ok: false, code: 'already-registered' }, `${run.label}: a repeat is refused`);
    assert.equal((await w.f.services.ledger.balance(w.seller)).spendable, 0, `${run.label}: no club points`);
  },
};

const annulment: CrashCase<SellerWorld> = {
  name: 'retail annulment',
  async open(db) {
    const w = await openSeller(db);
    await okValue(w.f.services.sellers.register({ uid: w.seller }, CODE, w.kis2));
    return w;
  },
  act: (w, db) => on(w.f, db).sellers.annul({ uid: w.f.admin }, w.seller, 'Codes from another shop'),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: sellerMoney,
  async check(w, run) {
    const r = w.f.services.sellers;
    if ((await r.member(w.seller))?.status === 'active') {
      // nothing of it is left (stopped before its first write): the admin annuls again; a lock whose
      // holder stopped before writing its lease is taken over once that lease (30 s) has ended
      const again = () => r.annul({ uid: w.f.admin }, w.seller, 'Codes from another shop');
      const first = await again();
      if (!first.ok) {
        assert.equal(first.refusal.code, 'error.retail.busy', run.label);
        w.f.clock.advance(31_000);
        await okValue(again());
      }
    }
    const seller = await r.member(w.seller);
    assert.equal(seller?.status, 'annulled', `${run.label}: annulled`);
    assert.equal(seller?.reason, 'Codes from another shop', `${run.label}: with its reason`);
    assert.equal(w.f.forum.isMember(w.seller, 'Sellers'), false, `${run.label}: out of the group`);
    assert.equal((await r.ledger.balance(w.seller)).spendable, 0, `${run.label}: the balance written off`);
    const offs = (await r.ledger.history(w.seller, 1)).entries.filter((e) => e.reason === 'retail-annulled');
    assert.equal(offs.length, 1, `${run.label}: written off once`);
    const pending = (await r.sales.sales(w.seller)).filter((s) => s.status === 'pending');
    assert.equal(pending.length, 0, `${run.label}: no sale left under review`);
  },
};

for (const backend of backends()) {
  describe(`crash harness: retail sellers on ${backend.name}`, function () {
    this.timeout(600_000);
    after(() => backend.close());
    const open = () => backend.open();
    it('a registration: one sale for the code, credited once, or none and the retry registers it', async () => {
      assert.ok((await runCrashHarness(open, registration, { seeds: [1, 2] })) > 5);
    });
    it('an annulment: annulled, out of the group, the balance written off once', async () => {
      assert.ok((await runCrashHarness(open, annulment, { seeds: [1, 2] })) > 3);
    });
  });
}
