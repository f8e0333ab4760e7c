import type { Result } from '../../lib/kernel/result';
import { okValue, refuses, type RefusalError, settleAll } from '../host/results';
import assert from 'node:assert/strict';
import { OrderStore, PAYMENT_LEASE_MS } from '../../lib/modules/orders/store';
import { BonusError, counted, type ErrorArg } from '../../lib/kernel/errors';
import { applyReplacements, belowMinimum, replacementPrice, souvenirSubtotal } from '../../lib/modules/orders/domain';
import type { Services } from '../../lib/services';
import { replaceRefundKey } from '../../lib/modules/orders/service';
import { backends } from '../catalog/backends';
import { ADMIN, createServices, ordersHost, readyMember, seedShop, stockOf, type OrdersHost, type Shop } from './harness';

const rejectsWith = (p: Promise<Result<unknown>>, code: string, args?: ErrorArg[]) =>
  refuses(p, (err) => {
    assert.equal(err.code, code);
    if (args) assert.deepEqual(err.args, args);
    return true;
  });
const M = { uid: 2 };
const N = { uid: 3 };

describe('packing: pure rules', () => {
  it('the replacement price follows the order’s discount; the difference is to give back or for the club', () => {
    assert.deepEqual(replacementPrice(1400, 0, 2000), { paid: 1400, difference: 600 });
    assert.deepEqual(replacementPrice(1000, 15, 850), { paid: 850, difference: 0 });
    assert.deepEqual(replacementPrice(2500, 0, 700), { paid: 2500, difference: -1800 });
  });

  it('the souvenir minimum counts souvenirs only, before the discount, and warns only when the change lowers it', () => {
    const lines = [{ kind: 'souvenir' as const, lineTotal: 700 }, { kind: 'license' as const, lineTotal: 1800 }];
    assert.deepEqual(souvenirSubtotal(lines), { count: 1, subtotal: 700 });
    assert.equal(belowMinimum(2700, { count: 1, subtotal: 700 }, 2000), 700);
    assert.equal(belowMinimum(2700, { count: 0, subtotal: 0 }, 2000), null); // nothing left to ship
    assert.equal(belowMinimum(700, { count: 1, subtotal: 1200 }, 2000), null); // goes up
    assert.equal(belowMinimum(2700, { count: 1, subtotal: 2000 }, 2000), null);
  });

  it('replacements are laid over the lines they replace', () => {
    const line = { productId: 1, variantId: null, variantLabel: null, region: null, amount: null, quantity: 2, kind: 'souvenir' as const, categoryId: null, title: { 'en-GB': 'Mug', ru: 'Кружка' }, unitPriceInPoints: 1000, lineTotal: 2000, discountShare: 0, paidInPoints: 2000, withoutBattery: false };
    const order = { id: 1, uid: 2, programme: 'club' as const, shipBy: null, idempotencyKey: 'k', lines: [line], subtotal: 2000, discount: 0, total: 2000, promo: null, contact: { name: '', email: '', phone: '' }, delivery: null, createdAt: 0 };
    const to = { productId: 2, variantId: 'm', variantLabel: 'M', title: { 'en-GB': 'T-shirt', ru: 'Футболка' }, kind: 'souvenir' as const, categoryId: null, unitPriceInPoints: 700, lineTotal: 1400, paidInPoints: 1400, withoutBattery: false };
    const out = applyReplacements(order, new Map([[0, { line: 0, seq: 2, at: 0, actorUid: 1, status: 'paid' as const, note: '', from: line, to, refund: 600, clubPays: 0 }]]));
    assert.deepEqual([out.lines[0].productId, out.lines[0].quantity, out.lines[0].paidInPoints, out.lines[0].discountShare], [2, 2, 1400, 0]);
    assert.equal(order.lines[0].productId, 1);
  });
});

for (const backend of backends()) {
  describe(`packing: replacing lines and the souvenir minimum on ${backend.name}`, function () {
    this.timeout(60_000);
    let h: OrdersHost;
    let s: Services;
    let shop: Shop;
    let orderId: number;
    let cap: number;

    const t = (en: string, ru: string) => ({ 'en-GB': en, ru });
    async function order(uid: number, key: string): Promise<number> {
      await readyMember(s, uid, 10_000);
      await okValue(s.cart.add({ uid }, { productId: shop.mug, quantity: 2 }));
      await okValue(s.cart.add({ uid }, { productId: shop.tshirt, variantId: 's', quantity: 1 }));
      await okValue(s.cart.add({ uid }, { productId: shop.license, region: 'RU', quantity: 1 }));
      return (await okValue(s.checkout.pay({ uid }, { idempotencyKey: key }))).order.id;
    }
    const balance = async (uid = M.uid) => (await s.ledger.balance(uid)).posted;

    beforeEach(async () => {
      h = ordersHost(await backend.open());
      s = createServices(h);
      shop = await seedShop(s);
      cap = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: t('Cap', 'Кепка'), priceInPoints: 500, visibility: 'on-sale' }))).id;
      await okValue(s.catalogAdmin.adjustStock(ADMIN, cap, { delta: 1, reason: 'initial' }));
      orderId = await order(M.uid, 'order-0001'); // mug × 2 (2000), T-shirt S (700), license (1800)
    });
    after(() => backend.close());

    it('a cheaper replacement: stock swapped, the difference refunded once, recorded with who and when, the member notified', async () => {
      assert.equal(await balance(), 10_000 - 4500);
      h.setNow(h.clock.now() + 3_600_000);
      const state = await okValue(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: shop.tshirt, variantId: 'm', note: 'No mugs left' }));
      assert.equal(state.status, 'paid');
      assert.deepEqual([state.order.lines[0].productId, state.order.lines[0].variantId, state.order.lines[0].quantity, state.order.lines[0].paidInPoints], [shop.tshirt, 'm', 2, 1400]);
      assert.equal(await balance(), 10_000 - 4500 + 600);
      assert.equal(await stockOf(s, shop.mug), 20);
      assert.equal(await stockOf(s, shop.tshirt, 'm'), 3);
      const rec = state.replacements.get(0)!;
      assert.deepEqual([rec.actorUid, rec.at, rec.refund, rec.clubPays, rec.from.productId], [ADMIN.uid, h.clock.now(), 600, 0, shop.mug]);
      const entry = state.history[state.history.length - 1];
      assert.deepEqual([entry.seq, entry.status, entry.note, entry.replacement?.line], [2, 'paid', 'No mugs left', 0]);
      const entry0 = await s.ledger.entryByKey(replaceRefundKey(orderId, 0));
      assert.deepEqual([entry0?.uid, entry0?.amount, entry0?.reason, entry0?.source], [M.uid, 600, 'order-replacement', { type: 'order', id: String(orderId) }]);

      // the same request again: nothing more happens
      const again = await okValue(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: shop.tshirt, variantId: 'm', note: 'No mugs left' }));
      assert.equal(again.history.length, 2);
      assert.equal(await balance(), 10_000 - 4500 + 600);
      assert.equal(await stockOf(s, shop.tshirt, 'm'), 3);
      assert.equal(h.notifications.filter((n) => n.notification.bodyShort === `[[bonus:orders.notify.replaced, ${orderId}]]` && n.uids.includes(M.uid)).length, 1);
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: cap }), 'error.orders.already-replaced');

      // purchase limits count the replacement; the status machine goes on after the entry
      const purchases = await s.orders.store.purchasesSince(M.uid, 0);
      assert.ok(purchases.some((p) => p.productId === shop.tshirt && p.quantity === 2));
      assert.ok(!purchases.some((p) => p.productId === shop.mug));
      assert.equal((await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing' }))).history.length, 3);
    });

    it('a dearer replacement is refused until the admin says the club pays; the member is never charged', async () => {
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 1, productId: shop.powerbank }), 'error.orders.replace-dearer', [counted(1800)]);
      assert.equal(await stockOf(s, shop.powerbank), 5);
      const state = await okValue(s.orders.replaceLine(ADMIN, orderId, { line: 1, productId: shop.powerbank, clubPays: true }));
      assert.equal(await balance(), 10_000 - 4500);
      assert.equal(await stockOf(s, shop.powerbank), 4);
      assert.equal(await stockOf(s, shop.tshirt, 's'), 5);
      assert.deepEqual([state.replacements.get(1)!.clubPays, state.replacements.get(1)!.refund, state.order.lines[1].paidInPoints], [1800, 0, 700]);
      // dropping the replaced line later gives back what the member paid and the replacement's stock
      const dropped = await okValue(s.orders.refundLines(ADMIN, orderId, { lines: [1] }));
      assert.equal(dropped.status, 'partly-refunded');
      assert.equal(await balance(), 10_000 - 4500 + 700);
      assert.equal(await stockOf(s, shop.powerbank), 5);
      assert.equal(await stockOf(s, shop.tshirt, 's'), 5);
    });

    it('a double submit replaces once', async () => {
      const req = { line: 0, productId: shop.tshirt, variantId: 'm' };
      const results = await settleAll([s.orders.replaceLine(ADMIN, orderId, req), s.orders.replaceLine(ADMIN, orderId, req)]);
      // the second waits for the order's lease, then repeats the replacement the first recorded
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled']);
      assert.equal(await balance(), 10_000 - 4500 + 600);
      assert.equal(await stockOf(s, shop.tshirt, 'm'), 3);
      assert.equal(await stockOf(s, shop.mug), 20);
      const state = await okValue(s.orders.mustView(ADMIN, orderId));
      assert.equal(state.history.filter((c) => c.replacement).length, 1);
    });

    it('a replacement whose request stopped holding the order\'s lease does not lock it: taken over after the lease', async () => {
      // the state a crash leaves: the order's lease taken, nothing recorded
      assert.equal(await new OrderStore(h.db).tryLockOrder(orderId, h.clock.now(), PAYMENT_LEASE_MS), true);
      const req = { line: 0, productId: shop.tshirt, variantId: 'm' };
      await refuses(s.orders.replaceLine(ADMIN, orderId, req), (e: RefusalError) => e.code === 'error.orders.busy');
      h.setNow(h.clock.now() + PAYMENT_LEASE_MS + 1);
      await okValue(s.orders.replaceLine(ADMIN, orderId, req));
      assert.equal((await okValue(s.orders.mustView(ADMIN, orderId))).history.filter((c) => c.replacement).length, 1);
      assert.equal(await balance(), 10_000 - 4500 + 600, 'the difference refunded once');
    });

    it('two admins replacing with the last unit of a product: one wins, the other is refused and changes nothing', async () => {
      const other = await order(N.uid, 'order-0002');
      const results = await settleAll([
        s.orders.replaceLine(ADMIN, orderId, { line: 1, productId: cap }), s.orders.replaceLine(ADMIN, other, { line: 1, productId: cap }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.equal((lost.reason as BonusError).code, 'error.orders.replace-out-of-stock');
      assert.equal(await stockOf(s, cap), 0);
      assert.equal(await stockOf(s, shop.tshirt, 's'), 4); // one T-shirt back, one still in the other order
      assert.equal((await balance(M.uid)) + (await balance(N.uid)), 2 * (10_000 - 4500) + 200);
      // the loser's line is free again: it can be replaced once stock arrives
      await okValue(s.catalogAdmin.adjustStock(ADMIN, cap, { delta: 1, reason: 'arrived' }));
      const loser = results[0].status === 'rejected' ? orderId : other;
      assert.equal((await okValue(s.orders.replaceLine(ADMIN, loser, { line: 1, productId: cap }))).replacements.size, 1);
    });

    it('refusals: unknown product, out of stock, a license line, no size, past packing, not an admin', async () => {
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: 999 }), 'error.orders.replace-no-product', [999]);
      await okValue(s.catalogAdmin.adjustStock(ADMIN, cap, { delta: -1, reason: 'broken' }));
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 1, productId: cap }), 'error.orders.replace-out-of-stock', [0]);
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 2, productId: shop.mug }), 'error.orders.replace-license');
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: shop.license }), 'error.orders.replace-not-souvenir');
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: shop.tshirt }), 'error.orders.replace-choose-size');
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 7, productId: shop.mug }), 'error.orders.replace-no-line');
      await rejectsWith(s.orders.replaceLine(M, orderId, { line: 0, productId: shop.tshirt, variantId: 'm' }), 'error.no-privileges');
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing' }));
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'shipped' }));
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: shop.tshirt, variantId: 'm' }), 'error.orders.replace-status', [orderId]);
      assert.equal(await balance(), 10_000 - 4500);
      assert.equal(await stockOf(s, shop.mug), 18);
      assert.equal((await okValue(s.orders.mustView(ADMIN, orderId))).replacements.size, 0);
    });

    it('below the souvenir minimum: dropping or replacing warns with the new total and the minimum, and goes ahead once confirmed', async () => {
      await rejectsWith(s.orders.refundLines(ADMIN, orderId, { lines: [0] }), 'error.orders.below-minimum', [counted(700), counted(2000, 'points.gen')]);
      assert.equal(await balance(), 10_000 - 4500);
      await okValue(s.catalogAdmin.adjustStock(ADMIN, cap, { delta: 1, reason: 'arrived' }));
      await rejectsWith(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: cap }), 'error.orders.below-minimum', [counted(1700), counted(2000, 'points.gen')]);
      assert.equal(await stockOf(s, cap), 2);
      await okValue(s.orders.replaceLine(ADMIN, orderId, { line: 0, productId: cap, confirmBelowMinimum: true }));
      assert.equal(await stockOf(s, cap), 0);
      assert.equal(await balance(), 10_000 - 4500 + 1000);
      // already below: dropping more warns again with the smaller total; cancelling everything does not
      await rejectsWith(s.orders.refundLines(ADMIN, orderId, { lines: [1] }), 'error.orders.below-minimum', [counted(1000), counted(2000, 'points.gen')]);
      const dropped = await okValue(s.orders.refundLines(ADMIN, orderId, { lines: [1], confirmBelowMinimum: true }));
      assert.equal(dropped.status, 'partly-refunded');
      assert.equal(await balance(), 10_000 - 4500 + 1000 + 700);
      assert.equal((await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'cancelled' }))).status, 'cancelled');
      assert.equal(await balance(), 10_000);
      assert.equal(await stockOf(s, cap), 2);
    });

    it('dropping lines that leave no souvenirs (only the license) does not warn', async () => {
      const state = await okValue(s.orders.refundLines(ADMIN, orderId, { lines: [0, 1] }));
      assert.equal(state.status, 'partly-refunded');
    });
  });
}
