/**
 * Issue 12, items 2–3: a claim's closing runs as the order's durable workflow `claim-close`. A crash
 * before any write of a close, then the orders' recovery job (and the steps recovery job after the
 * lease), then the admin trying again: one closing recorded, its refund given once, the order's
 * claim slot free, the member told once — on memory and Redis.
 */
import { okValue, refuses, asThrown } from '../host/results';
import assert from 'node:assert/strict';
import { BonusError } from '../../lib/kernel/errors';
import type { Services } from '../../lib/services';
import { STEPS_LEASE_MS } from '../../lib/kernel/steps';
import { CLAIM_LEASE_MS } from '../../lib/modules/orders/store-claims';
import { ORDER_LEASE_MS } from '../../lib/modules/orders/service';
import { backends } from '../catalog/backends';
import { crashAfterWrites } from '../ledger/backends';
import { ADMIN, createServices, ordersHost, readyMember, seedShop, type OrdersHost } from '../orders/harness';

const M = { uid: 2 };
const report = (orderId: number, key: string) => ({
  orderId, problem: 'damaged', description: 'The mug arrived broken in two pieces.', photos: [], videoUrl: '', key,
});

for (const backend of backends()) {
  describe(`claims: a close crashed after any write, on ${backend.name}`, function () {
    this.timeout(600_000);
    let h: OrdersHost;
    let s: Services;
    let shop: Awaited<ReturnType<typeof seedShop>>;

    before(async () => {
      h = ordersHost(await backend.open());
      s = createServices(h);
      shop = await seedShop(s, 500, 0);
      await readyMember(s, M.uid, 1_000_000);
    });
    after(() => backend.close());

    it('one closing, its refund once, the slot free, one notice', async () => {
      let finished = false;
      for (let writes = 0; !finished && writes < 80; writes += 1) {
        await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
        const orderId = (await okValue(s.checkout.pay(M, { idempotencyKey: `claim-crash-${writes}` }))).order.id;
        await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing' }));
        await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'delivered' }));
        const { claim } = await okValue(s.claims.open(M, report(orderId, `claim-crash-key-${writes}`)));
        const before = (await s.ledger.balance(M.uid)).posted;
        const notices = () => h.notifications.filter((n) => n.notification.nid === `bonus:claim:${claim.id}:closed`).length;
        const label = `crash before write ${writes + 1}`;
        const closing = { resolution: 'refund', note: 'Broken', amount: 400 };
        try {
          await okValue(createServices({ ...h, db: crashAfterWrites(h.db, writes) }).claims.close(ADMIN, claim.id, closing));
          finished = true;
        } catch (err) {
          assert.match(String(err), /crash/, label);
        }
        // the jobs, after every lease a crashed runner could hold
        h.setNow(h.clock.now() + Math.max(ORDER_LEASE_MS, STEPS_LEASE_MS, CLAIM_LEASE_MS) + 1);
        await s.checkout.recover(); // the orders' recovery job: the ledgers' operations first, then the orders'
        await s.orders.recoverPending();
        await s.steps.recover();
        // the admin tries again with the same closing: finishes it, or finds it finished
        const retry = () => asThrown(s.claims.close(ADMIN, claim.id, closing)).then(() => 'ok', (err: unknown) => {
          assert.ok(err instanceof BonusError, `${label}: ${String(err)}`);
          return err.code;
        });
        let outcome = await retry();
        if (outcome === 'error.orders.busy') {
          // stopped between winning the order's lock and writing its lease: the first try wrote the lease, which ends in turn
          h.setNow(h.clock.now() + ORDER_LEASE_MS + 1);
          outcome = await retry();
        }
        assert.equal(outcome, 'ok', `${label}: the retry`);
        const st = (await s.claims.state(claim.id))!;
        assert.equal(st.closing?.amount, 400, label);
        assert.equal(st.recorded, true, label);
        assert.equal((await s.ledger.balance(M.uid)).posted - before, 400, `${label}: the refund given once`);
        assert.equal(await s.claims.store.refundedByClaims(orderId), 400, label);
        assert.equal(await s.claims.canOpen(M, orderId), true, `${label}: the order's claim slot is free`);
        assert.equal(notices(), 1, `${label}: the member told once`);
        // a different closing is refused now
        await refuses(s.claims.close(ADMIN, claim.id, { resolution: 'rejected', note: 'no' }), (e: unknown) => e instanceof BonusError && e.code === 'error.claims.already-closed', label);
      }
      assert.ok(finished, 'a close with enough writes finishes');
    });

    it('an opening crashed before any of its writes: the member\'s retry with the same key opens one claim, and the order has one open claim', async () => {
      let finished = false;
      for (let writes = 0; !finished && writes < 60; writes += 1) {
        await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
        const orderId = (await okValue(s.checkout.pay(M, { idempotencyKey: `claim-open-crash-${writes}` }))).order.id;
        await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing' }));
        await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'delivered' }));
        const label = `opening, crash before write ${writes + 1}`;
        const key = `claim-open-key-${writes}`;
        try {
          await okValue(createServices({ ...h, db: crashAfterWrites(h.db, writes) }).claims.open(M, report(orderId, key)));
          finished = true;
        } catch (err) {
          assert.match(String(err), /crash/, label);
        }
        h.setNow(h.clock.now() + Math.max(ORDER_LEASE_MS, STEPS_LEASE_MS, CLAIM_LEASE_MS) + 1);
        await s.checkout.recover();
        await s.orders.recoverPending();
        await s.steps.recover();
        // the member sends the form again (the same key): one claim, whatever the crash left
        const retry = () => asThrown(s.claims.open(M, report(orderId, key))).then((st) => st.claim.id, (err: unknown) => {
          assert.ok(err instanceof BonusError, `${label}: ${String(err)}`);
          return err.code;
        });
        let retried = await retry();
        if (retried === 'error.orders.busy') {
          // stopped between winning the order's lock and writing its lease: the first try wrote the lease, which ends in turn
          h.setNow(h.clock.now() + ORDER_LEASE_MS + 1);
          retried = await retry();
        }
        assert.equal(typeof retried, 'number', `${label}: the retry opened or replayed the claim (${String(retried)})`);
        const claims = await okValue(s.claims.orderClaims(ADMIN, orderId));
        assert.deepEqual(claims.map((c) => c.claim.id), [retried], `${label}: one claim for the order`);
        assert.equal(await s.claims.canOpen(M, orderId), false, `${label}: the order's claim slot is held by it`);
        const other = () => s.claims.open(M, report(orderId, `${key}-other`));
        let second = await other();
        if (!second.ok && second.refusal.code === 'error.orders.busy') {
          // stopped while giving the order's lock back: its lease was written by the try above and ends in turn
          h.setNow(h.clock.now() + ORDER_LEASE_MS + 1);
          second = await other();
        }
        await refuses(second, (e) => e.code === 'error.claims.already-open', `${label}: a second claim is refused`);
        const opened = h.notifications.filter((n) => n.notification.nid === `bonus:claim:${String(retried)}:opened`);
        assert.ok(opened.length >= 1, `${label}: the admins were told`);
      }
      assert.ok(finished, 'an opening with enough writes finishes');
    });
  });
}
