import type { Result } from '../../lib/kernel/result';
import { okValue, refuses, asThrown, settleAll } from '../host/results';
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { BonusError } from '../../lib/kernel/errors';
import type { Services } from '../../lib/services';
import { backends } from '../catalog/backends';
import { crashAfterWrites } from '../ledger/backends';
import { ADMIN, NOW, createServices, ordersHost, readyMember, seedShop, stockOf, type OrdersHost, type Shop } from './harness';

const rejectsWith = (p: Promise<Result<unknown>>, code: string) => refuses(p, code);

const M = { uid: 2 };

for (const backend of backends()) {
  describe(`checkout payment on ${backend.name}`, function () {
    this.timeout(120_000);
    let db: Database;
    let h: OrdersHost;
    let s: Services;
    let shop: Shop;

    beforeEach(async () => {
      db = await backend.open();
      h = ordersHost(db);
      s = createServices(h);
      shop = await seedShop(s);
    });
    after(() => backend.close());

    it('pays: points held and captured at once, stock and codes taken, order paid with history, cart emptied, member notified', async () => {
      await readyMember(s, M.uid, 10_000);
      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      await okValue(s.cart.add(M, { productId: shop.license, quantity: 1, region: 'RU' }));
      const { order, replayed } = await okValue(s.checkout.pay(M, { idempotencyKey: 'attempt-0001' }));
      assert.equal(replayed, false);
      assert.equal(order.total, 3800);
      const bal = await s.ledger.balance(M.uid);
      assert.deepEqual([bal.posted, bal.held, bal.spendable], [6200, 0, 6200]);
      assert.equal(await stockOf(s, shop.mug), 18);
      assert.equal(await stockOf(s, shop.license), 4);
      const state = await okValue(s.orders.mustView(M, order.id));
      assert.equal(state.status, 'paid');
      assert.equal(state.awaitingCodes, false);
      assert.equal((await okValue(s.orders.codesByLine(M, state))).get(1)?.length, 1);
      // the codes are e-mailed once, with the item and its activation country
      const mails = h.emails.filter((e) => e.template === 'bonus-codes');
      assert.equal(mails.length, 1);
      assert.equal(mails[0].params.subject, `[[bonus:email.codes.subject, ${order.id}]]`);
      assert.deepEqual(mails[0].params.codes, [{ title: 'KIS', regionKey: 'country.ru', code: (await okValue(s.orders.codesByLine(M, state))).get(1)?.[0] }]);
      assert.deepEqual(await okValue(s.cart.lines(M)), []);
      assert.ok(h.notifications.some((n) => n.notification.bodyShort === `[[bonus:orders.notify.paid, ${order.id}]]` && n.uids[0] === M.uid));
      assert.deepEqual(order.contact.name, 'Anna Petrova');
      assert.equal(order.delivery?.city, 'Moscow');
      // the same key again: the same order, nothing taken twice
      const again = await okValue(s.checkout.pay(M, { idempotencyKey: 'attempt-0001' }));
      assert.deepEqual([again.order.id, again.replayed], [order.id, true]);
      assert.equal((await s.ledger.balance(M.uid)).posted, 6200);
      // codes only to the buyer and admins; others do not even see the order
      await rejectsWith(s.orders.mustView({ uid: 3 }, order.id), 'error.not-found');
      assert.equal((await okValue(s.orders.mustView(ADMIN, order.id))).order.id, order.id);
    });

    it('a group discount by promo code; refused for a non-member', async () => {
      await readyMember(s, M.uid, 10_000);
      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      await rejectsWith(s.checkout.pay(M, { idempotencyKey: 'promo-0001', promoCode: 'ACT15' }), 'error.checkout.promo-not-member');
      h.groupsOf.set(M.uid, ['Activists']);
      const { order } = await okValue(s.checkout.pay(M, { idempotencyKey: 'promo-0001', promoCode: 'act15' }));
      assert.deepEqual([order.subtotal, order.discount, order.total], [2000, 300, 1700]);
      assert.equal((await s.ledger.balance(M.uid)).posted, 8300);
    });

    it('refusals change nothing: not enough points, rules, missing data, bad input; the key stays usable', async () => {
      await readyMember(s, M.uid, 1500);
      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      await rejectsWith(s.checkout.pay(M, { idempotencyKey: 'short-0001' }), 'error.checkout.insufficient-points');
      assert.deepEqual(await s.ledger.balance(M.uid), { pending: 0, posted: 1500, held: 0, spendable: 1500 });
      assert.equal(await stockOf(s, shop.mug), 20);
      assert.deepEqual(await okValue(s.orders.memberOrders(M)), []);
      assert.equal((await okValue(s.cart.lines(M))).length, 1);
      await s.ledger.credit({ uid: M.uid, amount: 1000, key: 'test:more', reason: 'other' });
      const { order } = await okValue(s.checkout.pay(M, { idempotencyKey: 'short-0001' }));
      assert.equal(order.total, 2000);

      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      // the cart changed in another tab after the member saw 1000: nothing is charged
      await rejectsWith(s.checkout.pay(M, { idempotencyKey: 'tab-00001', expectedTotal: 1000 }), 'error.checkout.total-changed');
      await okValue(s.cart.update(M, { productId: shop.mug, quantity: 1 }));
      await rejectsWith(s.checkout.pay(M, { idempotencyKey: 'min-00001' }), 'error.checkout.souvenir-minimum'); // 1000 < 2000
      await rejectsWith(s.checkout.pay(M, { idempotencyKey: 'x' }), 'error.catalog.invalid-fields');
      await rejectsWith(s.checkout.pay({ uid: 0 }, { idempotencyKey: 'guest-0001' }), 'error.not-logged-in');
      await rejectsWith(s.checkout.pay({ uid: 7 }, { idempotencyKey: 'empty-0001' }), 'error.checkout.empty-cart');
      await okValue(s.cart.add({ uid: 8 }, { productId: shop.license, quantity: 1, region: 'RU' }));
      await rejectsWith(s.checkout.pay({ uid: 8 }, { idempotencyKey: 'nocontact' }), 'error.checkout.contact-required');
      await rejectsWith(s.checkout.saveDelivery(M, { method: 'delivery', country: 'RU', city: '', address: '', postcode: '' }), 'error.catalog.invalid-fields');
      assert.equal((await okValue(s.orders.memberOrders(M))).length, 1);
    });

    it('purchase limits hold at checkout, also across two orders', async () => {
      await readyMember(s, M.uid, 10_000);
      await okValue(s.cart.add(M, { productId: shop.license, quantity: 1, region: 'RU' }));
      await okValue(s.checkout.pay(M, { idempotencyKey: 'lic-00001' }));
      await okValue(s.cart.add(M, { productId: shop.license, quantity: 1, region: 'KZ' }));
      const q = await okValue(s.checkout.quoteFor(M, '', true));
      assert.deepEqual(q.quote.refusals.map((r) => r.code), ['limit-exceeded']);
      await rejectsWith(s.checkout.pay(M, { idempotencyKey: 'lic-00002' }), 'error.checkout.limit-exceeded');
    });

    it('licenses: when the pool ran dry the order waits with a visible reason, and the job delivers later', async () => {
      const p = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'license', title: { 'en-GB': 'KTS', ru: 'KTS' }, priceInPoints: 3500, visibility: 'on-sale' }))).id;
      await okValue(s.codes.importCodes(ADMIN, p, { text: 'KTSAA-00001-AAAAA-00001' }));
      await s.codes.codes.withdraw(p, 'KTSAA-00001-AAAAA-00001' as never); // the stock counter still says 1
      await readyMember(s, M.uid, 10_000);
      await okValue(s.cart.add(M, { productId: p, quantity: 1, region: 'RU' }));
      const { order } = await okValue(s.checkout.pay(M, { idempotencyKey: 'dry-00001' }));
      assert.equal((await okValue(s.orders.mustView(M, order.id))).awaitingCodes, true);
      await okValue(s.codes.importCodes(ADMIN, p, { text: 'KTSAA-00002-AAAAA-00002' }));
      assert.equal(await s.orders.deliverAwaitingCodes(), 1);
      const state = await okValue(s.orders.mustView(M, order.id));
      assert.equal(state.awaitingCodes, false);
      assert.deepEqual((await okValue(s.orders.codesByLine(M, state))).get(0), ['KTSAA-00002-AAAAA-00002']);
      assert.equal(h.emails.filter((e) => e.template === 'bonus-codes').length, 1, 'e-mailed when the codes came');
    });

    it('50 parallel payments with one key: one order, points taken once', async () => {
      await readyMember(s, M.uid, 10_000);
      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      const results = await Promise.all(Array.from({ length: 50 }, () => okValue(s.checkout.pay(M, { idempotencyKey: 'same-key-0001' }))));
      assert.equal(new Set(results.map((r) => r.order.id)).size, 1);
      assert.equal(results.filter((r) => !r.replayed).length, 1);
      assert.deepEqual(await s.ledger.balance(M.uid), { pending: 0, posted: 8000, held: 0, spendable: 8000 });
      assert.equal(await stockOf(s, shop.mug), 18);
      assert.equal((await okValue(s.orders.memberOrders(M))).length, 1);
    });

    it('one member, parallel payments with different keys: never more than the balance', async () => {
      await readyMember(s, M.uid, 5000);
      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      const results = await settleAll(Array.from({ length: 6 }, (_, i) => s.checkout.pay(M, { idempotencyKey: `diff-key-${i}` })));
      const paid = results.filter((r) => r.status === 'fulfilled').length;
      // the cart is emptied by the first payment, so the rest find it empty: one order only
      for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as BonusError).code, 'error.checkout.empty-cart');
      assert.equal(paid, 1);
      assert.equal((await s.ledger.balance(M.uid)).posted, 3000);
    });

    it('100 concurrent checkouts for the last 10 units: exactly 10 paid', async () => {
      const last = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: { 'en-GB': 'Rare', ru: 'Редкость' }, priceInPoints: 2000, visibility: 'on-sale' }))).id;
      await okValue(s.catalogAdmin.adjustStock(ADMIN, last, { delta: 10, reason: 'last units' }));
      const uids = Array.from({ length: 100 }, (_, i) => 100 + i);
      for (const uid of uids) {
        await readyMember(s, uid, 3000);
        await okValue(s.cart.add({ uid }, { productId: last, quantity: 1 }));
      }
      const results = await settleAll(uids.map((uid) => s.checkout.pay({ uid }, { idempotencyKey: `last-unit-${uid}` })));
      const ok = results.filter((r) => r.status === 'fulfilled');
      assert.equal(ok.length, 10);
      for (const r of results) if (r.status === 'rejected') assert.ok(['error.checkout.sold-out', 'error.checkout.out-of-stock'].includes((r.reason as BonusError).code), String(r.reason));
      assert.equal(await stockOf(s, last), 0);
      const balances = await s.ledger.balances(uids);
      assert.equal([...balances.values()].filter((b) => b.posted === 1000).length, 10);
      assert.equal([...balances.values()].filter((b) => b.posted === 3000 && b.held === 0).length, 90);
      // a sold-out refusal is not a crash: no "unknown reservation" warning for any of the 90 (issue 11, item 11)
      assert.deepEqual(h.logs.filter((m) => m.includes('unknown after a crash')), []);
    });

    it('a crash after any write of a payment, then recovery and a retry: one order, points and stock taken once', async () => {
      let n = 0;
      let lost = 0;
      for (;; n += 1) {
        db = await backend.open();
        h = ordersHost(db);
        s = createServices(h);
        shop = await seedShop(s, 5, 2);
        await readyMember(s, M.uid, 10_000);
        await okValue(s.cart.add(M, { productId: shop.mug, quantity: 1 }));
        await okValue(s.cart.add(M, { productId: shop.tshirt, variantId: 'm', quantity: 2 }));
        await okValue(s.cart.add(M, { productId: shop.license, quantity: 1, region: 'RU' }));
        const crashing = createServices({ ...h, db: crashAfterWrites(db, n) });
        let crashed = false;
        try {
          await okValue(crashing.checkout.pay(M, { idempotencyKey: 'crash-key-01' }));
        } catch (err) {
          if (err instanceof BonusError) throw new Error(`n=${n}: ${err.code} ${err.stack}`);
          crashed = true;
        }
        h.setNow(NOW + 10 * 60_000);
        await s.checkout.recover();
        const mid = await s.ledger.balance(M.uid);
        assert.equal(mid.held, 0, `n=${n}: no points stay held after recovery`);
        const { order } = await asThrown(s.checkout.pay(M, { idempotencyKey: 'crash-key-01' })).catch((err: unknown) => {
          throw new Error(`n=${n}: the retry after recovery failed: ${String(err)} ${JSON.stringify(h.logs.slice(-3))}`);
        });
        assert.equal(order.total, 4200);
        assert.equal((await okValue(s.orders.memberOrders(M))).length, 1, `n=${n}: one order`);
        assert.deepEqual(await s.ledger.balance(M.uid), { pending: 0, posted: 5800, held: 0, spendable: 5800 }, `n=${n}`);
        const unknown = h.logs.some((l) => l.includes('reservation of product'));
        const mugs = await stockOf(s, shop.mug);
        const shirts = await stockOf(s, shop.tshirt, 'm');
        // Never sold twice; a unit may be lost only in the one window the log reports.
        assert.ok(mugs === 4 || (unknown && mugs === 3), `n=${n}: mugs ${mugs}`);
        assert.ok(shirts === 3 || (unknown && shirts === 1), `n=${n}: shirts ${shirts}`);
        if (mugs < 4 || shirts < 3) lost += 1;

        await s.orders.deliverAwaitingCodes();
        const state = await okValue(s.orders.mustView(M, order.id));
        assert.equal(state.status, 'paid');
        assert.equal((await okValue(s.orders.codesByLine(M, state))).get(2)?.length, 1, `n=${n}: the buyer has the code`);
        // A code is never handed out twice; a crash inside the code store may burn one (out of the pool, unsold).
        const pool = await okValue(s.codes.poolStatus(ADMIN, shop.license));
        assert.ok(pool.available + pool.sold <= 2 && pool.sold >= 1, `n=${n}: pool ${JSON.stringify(pool)}`);
        if (!crashed) break;
      }
      assert.ok(n > 20, `the payment has ${n} writes`);
      assert.ok(lost <= 3, `a unit is lost only in the one-write reserve window of each line (${lost})`);
    });
  });
}
