import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host';
import { sampleCodes, seedCatalog } from './seed-catalog';
import { withoutScripts } from '../host/translator';

/**
 * The store and the ACP catalog through the fake NodeBB's HTTP: pages and their /api twins, the write
 * API's envelope with translated refusals, admin-only routes, and codes never shown to members.
 */
describe('store and catalog routes through the fake host', function () {
  let fake: FakeHost;
  let admin: number;
  let member: number;
  let ids: Record<string, number>;

  beforeEach(async function () {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    member = fake.forum.createUser({ username: 'maria', groups: ['Activists'], language: 'ru' });
    ids = await seedCatalog(fake.plugin.services, { uid: admin });
  });

  it('the store and a product page with sizes, in the member\'s language and as /api twins', async function () {
    const store = await fake.agent(member).get('/bonus/store').expect(200);
    assert.match(store.text, /Футболка клуба/);
    assert.doesNotMatch(withoutScripts(store.text), /\[\[/);
    const product = await fake.agent(member).get(`/bonus/store/product/${ids.tshirt}?lang=en-GB`).expect(200);
    assert.match(product.text, /Club T-shirt/);
    // sizes as radios; L is out of stock in the seed, so its radio is disabled
    assert.match(product.text, /name="variantId" id="bonus-size-m" value="m" required[^>]*>/);
    assert.match(product.text, /name="variantId" id="bonus-size-l" value="l"[^>]*disabled>/);
    const api = await fake.agent(member).get(`/api/bonus/store/product/${ids.tshirt}`).expect(200);
    assert.equal(api.body.template.name, 'bonus/product');
    await fake.agent(member).get('/bonus/store/product/99999').expect(404);
  });

  it('add to cart: the NodeBB envelope, a translated refusal that changes nothing, then success', async function () {
    const noSize = await fake.agent(member).post('/api/v3/plugins/bonus/store/cart', { productId: ids.tshirt, quantity: 1 }).expect(400);
    assert.equal(noSize.body.status.code, 'bad-request');
    assert.match(noSize.body.status.message, /размер/i);
    let cart = await fake.agent(member).get('/api/v3/plugins/bonus/store/cart').expect(200);
    assert.deepEqual(cart.body.response.lines, []);
    await fake.agent(member).post('/api/v3/plugins/bonus/store/cart', { productId: ids.tshirt, variantId: 'm', quantity: 2 }).expect(200);
    cart = await fake.agent(member).get('/api/v3/plugins/bonus/store/cart').expect(200);
    assert.equal(cart.body.response.lines.length, 1);
    assert.equal(cart.body.response.lines[0].quantity, 2);
  });

  it('the ACP catalog and the code import are for admins only; the import reports per line; members never see codes', async function () {
    await fake.agent(member).get('/admin/plugins/bonus/catalog').expect(403);
    await fake.agent(member).post(`/api/v3/plugins/bonus/admin/catalog/products/${ids.kis}/codes`, { text: sampleCodes('MEMBR', 1)[0] }).expect(403);
    const list = await fake.agent(admin).get('/admin/plugins/bonus/catalog').expect(200);
    assert.match(list.text, /Kaspersky/);
    await fake.agent(admin).get(`/admin/plugins/bonus/catalog/${ids.kis}`).expect(200);
    const [fresh] = sampleCodes('ROUTE', 1);
    const report = await fake.agent(admin).post(`/api/v3/plugins/bonus/admin/catalog/products/${ids.kis}/codes`, { text: `${fresh}\nnot-a-code\n${fresh}` }).expect(200);
    assert.equal(report.body.response.added, 1);
    assert.deepEqual(report.body.response.problems.map((p: { problem: string }) => p.problem), ['invalid', 'duplicate-in-file']);
    assert.equal(report.body.response.poolAvailable, 26);
    // nothing a member can load carries a code
    for (const url of ['/api/bonus/store', `/api/bonus/store/product/${ids.kis}`, '/api/v3/plugins/bonus/store/cart']) {
      const res = await fake.agent(member).get(url).expect(200);
      assert.doesNotMatch(JSON.stringify(res.body), /[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}/, url);
    }
    assert.ok(!fake.logs.some((l) => l.message.includes(fresh)), 'codes never logged');
  });
});
