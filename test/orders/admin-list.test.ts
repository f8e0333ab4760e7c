/**
 * Issue 13, item 6: the ACP orders list reads only the page's orders, with or without filters (status,
 * member, product, month): each filter is an index of order ids; the upgrade writes the indexes of
 * orders paid before them. On memory and real Redis.
 */
import { okValue, refuses } from '../host/results';
import assert from 'node:assert/strict';
import type { Services } from '../../lib/services';
import { backends } from '../catalog/backends';
import { ADMIN, createServices, ordersHost, readyMember, sampleCodes, seedShop, type OrdersHost, type Shop } from './harness';

for (const backend of backends()) {
  describe(`ACP orders list through indexes on ${backend.name}`, function () {
    this.timeout(120_000);
    let h: OrdersHost;
    let s: Services;
    let shop: Shop;
    const ids: Record<string, number[]> = { mugs: [], shirts: [] };

    before(async () => {
      h = ordersHost(await backend.open());
      s = createServices(h);
      shop = await seedShop(s, 100, 0);
      await okValue(s.catalogAdmin.adjustStock(ADMIN, shop.tshirt, { variantId: 's', delta: 20, reason: 'more' }));
      await readyMember(s, 2, 200_000);
      await readyMember(s, 3, 200_000);
      for (let i = 0; i < 40; i += 1) {
        await okValue(s.cart.add({ uid: 2 }, { productId: shop.mug, quantity: 2 })); // the souvenir minimum is 2000
        ids.mugs.push((await okValue(s.checkout.pay({ uid: 2 }, { idempotencyKey: `list-mug-${i}` }))).order.id);
        h.setNow(h.clock.now() + 60_000);
      }
      for (let i = 0; i < 4; i += 1) {
        await okValue(s.cart.add({ uid: 3 }, { productId: shop.tshirt, variantId: 's', quantity: 3 }));
        ids.shirts.push((await okValue(s.checkout.pay({ uid: 3 }, { idempotencyKey: `list-shirt-${i}` }))).order.id);
        h.setNow(h.clock.now() + 60_000);
      }
      await okValue(s.orders.setStatus(ADMIN, ids.shirts[0], { status: 'processing' }));
      await okValue(s.orders.setStatus(ADMIN, ids.shirts[0], { status: 'shipped' }));
      await okValue(s.orders.setStatus(ADMIN, ids.mugs[5], { status: 'cancelled' }));
    });
    after(() => backend.close());

    /** What `work` returns, and how many orders it read. */
    async function counting<T>(work: () => Promise<T>): Promise<{ result: T; read: number }> {
      const real = s.orders.state.bind(s.orders);
      let read = 0;
      s.orders.state = async (id: number) => {
        read += 1;
        return real(id);
      };
      try {
        return { result: await work(), read };
      } finally {
        s.orders.state = real;
      }
    }

    /** The list's page and how many orders it read. */
    async function list(filter: { status?: string; member?: string; product?: string; month?: string }, page = { start: 0, count: 10 }) {
      const { result: r, read } = await counting(() => okValue(s.ordersAdmin.listPage(ADMIN, { status: '', month: '', ...filter }, page)));
      return { ids: r.rows.map((x) => x.state.order.id), total: r.total, read };
    }

    it('every filter reads only the page: status, member, product, and them together', async () => {
      const all = await list({});
      assert.deepEqual([all.total, all.ids.length, all.read], [44, 10, 10]);
      assert.deepEqual(await list({ status: 'shipped' }), { ids: [ids.shirts[0]], total: 1, read: 1 });
      assert.deepEqual(await list({ status: 'cancelled' }), { ids: [ids.mugs[5]], total: 1, read: 1 });
      const paidMugs = await list({ status: 'paid', product: 'mug' });
      assert.deepEqual([paidMugs.total, paidMugs.ids.length, paidMugs.read], [39, 10, 10]);
      assert.deepEqual(await list({ member: 'm3' }), { ids: [...ids.shirts].reverse(), total: 4, read: 4 });
      assert.deepEqual(await list({ member: 'm3', product: 'Футболка', status: 'paid' }), { ids: [...ids.shirts.slice(1)].reverse(), total: 3, read: 3 });
      assert.deepEqual(await list({ member: 'nobody' }), { ids: [], total: 0, read: 0 });
      const page4 = await list({ product: 'кружка' }, { start: 30, count: 10 });
      assert.deepEqual([page4.total, page4.ids, page4.read], [40, [...ids.mugs].reverse().slice(30, 40), 10]);
      assert.deepEqual((await list({ month: '2026-10' })).total, 0);
      assert.equal((await list({ month: '2026-11', status: 'shipped' })).total, 1);
    });

    it('a member\'s orders page reads only its 20 orders, newest first', async () => {
      const first = await counting(() => okValue(s.orders.memberOrdersPage({ uid: 2 }, 0, 20)));
      assert.deepEqual([first.result.hasMore, first.result.orders.map((o) => o.order.id), first.read], [true, [...ids.mugs].reverse().slice(0, 20), 20]);
      const last = await counting(() => okValue(s.orders.memberOrdersPage({ uid: 2 }, 20, 20)));
      assert.deepEqual([last.result.hasMore, last.result.orders.map((o) => o.order.id), last.read], [false, [...ids.mugs].reverse().slice(20, 40), 20]);
    });

    it('the purchases page reads a page of the member\'s licence orders only; the upgrade indexes those paid before', async () => {
      await readyMember(s, 4, 200_000);
      await okValue(s.codes.importCodes(ADMIN, shop.license, { text: sampleCodes('KISLI', 3).join('\n') }));
      const licences: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        await okValue(s.cart.add({ uid: 4 }, { productId: shop.license, quantity: 1, region: 'RU' }));
        licences.push((await okValue(s.checkout.pay({ uid: 4 }, { idempotencyKey: `list-licence-${i}` }))).order.id);
        await okValue(s.cart.add({ uid: 4 }, { productId: shop.mug, quantity: 2 }));
        await okValue(s.checkout.pay({ uid: 4 }, { idempotencyKey: `list-licmug-${i}` }));
        h.setNow(h.clock.now() + 366 * 86_400_000); // the licence's limit: one in 11 months
      }
      const pages = async () => {
        const first = await counting(() => okValue(s.orders.memberLicenceOrdersPage({ uid: 4 }, 0, 2)));
        const second = await counting(() => okValue(s.orders.memberLicenceOrdersPage({ uid: 4 }, 2, 2)));
        return [first.result.orders.map((o) => o.order.id), first.result.hasMore, first.read, second.result.orders.map((o) => o.order.id), second.result.hasMore, second.read];
      };
      const expected = [[licences[2], licences[1]], true, 2, [licences[0]], false, 1];
      assert.deepEqual(await pages(), expected);
      // orders paid before the index: the upgrade (reindexFilters over every paid order) writes it
      await h.db.delete('bonus:orders:uid:4:licences');
      assert.deepEqual((await okValue(s.orders.memberLicenceOrdersPage({ uid: 4 }, 0, 2))).orders, []);
      for (const id of [...licences, ...ids.mugs]) await s.orders.reindexFilters(id);
      assert.deepEqual(await pages(), expected);
      await refuses(s.orders.memberLicenceOrdersPage({ uid: 0 }, 0, 2), /not-logged-in|no-privileges|forbidden/);
    });

    it('the upgrade writes the indexes of orders paid before them', async () => {
      for (const st of ['paid', 'processing', 'shipped', 'delivered', 'partly-refunded', 'cancelled']) await h.db.delete(`bonus:orders:status:${st}`);
      for (const p of Object.values(shop)) await h.db.delete(`bonus:orders:product:${p}`);
      assert.equal((await list({ status: 'shipped' })).total, 0);
      for (const id of [...ids.mugs, ...ids.shirts]) await s.orders.reindexFilters(id);
      assert.deepEqual(await list({ status: 'shipped' }), { ids: [ids.shirts[0]], total: 1, read: 1 });
      assert.equal((await list({ product: 'T-shirt' })).total, 4);
    });
  });
}
