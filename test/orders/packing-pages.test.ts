import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host';
import { readyMember, seedShop, type Shop } from './harness';
import { withoutScripts } from '../host/translator';

describe('packing through the fake forum, in Russian: replacing an item and the below-minimum warning', function () {
  this.timeout(60_000);
  let fake: FakeHost;
  let shop: Shop;
  let admin: number;
  let anna: number;
  let orderId: number;

  before(async () => {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'packer', groups: ['administrators'], language: 'ru' });
    anna = fake.forum.createUser({ username: 'anna', email: 'anna@example.org', language: 'ru' });
    const s = fake.plugin.services;
    shop = await seedShop(s);
    await readyMember(s, anna, 10_000);
    await okValue(s.cart.add({ uid: anna }, { productId: shop.mug, quantity: 2 }));
    await okValue(s.cart.add({ uid: anna }, { productId: shop.tshirt, variantId: 's', quantity: 1 }));
    orderId = (await okValue(s.checkout.pay({ uid: anna }, { idempotencyKey: 'anna-order-1' }))).order.id;
  });

  it('the admin replaces a mug with T-shirts: refusals in Russian, the difference back once, the member sees it and is notified', async () => {
    const ad = fake.agent(admin);
    const page = await ad.get(`/bonus/orders/${orderId}`).expect(200);
    assert.doesNotMatch(withoutScripts(page.text), /\[\[bonus:/);
    assert.match(page.text, /data-form="replace"/);
    assert.match(page.text, /Заменить товар, которого нет в наличии/);
    assert.match(page.text, new RegExp(`<option value="${shop.tshirt}\\|m" data-price="700">Футболка, M \\(700\\)</option>`));
    assert.doesNotMatch((await fake.agent(anna).get(`/bonus/orders/${orderId}`).expect(200)).text, /data-form="replace"/);
    assert.equal((await fake.agent(anna).post(`/api/v3/plugins/bonus/orders/${orderId}/replace`, { line: 0, productId: shop.tshirt, variantId: 'm' })).status, 403);

    const dearer = await ad.post(`/api/v3/plugins/bonus/orders/${orderId}/replace`, { line: 1, productId: shop.powerbank });
    assert.equal(dearer.status, 400);
    assert.match(dearer.body.status.message, /Замена дороже на 1[\u00a0 ]800 баллов/);
    const unknown = await ad.post(`/api/v3/plugins/bonus/orders/${orderId}/replace`, { line: 0, productId: 999 });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.status.message, /Товара №999 не существует/);

    const before = (await fake.plugin.services.ledger.balance(anna)).posted;
    const body = { line: 0, productId: shop.tshirt, variantId: 'm', note: 'Кружки закончились' };
    const [r1, r2] = [await ad.post(`/api/v3/plugins/bonus/orders/${orderId}/replace`, body), await ad.post(`/api/v3/plugins/bonus/orders/${orderId}/replace`, body)];
    assert.equal(r1.status, 200, JSON.stringify(r1.body));
    assert.equal(r2.status, 200);
    assert.deepEqual(r1.body.response.replacedLines, [0]);
    assert.equal((await fake.plugin.services.ledger.balance(anna)).posted, before + 600);

    const mine = await fake.agent(anna).get(`/bonus/orders/${orderId}`).expect(200);
    assert.doesNotMatch(withoutScripts(mine.text), /\[\[bonus:/);
    assert.match(mine.text, /Замена товара, которого не оказалось в наличии: Кружка\./);
    assert.match(mine.text, /Вам возвращена разница: 600 баллов\./);
    assert.match(mine.text, /Товар заменён/);
    assert.match(mine.text, /Кружка → Футболка, M\./);
    assert.match(mine.text, /Кружки закончились/);
    assert.match(mine.text, /data-bonus="refunded"><span>Возвращено баллов<\/span> <span>600 баллов</);
    assert.match((await fake.agent(anna).get(`/bonus/orders/${orderId}?lang=en-GB`).expect(200)).text, /Replaces an item that was out of stock: Mug\./);
    assert.equal(fake.notifications.filter((n) => n.uids.includes(anna) && n.notification.bodyShort === `[[bonus:orders.notify.replaced, ${orderId}]]`).length, 1);
  });

  it('dropping a line below the souvenir minimum: warned in Russian with the total and the minimum, done once confirmed', async () => {
    const ad = fake.agent(admin);
    const warned = await ad.post(`/api/v3/plugins/bonus/orders/${orderId}/refund`, { lines: [1] });
    assert.equal(warned.status, 409);
    assert.match(warned.body.status.message, /стоят 1[\u00a0 ]400 баллов — это меньше минимального заказа сувениров \(2[\u00a0 ]000 баллов\)/);
    const page = await ad.get(`/bonus/orders/${orderId}`).expect(200);
    // the page carries what the client checks the warning with (the minimum, each line's souvenir total) and the confirm button
    assert.match(page.text, /data-min-souvenir-order="2000"/);
    assert.match(page.text, /data-index="1" data-quantity="1" data-souvenir="1" data-line-total="700" data-refunded=""/);
    assert.match(page.text, /data-action="confirm-below-minimum"/);
    const ok = await ad.post(`/api/v3/plugins/bonus/orders/${orderId}/refund`, { lines: [1], confirmBelowMinimum: true });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.response.status, 'partly-refunded');
    // everything given back on the order: the replacement's 600 (previous test) and the dropped T-shirt's 700
    assert.match((await fake.agent(anna).get(`/bonus/orders/${orderId}`).expect(200)).text, /data-bonus="refunded"><span>Возвращено баллов<\/span> <span>1[\u00a0 ]300 баллов</);
  });

  it('the CSV export names the replaced item, when, by whom and how the difference was settled', async () => {
    const csv = (await fake.agent(admin).get('/api/v3/plugins/bonus/admin/orders/export').expect(200)).body.response.csv as string;
    const [header, ...rows] = csv.slice(1).trim().split('\r\n');
    assert.match(header, /"replaced_item";"replaced_at [^"]+";"replaced_by";"replacement_difference"$/);
    assert.equal(rows.length, 1); // the T-shirt S line was dropped
    assert.match(rows[0], /"T-shirt".*"M".*"Mug";"\d{4}-\d\d-\d\d \d\d:\d\d";"packer";"refunded 600"$/);
  });
});
