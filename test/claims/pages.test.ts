import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host';
import { ADDRESS, CONTACT, seedShop } from '../orders/harness';
import { withoutScripts } from '../host/translator';

function assertTranslated(html: string) {
  assert.doesNotMatch(withoutScripts(html), /\[\[(bonus|admin\/plugins\/bonus):/, 'an untranslated token');
}

describe('claims pages and API through the fake forum', function () {
  this.timeout(60_000);
  let fake: FakeHost;
  let admin: number;
  let anna: number;
  let boris: number;
  let orderId: number;
  let claimId: number;

  before(async () => {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    anna = fake.forum.createUser({ username: 'anna', email: 'anna@example.org', language: 'ru' });
    boris = fake.forum.createUser({ username: 'boris', email: 'boris@example.org' });
    const s = fake.plugin.services;
    const shop = await seedShop(s);
    const member = { uid: anna };
    await s.ledger.credit({ uid: anna, amount: 10_000, key: 'test:grant:anna', reason: 'other' });
    await okValue(s.checkout.saveContact(member, CONTACT));
    await okValue(s.checkout.saveDelivery(member, ADDRESS));
    await okValue(s.cart.add(member, { productId: shop.mug, quantity: 3 }));
    orderId = (await okValue(s.checkout.pay(member, { idempotencyKey: 'claims-order-1' }))).order.id;
    await okValue(s.orders.setStatus({ uid: admin }, orderId, { status: 'processing' }));
  });

  it('no report form before delivery; after it, the buyer (only) sees it, in ru and en-GB', async () => {
    const a = fake.agent(anna);
    assert.doesNotMatch((await a.get(`/bonus/orders/${orderId}`).expect(200)).text, /data-form="claim-open"/);
    const early = await a.post('/api/v3/plugins/bonus/claims', { orderId, problem: 'damaged', description: 'Broken handle on one mug', key: 'early-key-1' });
    assert.equal(early.status, 409);
    assert.match(early.body.status.message, /только по доставленному заказу/);
    await fake.agent(admin).put(`/api/v3/plugins/bonus/orders/${orderId}/status`, { status: 'delivered' }).expect(200);
    const ru = await a.get(`/bonus/orders/${orderId}`).expect(200);
    assertTranslated(ru.text);
    assert.match(ru.text, /Сообщить о проблеме/);
    assert.match(ru.text, /Описание \(от 10 до 4000 символов\)/);
    const en = await a.get(`/bonus/orders/${orderId}?lang=en-GB`).expect(200);
    assertTranslated(en.text);
    assert.match(en.text, /Report a problem/);
    assert.match(en.text, /<option value="wrong-items">Wrong items/);
    // the admin sees the order but is not its buyer
    assert.doesNotMatch((await fake.agent(admin).get(`/bonus/orders/${orderId}`).expect(200)).text, /data-form="claim-open"/);
  });

  it('the write API: validated, translated errors in the envelope; one claim per key', async () => {
    const a = fake.agent(anna);
    const short = await a.post('/api/v3/plugins/bonus/claims?lang=en-GB', { orderId, problem: 'damaged', description: 'broken', key: 'claim-key-0001' });
    assert.equal(short.status, 400);
    assert.match(short.body.status.message, /between|10 to 4000/);
    const ruShort = await a.post('/api/v3/plugins/bonus/claims', { orderId, problem: 'damaged', description: 'broken', key: 'claim-key-0001' });
    assert.match(ruShort.body.status.message, /от 10 до 4000 символов/);
    const badPhoto = await a.post('/api/v3/plugins/bonus/claims', { orderId, problem: 'damaged', description: 'Broken handle on one mug', photos: ['javascript:alert(1)'], key: 'claim-key-0001' });
    assert.equal(badPhoto.status, 400);
    assert.match(badPhoto.body.status.message, /Фото 1/);
    const extra = await a.post('/api/v3/plugins/bonus/claims', { orderId, problem: 'damaged', description: 'Broken handle on one mug', key: 'claim-key-0001', admin: true });
    assert.equal(extra.status, 400);
    const body = {
      orderId, problem: 'damaged', description: 'One of the three mugs arrived with a broken handle.',
      photos: ['https://photos.example/mug.jpg', '/assets/uploads/files/mug-box.jpg'], videoUrl: 'https://video.example/unboxing', key: 'claim-key-0001',
    };
    const [r1, r2] = [await a.post('/api/v3/plugins/bonus/claims', body), await a.post('/api/v3/plugins/bonus/claims', body)];
    assert.equal(r1.status, 200, JSON.stringify(r1.body));
    assert.equal(r2.body.response.id, r1.body.response.id);
    claimId = r1.body.response.id;
    assert.equal(r1.body.status.code, 'ok');
    const again = await a.post('/api/v3/plugins/bonus/claims?lang=en-GB', { ...body, key: 'claim-key-0002' });
    assert.equal(again.status, 409);
    assert.match(again.body.status.message, /already has an open claim/);
    assert.equal((await fake.agent(boris).post('/api/v3/plugins/bonus/claims', { ...body, key: 'boris-key-001' })).status, 404);
    assert.equal((await fake.agent(0).post('/api/v3/plugins/bonus/claims', body)).status, 401);
    const mine = (await a.get('/api/v3/plugins/bonus/claims').expect(200)).body.response.claims;
    assert.deepEqual(mine.map((c: { id: number }) => c.id), [claimId]);
    assert.deepEqual((await fake.agent(boris).get('/api/v3/plugins/bonus/claims').expect(200)).body.response.claims, []);
  });

  it('the thread: on the order page and the claim page; admins answer, the member is notified; others see nothing', async () => {
    const a = fake.agent(anna);
    const ad = fake.agent(admin);
    const order = await a.get(`/bonus/orders/${orderId}`).expect(200);
    assert.match(order.text, /data-bonus="open-claim"/);
    assert.doesNotMatch(order.text, /data-form="claim-open"/);
    await ad.post(`/api/v3/plugins/bonus/claims/${claimId}/messages`, { text: 'Sorry! Is the <b>handle</b> glued or snapped?' }).expect(200);
    assert.ok(fake.notifications.some((n) => n.uids.includes(anna) && n.notification.bodyShort === `[[bonus:claims.notify.message, ${claimId}]]`));
    await a.post(`/api/v3/plugins/bonus/claims/${claimId}/messages`, { text: 'Snapped off completely.' }).expect(200);
    assert.equal((await a.post(`/api/v3/plugins/bonus/claims/${claimId}/messages`, { text: '' })).status, 400);
    const page = await a.get(`/bonus/claims/${claimId}`).expect(200);
    assertTranslated(page.text);
    assert.match(page.text, /Претензия №\d+/);
    assert.match(page.text, /Команда магазина/);
    assert.match(page.text, /Is the &lt;b&gt;handle&lt;\/b&gt; glued/);
    assert.match(page.text, /href="\/assets\/uploads\/files\/mug-box.jpg"/);
    assert.doesNotMatch(page.text, /data-form="claim-close"/);
    const json = (await a.get(`/api/bonus/claims/${claimId}`).expect(200)).body;
    assert.equal(json.claim.messages.length, 2);
    assert.equal((await fake.agent(boris).get(`/bonus/claims/${claimId}`)).status, 404);
    assert.equal((await fake.agent(boris).get(`/api/v3/plugins/bonus/claims/${claimId}`)).status, 404);
    assert.equal((await fake.agent(boris).post(`/api/v3/plugins/bonus/claims/${claimId}/messages`, { text: 'hi' })).status, 404);
    const adminPage = await ad.get(`/bonus/claims/${claimId}?lang=en-GB`).expect(200);
    assertTranslated(adminPage.text);
    assert.match(adminPage.text, /data-form="claim-close"/);
    assert.match(adminPage.text, /up to 3000/);
  });

  it('ACP: the list (open first) links to the thread; admins close with a refund once; the member sees the resolution', async () => {
    const ad = fake.agent(admin);
    assert.equal((await fake.agent(anna).get('/admin/plugins/bonus/claims')).status, 403);
    const list = await ad.get('/admin/plugins/bonus/claims?lang=ru').expect(200);
    assertTranslated(list.text);
    assert.match(list.text, new RegExp(`href="/bonus/claims/${claimId}"`));
    assert.match(list.text, /Открыта/);
    assert.equal((await ad.get('/api/admin/plugins/bonus/claims?status=closed').expect(200)).body.rows.length, 0);
    assert.deepEqual((await ad.get('/api/admin/plugins/bonus/claims').expect(200)).body.pagination, { page: 1, pageCount: 1, total: 1, multiple: false, prevUrl: '', nextUrl: '' });
    assert.deepEqual((await okValue(fake.plugin.services.claims.listPage({ uid: admin }, { status: '' }, { start: 1, count: 50 }))).rows, [], 'page 2 is empty');
    assert.equal((await fake.agent(anna).put(`/api/v3/plugins/bonus/claims/${claimId}/resolution`, { resolution: 'refund', note: 'x', amount: 1 })).status, 403);
    const tooMuch = await ad.put(`/api/v3/plugins/bonus/claims/${claimId}/resolution?lang=en-GB`, { resolution: 'refund', note: 'Sorry', amount: 3001 });
    assert.equal(tooMuch.status, 400);
    assert.match(tooMuch.body.status.message, /At most 3,?000 points/);
    const before = (await fake.plugin.services.ledger.balance(anna)).posted;
    await ad.put(`/api/v3/plugins/bonus/claims/${claimId}/resolution`, { resolution: 'refund', note: 'Sorry, points for one mug are back.', amount: 1000 }).expect(200);
    const twice = await ad.put(`/api/v3/plugins/bonus/claims/${claimId}/resolution`, { resolution: 'rejected', note: 'No' });
    assert.equal(twice.status, 409);
    assert.equal((await fake.plugin.services.ledger.balance(anna)).posted, before + 1000);
    assert.ok(fake.notifications.some((n) => n.uids.includes(anna) && n.notification.bodyShort === `[[bonus:claims.notify.closed-refund, ${claimId}]]`));
    const closed = await fake.agent(anna).get(`/bonus/claims/${claimId}?lang=en-GB`).expect(200);
    assert.match(closed.text, /Resolution: Refund/);
    assert.match(closed.text, /1000 points returned/);
    assert.doesNotMatch(closed.text, /data-form="claim-reply"/);
    assert.equal((await fake.agent(anna).post(`/api/v3/plugins/bonus/claims/${claimId}/messages`, { text: 'Thanks!' })).status, 409);
    // the order may get a new claim; the closed one is listed with its resolution
    const order = await fake.agent(anna).get(`/bonus/orders/${orderId}`).expect(200);
    assert.match(order.text, /data-form="claim-open"/);
    assert.match(order.text, /Возврат/);
    const points = await fake.agent(anna).get('/bonus/points?lang=ru').expect(200);
    assert.match(points.text, /Возврат по претензии/);
    const closedApi = (await ad.get('/api/v3/plugins/bonus/admin/claims?status=closed').expect(200)).body.response;
    assert.equal(closedApi.claims.length, 1);
    assert.deepEqual([closedApi.pagination.page, closedApi.pagination.total, closedApi.pagination.multiple], [1, 1, false], 'the claims API is paged (issue 13, item 6)');
    assert.deepEqual((await ad.get('/api/v3/plugins/bonus/admin/claims?status=closed&page=2').expect(200)).body.response.claims, []);
    assert.equal((await ad.get('/api/v3/plugins/bonus/admin/claims?status=nope')).status, 400);
  });
});
