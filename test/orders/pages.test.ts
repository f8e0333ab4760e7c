import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host';
import { seedShop, type Shop } from './harness';
import { withoutScripts } from '../host/translator';

/** No translation token may survive rendering: every key exists in the member's language. */
function assertTranslated(html: string) {
  assert.doesNotMatch(withoutScripts(html), /\[\[bonus:/, 'an untranslated token');
}

describe('cart, checkout and orders pages through the fake forum', function () {
  this.timeout(60_000);
  let fake: FakeHost;
  let shop: Shop;
  let admin: number;
  let anna: number;
  let boris: number;

  before(async () => {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    anna = fake.forum.createUser({ username: 'anna', groups: ['Activists'], email: 'anna@example.org', language: 'ru' });
    boris = fake.forum.createUser({ username: 'boris', email: 'boris@example.org' });
    const s = fake.plugin.services;
    await okValue(s.settings.update({ promoCodeActivists: 'ACT15', pickupPlace: 'Club office' }));
    shop = await seedShop(s);
    void admin;
    for (const uid of [anna, boris]) await s.ledger.credit({ uid, amount: 10_000, key: `test:grant:${uid}`, reason: 'other' });
  });

  it('cart: "Proceed" waits for enough points and says why (issue 15, item 12)', async () => {
    // boris is in no discount group: 11000 is more than his 10000
    const b = fake.agent(boris);
    await b.post('/api/v3/plugins/bonus/store/cart', { productId: shop.mug, quantity: 11 }).expect(200);
    const json = (await b.get('/api/bonus/cart?lang=en-GB').expect(200)).body;
    assert.equal(json.canPay, false);
    assert.deepEqual(json.messages.map((m: { text: string }) => m.text), ['The order costs 11000 points, but you can spend 10000 points.']);
    const ru = (await b.get('/bonus/cart?lang=ru').expect(200)).text;
    assert.match(ru, /Заказ стоит 11[\u00a0 ]000 баллов/);
    assert.match(ru, /data-action="checkout" aria-disabled="true"/);
    await b.put('/api/v3/plugins/bonus/cart/line', { productId: shop.mug, quantity: 10 }).expect(200);
    assert.equal((await b.get('/api/bonus/cart').expect(200)).body.canPay, true);
    await b.delete('/api/v3/plugins/bonus/cart/line', { productId: shop.mug }).expect(200);
    // anna (Activists, promo −15%) may proceed with 11000 for her 10000 and more: the code comes at the last step
    const a = fake.agent(anna);
    const spendable = (await fake.plugin.services.ledger.balance(anna)).spendable;
    const n = Math.floor(spendable / 1000) + 1; // just above her balance, within the discount
    await a.post('/api/v3/plugins/bonus/store/cart', { productId: shop.mug, quantity: n }).expect(200);
    assert.ok(n * 1000 > spendable && n * 1000 * 0.85 <= spendable, `${n} mugs for ${spendable} points`);
    assert.equal((await a.get('/api/bonus/cart').expect(200)).body.canPay, true);
    await a.delete('/api/v3/plugins/bonus/cart/line', { productId: shop.mug }).expect(200);
  });

  it('cart: lines, quantities, region, remove, live messages; JSON twin; both languages', async () => {
    const a = fake.agent(anna);
    assert.equal((await a.get('/bonus/cart')).status, 200);
    await a.post('/api/v3/plugins/bonus/store/cart', { productId: shop.mug, quantity: 1 }).expect(200);
    await a.post('/api/v3/plugins/bonus/store/cart', { productId: shop.license, quantity: 1, region: 'RU' }).expect(200);
    let json = (await a.get('/api/bonus/cart').expect(200)).body;
    assert.equal(json.lines.length, 2);
    assert.equal(json.canPay, false);
    assert.match(json.messages[0].text, /2[\u00a0 ]000 баллов/);
    const ru = await a.get('/bonus/cart').expect(200);
    assertTranslated(ru.text);
    assert.match(ru.text, /Корзина/);
    assert.match(ru.text, /Минимальный заказ сувениров/);
    const en = await a.get('/bonus/cart?lang=en-GB').expect(200);
    assertTranslated(en.text);
    assert.match(en.text, /Souvenir orders start at 2,?000 points/);

    await a.put('/api/v3/plugins/bonus/cart/line', { productId: shop.mug, quantity: 3 }).expect(200);
    await a.put('/api/v3/plugins/bonus/cart/line', { productId: shop.license, region: 'RU', quantity: 1, newRegion: 'KZ' }).expect(200);
    json = (await a.get('/api/bonus/cart').expect(200)).body;
    assert.deepEqual(json.lines.map((l: { quantity: number; region: string }) => [l.quantity, l.region]), [[3, ''], [1, 'KZ']]);
    assert.equal(json.canPay, true);
    assert.equal(json.subtotal, 4800);
    const bad = await a.put('/api/v3/plugins/bonus/cart/line', { productId: shop.mug, quantity: 500 });
    assert.equal(bad.status, 400);
    assert.match(bad.body.status.message, /quantity/);
    await a.delete('/api/v3/plugins/bonus/cart/line', { productId: shop.license, region: 'KZ' }).expect(200);
    assert.equal((await a.get('/api/bonus/cart').expect(200)).body.lines.length, 1);
    await a.post('/api/v3/plugins/bonus/store/cart', { productId: shop.license, quantity: 1, region: 'RU' }).expect(200);
  });

  it('checkout in three steps, a promo code, pay once with the page’s key, then the order and purchases', async () => {
    const a = fake.agent(anna);
    // step 2 and 3 send back to step 1 until the contact is saved
    assert.equal((await a.get('/bonus/checkout?step=3')).headers.location, '/bonus/checkout?step=1');
    const step1 = await a.get('/bonus/checkout').expect(200);
    assertTranslated(step1.text);
    assert.match(step1.text, /value="anna@example.org"/);
    const invalid = await a.put('/api/v3/plugins/bonus/checkout/contact', { name: '', email: 'nope', phone: 'x' });
    assert.equal(invalid.status, 400);
    await a.put('/api/v3/plugins/bonus/checkout/contact', { name: 'Анна Петрова', email: 'anna@example.org', phone: '+7 900 000-00-00' }).expect(200);
    assert.equal((await a.get('/bonus/checkout?step=3')).headers.location, '/bonus/checkout?step=2');
    const step2 = await a.get('/bonus/checkout?step=2').expect(200);
    assertTranslated(step2.text);
    assert.match(step2.text, /Туркменистан|Turkmenistan/);
    await a.put('/api/v3/plugins/bonus/checkout/delivery', { method: 'delivery', country: 'RU', region: 'Москва', city: 'Москва', address: 'Тверская, 1', postcode: '125009' }).expect(200);

    const step3 = await a.get('/bonus/checkout?step=3&promo=act15').expect(200);
    assertTranslated(step3.text);
    assert.match(step3.text, /Скидка 15%/);
    assert.match(step3.text, /href="\/bonus\/checkout\?step(=|&#x3D;)1&(amp;)?promo(=|&#x3D;)act15"/, 'the way back keeps the promo code');
    const data = (await a.get('/api/bonus/checkout?step=3&promo=act15').expect(200)).body;
    assert.equal(data.cart.total, 4080); // (3000 + 1800) − 15%
    // going back a step keeps the promo code (issue 15, item 12)
    assert.deepEqual(data.steps.map((st: { url: string }) => st.url), ['/bonus/checkout?step=1&promo=act15', '/bonus/checkout?step=2&promo=act15', '/bonus/checkout?step=3&promo=act15']);
    const before = (await fake.plugin.services.ledger.balance(anna)).spendable; // 10 000 and the Activists' gift
    assert.equal(data.balance.spendable, before);
    const payKey = data.payKey as string;
    const [r1, r2] = await Promise.all([
      a.post('/api/v3/plugins/bonus/checkout/pay', { idempotencyKey: payKey, promoCode: 'act15' }),
      a.post('/api/v3/plugins/bonus/checkout/pay', { idempotencyKey: payKey, promoCode: 'act15' }),
    ]);
    assert.equal(r1.status, 200);
    assert.equal(r2.status, 200);
    assert.equal(r1.body.response.orderId, r2.body.response.orderId);
    const id = r1.body.response.orderId as number;
    assert.equal((await fake.plugin.services.ledger.balance(anna)).posted, before - 4080);

    const orders = await a.get('/bonus/orders').expect(200);
    assertTranslated(orders.text);
    assert.match(orders.text, new RegExp(`Заказ №${id}`));
    assert.match(orders.text, /Оплачен/);
    const order = await a.get(`/bonus/orders/${id}`).expect(200);
    assertTranslated(order.text);
    assert.match(order.text, /Тверская, 1/);
    const purchases = await a.get('/bonus/purchases').expect(200);
    assertTranslated(purchases.text);
    const code = (await a.get('/api/bonus/purchases').expect(200)).body.purchases[0].codes[0].code as string;
    assert.match(purchases.text, new RegExp(code));
    assert.match((await a.get(`/api/v3/plugins/bonus/orders/${id}`).expect(200)).body.response.lines[1].codes[0].code, /KISAA/);

    // another member sees neither the order nor the code
    const b = fake.agent(boris);
    assert.equal((await b.get(`/bonus/orders/${id}`)).status, 404);
    assert.equal((await b.get(`/api/v3/plugins/bonus/orders/${id}`)).status, 404);
    assert.doesNotMatch((await b.get('/bonus/purchases').expect(200)).text, new RegExp(code));
    assert.equal((await b.put(`/api/v3/plugins/bonus/orders/${id}/status`, { status: 'processing' })).status, 403);

    // the admin moves it on; the member sees the status and is notified
    const ad = fake.agent(admin);
    await ad.put(`/api/v3/plugins/bonus/orders/${id}/status`, { status: 'processing' }).expect(200);
    await ad.put(`/api/v3/plugins/bonus/orders/${id}/status`, { status: 'shipped', note: 'RA123456789RU' }).expect(200);
    const adminView = await ad.get(`/bonus/orders/${id}?lang=en-GB`).expect(200);
    assertTranslated(adminView.text);
    assert.match(adminView.text, /data-bonus="order-admin"/);
    assert.match(adminView.text, /<option value="delivered">Delivered/);
    assert.doesNotMatch((await a.get(`/bonus/orders/${id}`).expect(200)).text, /data-bonus="order-admin"/);
    const shipped = await a.get(`/bonus/orders/${id}?lang=en-GB`).expect(200);
    assert.match(shipped.text, /Shipped/);
    assert.match(shipped.text, /RA123456789RU/);
    assert.ok(fake.notifications.some((n) => n.uids.includes(anna) && n.notification.bodyShort.includes('orders.notify.shipped')));
  });

  it('the recovery and codes job is registered and runs', async () => {
    const job = fake.jobs.find((j) => j.name === 'bonus:orders:recover');
    assert.ok(job);
    assert.equal(job.cronTime, '*/5 * * * *');
    await job.onTick();
  });

  it('guests are sent to log in; a refused payment says why in the member’s language', async () => {
    assert.equal((await fake.agent(0).get('/bonus/cart')).status, 302);
    const b = fake.agent(boris);
    await b.post('/api/v3/plugins/bonus/store/cart', { productId: shop.powerbank, quantity: 1 }).expect(200);
    await b.put('/api/v3/plugins/bonus/checkout/contact', { name: 'Boris', email: 'boris@example.org', phone: '+7 900 000-00-01' }).expect(200);
    await b.put('/api/v3/plugins/bonus/checkout/delivery', { method: 'delivery', country: 'KZ', city: 'Almaty', address: 'Abay 1', postcode: '050000' }).expect(200);
    const page = await b.get('/bonus/checkout?step=3').expect(200);
    assert.match(page.text, /ships within Russia only, not to Kazakhstan/);
    const paid = await b.post('/api/v3/plugins/bonus/checkout/pay', { idempotencyKey: 'boris-try-1' });
    assert.equal(paid.status, 400);
    assert.match(paid.body.status.message, /Power bank: ships within Russia only, not to Kazakhstan/);
    await b.put('/api/v3/plugins/bonus/checkout/delivery', { method: 'pickup', country: 'KZ' }).expect(200);
    const ok = await b.post('/api/v3/plugins/bonus/checkout/pay', { idempotencyKey: 'boris-try-1' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });

  it('ACP: orders filtered by status, month, member and product, a status for many at once, the month as CSV', async () => {
    const ad = fake.agent(admin);
    assert.equal((await fake.agent(anna).get('/admin/plugins/bonus/orders')).status, 403);
    const page = await ad.get('/admin/plugins/bonus/orders?lang=en-GB').expect(200);
    assertTranslated(page.text);
    assert.doesNotMatch(withoutScripts(page.text), /\[\[admin\/plugins\/bonus:/);
    const all = (await ad.get('/api/admin/plugins/bonus/orders').expect(200)).body.rows as { id: number; status: string }[];
    assert.equal(all.length, 2);
    const shipped = (await ad.get('/api/admin/plugins/bonus/orders?status=shipped').expect(200)).body.rows as { id: number }[];
    assert.equal(shipped.length, 1);
    assert.equal((await ad.get('/api/admin/plugins/bonus/orders?month=2026-08').expect(200)).body.rows.length, 0);
    // by member (username, any case) and by product (a title in either language)
    const rowsOf = async (q: string) => (await ad.get(`/api/admin/plugins/bonus/orders?${q}`).expect(200)).body.rows as { username: string }[];
    assert.deepEqual((await rowsOf('member=BORIS')).map((r) => r.username), ['boris']);
    assert.deepEqual((await rowsOf('product=power')).map((r) => r.username), ['boris']);
    assert.deepEqual((await rowsOf(`product=${encodeURIComponent('кружк')}`)).map((r) => r.username), ['anna']);
    assert.equal((await rowsOf('member=nobody')).length, 0);
    // pages: all orders counted, one page read (with and without a narrowing filter)
    assert.deepEqual((await ad.get('/api/admin/plugins/bonus/orders').expect(200)).body.pagination, { page: 1, pageCount: 1, total: 2, multiple: false, prevUrl: '', nextUrl: '' });
    const onePage = await okValue(fake.plugin.services.ordersAdmin.listPage({ uid: admin }, { status: '', month: '' }, { start: 1, count: 1 }));
    assert.deepEqual([onePage.rows.length, onePage.total], [1, 2]);
    assert.equal(onePage.rows[0].state.order.id, all[1].id, 'newest first, the second on page 2');
    const narrowed = await okValue(fake.plugin.services.ordersAdmin.listPage({ uid: admin }, { status: '', month: '', member: 'anna' }, { start: 0, count: 1 }));
    assert.deepEqual([narrowed.rows.length, narrowed.total], [1, 1]);
    const paid = all.find((r) => r.status === 'paid')!;
    const bulk = await ad.post('/api/v3/plugins/bonus/admin/orders/status', { ids: [paid.id, shipped[0].id], status: 'processing', note: 'Batch of September' }).expect(200);
    assert.deepEqual(bulk.body.response.results.map((r: { ok: boolean }) => r.ok), [true, false]);
    assert.equal((await ad.post('/api/v3/plugins/bonus/admin/orders/status', { ids: [], status: 'processing' })).status, 400);
    const csv = (await ad.get('/api/v3/plugins/bonus/admin/orders/export?month=2026-09').expect(200)).body.response;
    assert.equal(csv.filename, 'bonus-orders-2026-09.csv');
    // for Excel with Russian settings: a byte-order mark, `;` between cells; the times' zone in the header
    assert.ok((csv.csv as string).startsWith('\uFEFF"order";'), 'UTF-8 BOM and ; separator');
    const lines = (csv.csv as string).slice(1).trim().split('\r\n');
    assert.match(lines[0], /^"order";"paid_at [A-Za-z/_]+ \(UTC[+-]\d\d:\d\d\)";"status"/);
    assert.equal(lines.length, 1 + 3); // two lines of anna's order, one of boris's
    assert.ok(lines.some((l) => l.includes('"Тверская, 1"') && l.includes('"Mug"') && l.includes('"3"')));
    assert.equal((await fake.agent(boris).get('/api/v3/plugins/bonus/admin/orders/export')).status, 403);
  });

  it('ACP settings: the minimum and each group’s promo code and discount', async () => {
    const ad = fake.agent(admin);
    const html = (await ad.get('/admin/plugins/bonus/settings?lang=ru').expect(200)).text;
    assertTranslated(html);
    assert.match(html, /name="promoCodeActivists" value="ACT15"/);
    assert.match(html, /name="discountOldTimers" value="35"/);
    assert.match(html, /name="minSouvenirOrder" value="2000"/);
    assert.equal((await ad.put('/api/v3/plugins/bonus/settings', { discountConsultants: '150' })).status, 400);
    await ad.put('/api/v3/plugins/bonus/settings', { discountConsultants: '30', promoCodeConsultants: 'CONS30' }).expect(200);
    const s = await fake.plugin.services.settings.get();
    assert.deepEqual([s.discountConsultants, s.promoCodeConsultants, s.promoCodeActivists], [30, 'CONS30', 'ACT15']);
  });
});
