/**
 * Issue 21, the dashboard's blocks beyond the ledger's figures, on the sandbox's data: the sellers'
 * day figures follow registrations, refusals and review decisions, once each however often a step is
 * repeated; the orders still waiting carry their value and their oldest; the stock's value is units
 * × price over what has a count.
 */
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host/index';
import { countingDatabase, type CountingDatabase } from '../host/counting-db';
import { seedDemo } from '../host/sandbox';
import { ORDER_STATUSES } from '../../lib/modules/orders/domain';
import { deliversCodes, effectiveStockMode } from '../../lib/modules/catalog/domain';

describe('economy: the dashboard\'s orders, stock and sellers blocks', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;

  before(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  it('the sellers\' figures of the day: a registration, a duplicate, a malformed code and a rejection, each counted once', async () => {
    const s = fake.plugin.services;
    const today = (await s.economy.periodDays(1, fake.clock.now())).current;
    const review = (await s.sellers.products()).find((p) => p.mode === 'review')!.id;
    const marat = { uid: uid('marat') };
    const before = await s.sellers.dashboardSummary(today);
    const code = 'KIS3Q-11111-22222-33333';
    const lines = await s.sellers.register(marat, code, review);
    assert.ok(lines.ok && lines.value[0].result.ok, JSON.stringify(lines));
    const sale = lines.value[0].result.ok ? lines.value[0].result.sale : null;
    const again = await s.sellers.register(marat, code, review); // the same code again
    assert.ok(again.ok && !again.value[0].result.ok && again.value[0].result.code === 'already-registered');
    const malformed = await s.sellers.register(marat, 'KIS3Q-1', review);
    assert.ok(malformed.ok && !malformed.value[0].result.ok && malformed.value[0].result.code === 'malformed');
    assert.equal((await s.sellers.sales.decide(sale!.id, 'reject', 'No box on the photo.')).ok, true);
    assert.equal((await s.sellers.sales.decide(sale!.id, 'reject', 'Again.')).ok, false, 'one decision');
    const after = await s.sellers.dashboardSummary(today);
    const delta = (f: string) => (after.days[0][f] ?? 0) - (before.days[0][f] ?? 0);
    assert.deepEqual(
      { registered: delta('registered'), review: delta('review'), instant: delta('instant'), refused: delta('refused'), duplicate: delta('refused:already-registered'), malformed: delta('refused:malformed'), rejected: delta('rejected'), approved: delta('approved') },
      { registered: 1, review: 1, instant: 0, refused: 2, duplicate: 1, malformed: 1, rejected: 1, approved: 0 },
    );
    assert.equal(after.review, before.review, 'the rejected sale left the review queue');
    assert.equal(after.active, before.active);
  });

  it('the orders still waiting: each status\'s value is the sum of its orders\' totals, and the oldest is the first paid', async () => {
    const s = fake.plugin.services;
    const rows = await s.orders.dashboardOrders();
    assert.deepEqual(rows.map((r) => r.status), [...ORDER_STATUSES]);
    let someWaiting = false;
    for (const r of rows) {
      const ids = await s.orders.store.idsByStatus(r.status, '-inf', '+inf');
      assert.equal(r.count, ids.length, r.status);
      if (!r.waiting) {
        assert.equal(r.value, null, `${r.status}: no value read for finished orders`);
        continue;
      }
      const orders = await s.orders.store.getOrders(ids);
      assert.equal(r.value, orders.reduce((n, o) => n + o.total, 0), `${r.status}: the value`);
      if (ids.length > 0) {
        someWaiting = true;
        assert.ok(r.oldestAt !== null && r.oldestAt <= fake.clock.now(), `${r.status}: the oldest's time`);
      } else assert.equal(r.oldestAt, null);
    }
    assert.ok(someWaiting, 'the sandbox has an order waiting');
  });

  it('the stock\'s value: units × price over products with counted stock or a code pool; the rest counted as without a count', async () => {
    const s = fake.plugin.services;
    const listed = await s.catalogAdmin.list({ uid: uid('admin') });
    assert.ok(listed.ok);
    let value = 0, units = 0, unvalued = 0;
    for (const { product, stock } of listed.value) {
      if (product.programme !== 'club' || product.visibility === 'draft' || product.priceInPoints <= 0) continue;
      if (deliversCodes(product)) {
        const n = (await s.codes.availableCounts([product.id]))[0];
        value += n * product.priceInPoints; units += n;
      } else if (effectiveStockMode(product) === 'counted') {
        value += Math.max(0, stock.total) * product.priceInPoints; units += Math.max(0, stock.total);
      } else unvalued += 1;
    }
    const club = (await s.catalogAdmin.stockValue()).find((x) => x.programme === 'club')!;
    assert.ok(club.value > 0);
    assert.deepEqual(club, { programme: 'club', value, units, unvalued });
  });
});

describe('economy: the dashboard reads the same whatever the ledger\'s size (issue 21, item 2)', function () {
  this.timeout(120_000);

  async function callsWith(entries: number): Promise<{ calls: number; keys: string[] }> {
    let counting: CountingDatabase | undefined;
    const fake = await createFakeHost({ wrapDb: (db) => (counting = countingDatabase(db)) });
    const admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    const members = Array.from({ length: 20 }, (_, i) => fake.forum.createUser({ username: `m${i}`, groups: ['Participants'] }));
    const start = fake.clock.now();
    for (let i = 0; i < entries; i += 1) {
      fake.clock.set(start - (i % 100) * 24 * 60 * 60 * 1000);
      await fake.plugin.services.ledger.credit({ uid: members[i % members.length], amount: 1 + (i % 5), key: `size:${i}`, reason: i % 2 ? 'reply' : 'birthday' });
    }
    fake.clock.set(start);
    const agent = fake.agent(admin);
    await agent.get('/api/admin/plugins/bonus?period=90').expect(200);
    counting!.counter.reset();
    const body = (await agent.get('/api/admin/plugins/bonus?period=90').expect(200)).body;
    assert.ok(body.programmes[0].issued.current > 0, 'the figures are there');
    return { calls: counting!.counter.commands, keys: counting!.counter.calls.map((c) => c.key) };
  }

  it('10 and 3 000 ledger entries: the same database calls, none of them on the journal or an entry', async () => {
    const few = await callsWith(10);
    const many = await callsWith(3000);
    assert.equal(many.calls, few.calls);
    assert.ok(few.calls <= 40, `${few.calls} calls`);
    assert.deepEqual(many.keys.filter((k) => /ledger:(journal|entry):/.test(k)), [], 'no journal or entry read');
  });
});
