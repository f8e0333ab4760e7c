import type { Result } from '../../lib/kernel/result';
import { okValue, refuses, settleAll } from '../host/results';
import assert from 'node:assert/strict';
import { canTransition, ORDER_STATUSES, ORDER_TRANSITIONS, statusAfterRefund } from '../../lib/modules/orders/domain';
import type { Services } from '../../lib/services';
import { backends } from '../catalog/backends';
import { crashAfterWrites } from '../ledger/backends';
import { ADMIN, createServices, ordersHost, readyMember, seedShop, stockOf, type OrdersHost, type Shop } from './harness';

const rejectsWith = (p: Promise<Result<unknown>>, code: string) => refuses(p, code);
const M = { uid: 2 };

describe('orders: the status machine', () => {
  it('transition table', () => {
    const table: [string, string, boolean][] = [
      ['paid', 'processing', true], ['paid', 'shipped', false], ['processing', 'shipped', true], ['shipped', 'delivered', true],
      ['shipped', 'cancelled', false], ['delivered', 'cancelled', false], ['cancelled', 'paid', false], ['partly-refunded', 'shipped', true],
      ['paid', 'partly-refunded', true], ['processing', 'cancelled', true], ['paid', 'paid', false],
    ];
    for (const [from, to, ok] of table) assert.equal(canTransition(from as never, to as never), ok, `${from} → ${to}`);
    for (const s of ORDER_STATUSES) for (const t of ORDER_TRANSITIONS[s]) assert.ok(ORDER_STATUSES.includes(t));
  });

  it('a refund of every line cancels, of some lines partly refunds; not after shipping', () => {
    assert.equal(statusAfterRefund('paid', 3, new Set([0])), 'partly-refunded');
    assert.equal(statusAfterRefund('processing', 2, new Set([0, 1])), 'cancelled');
    assert.equal(statusAfterRefund('shipped', 2, new Set([0])), null);
  });
});

for (const backend of backends()) {
  describe(`order administration on ${backend.name}`, function () {
    this.timeout(60_000);
    let h: OrdersHost;
    let s: Services;
    let shop: Shop;
    let orderId: number;

    beforeEach(async () => {
      h = ordersHost(await backend.open());
      s = createServices(h);
      shop = await seedShop(s);
      await readyMember(s, M.uid, 10_000);
      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      await okValue(s.cart.add(M, { productId: shop.tshirt, variantId: 's', quantity: 1 }));
      orderId = (await okValue(s.checkout.pay(M, { idempotencyKey: 'order-0001' }))).order.id;
    });
    after(() => backend.close());

    it('processing → shipped with a tracking note → delivered: history kept, member notified each time', async () => {
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing' }));
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'shipped', note: 'RA123456789RU' }));
      const state = await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'delivered' }));
      assert.deepEqual(state.history.map((c) => [c.seq, c.status, c.note]), [[1, 'paid', ''], [2, 'processing', ''], [3, 'shipped', 'RA123456789RU'], [4, 'delivered', '']]);
      const mine = h.notifications.filter((n) => n.uids.includes(M.uid)).map((n) => n.notification.bodyShort);
      for (const status of ['paid', 'processing', 'shipped', 'delivered']) assert.ok(mine.includes(`[[bonus:orders.notify.${status}, ${orderId}]]`), status);
      await rejectsWith(s.orders.setStatus(ADMIN, orderId, { status: 'cancelled' }), 'error.orders.bad-transition');
    });

    it('processing with a note sends the member a personal message in their language', async () => {
      const sent = h.fake.messages;
      sent.length = 0;
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing', note: 'Size S is out of stock: M instead?' }));
      assert.equal(sent.length, 1);
      assert.deepEqual([sent[0].fromUid, sent[0].toUid], [ADMIN.uid, M.uid]);
      assert.equal(sent[0].message, `About your order #${orderId}:\n\nSize S is out of stock: M instead?`);
    });

    it('a personal message or notification that fails is logged; status changes, replacements and claims stand', async () => {
      const down = async () => { throw new Error('notifications down'); };
      Object.assign(h.messaging, { notify: down, sendPrivateMessage: down });
      const state = await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing', note: 'Size S is out of stock: M instead?' }));
      assert.deepEqual(state.history.map((c) => c.status), ['paid', 'processing']);
      await okValue(s.orders.replaceLine(ADMIN, orderId, { line: 1, productId: shop.tshirt, variantId: 'm', note: 'M instead' }));
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'shipped' }));
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'delivered' }));
      const claim = await okValue(s.claims.open(M, { orderId, problem: 'damaged', description: 'The mug arrived broken in two pieces.', photos: [], key: 'claim-key-1' }));
      assert.equal(claim.claim.orderId, orderId);
      assert.deepEqual((await okValue(s.orders.mustView(M, orderId))).history.map((c) => c.status), ['paid', 'processing', 'processing', 'shipped', 'delivered']);
      assert.ok(h.logs.some((l) => /personal message to member 2 not sent.*notifications down/.test(l)), h.logs.join('\n'));
      assert.ok(h.logs.some((l) => /notification bonus:order:\d+:status:2 not sent/.test(l)), h.logs.join('\n'));
    });

    it('only admins change orders; bad input and wrong transitions change nothing', async () => {
      await rejectsWith(s.orders.setStatus(M, orderId, { status: 'processing' }), 'error.no-privileges');
      await rejectsWith(s.orders.setStatus(ADMIN, orderId, { status: 'lost' }), 'error.catalog.invalid-fields');
      await rejectsWith(s.orders.setStatus(ADMIN, orderId, { status: 'delivered' }), 'error.orders.bad-transition');
      await rejectsWith(s.orders.setStatus(ADMIN, 999, { status: 'processing' }), 'error.not-found');
      assert.equal((await okValue(s.orders.mustView(M, orderId))).history.length, 1);
    });

    it('two admins moving the same order at once: one wins', async () => {
      const results = await settleAll([
        s.orders.setStatus(ADMIN, orderId, { status: 'processing' }), s.orders.setStatus(ADMIN, orderId, { status: 'processing' }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.equal((await okValue(s.orders.mustView(M, orderId))).history.length, 2);
    });

    it('a change stopped by a crash while holding the order\'s lease does not block the order', async () => {
      // the lease is taken (two writes), then the state is read (atomic reads count as writes): the crash comes under the lease
      const crashing = createServices({ ...h, db: crashAfterWrites(h.db, 3) });
      await assert.rejects(crashing.orders.setStatus(ADMIN, orderId, { status: 'processing' }), /crash/);
      await rejectsWith(s.orders.setStatus(ADMIN, orderId, { status: 'processing' }), 'error.orders.busy');
      h.setNow(h.clock.now() + 10 * 60_000);
      const state = await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing' }));
      assert.deepEqual(state.history.map((c) => c.status), ['paid', 'processing']);
    });

    it('a line dropped: its points back once, stock back, limits free; then cancel returns the rest', async () => {
      const state = await okValue(s.orders.refundLines(ADMIN, orderId, { lines: [1], note: 'Size S out of stock' }));
      assert.equal(state.status, 'partly-refunded');
      assert.equal((await s.ledger.balance(M.uid)).posted, 10_000 - 2700 + 700);
      assert.equal(await stockOf(s, shop.tshirt, 's'), 5);
      await rejectsWith(s.orders.refundLines(ADMIN, orderId, { lines: [1] }), 'error.orders.nothing-to-refund');
      const cancelled = await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'cancelled', note: 'Member asked' }));
      assert.equal(cancelled.status, 'cancelled');
      assert.deepEqual(await s.ledger.balance(M.uid), { pending: 0, posted: 10_000, held: 0, spendable: 10_000 });
      assert.equal(await stockOf(s, shop.mug), 20);
      assert.deepEqual(await s.orders.store.purchasesSince(M.uid, 0), []);
      assert.ok(h.notifications.some((n) => n.notification.bodyShort === `[[bonus:orders.notify.cancelled, ${orderId}]]`));
    });
  });
}
