import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import path from 'node:path';
import { redisUrl } from '../contract/redis-env';
import { loadRedisDatabase } from '../ledger/backends';
import { ADMIN, createServices, ordersHost, readyMember, stockOf } from './harness';

const url = redisUrl('checkout on Redis from several processes');

if (url) describe('checkout on Redis shared by several processes', function () {
  this.timeout(120_000);

  it('101 carts paid from 4 processes for the last 11 units: exactly 11 paid; one key paid from 4 processes: at most one order', async () => {
    const db = await loadRedisDatabase().connect(url as string);
    await db.client.flushdb();
    const s = createServices(ordersHost(db));
    const last = (await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: { 'en-GB': 'Rare', ru: 'Редкость' }, priceInPoints: 2000, visibility: 'on-sale' }))).id;
    await okValue(s.catalogAdmin.adjustStock(ADMIN, last, { delta: 11, reason: 'last units' }));
    const uids = Array.from({ length: 100 }, (_, i) => 1000 + i);
    const shared = 5000;
    for (const uid of [...uids, shared]) {
      await readyMember(s, uid, 3000);
      await okValue(s.cart.add({ uid }, { productId: last, quantity: 1 }));
    }

    const workers = [0, 1, 2, 3].map((w) => fork(path.join(__dirname, 'checkout-worker.js'), [String(1000 + w * 25), '25', String(shared)], { stdio: 'inherit' }));
    // Each worker says when it is connected and waiting (a handshake, not a sleep).
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`worker said ${JSON.stringify(m)} before ready`))));
      w.once('exit', (code) => reject(new Error(`worker exited ${code} before ready`)));
    })));
    const reports = workers.map((w) => new Promise<{ ok: number; refused: number; sharedOrder: number | null }>((resolve, reject) => {
      w.once('message', (m) => resolve(m as { ok: number; refused: number; sharedOrder: number | null }));
      w.once('exit', (code) => { if (code) reject(new Error(`worker exited ${code}`)); });
    }));
    workers.forEach((w) => w.send('go'));
    const results = await Promise.all(reports);

    // The shared cart is paid by whichever worker wins its key; the others get the same order, or the
    // same refusal if the units ran out first.
    const sharedOrders = await okValue(s.orders.memberOrders({ uid: shared }));
    assert.ok(sharedOrders.length <= 1);
    const sharedIds = new Set(results.map((r) => r.sharedOrder).filter((id) => id !== null));
    assert.deepEqual([...sharedIds], sharedOrders.map((o) => o.order.id));
    assert.equal(results.reduce((n, r) => n + r.ok, 0) + sharedOrders.length, 11);
    assert.equal(results.reduce((n, r) => n + r.ok + r.refused, 0), 100);
    assert.equal(await stockOf(s, last), 0);
    const balances = await s.ledger.balances([...uids, shared]);
    assert.equal([...balances.values()].filter((b) => b.posted === 1000 && b.held === 0).length, 11);
    assert.equal([...balances.values()].filter((b) => b.posted === 3000 && b.held === 0).length, 90);
    await db.client.quit();
  });
});
