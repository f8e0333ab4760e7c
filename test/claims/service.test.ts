import type { Result } from '../../lib/kernel/result';
import { okValue, refuses, asThrown, settleAll } from '../host/results';
import assert from 'node:assert/strict';
import { BonusError } from '../../lib/kernel/errors';
import type { Services } from '../../lib/services';
import { claimRefundKey, type ClaimState } from '../../lib/modules/orders/service-claims';
import { CLAIM_KEYS, CLAIM_LEASE_MS } from '../../lib/modules/orders/store-claims';
import { backends } from '../catalog/backends';
import { ADMIN, createServices, NOW, ordersHost, readyMember, seedShop, type OrdersHost } from '../orders/harness';

const rejectsWith = (p: Promise<Result<unknown>>, code: string) => refuses(p, code);
const M = { uid: 2 };
const OTHER = { uid: 3 };
const report = (orderId: number, key: string, over: Record<string, unknown> = {}) => ({
  orderId, problem: 'damaged', description: 'The mug arrived broken in two pieces.',
  photos: ['https://photos.example/mug-1.jpg', '/assets/uploads/files/mug-2.jpg'], videoUrl: 'https://video.example/v/1', key, ...over,
});

for (const backend of backends()) {
  describe(`claims on ${backend.name}`, function () {
    this.timeout(60_000);
    let h: OrdersHost;
    let s: Services;
    let orderId: number;

    beforeEach(async () => {
      h = ordersHost(await backend.open());
      // uid 1 is the only administrator of the test host
      s = createServices(h);
      const shop = await seedShop(s);
      await readyMember(s, M.uid, 10_000);
      await okValue(s.cart.add(M, { productId: shop.mug, quantity: 2 }));
      await okValue(s.cart.add(M, { productId: shop.tshirt, variantId: 's', quantity: 1 }));
      orderId = (await okValue(s.checkout.pay(M, { idempotencyKey: 'order-0001' }))).order.id;
    });
    after(() => backend.close());

    const deliver = async () => {
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'processing' }));
      await okValue(s.orders.setStatus(ADMIN, orderId, { status: 'delivered' }));
    };

    it('only on a delivered order, only by its buyer; validated', async () => {
      await rejectsWith(s.claims.open(M, report(orderId, 'claim-key-1')), 'error.claims.not-delivered');
      await deliver();
      await rejectsWith(s.claims.open(OTHER, report(orderId, 'claim-key-1')), 'error.not-found');
      await rejectsWith(s.claims.open(ADMIN, report(orderId, 'claim-key-1')), 'error.claims.not-buyer');
      await rejectsWith(s.claims.open(M, report(orderId, 'claim-key-1', { description: 'short' })), 'error.claims.description-length');
      await rejectsWith(s.claims.open(M, report(orderId, 'claim-key-1', { photos: ['file:///etc/passwd'] })), 'error.claims.bad-photo');
      await rejectsWith(s.claims.open(M, report(orderId, 'claim-key-1', { problem: 'late' })), 'error.catalog.invalid-fields');
      await rejectsWith(s.claims.open({ uid: 0 }, report(orderId, 'claim-key-1')), 'error.not-logged-in');
      assert.equal(await s.claims.canOpen(M, orderId), true);
      assert.equal(await s.claims.canOpen(OTHER, orderId), false);
    });

    it('opens once per client key, one open claim per order, even in parallel', async () => {
      await deliver();
      const [a, b] = await Promise.all([asThrown(s.claims.open(M, report(orderId, 'claim-key-1'))), asThrown(s.claims.open(M, report(orderId, 'claim-key-1')))]
        .map((p) => p.catch((e: unknown) => e)));
      const ok = [a, b].filter((r) => !(r instanceof Error)) as ClaimState[];
      assert.ok(ok.length >= 1);
      for (const r of [a, b]) if (r instanceof Error) assert.ok(r instanceof BonusError && r.code === 'error.claims.in-progress', String(r));
      const again = await okValue(s.claims.open(M, report(orderId, 'claim-key-1')));
      assert.equal(again.claim.id, ok[0].claim.id);
      await rejectsWith(s.claims.open(M, report(orderId, 'claim-key-2')), 'error.claims.already-open');
      const parallel = await settleAll(['k-aaaaaaaa', 'k-bbbbbbbb', 'k-cccccccc'].map((k) => s.claims.open(M, report(orderId, k))));
      assert.ok(parallel.every((r) => r.status === 'rejected'));
      assert.equal((await okValue(s.claims.memberClaims(M))).length, 1);
      assert.equal(await s.claims.canOpen(M, orderId), false);
      assert.deepEqual(again.claim.photos, ['https://photos.example/mug-1.jpg', '/assets/uploads/files/mug-2.jpg']);
      // admins hear of the new claim
      assert.ok(h.notifications.some((n) => n.uids.includes(ADMIN.uid) && n.notification.bodyShort === `[[bonus:claims.notify.opened, ${again.claim.id}, ${orderId}]]`));
    });

    it('a thread: the member on their own claim, admins answer and the member is notified', async () => {
      await deliver();
      const { claim } = await okValue(s.claims.open(M, report(orderId, 'claim-key-1')));
      await okValue(s.claims.addMessage(ADMIN, claim.id, { text: 'Could you send a photo of the box?' }));
      await okValue(s.claims.addMessage(M, claim.id, { text: 'Here: https://photos.example/box.jpg' }));
      await rejectsWith(s.claims.addMessage(OTHER, claim.id, { text: 'Me too' }), 'error.not-found');
      await rejectsWith(s.claims.addMessage(M, claim.id, { text: '   ' }), 'error.catalog.invalid-fields');
      const state = await okValue(s.claims.mustView(M, claim.id));
      assert.deepEqual(state.messages.map((m) => [m.seq, m.uid, m.fromAdmin]), [[1, ADMIN.uid, true], [2, M.uid, false]]);
      const mine = h.notifications.filter((n) => n.uids.includes(M.uid)).map((n) => n.notification);
      assert.ok(mine.some((n) => n.bodyShort === `[[bonus:claims.notify.message, ${claim.id}]]` && n.path === `/bonus/claims/${claim.id}` && n.type === 'bonus-order'));
      assert.ok(h.notifications.some((n) => n.uids.includes(ADMIN.uid) && n.notification.bodyShort === `[[bonus:claims.notify.reply, ${claim.id}]]`));
      await rejectsWith(s.claims.mustView(OTHER, claim.id), 'error.not-found');
      assert.equal((await okValue(s.claims.orderClaims(ADMIN, orderId))).length, 1);
    });

    it('closing: admins only, once; a refund credits at most the order’s rest under one key', async () => {
      await deliver();
      const { claim } = await okValue(s.claims.open(M, report(orderId, 'claim-key-1')));
      const before = (await s.ledger.balance(M.uid)).posted;
      await rejectsWith(s.claims.close(M, claim.id, { resolution: 'refund', note: 'x', amount: 100 }), 'error.no-privileges');
      await rejectsWith(s.claims.close(ADMIN, claim.id, { resolution: 'refund', note: 'Sorry', amount: 2701 }), 'error.claims.amount-too-large');
      await rejectsWith(s.claims.close(ADMIN, claim.id, { resolution: 'rejected', note: '' }), 'error.claims.note-required');
      await rejectsWith(s.claims.close(ADMIN, claim.id, { resolution: 'lost' }), 'error.catalog.invalid-fields');
      const closes = await settleAll([
        s.claims.close(ADMIN, claim.id, { resolution: 'refund', note: 'Sorry for the mug', amount: 1000 }),
        s.claims.close(ADMIN, claim.id, { resolution: 'rejected', note: 'No damage visible' }),
        s.claims.close(ADMIN, claim.id, { resolution: 'replacement', note: 'A new one is coming' }),
      ]);
      assert.equal(closes.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(closes.map((r) => r.status)));
      const state = await okValue(s.claims.mustView(M, claim.id));
      assert.equal(state.open, false);
      const won = state.closing!;
      assert.equal((await s.ledger.balance(M.uid)).posted, before + won.amount);
      assert.ok(h.notifications.some((n) => n.uids.includes(M.uid) && n.notification.bodyShort === `[[bonus:claims.notify.closed-${won.resolution}, ${claim.id}]]`));
      await rejectsWith(s.claims.addMessage(M, claim.id, { text: 'Thanks' }), 'error.claims.closed');
      await rejectsWith(s.claims.addMessage(ADMIN, claim.id, { text: 'Anything else?' }), 'error.claims.closed');
      // the same close repeated (a retry after a crash) refunds nothing more
      if (won.resolution === 'refund') await okValue(s.claims.close(ADMIN, claim.id, { resolution: 'refund', note: 'Sorry for the mug', amount: 1000 }));
      assert.equal((await s.ledger.balance(M.uid)).posted, before + won.amount);
      assert.equal(await s.claims.canOpen(M, orderId), true);
      assert.deepEqual((await okValue(s.claims.list(ADMIN, { status: 'closed' }))).map((c) => c.claim.id), [claim.id]);
      assert.deepEqual(await okValue(s.claims.list(ADMIN, { status: 'open' })), []);
    });

    it('closings raced on one order (two admins, refund against refund or rejection): one closing, refunds never above what was paid', async () => {
      await deliver();
      const paid = 2700;
      for (let run = 0; run < 5; run += 1) {
        const before = (await s.ledger.balance(M.uid)).posted;
        const { claim } = await okValue(s.claims.open(M, report(orderId, `claim-race-${run}`)));
        const results = await settleAll([
          s.claims.close(ADMIN, claim.id, { resolution: 'refund', note: 'a', amount: 300 }),
          s.claims.close(ADMIN, claim.id, run % 2 ? { resolution: 'rejected', note: 'b' } : { resolution: 'refund', note: 'b', amount: 400 }),
        ]);
        for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof BonusError, String(r.reason));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, `run ${run}: one closing wins`);
        const closing = (await s.claims.state(claim.id))!.closing!;
        assert.equal((await s.ledger.balance(M.uid)).posted - before, closing.amount, `run ${run}: the recorded refund is the one given`);
        assert.ok(await s.claims.store.refundedByClaims(orderId) <= paid, `run ${run}: refunds within what was paid`);
      }
    });

    it('refunds of several claims never exceed what the order paid', async () => {
      await deliver();
      const first = (await okValue(s.claims.open(M, report(orderId, 'claim-key-1')))).claim;
      await okValue(s.claims.close(ADMIN, first.id, { resolution: 'refund', note: 'The mug', amount: 2000 }));
      const entry = (await s.ledger.history(M.uid, 1)).entries.find((e) => e.key === claimRefundKey(first.id));
      assert.equal(entry?.reason, 'claim-refund');
      const second = (await okValue(s.claims.open(M, report(orderId, 'claim-key-2', { problem: 'wrong-items' })))).claim;
      await rejectsWith(s.claims.close(ADMIN, second.id, { resolution: 'refund', note: 'The T-shirt', amount: 701 }), 'error.claims.amount-too-large');
      await okValue(s.claims.close(ADMIN, second.id, { resolution: 'refund', note: 'The T-shirt', amount: 700 }));
      const third = (await okValue(s.claims.open(M, report(orderId, 'claim-key-3')))).claim;
      await rejectsWith(s.claims.close(ADMIN, third.id, { resolution: 'refund', note: 'More', amount: 1 }), 'error.claims.amount-too-large');
      // open ones are listed first
      const listed = await okValue(s.claims.list(ADMIN, {}));
      assert.deepEqual(listed.map((c) => [c.claim.id, c.open]), [[third.id, true], [second.id, false], [first.id, false]]);
      await rejectsWith(s.claims.list(ADMIN, { status: 'pending' }), 'error.catalog.invalid-fields');
      await rejectsWith(s.claims.list(M, {}), 'error.no-privileges');
    });

    it('a slot an earlier version left for an opening that stopped blocks nothing; an open claim blocks for good', async () => {
      await deliver();
      // before openings were a workflow, an opening took a lease on the order in this set first
      await h.db.sortedSetAdd(CLAIM_KEYS.orderSlots, NOW, String(orderId)); // …and the request died here
      assert.equal(await s.claims.canOpen(M, orderId), true);
      const { claim } = await okValue(s.claims.open(M, report(orderId, 'claim-key-1')));
      assert.equal((await okValue(s.claims.mustView(M, claim.id))).open, true);
      await rejectsWith(s.claims.open(M, report(orderId, 'claim-key-2')), 'error.claims.already-open');
      // a live claim is never taken over, however old
      h.setNow(NOW + 10 * CLAIM_LEASE_MS);
      await rejectsWith(s.claims.open(M, report(orderId, 'claim-key-3')), 'error.claims.already-open');
      assert.equal(await s.claims.canOpen(M, orderId), false);
    });

    it('a close that stopped: before recording, taken over after the lease; after recording, finished by the same close once', async () => {
      await deliver();
      const first = (await okValue(s.claims.open(M, report(orderId, 'claim-key-1')))).claim;
      assert.equal(await s.claims.store.winClose(first.id, NOW), true); // the admin's request died here
      await rejectsWith(s.claims.addMessage(M, first.id, { text: 'Any news?' }), 'error.claims.closed');
      await rejectsWith(s.claims.close(ADMIN, first.id, { resolution: 'rejected', note: 'No damage visible' }), 'error.claims.already-closed');
      h.setNow(NOW + CLAIM_LEASE_MS + 1);
      await okValue(s.claims.close(ADMIN, first.id, { resolution: 'rejected', note: 'No damage visible' }));
      assert.equal((await okValue(s.claims.mustView(M, first.id))).closing?.resolution, 'rejected');
      assert.equal(await s.claims.canOpen(M, orderId), true);

      const second = (await okValue(s.claims.open(M, report(orderId, 'claim-key-2')))).claim;
      const before = (await s.ledger.balance(M.uid)).posted;
      const closing = { resolution: 'refund' as const, note: 'Sorry', amount: 500, actorUid: ADMIN.uid, at: h.clock.now() };
      assert.equal(await s.claims.store.winClose(second.id, closing.at), true);
      await s.claims.store.writeClosing(second, closing); // …and died before the slot and the refund
      // the claim is closed: a new one may be opened (under the order's lease, which finishes this close first)
      assert.equal(await s.claims.canOpen(M, orderId), true);
      await rejectsWith(s.claims.close(ADMIN, second.id, { resolution: 'refund', note: 'Sorry', amount: 400 }), 'error.claims.already-closed');
      for (let i = 0; i < 2; i += 1) await okValue(s.claims.close(ADMIN, second.id, { resolution: 'refund', note: 'Sorry', amount: 500 }));
      assert.equal((await s.ledger.balance(M.uid)).posted, before + 500);
      assert.equal(await s.claims.canOpen(M, orderId), true);
      // a third claim opened since is not released by yet another retry of the second's close
      const third = (await okValue(s.claims.open(M, report(orderId, 'claim-key-3')))).claim;
      await okValue(s.claims.close(ADMIN, second.id, { resolution: 'refund', note: 'Sorry', amount: 500 }));
      assert.equal(await s.claims.canOpen(M, orderId), false);
      assert.equal((await okValue(s.claims.mustView(M, third.id))).open, true);
    });
  });
}
