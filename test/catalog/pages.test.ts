import { okValue, refuses } from '../host/results';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchpress: { compileRender(tpl: string, data: unknown): Promise<string>; registerHelper(name: string, fn: (...args: unknown[]) => string): void } = require('benchpressjs');
import type { PageResult, RequestContext } from '../../lib/host/index';
import { createServices, type Services } from '../../lib/services';
import { productPage, storePage } from '../../lib/modules/catalog/http';
import { catalogEditPage, catalogListPage } from '../../lib/modules/catalog/http-admin';
import { storeFeature } from '../../lib/modules/catalog/feature';
import { ADMIN, backends, MEMBER, testHost } from './backends';
import { seedCatalog } from './seed-catalog';
import { registerTokenHelpers, templateSource } from '../host/template-helpers';
registerTokenHelpers(benchpress);

const ROOT = path.resolve(__dirname, '../../..');
const template = templateSource;
const lang = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'languages', file), 'utf8')) as Record<string, string>;
const NAMESPACES: Record<string, string> = { bonus: 'bonus.json', 'admin/plugins/bonus': 'admin/plugins/bonus.json' };

async function render(result: PageResult): Promise<string> {
  assert.equal(result.kind, 'render');
  if (result.kind !== 'render') return '';
  // The /api twin is this same data as JSON: it must survive a JSON round trip.
  const data = JSON.parse(JSON.stringify(result.data));
  return benchpress.compileRender(template(result.template), data);
}

/** Every `[[ns:key]]` left in rendered HTML must exist in en-GB and ru. */
function assertTokensExist(html: string): number {
  const tokens = [...html.matchAll(/\[\[([a-z/]+):([a-zA-Z0-9._-]+)/g)];
  for (const [, ns, key] of tokens) {
    const file = NAMESPACES[ns];
    assert.ok(file, `unknown namespace ${ns}`);
    for (const l of ['en-GB', 'ru']) assert.ok(key in lang(`${l}/${file}`), `${l}/${file} lacks ${key}`);
  }
  return tokens.length;
}

const ctx = (uid: number, params: Record<string, string> = {}, query: Record<string, string> = {}, language = 'en-GB'): RequestContext =>
  ({ uid, lang: language, params, query, relativePath: '/forum' });

for (const backend of backends()) {
  describe(`catalog pages on ${backend.name}`, function () {
    this.timeout(30_000);
    let s: Services;
    let ids: Record<string, number>;

    before(async () => {
      s = createServices(testHost(await backend.open()));
      ids = await seedCatalog(s, ADMIN);
      ids.evil = (await okValue(s.catalogAdmin.create(ADMIN, {
        kind: 'souvenir', visibility: 'on-sale', priceInPoints: 100,
        title: { 'en-GB': '<script>alert("t")</script>', ru: '<script>alert("t")</script>' },
        description: { 'en-GB': '<img src=x onerror=alert(1)> & "quotes"', ru: '' },
      }))).id;
    });
    after(() => backend.close());

    it('store home: categories, cards, sizes; a <script> title renders as text', async () => {
      for (const language of ['en-GB', 'ru']) {
        const html = await render(await storePage(s, ctx(MEMBER.uid, {}, {}, language)));
        assert.ok(!html.includes('<script>alert'), 'no raw script');
        assert.ok(html.includes('&lt;script&gt;alert(&quot;t&quot;)&lt;&#x2F;script&gt;') || html.includes('&lt;script&gt;'), 'escaped title');
        assert.ok(html.includes(`href="/forum/bonus/store/product/${ids.tshirt}"`));
        assert.ok(html.includes(language === 'ru' ? 'Футболка клуба' : 'Club T-shirt'));
        assert.ok(html.includes('[[bonus:stock.out-of-stock]]'));
        assert.ok(assertTokensExist(html) > 20);
      }
    });

    it('product page with sizes: size radios (out-of-stock disabled), quantity, rules, dialog', async () => {
      const html = await render(await productPage(s, ctx(MEMBER.uid, { id: String(ids.tshirt) })));
      assert.match(html, /id="bonus-size-l" value="l" required data-invalid-message="\[\[bonus:error.catalog.choose-size\]\]"\s+disabled>/);
      assert.match(html, /id="bonus-size-m" value="m" required data-invalid-message="\[\[bonus:error.catalog.choose-size\]\]"\s+>/);
      assert.ok(html.includes('<label class="form-label" for="bonus-quantity">'));
      assert.ok(html.includes('[[bonus:delivery.notice.no-clothing]]'));
      assert.ok(html.includes('[[bonus:country.ua]]'));
      assert.ok(html.includes('<dialog'));
      assertTokensExist(html);
    });

    it('license page: region selector and the 11-month limit; power bank: Russia-only rule', async () => {
      const kis = await render(await productPage(s, ctx(MEMBER.uid, { id: String(ids.kis) })));
      assert.ok(kis.includes('<select class="form-select" id="bonus-region" name="region" required'));
      assert.ok(kis.includes('[[bonus:limit.product, 1, 11]]'));
      assert.ok(!kis.includes('bonus-size-'));
      assertTokensExist(kis);
      const bank = await render(await productPage(s, ctx(MEMBER.uid, { id: String(ids.powerbank) })));
      // no pickup place is set here: the notice does not offer pickup
      assert.ok(bank.includes('[[bonus:delivery.notice.russia-only-no-pickup]]'));
      assert.ok(bank.includes('[[bonus:limit.product, 1, 3]]'));
      const topup = await render(await productPage(s, ctx(MEMBER.uid, { id: String(ids.topup) })));
      assert.ok(topup.includes('min="200" max="5000" step="100"'));
    });

    it('the product page escapes the description', async () => {
      const html = await render(await productPage(s, ctx(MEMBER.uid, { id: String(ids.evil) })));
      assert.ok(!html.includes('<img src=x'));
      assert.ok(html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;quotes&quot;'));
      assert.ok(!html.includes('<script>alert'));
    });

    it('hidden and unknown products are not found for members', async () => {
      await okValue(s.catalogAdmin.setVisibility(ADMIN, ids.mug, 'hidden'));
      assert.deepEqual(await productPage(s, ctx(MEMBER.uid, { id: String(ids.mug) })), { kind: 'not-found' });
      assert.deepEqual(await productPage(s, ctx(MEMBER.uid, { id: 'abc' })), { kind: 'not-found' });
      assert.equal((await productPage(s, ctx(ADMIN.uid, { id: String(ids.mug) }))).kind, 'render');
      await okValue(s.catalogAdmin.setVisibility(ADMIN, ids.mug, 'on-sale'));
    });

    it('ACP list (search, filters) and edit pages render with existing tokens', async () => {
      const list = await render(await catalogListPage(s, ctx(ADMIN.uid, {}, { search: 'hood' })));
      assert.ok(list.includes('Club hoodie'));
      assert.ok(!list.includes('Club T-shirt'));
      assert.ok(!list.includes('<script>alert'));
      assertTokensExist(list);
      const all = await render(await catalogListPage(s, ctx(ADMIN.uid, {}, { kind: 'license' })));
      assert.equal((all.match(/data-product-id=/g) ?? []).length, 2);
      for (const id of [ids.tshirt, ids.kis, ids.topup, ids.evil]) {
        const edit = await render(await catalogEditPage(s, ctx(ADMIN.uid, { id: String(id) })));
        assert.ok(!edit.includes('<script>alert'));
        assertTokensExist(edit);
      }
      const created = await render(await catalogEditPage(s, ctx(ADMIN.uid, { id: 'new' }, { kind: 'license' })));
      assert.ok(created.includes('name="activationRegions"'));
      assert.deepEqual(await catalogListPage(s, ctx(MEMBER.uid)), { kind: 'refused', refusal: { kind: 'forbidden', code: 'error.no-privileges', args: [] } });
    });
  });
}

describe('catalog pages: an empty store', () => {
  it('says there is nothing yet, with no category navigation', async () => {
    const backend = backends()[0];
    if (!backend) return;
    const s = createServices(testHost(await backend.open()));
    const html = await render(await storePage(s, ctx(MEMBER.uid)));
    assert.ok(html.includes('[[bonus:store.empty]]'));
    assert.ok(!html.includes('[[bonus:store.categories]]'));
    assert.ok(html.includes('data-bonus="spendable"'), 'the member sees their balance in the Points menu');
    await backend.close();
  });
});

describe('catalog API routes', () => {
  it('every admin route refuses a member inside the service too (not only at mounting), and changes nothing', async () => {
    const backend = backends()[0];
    if (!backend) return;
    const host = testHost(await backend.open());
    const s = createServices(host);
    const product = await okValue(s.catalogAdmin.create(ADMIN, { kind: 'souvenir', title: { 'en-GB': 'Mug', ru: 'Кружка' }, priceInPoints: 200 }));
    const routes = storeFeature(host, s).api ?? [];
    const admin = routes.filter((r) => r.access === 'admin');
    assert.ok(admin.length >= 11);
    assert.ok(admin.every((r) => r.path.startsWith('/bonus/admin/catalog/')));
    for (const r of admin) {
      await refuses(r.handler({ ...ctx(MEMBER.uid, { id: String(product.id) }), body: { visibility: 'hidden', delta: 5, reason: 'x', text: '', title: { 'en-GB': 'x', ru: '' } } }),
        (err: unknown) => err instanceof Error && /no-privileges/.test(err.message), `${r.method} ${r.path}`);
    }
    assert.equal((await s.catalog.getProduct(product.id))?.visibility, 'draft');
    const cart = routes.find((r) => r.path === '/bonus/store/cart' && r.method === 'post');
    assert.equal(cart?.access, 'member');
    await backend.close();
  });
});

describe('catalog templates', () => {
  it('have no literal text outside tokens and variables', () => {
    for (const name of ['bonus/store', 'bonus/product', 'admin/plugins/bonus-catalog', 'admin/plugins/bonus-catalog-edit']) {
      const text = template(name)
        .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\{\{\{[^}]*\}\}\}/g, ' ')
        .replace(/\{\{[^}]*\}\}/g, ' ')
        .replace(/\[\[[^\]]*\]\]/g, ' ')
        .replace(/\{[^}]*\}/g, ' ')
        .replace(/[#:(),.\s\d-]/g, '');
      assert.equal(text, '', `${name}: literal text ${text}`);
    }
  });
});
