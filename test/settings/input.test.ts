import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createFakeHost, type FakeHost } from '../host';
import { seedShop, type Shop } from '../orders/harness';

/** Strict ids and quantities, refusals that name what is wrong, bad page queries (issue 11, item 7). */
describe('input: canonical integers everywhere, clear refusals, default views for bad queries', function () {
  this.timeout(60_000);
  let fake: FakeHost;
  let shop: Shop;
  let admin: number;
  let anna: number;
  let orderId: number;

  before(async () => {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    anna = fake.forum.createUser({ username: 'anna', email: 'anna@example.org' });
    const s = fake.plugin.services;
    await okValue(s.settings.update({ minSouvenirOrder: '0' }));
    shop = await seedShop(s);
    await s.ledger.credit({ uid: anna, amount: 10_000, key: `test:grant:${anna}`, reason: 'other' });
    const a = fake.agent(anna);
    await a.post('/api/v3/plugins/bonus/store/cart', { productId: shop.mug, quantity: 1 }).expect(200);
    await a.put('/api/v3/plugins/bonus/checkout/contact', { name: 'Anna', email: 'anna@example.org', phone: '+7 900 000-00-00' }).expect(200);
    await a.put('/api/v3/plugins/bonus/checkout/delivery', { method: 'delivery', country: 'RU', region: '', city: 'Moscow', address: 'Tverskaya 1', postcode: '125009' }).expect(200);
    const paid = await a.post('/api/v3/plugins/bonus/checkout/pay', { idempotencyKey: 'anna-input-1' }).expect(200);
    orderId = paid.body.response.orderId;
    assert.ok(Number.isSafeInteger(orderId) && orderId > 0, JSON.stringify(paid.body.response));
  });

  it('a cart quantity of null, "", false, [], 0, "2.0" or "0x2" is refused and the line stays; removal is its own action', async () => {
    const a = fake.agent(anna);
    await a.post('/api/v3/plugins/bonus/store/cart', { productId: shop.mug, quantity: 2 }).expect(200);
    for (const quantity of [null, '', false, [], 0, '0', '2.0', '0x2', ' 2', 1.5]) {
      const res = await a.put('/api/v3/plugins/bonus/cart/line', { productId: shop.mug, quantity });
      assert.equal(res.status, 400, `quantity ${JSON.stringify(quantity)} answered ${res.status}`);
      assert.match(res.body.status.message, /quantity/);
      const lines = (await a.get('/api/bonus/cart').expect(200)).body.lines;
      assert.deepEqual(lines.map((l: { productId: number; quantity: number }) => [l.productId, l.quantity]), [[shop.mug, 2]], `after quantity ${JSON.stringify(quantity)}`);
    }
    await a.put('/api/v3/plugins/bonus/cart/line', { productId: shop.mug, quantity: '3' }).expect(200);
    await a.delete('/api/v3/plugins/bonus/cart/line', { productId: shop.mug }).expect(200);
    assert.equal((await a.get('/api/bonus/cart').expect(200)).body.lines.length, 0);
  });

  it('a product id "0x10", "1e1", "01" or " 5" is refused, not read as a number', async () => {
    const a = fake.agent(anna);
    for (const productId of [`0x${shop.mug.toString(16)}`, `${shop.mug}e0`, `0${shop.mug}`, ` ${shop.mug}`, true]) {
      const res = await a.post('/api/v3/plugins/bonus/store/cart', { productId, quantity: 1 });
      assert.equal(res.status, 400, `productId ${JSON.stringify(productId)} answered ${res.status}`);
      assert.match(res.body.status.message, /productId/);
    }
    assert.equal((await a.get('/api/bonus/cart').expect(200)).body.lines.length, 0);
  });

  it('ids 0x1, 1e0, 01 in an address do not resolve to the record with id 1', async () => {
    const a = fake.agent(anna);
    await a.get(`/api/bonus/orders/${orderId}`).expect(200);
    for (const id of [`0x${orderId.toString(16)}`, `${orderId}e0`, `0${orderId}`, `${orderId}.0`]) {
      assert.equal((await a.get(`/api/v3/plugins/bonus/orders/${id}`)).status, 404, `order ${id}`);
      assert.equal((await a.get(`/api/bonus/orders/${id}`)).status, 404, `order page ${id}`);
      assert.equal((await a.get(`/bonus/store/product/${id.replace(String(orderId), String(shop.mug))}`)).status, 404, `product ${id}`);
    }
  });

  it('transfer and loan amounts and a warning\'s post id are canonical too: "0x10", "010", " 16", "1e1" are refused and nothing moves', async () => {
    const olga = fake.forum.createUser({ username: 'olga', groups: ['Activists'] });
    await fake.plugin.services.ledger.credit({ uid: olga, amount: 5_000, key: `test:grant:${olga}`, reason: 'other' });
    await fake.settle();
    const before = (await fake.plugin.services.ledger.balance(olga)).spendable;
    const o = fake.agent(olga);
    for (const [i, amount] of ['0x10', '010', ' 16', '1e1', 16.5, true].entries()) {
      const res = await o.post('/api/v3/plugins/bonus/transfers', { to: 'anna', amount, key: `olga-try-${i}-x` });
      assert.equal(res.status, 400, `transfer amount ${JSON.stringify(amount)} answered ${res.status}`);
      const loan = await o.post('/api/v3/plugins/bonus/loans', { amount, months: 2 });
      assert.equal(loan.status, 400, `loan amount ${JSON.stringify(amount)} answered ${loan.status}`);
    }
    assert.equal((await fake.plugin.services.ledger.balance(olga)).spendable, before);
    await o.post('/api/v3/plugins/bonus/transfers', { to: 'anna', amount: '16', key: 'olga-try-ok' }).expect(200);
    const topic = fake.forum.createTopic(anna, fake.forum.createCategory('Talk'), 'Hello', 'First post');
    for (const pid of [`0x${topic.pid.toString(16)}`, `0${topic.pid}`, `${topic.pid}e0`]) {
      const res = await fake.agent(admin).post('/api/v3/plugins/bonus/warnings', { pid, reason: 'Spam', key: 'warn-key-123' });
      assert.equal(res.status, 400, `warning pid ${pid} answered ${res.status}`);
    }
  });

  it('a refusal for unknown fields names them; a body that is not an object says so', async () => {
    const a = fake.agent(anna);
    const unknown = await a.put('/api/v3/plugins/bonus/cart/line', { productId: shop.mug, quantity: 1, colour: 'red', size: 'L' }).expect(400);
    assert.equal(unknown.body.status.message, 'These fields are not known: colour, size');
    const list = await a.put('/api/v3/plugins/bonus/checkout/contact', [1, 2]).expect(400);
    assert.equal(list.body.status.message, 'The request must be a JSON object of named fields.');
    fake.forum.users.get(anna)!.language = 'ru';
    const ru = await a.post('/api/v3/plugins/bonus/store/cart', { productId: shop.mug, extra: 1 }).expect(400);
    assert.equal(ru.body.status.message, 'Неизвестные поля: extra');
    fake.forum.users.get(anna)!.language = 'en-GB';
  });

  it('bulk status results come back translated, not as [[bonus:error…]] tokens', async () => {
    const res = await fake.agent(admin).post('/api/v3/plugins/bonus/admin/orders/status', { ids: [orderId, 999_999], status: 'delivered' }).expect(200);
    const failed = res.body.response.results.filter((r: { ok: boolean }) => !r.ok);
    assert.ok(failed.length >= 1);
    for (const r of failed) {
      assert.doesNotMatch(r.error, /\[\[/);
      assert.ok(r.error.length > 3, r.error);
    }
  });

  it('a bad page query (?page=abc, ?month=2026-13, ?status=zzz) shows the default view', async () => {
    for (const url of [
      '/bonus/points?page=abc', '/bonus/points?page=-1', '/bonus/points?page=1e3', '/user/anna/bonus?page=abc',
      '/admin/plugins/bonus/orders?month=2026-13', '/admin/plugins/bonus/orders?month=abc&page=x', '/admin/plugins/bonus/orders?status=zzz',
      '/admin/plugins/bonus/claims?status=zzz&page=0x2', '/admin/plugins/bonus/transfers?page=abc', '/bonus/warnings/all?pid=0x1&uid=1e0',
    ]) {
      const res = await fake.agent(admin).get(url);
      assert.equal(res.status, 200, `${url} answered ${res.status}`);
    }
    const orders = await fake.agent(admin).get('/api/admin/plugins/bonus/orders?month=2026-13&status=zzz').expect(200);
    assert.deepEqual([orders.body.filter.month, orders.body.filter.status], ['', '']);
    assert.equal(orders.body.rows.length, 1, 'the default view: this month, all statuses');
  });

  it('no loose number parsing is left in the routes and services (z.coerce, Number(ctx.params/query/body))', () => {
    const root = path.resolve(__dirname, '../../../lib');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const src = fs.readFileSync(p, 'utf8');
          for (const m of src.matchAll(/z\.coerce\.|Number\(ctx\.(params|query|body)|Number\(input\./g)) offenders.push(`${path.relative(root, p)}: ${m[0]}`);
        }
      }
    };
    walk(root);
    assert.deepEqual(offenders, [], 'use canonicalInt / idSchema / parseId from lib/kernel/input.ts');
  });
});
