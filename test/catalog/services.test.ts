import type { Result } from '../../lib/kernel/result';
import { okValue, refuses } from '../host/results';
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { createServices, type Services } from '../../lib/services';
import { ADMIN, backends, MEMBER, testHost, type TestHost } from './backends';
import { sampleCodes, seedCatalog } from './seed-catalog';

const rejectsWith = (p: Promise<Result<unknown>>, code: string) => refuses(p, code);

const mug = { kind: 'souvenir', title: { 'en-GB': 'Mug', ru: 'Кружка' }, priceInPoints: 200, visibility: 'on-sale' };
const tshirt = { ...mug, title: { 'en-GB': 'T-shirt', ru: 'Футболка' }, priceInPoints: 500, deliveryClass: 'clothing', variants: [{ label: 'S' }, { label: 'M' }, { label: 'XL' }] };
const license = { kind: 'license', title: { 'en-GB': 'KIS', ru: 'KIS' }, priceInPoints: 1800, visibility: 'on-sale' };

for (const backend of backends()) {
  describe(`catalog services on ${backend.name}`, function () {
    this.timeout(60_000);
    let db: Database;
    let host: TestHost;
    let s: Services;

    beforeEach(async () => {
      db = await backend.open();
      host = testHost(db, { lowStockThreshold: '5' });
      s = createServices(host);
    });
    after(() => backend.close());

    describe('administration', () => {
      it('creates, edits, duplicates and hides; variants get stable ids', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, tshirt));
        assert.deepEqual(p.variants.map((v) => v.id), ['s', 'm', 'xl']);
        const edited = await okValue(s.catalogAdmin.update(ADMIN, p.id, { variants: [{ id: 'm', label: 'M', inStock: true }, { label: 'XXL' }], priceInPoints: 550 }));
        assert.deepEqual(edited.variants.map((v) => v.id), ['m', 'xxl']);
        assert.equal(edited.priceInPoints, 550);
        assert.equal(edited.createdAt, p.createdAt);
        const copy = await okValue(s.catalogAdmin.duplicate(ADMIN, p.id));
        assert.notEqual(copy.id, p.id);
        assert.equal(copy.visibility, 'draft');
        assert.deepEqual(copy.title, p.title);
        const hidden = await okValue(s.catalogAdmin.setVisibility(ADMIN, p.id, 'hidden'));
        assert.equal(hidden.visibility, 'hidden');
        assert.equal((await okValue(s.catalogAdmin.list(ADMIN, { visibility: 'hidden' }))).length, 1);
        assert.equal((await okValue(s.catalogAdmin.list(ADMIN, { search: 'футб' }))).length, 2);
      });

      it('a license gets the default activation regions and counted stock', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, { ...license, stockMode: 'unlimited' }));
        assert.equal(p.stockMode, 'counted');
        assert.ok(p.activationRegions.includes('RU') && p.activationRegions.includes('KZ'));
      });

      it('bad input is refused with the fields named, and nothing is written', async () => {
        await rejectsWith(s.catalogAdmin.create(ADMIN, { ...mug, priceInPoints: -5, title: { 'en-GB': 'x'.repeat(201), ru: '' } }), 'error.catalog.invalid-fields');
        await refuses(s.catalogAdmin.create(ADMIN, { ...mug, priceInPoints: 'ten' }), /priceInPoints/);
        await rejectsWith(s.catalogAdmin.create(ADMIN, { ...mug, priceInPoints: 0 }), 'error.catalog.price-not-positive');
        await rejectsWith(s.catalogAdmin.create(ADMIN, { ...mug, unknownField: 1 }), 'error.unknown-fields');
        await rejectsWith(s.catalogAdmin.create(ADMIN, { ...mug, categoryId: 99 }), 'error.catalog.no-such-category');
        await rejectsWith(s.catalogAdmin.create(ADMIN, { ...license, variants: [{ label: 'S' }] }), 'error.catalog.variants-only-for-souvenirs');
        assert.equal((await okValue(s.catalogAdmin.list(ADMIN))).length, 0);
        const p = await okValue(s.catalogAdmin.create(ADMIN, mug));
        await rejectsWith(s.catalogAdmin.update(ADMIN, p.id, { priceInPoints: 300, kind: 'license' }), 'error.catalog.kind-is-fixed');
        await rejectsWith(s.catalogAdmin.update(ADMIN, p.id, { priceInPoints: 300, images: ['javascript:alert(1)'] }), 'error.catalog.invalid-fields');
        // protocol-relative addresses are another site's images (issue 11, item 5)
        for (const bad of ['//evil.example/x.png', '/\\evil.example/x.png', 'https:/evil.example/x.png', 'https:evil.example/x.png', 'data:image/png;base64,AAAA', '/assets/x.png" onerror="alert(1)']) {
          await rejectsWith(s.catalogAdmin.update(ADMIN, p.id, { images: [bad] }), 'error.catalog.invalid-fields');
        }
        const good = ['https://cdn.example.org/x.png', 'http://cdn.example.org/x.png', '/assets/uploads/bonus/x.png', '/forum/assets/uploads/bonus/x.png', '/plugins/nodebb-plugin-bonus/static/images/store/mug.svg'];
        assert.deepEqual((await okValue(s.catalogAdmin.update(ADMIN, p.id, { images: good }))).images, good);
        assert.equal((await s.catalog.getProduct(p.id))?.priceInPoints, 200);
      });

      it('only admins administer', async () => {
        await rejectsWith(s.catalogAdmin.create(MEMBER, mug), 'error.no-privileges');
        await rejectsWith(s.catalogAdmin.list({ uid: 0 }), 'error.no-privileges');
        const p = await okValue(s.catalogAdmin.create(ADMIN, license));
        await rejectsWith(s.codes.importCodes(MEMBER, p.id, { text: sampleCodes('AAAAA', 1)[0] }), 'error.no-privileges');
        await rejectsWith(s.codes.listCodes(MEMBER, p.id, 'available'), 'error.no-privileges');
      });

      it('stock adjustments are logged with who, why, when; below zero is refused and changes nothing', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, tshirt));
        await okValue(s.catalogAdmin.adjustStock(ADMIN, p.id, { variantId: 'm', delta: 10, reason: 'Delivery from supplier' }));
        await rejectsWith(s.catalogAdmin.adjustStock(ADMIN, p.id, { variantId: 'm', delta: -11, reason: 'Damaged' }), 'error.catalog.stock-below-zero');
        await rejectsWith(s.catalogAdmin.adjustStock(ADMIN, p.id, { delta: 5, reason: 'No size' }), 'error.catalog.choose-size');
        await rejectsWith(s.catalogAdmin.adjustStock(ADMIN, p.id, { variantId: 'm', delta: 5, reason: '' }), 'error.catalog.invalid-fields');
        host.setNow(Date.parse('2026-11-23T09:00:00Z'));
        await okValue(s.catalogAdmin.adjustStock(ADMIN, p.id, { variantId: 'm', delta: -2, reason: 'Damaged in storage' }));
        const got = await okValue(s.catalogAdmin.get(ADMIN, p.id));
        assert.equal(got.stock.variants.m, 8);
        assert.equal(got.stock.total, 8);
        assert.deepEqual(got.adjustments.map((a) => [a.delta, a.after, a.uid, a.reason, a.variantId, a.at]), [
          [-2, 8, 1, 'Damaged in storage', 'm', Date.parse('2026-11-23T09:00:00Z')],
          [10, 10, 1, 'Delivery from supplier', 'm', Date.parse('2026-11-22T12:00:00Z')],
        ]);
      });
    });

    describe('stock', () => {
      it('concurrent reservations never oversell, and low stock notifies admins once', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, mug));
        await okValue(s.catalogAdmin.adjustStock(ADMIN, p.id, { delta: 10, reason: 'in' }));
        const results = await Promise.all(Array.from({ length: 40 }, () => s.catalog.reserve(p, null, 1)));
        assert.equal(results.filter((r) => r.ok).length, 10);
        assert.equal((await okValue(s.catalogAdmin.get(ADMIN, p.id))).stock.total, 0);
        const low = host.notifications.filter((n) => n.notification.type === 'bonus-low-stock');
        assert.equal(low.length, 1);
        assert.deepEqual(low[0].uids, [1]);
        await s.catalog.release(p, null, 3);
        const mixed = await Promise.all([2, 2, 2, 1].map((n) => s.catalog.reserve(p, null, n)));
        assert.ok(mixed.filter((r) => r.ok).reduce((sum, _r, i) => sum + [2, 2, 2, 1][i], 0) <= 3);
        assert.ok((await okValue(s.catalogAdmin.get(ADMIN, p.id))).stock.total >= 0);
      });
    });

    describe('license codes', () => {
      it('imports with a per-line report: invalid, duplicates in the file, already imported; stock = pool', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, license));
        const [a, b, c] = sampleCodes('ABCDE', 3);
        const first = await okValue(s.codes.importCodes(ADMIN, p.id, { text: `${a}\n${b.toLowerCase()}\n\nnot-a-code\n${a}\n` }));
        assert.deepEqual(first, {
          lines: 5, added: 2, blank: 1, problemCount: 2, poolAvailable: 2,
          problems: [{ line: 4, problem: 'invalid' }, { line: 5, problem: 'duplicate-in-file', firstLine: 1 }],
        });
        const other = await okValue(s.catalogAdmin.create(ADMIN, { ...license, title: { 'en-GB': 'KTS', ru: 'KTS' } }));
        const second = await okValue(s.codes.importCodes(ADMIN, other.id, { text: `${b}\n${c}` }));
        assert.deepEqual(second.problems, [{ line: 1, problem: 'already-imported' }]);
        assert.equal(second.added, 1);
        assert.equal((await okValue(s.catalogAdmin.get(ADMIN, p.id))).stock.total, 2);
        assert.deepEqual((await okValue(s.codes.listCodes(ADMIN, p.id, 'available'))).sort(), [a, b].sort());
        assert.ok(host.logs.every((line) => ![a, b, c].some((code) => line.includes(code))), 'codes never logged');
        await rejectsWith(s.codes.importCodes(ADMIN, (await okValue(s.catalogAdmin.create(ADMIN, mug))).id, { text: a }), 'error.catalog.codes-only-for-licenses');
        await rejectsWith(s.catalogAdmin.adjustStock(ADMIN, p.id, { delta: 5, reason: 'x' }), 'error.catalog.license-stock-from-codes');
      });

      it('a file sent in chunks keeps its own line numbers', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, license));
        const [a, b] = sampleCodes('CHUNK', 2);
        await okValue(s.codes.importCodes(ADMIN, p.id, { text: `${a}\nbad`, firstLine: 1 }));
        const second = await okValue(s.codes.importCodes(ADMIN, p.id, { text: `${b}\n${b}\nbad\n${a}`, firstLine: 3 }));
        assert.deepEqual(second.problems, [
          { line: 4, problem: 'duplicate-in-file', firstLine: 3 }, { line: 5, problem: 'invalid' }, { line: 6, problem: 'already-imported' },
        ]);
        await rejectsWith(s.codes.importCodes(ADMIN, p.id, { text: a, firstLine: 0 }), 'error.catalog.invalid-fields');
      });

      it('a 10 000-line file: every valid new code imported once, every bad line reported', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, license));
        const codes = sampleCodes('BULKA', 9_990);
        const lines = [...codes];
        for (let i = 0; i < 5; i += 1) lines.splice(i * 1000, 0, `bad-line-${i}`);
        for (let i = 0; i < 5; i += 1) lines.push(codes[i * 100].toLowerCase());
        assert.equal(lines.length, 10_000);
        const report = await okValue(s.codes.importCodes(ADMIN, p.id, { text: lines.join('\r\n') }));
        assert.equal(report.added, 9_990);
        assert.equal(report.problemCount, 10);
        assert.deepEqual(report.problems.filter((x) => x.problem === 'duplicate-in-file').map((x) => x.firstLine), [2, 102, 202, 302, 402]);
        assert.equal(report.poolAvailable, 9_990);
        assert.equal((await okValue(s.catalogAdmin.get(ADMIN, p.id))).stock.total, 9_990);
      });

      it('concurrent claims never hand out one code twice; delivery is idempotent per order', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, license));
        await okValue(s.codes.importCodes(ADMIN, p.id, { text: sampleCodes('RACEA', 60).join('\n') }));
        const orders = Array.from({ length: 80 }, (_, i) => `o${i}`);
        const got = await Promise.all(orders.map((o) => s.codes.deliverToOrder(o, p.id, 1)));
        const all = got.flat();
        assert.equal(all.length, 60);
        assert.equal(new Set(all).size, 60);
        const again = await Promise.all(orders.map((o) => s.codes.deliverToOrder(o, p.id, 1)));
        assert.deepEqual(again, got);
        assert.equal((await okValue(s.codes.poolStatus(ADMIN, p.id))).available, 0);
        assert.equal((await okValue(s.codes.poolStatus(ADMIN, p.id))).sold, 60);
        const winner = orders[got.findIndex((c) => c.length === 1)];
        assert.deepEqual(Object.values(await okValue(s.codes.codesOfOrder({ uid: 7 }, winner, 7))), got[orders.indexOf(winner)]);
        await rejectsWith(s.codes.codesOfOrder({ uid: 8 }, winner, 7), 'error.no-privileges');
      });

      it('claims on an empty pool burn no codes: codes imported later are all still handed out', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, license));
        const [a, b, c, d] = sampleCodes('LATER', 4);
        await okValue(s.codes.importCodes(ADMIN, p.id, { text: `${a}\n${b}` }));
        const first = await Promise.all(['o1', 'o2', 'o3', 'o4'].map((o) => s.codes.deliverToOrder(o, p.id, 1)));
        assert.deepEqual(first.flat().sort(), [a, b].sort());
        await okValue(s.codes.importCodes(ADMIN, p.id, { text: `${c}\n${d}` }));
        const second = await Promise.all(['o5', 'o6', 'o7'].map((o) => s.codes.deliverToOrder(o, p.id, 1)));
        assert.deepEqual(second.flat().sort(), [c, d].sort());
        assert.equal((await okValue(s.codes.poolStatus(ADMIN, p.id))).sold, 4);
      });

      it('several codes for one line, duplicated concurrent deliveries of the same order', async () => {
        const p = await okValue(s.catalogAdmin.create(ADMIN, license));
        await okValue(s.codes.importCodes(ADMIN, p.id, { text: sampleCodes('MULTI', 5).join('\n') }));
        const [x, y] = await Promise.all([s.codes.deliverToOrder('o1', p.id, 3), s.codes.deliverToOrder('o1', p.id, 3)]);
        const final = await s.codes.deliverToOrder('o1', p.id, 3);
        assert.equal(final.length, 3);
        assert.equal(new Set(final).size, 3);
        assert.ok([...x, ...y].every((c) => final.includes(c)));
        assert.equal((await okValue(s.codes.poolStatus(ADMIN, p.id))).available, 2);
      });
    });

    describe('member reading and cart', () => {
      it('members see only products on sale, in their language, with size availability', async () => {
        const ids = await seedCatalog(s, ADMIN);
        await okValue(s.catalogAdmin.setVisibility(ADMIN, ids.mug, 'hidden'));
        const en = await s.catalog.storeHome('en-GB');
        const ru = await s.catalog.storeHome('ru');
        const cards = en.flatMap((g) => g.products);
        assert.ok(!cards.some((c) => c.id === ids.mug));
        assert.equal(en[0].title, 'Licenses');
        assert.equal(ru[0].title, 'Лицензии');
        const shirt = ru.flatMap((g) => g.products).find((c) => c.id === ids.tshirt);
        assert.equal(shirt?.title, 'Футболка клуба «Интернет и технологии»');
        assert.deepEqual(shirt?.sizes.map((z) => [z.label, z.state]), [['S', 'low'], ['M', 'in-stock'], ['L', 'out-of-stock'], ['XL', 'in-stock'], ['XXL', 'low']]);
        assert.equal(await s.catalog.productPage(MEMBER, ids.mug, 'en-GB'), null);
        assert.equal((await s.catalog.productPage(ADMIN, ids.mug, 'en-GB'))?.visibility, 'hidden');
        const bank = await s.catalog.productPage(MEMBER, ids.powerbank, 'en-GB');
        assert.deepEqual(bank?.notices.map((n) => n.key), ['delivery.notice.no-delivery', 'delivery.notice.russia-only-no-pickup'], 'no pickup place: pickup not mentioned');
        assert.deepEqual(bank?.limit, { maxUnits: 1, months: 3, scope: 'product' });
        const kis = await s.catalog.productPage(MEMBER, ids.kis, 'en-GB');
        assert.equal(kis?.needsRegion, true);
        assert.equal(kis?.state, 'in-stock');
      });

      it('add to cart checks size, region, top-up amount, stock and limits', async () => {
        const ids = await seedCatalog(s, ADMIN);
        await rejectsWith(s.cart.add({ uid: 0 }, { productId: ids.mug }), 'error.not-logged-in');
        await rejectsWith(s.cart.add(MEMBER, { productId: ids.tshirt, quantity: 1 }), 'error.catalog.choose-size');
        await rejectsWith(s.cart.add(MEMBER, { productId: ids.tshirt, variantId: 'l' }), 'error.catalog.out-of-stock');
        await rejectsWith(s.cart.add(MEMBER, { productId: ids.tshirt, variantId: 's', quantity: 4 }), 'error.catalog.not-enough-stock');
        await rejectsWith(s.cart.add(MEMBER, { productId: ids.kis }), 'error.catalog.choose-region');
        await rejectsWith(s.cart.add(MEMBER, { productId: ids.kis, region: 'TM' }), 'error.catalog.choose-region');
        await rejectsWith(s.cart.add(MEMBER, { productId: ids.topup, amount: 250 }), 'error.catalog.top-up-amount');
        await rejectsWith(s.cart.add(MEMBER, { productId: ids.powerbank, quantity: 2 }), 'error.catalog.limit-quantity');
        await rejectsWith(s.cart.add(MEMBER, { productId: ids.mug, quantity: 0 }), 'error.catalog.invalid-fields');
        await okValue(s.cart.add(MEMBER, { productId: ids.tshirt, variantId: 'm', quantity: 2 }));
        await okValue(s.cart.add(MEMBER, { productId: ids.tshirt, variantId: 'm', quantity: 1 }));
        await okValue(s.cart.add(MEMBER, { productId: ids.kis, region: 'kz' }));
        const r = await okValue(s.cart.add(MEMBER, { productId: ids.topup, amount: 300 }));
        assert.equal(r.items, 5);
        assert.deepEqual((await okValue(s.cart.lines(MEMBER))).sort((a, b) => a.productId - b.productId), [
          { productId: ids.kis, variantId: null, region: 'KZ', amount: null, quantity: 1 },
          { productId: ids.tshirt, variantId: 'm', region: null, amount: null, quantity: 3 },
          { productId: ids.topup, variantId: null, region: null, amount: 300, quantity: 1 },
        ].sort((a, b) => a.productId - b.productId));
      });
    });
  });
}
