/**
 * Issue 12, item 2: refunds and replacements now run as durable-steps workflows; a change an earlier
 * version left pending under its own record (`bonus:order:{id}:pending`) is handed to them by the
 * upgrade and finished once, on every backend.
 */
import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import type { Services } from '../../lib/services';
import { backends } from '../catalog/backends';
import { ADMIN, createServices, ordersHost, readyMember, seedShop, stockOf, type OrdersHost, type Shop } from './harness';

const M = { uid: 2 };

for (const backend of backends()) {
  describe(`orders: changes left pending by an earlier version, on ${backend.name}`, function () {
    this.timeout(120_000);
    let h: OrdersHost;
    let s: Services;
    let shop: Shop;

    before(async () => {
      h = ordersHost(await backend.open());
      s = createServices(h);
      shop = await seedShop(s, 100, 0);
      await okValue(s.catalogAdmin.adjustStock(ADMIN, shop.tshirt, { variantId: 'm', delta: 50, reason: 'initial' }));
      await okValue(s.catalogAdmin.adjustStock(ADMIN, shop.tshirt, { variantId: 's', delta: 50, reason: 'initial' }));
      await readyMember(s, M.uid, 100_000);
    });
    after(() => backend.close());

    let n = 0;
    async function order(): Promise<{ id: number; total: number }> {
      n += 1;
      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      await okValue(s.cart.add(M, { productId: shop.tshirt, variantId: 's', quantity: 1 }));
      const { order } = await okValue(s.checkout.pay(M, { idempotencyKey: `legacy-${n}` }));
      h.setNow(h.clock.now() + 1000);
      return { id: order.id, total: order.total };
    }

    it('a cancellation written as pending (nothing given back yet) is finished once by the upgrade', async () => {
      const { id, total } = await order();
      const balance = (await s.ledger.balance(M.uid)).posted;
      const mugs = await stockOf(s, shop.mug);
      const st = (await s.orders.state(id))!;
      const change = { seq: st.history.length + 1, status: 'cancelled' as const, at: h.clock.now(), actorUid: ADMIN.uid, note: '' };
      await s.orders.store.setPending(id, { kind: 'refund', lines: [0, 1], change }, change.at);

      assert.equal(await s.orders.finishLegacyPending(), 1);
      assert.equal(await s.orders.finishLegacyPending(), 0, 'the record is gone: a second run does nothing');
      const after = (await s.orders.state(id))!;
      assert.equal(after.status, 'cancelled');
      assert.deepEqual([...after.refundedLines].sort(), [0, 1]);
      assert.equal((await s.ledger.balance(M.uid)).posted, balance + total, 'every point back, once');
      assert.equal(await stockOf(s, shop.mug), mugs + 2, 'the mugs back on the shelf, once');
      assert.equal(after.history.filter((c) => c.status === 'cancelled').length, 1);
      // the order can be changed again at once: nothing is left open
      await s.orders.recoverPending();
      assert.equal((await s.ledger.balance(M.uid)).posted, balance + total);
    });

    it('the job leaves an order whose lease a live admin action holds, without a warning, and finishes it once the lease is free', async () => {
      const { id, total } = await order();
      const balance = (await s.ledger.balance(M.uid)).posted;
      const st = (await s.orders.state(id))!;
      const change = { seq: st.history.length + 1, status: 'cancelled' as const, at: h.clock.now(), actorUid: ADMIN.uid, note: '' };
      await s.orders.store.setPending(id, { kind: 'refund', lines: [0, 1], change }, change.at);
      assert.ok(await s.orders.store.tryLockOrder(id, h.clock.now(), 60_000), 'an admin action holds the order');
      const warnings = h.logs.length;
      await s.orders.finishLegacyPending();
      assert.equal((await s.orders.state(id))!.status, 'paid', 'not touched under another\'s lease');
      assert.deepEqual(h.logs.slice(warnings).filter((l) => l.includes(`order ${id}`)), [], 'no warning while the holder works');
      await s.orders.store.unlockOrder(id);
      await s.orders.recoverPending();
      assert.equal((await s.orders.state(id))!.status, 'cancelled');
      assert.equal((await s.ledger.balance(M.uid)).posted, balance + total, 'every point back, once');
    });

    it('a replacement written as pending after its stock was taken is finished; one whose stock is unknown is dropped and logged', async () => {
      const { id } = await order();
      const st = (await s.orders.state(id))!;
      const line = st.order.lines[1];
      const seq = st.history.length + 1;
      const rec = {
        line: 1, seq, at: h.clock.now(), actorUid: ADMIN.uid, status: st.status, note: '',
        from: { productId: line.productId, variantId: line.variantId, variantLabel: line.variantLabel, title: line.title, kind: line.kind, categoryId: line.categoryId, unitPriceInPoints: line.unitPriceInPoints, lineTotal: line.lineTotal, paidInPoints: line.paidInPoints },
        to: { productId: shop.tshirt, variantId: 'm', variantLabel: 'M', title: line.title, kind: line.kind, categoryId: line.categoryId, unitPriceInPoints: line.unitPriceInPoints, lineTotal: line.lineTotal, paidInPoints: line.paidInPoints, withoutBattery: false },
        refund: 0, clubPays: 0,
      };
      const m = await stockOf(s, shop.tshirt, 'm');
      const small = await stockOf(s, shop.tshirt, 's');
      // an earlier version: pending written, the stock claimed and taken, then a crash
      await s.orders.store.setPending(id, { kind: 'replace', rec, quantity: 1 }, rec.at);
      await s.orders.store.step(id, `replace-reserving:1:${seq}`);
      const tshirt = (await s.catalog.getProduct(shop.tshirt))!;
      assert.ok((await s.catalog.reserve(tshirt, 'm', 1)).ok);
      await s.orders.store.step(id, `replace-reserved:1:${seq}`);

      assert.equal(await s.orders.finishLegacyPending(), 1);
      const after = (await s.orders.state(id))!;
      assert.equal(after.replacements.get(1)?.to.variantId, 'm');
      assert.equal(await stockOf(s, shop.tshirt, 'm'), m - 1, 'the replacement taken once');
      assert.equal(await stockOf(s, shop.tshirt, 's'), small + 1, 'the replaced size back once');
      assert.equal(after.history.filter((c) => c.replacement?.line === 1).length, 1);

      // the stock asked for but not noted: the replacement is dropped and the unit named in the log
      const { id: id2 } = await order();
      const st2 = (await s.orders.state(id2))!;
      const rec2 = { ...rec, seq: st2.history.length + 1 };
      await s.orders.store.setPending(id2, { kind: 'replace', rec: rec2, quantity: 1 }, rec2.at);
      await s.orders.store.step(id2, `replace-reserving:1:${rec2.seq}`);
      const logs = h.logs.length;
      assert.equal(await s.orders.finishLegacyPending(), 1);
      assert.equal((await s.orders.state(id2))!.replacements.size, 0);
      assert.ok(h.logs.slice(logs).some((l) => l.includes(`order ${id2}: -1 of product ${shop.tshirt} (m) unknown after a crash`)), h.logs.slice(logs).join('\n'));
      // and the order takes a new replacement normally
      await okValue(s.orders.replaceLine(ADMIN, id2, { line: 1, productId: shop.tshirt, variantId: 'm', confirmBelowMinimum: true }));
      assert.equal((await s.orders.state(id2))!.replacements.get(1)?.to.variantId, 'm');
    });

    it('a payment an earlier version left under way (its inflight record) is undone, or finished when its hold was captured', async () => {
      for (const captured of [false, true]) {
        await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
        const balance = (await s.ledger.balance(M.uid)).posted;
        const mugs = await stockOf(s, shop.mug);
        const id = await s.orders.store.newId();
        const key = `legacy-pay-${captured}`;
        const order = {
          id, uid: M.uid, programme: 'club' as const, shipBy: null, idempotencyKey: key, subtotal: 2000, discount: 0, total: 2000, promo: null,
          contact: { name: 'Anna', email: 'anna@example.org', phone: '+7 900 000-00-00' }, delivery: null, createdAt: h.clock.now(),
          lines: [{ productId: shop.mug, variantId: null, variantLabel: null, region: null, amount: null, quantity: 2, kind: 'souvenir' as const, categoryId: null,
            title: { 'en-GB': 'Mug', ru: 'Кружка' }, unitPriceInPoints: 1000, lineTotal: 2000, discountShare: 0, paidInPoints: 2000, withoutBattery: false }],
        };
        // what the earlier version wrote before it stopped: its record, the order, the hold, the stock
        await h.db.sortedSetAdd('bonus:orders:inflight', h.clock.now(), `${id}|${M.uid}|${key}`);
        await h.db.incrObjectField('bonus:orders:claims', `${M.uid}:${key}`);
        await s.orders.store.writeOrder(order as never);
        assert.ok((await s.ledger.hold({ uid: M.uid, amount: 2000, key: `hold:order:${id}`, reason: 'order', source: { type: 'order', id } })).ok);
        await s.orders.store.step(id, 'reserving:0');
        assert.ok((await s.catalog.reserve((await s.catalog.getProduct(shop.mug))!, null, 2)).ok);
        await s.orders.store.step(id, 'reserved:0');
        if (captured) assert.ok((await s.ledger.capture({ targetKey: `hold:order:${id}` })).ok);

        h.setNow(h.clock.now() + 10 * 60_000);
        await s.checkout.recover();
        await s.checkout.recover();
        const after = (await s.ledger.balance(M.uid));
        assert.equal(after.held, 0, `captured=${captured}: nothing stays held`);
        if (captured) {
          assert.equal(after.posted, balance - 2000, 'paid once');
          assert.equal((await s.orders.state(id))?.status, 'paid', 'the order finished');
          assert.equal(await stockOf(s, shop.mug), mugs - 2);
          assert.equal((await okValue(s.checkout.pay(M, { idempotencyKey: key }))).order.id, id, 'the key answers with the order');
        } else {
          assert.equal(after.posted, balance, 'nothing paid');
          assert.equal(await s.orders.state(id), null, 'no order');
          assert.equal(await stockOf(s, shop.mug), mugs, 'the mugs back on the shelf');
        }
      }
    });
  });
}
