/**
 * Issue 11, item 4: a quote without refusals is payable. Orders are bounded by MAX_ORDER_POINTS (the
 * ledger's largest entry, which holds the whole total at payment): the cart refuses a line above it
 * and the quote says so for a cart above it, with the limit and the cart's total.
 */
import { okValue, refuses } from '../host/results';
import assert from 'node:assert/strict';
import { BonusError } from '../../lib/kernel/errors';
import { MAX_ORDER_POINTS } from '../../lib/modules/orders/domain-checkout';
import type { Services } from '../../lib/services';
import { backends } from '../catalog/backends';
import { ADMIN, createServices, ordersHost, readyMember, type OrdersHost } from './harness';

const M = { uid: 2 };

for (const backend of backends()) {
  describe(`checkout: oversized orders on ${backend.name}`, function () {
    this.timeout(60_000);
    let h: OrdersHost;
    let s: Services;
    let gold: number;
    let silver: number;

    beforeEach(async () => {
      h = ordersHost(await backend.open());
      s = createServices(h);
      const t = (en: string, ru: string) => ({ 'en-GB': en, ru });
      gold = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: t('Gold bar', 'Слиток'), priceInPoints: 100_000_000, visibility: 'on-sale' }))).id;
      silver = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: t('Silver bar', 'Серебро'), priceInPoints: 100_000_000, visibility: 'on-sale' }))).id;
      await okValue(s.catalogAdmin.adjustStock(ADMIN, gold, { delta: 500, reason: 'initial' }));
      await okValue(s.catalogAdmin.adjustStock(ADMIN, silver, { delta: 500, reason: 'initial' }));
      await readyMember(s, M.uid, 0);
      for (let i = 0; i < 3; i += 1) await s.ledger.credit({ uid: M.uid, amount: MAX_ORDER_POINTS, key: `test:rich:${i}`, reason: 'other' });
    });
    after(() => backend.close());

    it('the cart refuses a line no order could pay for, with the limit, and keeps what it had', async () => {
      await refuses(s.cart.add(M, { productId: gold, quantity: 99 }), (e: unknown) => e instanceof BonusError && e.code === 'error.catalog.order-too-large' && e.args[0] === MAX_ORDER_POINTS);
      assert.deepEqual(await s.cart.store.lines(M.uid), []);
      await okValue(s.cart.add(M, { productId: gold, quantity: 10 }));
      await refuses(s.cart.add(M, { productId: gold, quantity: 1 }), (e: unknown) => e instanceof BonusError && e.code === 'error.catalog.order-too-large');
      assert.equal((await s.cart.store.lines(M.uid))[0].quantity, 10);
    });

    it('a cart too large only through several lines is refused at add and at a larger quantity, keeping what it had', async () => {
      await okValue(s.cart.add(M, { productId: gold, quantity: 6 }));
      await refuses(s.cart.add(M, { productId: silver, quantity: 6 }), (e: unknown) => e instanceof BonusError && e.code === 'error.checkout.order-too-large' && e.args[0] === MAX_ORDER_POINTS && e.args[1] === 1_200_000_000);
      assert.deepEqual((await s.cart.store.lines(M.uid)).map((l) => [l.productId, l.quantity]), [[gold, 6]]);
      await okValue(s.cart.add(M, { productId: silver, quantity: 4 }));
      await refuses(s.cart.update(M, { productId: silver, quantity: 5 }), (e: unknown) => e instanceof BonusError && e.code === 'error.checkout.order-too-large' && e.args[1] === 1_100_000_000);
      assert.deepEqual((await s.cart.store.lines(M.uid)).map((l) => [l.productId, l.quantity]).sort(), [[gold, 6], [silver, 4]].sort());
      // taking fewer is always allowed
      await okValue(s.cart.update(M, { productId: gold, quantity: 5 }));
    });

    it('a cart above the limit (prices raised after adding) is refused in the quote (limit and total), and paying it is refused the same way, changing nothing', async () => {
      await okValue(s.catalogAdmin.update(ADMIN, silver, { priceInPoints: 50_000_000 }));
      await okValue(s.cart.add(M, { productId: gold, quantity: 6 }));
      await okValue(s.cart.add(M, { productId: silver, quantity: 8 }));
      await okValue(s.catalogAdmin.update(ADMIN, silver, { priceInPoints: 75_000_000 }));
      const { quote } = await okValue(s.checkout.quoteFor(M, '', true));
      const refusal = quote.refusals.find((r) => r.code === 'order-too-large');
      assert.ok(refusal, `the quote says the order is too large (refusals: ${quote.refusals.map((r) => r.code).join(', ') || 'none'})`);
      assert.deepEqual(refusal.args, [MAX_ORDER_POINTS, 1_200_000_000]);
      const before = (await s.ledger.balance(M.uid)).posted;
      await refuses(s.checkout.pay(M, { idempotencyKey: 'pay-too-large-1' }), (e: unknown) => e instanceof BonusError && e.code === 'error.checkout.order-too-large');
      assert.equal((await s.ledger.balance(M.uid)).posted, before);
      // at the limit it is payable, as the quote says
      await okValue(s.catalogAdmin.update(ADMIN, silver, { priceInPoints: 50_000_000 }));
      assert.deepEqual((await okValue(s.checkout.quoteFor(M, '', true))).quote.refusals, []);
      const { order } = await okValue(s.checkout.pay(M, { idempotencyKey: 'pay-at-limit-1' }));
      assert.equal(order.total, MAX_ORDER_POINTS);
    });
  });
}
