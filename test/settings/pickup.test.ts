import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host';
import { seedShop, type Shop } from '../orders/harness';

/** Every message the checkout shows (above the totals and at the lines). */
function messagesOf(body: { cart: { messages: { text: string }[]; lines: { messages: { text: string }[] }[] } }): string[] {
  return [...body.cart.messages, ...body.cart.lines.flatMap((l) => l.messages)].map((m) => m.text);
}

describe('pickup: a refusal names its real cause (issue 11, item 12)', function () {
  this.timeout(60_000);
  let fake: FakeHost;
  let shop: Shop;
  let anna: number;

  beforeEach(async () => {
    fake = await createFakeHost();
    fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    anna = fake.forum.createUser({ username: 'anna', email: 'anna@example.org' });
    const s = fake.plugin.services;
    await okValue(s.settings.update({ minSouvenirOrder: '0' }));
    shop = await seedShop(s);
    await s.ledger.credit({ uid: anna, amount: 10_000, key: `test:grant:${anna}`, reason: 'other' });
    const a = fake.agent(anna);
    await a.post('/api/v3/plugins/bonus/store/cart', { productId: shop.powerbank, quantity: 1 }).expect(200);
    await a.put('/api/v3/plugins/bonus/checkout/contact', { name: 'Anna', email: 'anna@example.org', phone: '+7 900 000-00-00' }).expect(200);
  });

  const to = (method: 'delivery' | 'pickup') => ({ method, country: 'KZ', region: '', city: 'Almaty', address: 'Abay 1', postcode: '050000' });

  it('no pickup place: a Russia-only item to Kazakhstan does not offer pickup, and choosing pickup says it is not offered', async () => {
    const a = fake.agent(anna);
    await a.put('/api/v3/plugins/bonus/checkout/delivery', to('delivery')).expect(200);
    let texts = messagesOf((await a.get('/api/bonus/checkout?step=3&lang=en-GB').expect(200)).body);
    assert.equal(texts.length, 1, texts.join(' | '));
    assert.match(texts[0], /Russia-only list and cannot be sent to Kazakhstan/);
    assert.doesNotMatch(texts[0], /you can collect it by pickup/);
    const product = await a.get(`/bonus/store/product/${shop.powerbank}?lang=en-GB`).expect(200);
    assert.doesNotMatch(product.text, /by pickup/);

    await a.put('/api/v3/plugins/bonus/checkout/delivery', to('pickup')).expect(200);
    texts = messagesOf((await a.get('/api/bonus/checkout?step=3&lang=en-GB').expect(200)).body);
    assert.deepEqual(texts, ['Pickup is not offered: the club has not set a pickup place.']);
    const ru = messagesOf((await a.get('/api/bonus/checkout?step=3&lang=ru').expect(200)).body);
    assert.deepEqual(ru, ['Самовывоз недоступен: клуб не указал место самовывоза.']);
  });

  it('with a pickup place: the same item offers pickup, and pickup is accepted', async () => {
    await okValue(fake.plugin.services.settings.update({ pickupPlace: 'Club office, Mon–Fri 10–18' }));
    const a = fake.agent(anna);
    await a.put('/api/v3/plugins/bonus/checkout/delivery', to('delivery')).expect(200);
    const texts = messagesOf((await a.get('/api/bonus/checkout?step=3&lang=en-GB').expect(200)).body);
    assert.equal(texts.length, 1);
    assert.match(texts[0], /you can collect it by pickup/);
    await a.put('/api/v3/plugins/bonus/checkout/delivery', to('pickup')).expect(200);
    const body = (await a.get('/api/bonus/checkout?step=3&lang=en-GB').expect(200)).body;
    assert.deepEqual(messagesOf(body), []);
    assert.equal(body.cart.canPay, true);
  });
});
