/**
 * Issue 16, items 5–6: the sellers' prize shop on the sandbox's data through the fake forum. Prizes
 * are seen and bought by active sellers only, in seller points; an order is paid in one programme's
 * points; the gate (5 accepted sales since joining or the last prize order) is checked at payment
 * under the member's lock, resets, and comes back when the order is cancelled in full; prizes ship
 * within Russia only and by a date the ACP watches; gift cards come as codes from their pools.
 */
import type { Result } from '../../lib/kernel/result';
import { okValue, asThrown, settleAll, refuses } from '../host/results';
import assert from 'node:assert/strict';
import { BonusError } from '../../lib/kernel/errors';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { crashAfterWrites } from '../ledger/backends';
import { createServices } from '../../lib/services';
import { withoutScripts } from '../host/translator';

const API = '/api/v3/plugins';
const DAY = 86_400_000;
const CONTACT = { name: 'Ирина Соколова', email: 'irina@example.org', phone: '+7 900 000-00-00' };
const RU = { method: 'delivery', country: 'RU', city: 'Самара', address: 'пр. Ленина, 5', postcode: '443000' };

const refusedWith = (p: Promise<Result<unknown>>, code: string) => refuses(p, code, code);

describe('sellers\' prize shop through the fake host', function () {
  this.timeout(60_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const product = async (programme: 'club' | 'sellers', en: string) => {
    const all = await fake.plugin.services.catalog.products.allProducts();
    return all.find((p) => p.programme === programme && p.title['en-GB'] === en)!;
  };
  const ready = async (u: number) => {
    await okValue(fake.plugin.services.checkout.saveContact({ uid: u }, CONTACT));
    await okValue(fake.plugin.services.checkout.saveDelivery({ uid: u }, RU));
  };

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  it('only active sellers see and buy prizes: the store, the product page, the cart and the prize shop', async () => {
    const s = fake.plugin.services;
    const mug = await product('sellers', 'Mug');
    const anna = uid('anna');
    const clubStore = await fake.agent(anna).get('/bonus/store?lang=en-GB').expect(200);
    assert.doesNotMatch(clubStore.text, /seller point/, 'no prize in the club store');
    await fake.agent(anna).get(`/bonus/store/product/${mug.id}`).expect(404);
    await refusedWith(s.cart.add({ uid: anna }, { productId: mug.id, quantity: 1 }), 'error.catalog.not-on-sale');
    const redirected = await fake.agent(anna).get('/bonus/sellers/prizes');
    assert.ok(redirected.status === 302 || redirected.status === 307, String(redirected.status));
    assert.match(String(redirected.headers.location), /\/bonus\/sellers$/);
    // timur has applied and waits: not a seller yet
    await refusedWith(s.cart.add({ uid: uid('timur') }, { productId: mug.id, quantity: 1 }), 'error.catalog.not-on-sale');

    const irina = uid('irina');
    for (const [lang, price, gate] of [['en-GB', /200 seller points/, /5 of 5 sales since your last prize order/], ['ru', /200 баллов продавца/, /5 из 5 продаж с последнего заказа приза/]] as const) {
      const shop = await fake.agent(irina).get(`/bonus/sellers/prizes?lang=${lang}`).expect(200);
      assert.match(shop.text, price);
      assert.match(shop.text, gate);
      assert.doesNotMatch(withoutScripts(shop.text), /\[\[|Club T-shirt|Футболка клуба/, 'no club item, nothing untranslated');
      const page = await fake.agent(irina).get(`/bonus/store/product/${mug.id}?lang=${lang}`).expect(200);
      assert.match(page.text, price);
    }
  });

  it('an order is paid in one programme: a cart never mixes them, and each programme\'s balance moves alone', async () => {
    const s = fake.plugin.services;
    const irina = uid('irina');
    const M = { uid: irina };
    await ready(irina);
    await s.ledger.credit({ uid: irina, amount: 2000, key: 'test:irina:club', reason: 'other' });
    const clubMug = await product('club', 'Kaspersky Internet Security, 1 year, 2 devices');
    const prizeMug = await product('sellers', 'Mug');
    await okValue(s.cart.add(M, { productId: clubMug.id, quantity: 1, region: 'RU' }));
    const mixed = await fake.agent(irina).post(`${API}/bonus/store/cart?lang=en-GB`, { productId: prizeMug.id, quantity: 1 }).expect(400);
    assert.match(mixed.body.status.message, /another programme \(Club\)/);
    assert.deepEqual((await okValue(s.cart.lines(M))).map((l) => l.productId), [clubMug.id]);

    const sellerBefore = (await s.sellers.ledger.balance(irina)).spendable;
    const club = await okValue(s.checkout.pay(M, { idempotencyKey: 'club-order-1' }));
    assert.equal(club.order.programme, 'club');
    assert.equal(club.order.shipBy, null);
    assert.equal((await s.ledger.balance(irina)).spendable, 200);
    assert.equal((await s.sellers.ledger.balance(irina)).spendable, sellerBefore, 'a club order moves no seller point');
    assert.deepEqual(await s.sellers.gate(irina), { have: 5, need: 5, open: true }, 'nor the gate');

    await okValue(s.cart.add(M, { productId: prizeMug.id, quantity: 2 }));
    // a promo code is the club's
    await refusedWith(s.checkout.pay(M, { idempotencyKey: 'prize-order-0', promoCode: 'ANY' }), 'error.checkout.promo-club-only');
    const prize = await okValue(s.checkout.pay(M, { idempotencyKey: 'prize-order-1' }));
    assert.equal(prize.order.programme, 'sellers');
    assert.equal(prize.order.total, 400);
    assert.equal(prize.order.shipBy, prize.order.createdAt + 30 * DAY);
    assert.equal((await s.sellers.ledger.balance(irina)).spendable, sellerBefore - 400);
    assert.equal((await s.ledger.balance(irina)).spendable, 200, 'a prize order moves no club point');
    const history = await s.sellers.ledger.history(irina, 1, 5);
    assert.ok(history.entries.some((e) => e.kind === 'capture' && Math.abs(e.amount) === 400), 'the prize is in the sellers\' history');

    // a cart that became mixed anyway (two adds racing) is refused as a whole at payment
    await s.cart.store.add(irina, { productId: clubMug.id, variantId: null, region: 'RU', amount: null }, 1);
    await s.cart.store.add(irina, { productId: prizeMug.id, variantId: null, region: null, amount: null }, 1);
    await refusedWith(s.checkout.pay(M, { idempotencyKey: 'mixed-order' }), 'error.checkout.mixed-programmes');
  });

  it('the gate: closed below five sales (nothing taken); two parallel prize orders on the same five sales → one; reset after it, back when cancelled in full', async () => {
    const s = fake.plugin.services;
    const admin = { uid: uid('admin') };
    const marat = uid('marat');
    await ready(marat);
    await s.sellers.ledger.credit({ uid: marat, amount: 1000, key: 'test:marat:points', reason: 'other' });
    const mug = await product('sellers', 'Mug');
    await okValue(s.cart.add({ uid: marat }, { productId: mug.id, quantity: 1 }));
    const cart = await fake.agent(marat).get('/bonus/cart?lang=en-GB').expect(200);
    assert.match(cart.text, /A prize order needs accepted sales since your last prize order: 5; you have 2\./);
    const stock = async () => (await okValue(s.catalogAdmin.get(admin, mug.id))).stock.total;
    const stockBefore = await stock();
    await refusedWith(s.checkout.pay({ uid: marat }, { idempotencyKey: 'marat-prize-1' }), 'error.checkout.prize-gate');
    assert.equal((await s.sellers.ledger.balance(marat)).spendable, 1040, 'no point taken');
    assert.equal(await stock(), stockBefore, 'no unit taken');
    assert.deepEqual((await okValue(s.orders.memberOrders({ uid: marat }))).length, 0);

    // the gate's count takes its plural form in Russian whatever the setting ("из 1 продажи", "из 21 продажи")
    for (const [need, text] of [['1', /1 из 1 продажи с последнего заказа приза/], ['21', /2 из 21 продажи с последнего заказа приза/]] as const) {
      await okValue(s.settings.update({ retailGateSales: need }));
      assert.match((await fake.agent(marat).get('/bonus/sellers?lang=ru').expect(200)).text, text);
    }
    await okValue(s.settings.update({ retailGateSales: '5' }));

    const irina = uid('irina');
    await ready(irina);
    const thermo = await product('sellers', 'Cooler bag');
    await okValue(s.cart.add({ uid: irina }, { productId: mug.id, quantity: 1 }));
    // two tabs pay for the same cart with different keys at once: the gate lets one through
    const results = await settleAll([
      s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-tab-a' }),
      s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-tab-b' }),
    ]);
    const paid = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(paid.length, 1, 'exactly one prize order');
    assert.equal(refused.length, 1);
    assert.ok(refused[0].reason instanceof BonusError && ['error.checkout.prize-gate', 'error.checkout.empty-cart'].includes(refused[0].reason.code), String(refused[0].reason));
    assert.equal((await s.sellers.ledger.balance(irina)).spendable, 1040 - 200, 'paid once');
    assert.deepEqual(await s.sellers.gate(irina), { have: 0, need: 5, open: false }, 'the five sales are used');

    // the next prize needs five new sales
    await okValue(s.cart.add({ uid: irina }, { productId: thermo.id, quantity: 1 }));
    await refusedWith(s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-second' }), 'error.checkout.prize-gate');

    // the admin cancels the paid order in full: points, the unit and the sales come back
    const order = (paid[0] as PromiseFulfilledResult<{ order: { id: number } }>).value.order;
    await okValue(s.orders.setStatus(admin, order.id, { status: 'cancelled', note: 'Нет в наличии' }));
    assert.equal((await s.sellers.ledger.balance(irina)).spendable, 1040);
    assert.deepEqual(await s.sellers.gate(irina), { have: 5, need: 5, open: true });
    // cancelling is idempotent: the sales are not given back twice
    await asThrown(s.orders.setStatus(admin, order.id, { status: 'cancelled', note: '' })).catch(() => undefined);
    assert.deepEqual(await s.sellers.gate(irina), { have: 5, need: 5, open: true });
    const second = await okValue(s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-second-again' }));
    assert.equal(second.order.total, 1000);
    // the ACP's sellers list names the last prize order; the Points page shows the seller balance beside the club's
    const list = await fake.agent(admin.uid).get('/admin/plugins/bonus/sellers?tab=sellers&lang=en-GB').expect(200);
    assert.match(list.text, new RegExp(`data-bonus="last-prize">last prize: order #${second.order.id}<`));
    const points = await fake.agent(irina).get('/bonus/points?lang=ru').expect(200);
    assert.match(points.text, /data-bonus="seller-spendable">40 баллов продавца</);
    const annaPoints = await fake.agent(uid('anna')).get('/bonus/points?lang=ru').expect(200);
    assert.doesNotMatch(annaPoints.text, /data-bonus="seller-programme"/);
  });

  it('prizes ship within Russia only, by a date the seller sees and the ACP flags once it has passed', async () => {
    const s = fake.plugin.services;
    const irina = uid('irina');
    await ready(irina);
    const mug = await product('sellers', 'Mug');
    await okValue(s.cart.add({ uid: irina }, { productId: mug.id, quantity: 1 }));
    await okValue(s.checkout.saveDelivery({ uid: irina }, { ...RU, country: 'KZ', city: 'Алматы', postcode: '050000' }));
    await refusedWith(s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-kz' }), 'error.checkout.prizes-russia-only');
    await okValue(s.checkout.saveDelivery({ uid: irina }, RU));
    const { order } = await okValue(s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-ru' }));

    const admin = uid('admin');
    const own = await fake.agent(irina).get(`/bonus/orders/${order.id}?lang=en-GB`).expect(200);
    assert.match(own.text, /data-bonus="ship-by"[^>]*>\s*<i[^>]*><\/i> Ships by /);
    assert.doesNotMatch(own.text, /Late/);
    let tab = await fake.agent(admin).get('/admin/plugins/bonus/sellers?tab=prizes&lang=en-GB').expect(200);
    assert.match(tab.text, /data-bonus="no-overdue"/);

    fake.clock.advance(31 * DAY);
    tab = await fake.agent(admin).get('/admin/plugins/bonus/sellers?tab=prizes&lang=en-GB').expect(200);
    assert.match(tab.text, new RegExp(`data-order-id="${order.id}"`));
    const list = await fake.agent(admin).get('/admin/plugins/bonus/orders?lang=en-GB').expect(200);
    assert.match(list.text, /data-bonus="late"/);
    const late = await fake.agent(irina).get(`/bonus/orders/${order.id}?lang=ru`).expect(200);
    assert.match(late.text, /Просрочен/);

    // shipped: no longer late, off the ACP's list
    await okValue(s.orders.setStatus({ uid: admin }, order.id, { status: 'processing', note: '' }));
    await okValue(s.orders.setStatus({ uid: admin }, order.id, { status: 'shipped', note: 'RA123456789RU' }));
    tab = await fake.agent(admin).get('/admin/plugins/bonus/sellers?tab=prizes&lang=en-GB').expect(200);
    assert.doesNotMatch(tab.text, new RegExp(`data-order-id="${order.id}"`));
  });

  it('gift cards come as codes from their pool, in the shop\'s own format; the pool is their stock', async () => {
    const s = fake.plugin.services;
    const admin = { uid: uid('admin') };
    const ozon = await product('sellers', 'Ozon gift card');
    const report = await okValue(s.codes.importCodes(admin, ozon.id, { text: 'OZON1234ABCD5678\n1234-5678-9012\nbad code\nOZON1234ABCD5678' }));
    assert.equal(report.added, 2);
    assert.deepEqual(report.problems.map((p) => p.problem), ['invalid', 'duplicate-in-file']);
    await refusedWith(s.catalogAdmin.adjustStock(admin, ozon.id, { delta: 5, reason: 'by hand' }), 'error.catalog.license-stock-from-codes');
    const irina = uid('irina');
    await ready(irina);
    await okValue(s.cart.add({ uid: irina }, { productId: ozon.id, quantity: 1 }));
    const { order } = await okValue(s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-ozon' }));
    const state = await okValue(s.orders.mustView({ uid: irina }, order.id));
    assert.equal(state.awaitingCodes, false);
    const codes = (await okValue(s.orders.codesByLine({ uid: irina }, state))).get(0) ?? [];
    assert.equal(codes.length, 1);
    assert.equal((await okValue(s.catalogAdmin.get(admin, ozon.id))).pool?.available, 5 + 2 - 1);
  });

  it('a crash after any write of a prize payment, then recovery and a retry: one order, seller points and the gate used once, club points untouched', async function () {
    this.timeout(600_000);
    let n = 0;
    for (;; n += 1) {
      fake = await createFakeHost();
      await seedDemo(fake);
      const s = fake.plugin.services;
      const irina = uid('irina');
      await ready(irina);
      await s.sellers.ledger.credit({ uid: irina, amount: 500, key: 'test:irina:more', reason: 'other' });
      const club = await s.ledger.balance(irina);
      await okValue(s.cart.add({ uid: irina }, { productId: (await product('sellers', 'Mug')).id, quantity: 1 }));
      await okValue(s.cart.add({ uid: irina }, { productId: (await product('sellers', 'Ozon gift card')).id, quantity: 1 }));
      // the host's ports are read through its prototype (lib/kernel/best-effort.ts): only the database is swapped
      const crashing = createServices(Object.assign(Object.create(s.host) as typeof s.host, { db: crashAfterWrites(s.host.db, n) }));
      let crashed = false;
      try {
        await okValue(crashing.checkout.pay({ uid: irina }, { idempotencyKey: 'crash-prize-1' }));
      } catch (err) {
        if (err instanceof BonusError) throw err;
        crashed = true;
      }
      fake.clock.advance(10 * 60_000);
      await s.checkout.recover();
      assert.equal((await s.sellers.ledger.balance(irina)).held, 0, `n=${n}: nothing stays held`);
      const { order } = await okValue(s.checkout.pay({ uid: irina }, { idempotencyKey: 'crash-prize-1' }));
      assert.equal(order.total, 1200);
      assert.equal((await okValue(s.orders.memberOrders({ uid: irina }))).length, 1, `n=${n}: one order`);
      assert.equal((await s.sellers.ledger.balance(irina)).spendable, 1540 - 1200, `n=${n}: paid once`);
      assert.deepEqual(await s.ledger.balance(irina), club, `n=${n}: club points untouched`);
      assert.deepEqual(await s.sellers.gate(irina), { have: 0, need: 5, open: false }, `n=${n}: the sales used`);
      assert.equal(await s.sellers.store.gateUsed(irina), 7, `n=${n}: used once, by this order`);
      await s.orders.deliverAwaitingCodes();
      const state = await okValue(s.orders.mustView({ uid: irina }, order.id));
      assert.equal((await okValue(s.orders.codesByLine({ uid: irina }, state))).get(1)?.length, 1, `n=${n}: the gift card's code is delivered`);
      if (process.env.DEBUG_CRASH) console.log('n', n, crashed, Date.now());
      if (!crashed) break;
    }
    assert.ok(n > 15, `the payment has ${n} writes`);
  });

  it('tax records: each prize recorded with its value; above the threshold it ships only after the seller\'s details; admins see and export a year; gone with the account', async () => {
    const s = fake.plugin.services;
    const admin = uid('admin');
    const irina = uid('irina');
    await ready(irina);
    await okValue(s.settings.update({ retailTaxThreshold: '900' }));
    await okValue(s.cart.add({ uid: irina }, { productId: (await product('sellers', 'Cooler bag')).id, quantity: 1 }));
    const { order } = await okValue(s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-cooler' }));
    await okValue(s.orders.setStatus({ uid: admin }, order.id, { status: 'processing', note: '' }));
    await refusedWith(s.orders.setStatus({ uid: admin }, order.id, { status: 'shipped', note: '' }), 'error.orders.tax-details-required');
    const page = await fake.agent(irina).get('/bonus/sellers?lang=en-GB').expect(200);
    assert.match(page.text, /data-bonus="tax-needed"[^>]*>Your prizes exceed 900 roubles/);
    const own = await fake.agent(irina).get(`/bonus/orders/${order.id}?lang=ru`).expect(200);
    assert.match(own.text, /data-bonus="tax-pending"[^>]*>Этот приз дороже налогового порога/);

    // refused field by field in the member's language, nothing stored
    const details = { fullName: 'Соколова Ирина Петровна', birthDate: '1990-04-12', address: 'Самара, пр. Ленина, 5, кв. 7', taxNumber: '631234567890' };
    const bad = await fake.agent(irina).put(`${API}/bonus/sellers/tax-details?lang=ru`, { ...details, taxNumber: '12345' }).expect(400);
    assert.equal(bad.body.status.message, 'Проверьте поле «ИНН (12 цифр)».');
    await fake.agent(irina).put(`${API}/bonus/sellers/tax-details`, { ...details, birthDate: '1990-02-30' }).expect(400);
    assert.equal(await s.sellers.tax.details(irina), null);
    await fake.agent(irina).put(`${API}/bonus/sellers/tax-details`, details).expect(200);
    await okValue(s.orders.setStatus({ uid: admin }, order.id, { status: 'shipped', note: 'RA1' }));

    // only admins see the details; the year exports as CSV with the prize and its value
    await fake.agent(irina).get('/admin/plugins/bonus/sellers?tab=tax').expect((res) => assert.notEqual(res.status, 200));
    await fake.agent(irina).get(`${API}/bonus/admin/retail/tax/export?year=2026`).expect(403);
    const tab = await fake.agent(admin).get('/admin/plugins/bonus/sellers?tab=tax&year=2026&lang=ru').expect(200);
    assert.match(tab.text, /data-bonus="tax-row"[\s\S]*Соколова Ирина Петровна[\s\S]*631234567890/);
    const csv = await fake.agent(admin).get(`${API}/bonus/admin/retail/tax/export?year=2026`).expect(200);
    assert.equal(csv.body.response.filename, 'seller-prizes-2026.csv');
    assert.match(csv.body.response.csv, /irina.*Соколова Ирина Петровна.*631234567890.*Сумка-холодильник.*1000/);

    // a cancelled prize is not a prize received
    await okValue(s.cart.add({ uid: irina }, { productId: (await product('sellers', 'Mug')).id, quantity: 1 }));
    await s.sellers.ledger.credit({ uid: irina, amount: 5 * 20, key: 'test:irina:x', reason: 'other' });
    // (the gate: the cooler used her five sales; a sixth order needs five more, so register them)
    const kis2 = (await s.sellers.products())[0].id;
    await okValue(s.sellers.register({ uid: irina }, [20, 21, 22, 23, 24].map((n) => `KIS2R-00000-00000-000${n}`).join('\n'), kis2));
    const mug = await okValue(s.checkout.pay({ uid: irina }, { idempotencyKey: 'irina-mug-tax' }));
    assert.equal((await okValue(s.sellers.tax.year({ uid: admin }, 2026)))[0].records.length, 2);
    await okValue(s.orders.setStatus({ uid: admin }, mug.order.id, { status: 'cancelled', note: '' }));
    assert.deepEqual((await okValue(s.sellers.tax.year({ uid: admin }, 2026)))[0].records.map((r) => r.value), [1000]);

    // the member's data on request: details and records go
    await fake.plugin.action('static:user.delete', { uid: irina } as never);
    assert.equal(await s.sellers.tax.details(irina), null);
    assert.deepEqual(await okValue(s.sellers.tax.year({ uid: admin }, 2026)), []);
  });

  it('ACP operations choose the programme: seller points only for active sellers, club points untouched, nothing published', async () => {
    const s = fake.plugin.services;
    const admin = uid('admin');
    const irina = uid('irina');
    const club = await s.ledger.balance(irina);
    const seller = (await s.sellers.ledger.balance(irina)).spendable;
    const posts = fake.forum.posts.size;
    const refused = await fake.agent(admin).post(`${API}/bonus/operations?lang=en-GB`, {
      operationKey: 'sellers-op-0001', programme: 'sellers', usernames: ['irina', 'anna'], direction: 'award', amount: 100, reason: 'event', comment: '',
    }).expect(400);
    assert.equal(refused.body.status.message, 'Not active sellers, so they have no seller points: anna.');
    assert.equal((await s.sellers.ledger.balance(irina)).spendable, seller, 'nothing written');
    await fake.agent(admin).post(`${API}/bonus/operations`, {
      operationKey: 'sellers-op-0002', programme: 'sellers', usernames: ['irina'], direction: 'award', amount: 100, reason: 'event', comment: 'Выставка',
    }).expect(200);
    assert.equal((await s.sellers.ledger.balance(irina)).spendable, seller + 100);
    assert.deepEqual(await s.ledger.balance(irina), club);
    assert.equal(fake.forum.posts.size, posts, 'the club\'s operations topic is not told');
    const page = await fake.agent(admin).get('/admin/plugins/bonus/operations?lang=ru').expect(200);
    assert.match(page.text, /\+100<div[^>]*data-bonus="op-sellers">Программа продавцов/);
  });
});
