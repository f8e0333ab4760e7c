/**
 * Issue 16 through the fake forum over HTTP: the sellers' page at each stage in both languages,
 * applying (refusals translated and storing nothing, one membership per person), the admin's
 * approval (the forum group), registering pasted codes with a report per line, the review queue,
 * imports, annulment (the balance written off), and club points untouched by all of it.
 */
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { withoutScripts } from '../host/translator';

const API = '/api/v3/plugins';
const code = (prefix: string, n: number) => `${prefix}-00000-00000-${String(n).padStart(5, '0')}`;

describe('retail sellers\' programme pages and API through the fake host', function () {
  this.timeout(60_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  it('the sandbox sellers at their stages, in Russian and English, nothing untranslated', async () => {
    const irina = await fake.agent(uid('irina')).get('/bonus/sellers').expect(200);
    assert.match(irina.text, /Программа для продавцов/);
    assert.match(irina.text, /data-bonus="gate">5 из 5 продаж с последнего заказа приза/);
    assert.match(irina.text, /data-bonus="seller-balance">1[\s\u00a0\u202f]?040 баллов продавца/);
    assert.match(irina.text, /Цифровой дом|KIS2R-00000-00000-00008/);
    assert.doesNotMatch(withoutScripts(irina.text), /\[\[|data-bonus="apply-form"/);

    const denis = await fake.agent(uid('denis')).get('/bonus/sellers?lang=en-GB').expect(200);
    assert.match(denis.text, /data-bonus="gate">1 of 5 sales since your last prize order/);
    assert.match(denis.text, /data-status="pending"[\s\S]*Under review/);
    assert.match(denis.text, /data-bonus="register-form"/);
    assert.doesNotMatch(withoutScripts(denis.text), /\[\[/);

    const timur = await fake.agent(uid('timur')).get('/bonus/sellers').expect(200);
    assert.match(timur.text, /data-bonus="pending"/);
    assert.doesNotMatch(timur.text, /data-bonus="register-form"|data-bonus="apply-form"/);

    for (const lang of ['en-GB', 'ru']) {
      const anna = await fake.agent(uid('anna')).get(`/bonus/sellers?lang=${lang}`).expect(200);
      assert.match(anna.text, /data-bonus="apply-form"/);
      assert.doesNotMatch(withoutScripts(anna.text), /\[\[/);
    }
    await fake.agent(0).get('/bonus/sellers').expect((res) => assert.notEqual(res.status, 200));
  });

  it('applying: each refusal translated and nothing stored; then one membership per person; the admin approves and the member joins the group', async () => {
    const anna = uid('anna');
    const admin = uid('admin');
    const s = fake.plugin.services;
    const products = await s.sellers.products();
    const base = { shopName: 'Мир софта', city: 'Тверь', address: 'Советская, 1', eligible: true, code: code('KIS3A', 1), productId: products[1].id };
    const refusals: [Record<string, unknown>, string][] = [
      [{ ...base, eligible: false }, 'Подтвердите, что вы соответствуете условиям программы.'],
      [{ ...base, shopName: '  ' }, 'Укажите название магазина (до 200 символов).'],
      [{ ...base, code: 'ABCDE-12345' }, 'Это не код с коробки: код состоит из четырёх блоков по пять букв или цифр, например ABCDE-12345-FGHIJ-67890.'],
      [{ ...base, code: code('STOLN', 1) }, 'Этот код нельзя зарегистрировать.'],
      [{ ...base, code: code('KIS2R', 2) }, 'Этот код уже зарегистрирован.'],
      [{ ...base, code: code('KIS2Z', 1), productId: products[0].id }, 'Этого кода нет среди выпущенных кодов выбранного продукта. Проверьте код и продукт.'],
    ];
    for (const [body, message] of refusals) {
      const res = await fake.agent(anna).post(`${API}/bonus/sellers/apply`, body).expect(400);
      assert.equal(res.body.status.message.replace(/\u00a0/g, ' '), message.replace(/\u00a0/g, ' '));
    }
    assert.equal(await s.sellers.member(anna), null, 'a refused application stores nothing');

    const ok = await fake.agent(anna).post(`${API}/bonus/sellers/apply`, base).expect(200);
    assert.equal(ok.body.response.status, 'pending');
    assert.equal(ok.body.response.first.status, 'pending');
    assert.ok(fake.notifications.some((n) => n.notification.type === 'bonus-retail' && n.uids.includes(admin)), 'the admins are told');
    const again = await fake.agent(anna).post(`${API}/bonus/sellers/apply?lang=en-GB`, { ...base, code: code('KIS3A', 2) }).expect(409);
    assert.equal(again.body.status.message, 'You have already applied to the sellers\' programme: one membership per person.');

    await fake.agent(anna).post(`${API}/bonus/admin/sellers/${anna}/approve`, {}).expect(403);
    await fake.agent(admin).post(`${API}/bonus/admin/sellers/${anna}/approve`, {}).expect(200);
    assert.equal(fake.forum.isMember(anna, 'Sellers'), true);
    assert.equal((await s.sellers.member(anna))?.status, 'active');
    await fake.agent(admin).post(`${API}/bonus/admin/sellers/${anna}/approve`, {}).expect(409);
    assert.ok(fake.notifications.some((n) => n.notification.type === 'bonus-retail' && n.uids.includes(anna)));
  });

  it('a seller pastes several codes: a report per line in their language; seller points move, club points do not', async () => {
    const marat = uid('marat');
    const s = fake.plugin.services;
    const club = (await s.ledger.balance(marat)).spendable;
    const before = (await s.sellers.ledger.balance(marat)).spendable;
    const kis2 = (await s.sellers.products())[0].id;
    const codes = [code('KIS2R', 20).toLowerCase().replace(/-/g, ''), 'not a code', code('KIS2R', 1), ` ${code('KIS2R', 21)} `].join('\n');
    const res = await fake.agent(marat).post(`${API}/bonus/sellers/sales`, { productId: kis2, codes }).expect(200);
    const report = res.body.response.report as { line: number; ok: boolean; message: string; code?: string }[];
    assert.deepEqual(report.map((l) => [l.line, l.ok]), [[1, true], [2, false], [3, false], [4, true]]);
    assert.equal(report[0].code, code('KIS2R', 20));
    assert.match(report[0].message, /зарегистрирован, начислено баллов: 20/);
    assert.equal(report[2].message, 'Этот код уже зарегистрирован.');
    assert.equal((await s.sellers.ledger.balance(marat)).spendable, before + 40);
    assert.equal((await s.ledger.balance(marat)).spendable, club, 'no club balance moves on seller activity');

    // not a seller: refused, nothing stored
    const anna = uid('anna');
    const refused = await fake.agent(anna).post(`${API}/bonus/sellers/sales?lang=en-GB`, { productId: kis2, codes: code('KIS2R', 30) }).expect(403);
    assert.equal(refused.body.status.message, 'Only members of the sellers programme can register sales.');
    assert.deepEqual(await s.sellers.sales.sales(anna), []);
  });

  it('the ACP: every tab in both languages; bulk review; product change; import report; annulment writes the balance off', async () => {
    const admin = uid('admin');
    const s = fake.plugin.services;
    for (const tab of ['applications', 'sellers', 'review', 'products', 'lists']) {
      for (const lang of ['en-GB', 'ru']) {
        const res = await fake.agent(admin).get(`/admin/plugins/bonus/sellers?tab=${tab}&lang=${lang}`).expect(200);
        assert.doesNotMatch(withoutScripts(res.text), /\[\[/, `${tab} ${lang}`);
      }
    }
    const apps = await fake.agent(admin).get('/admin/plugins/bonus/sellers?tab=applications&lang=ru').expect(200);
    assert.match(apps.text, /Софт-Маркет[\s\S]*Уфа/);
    await fake.agent(uid('anna')).get('/admin/plugins/bonus/sellers').expect((res) => assert.notEqual(res.status, 200));

    // the review queue: denis's sale approved in bulk; a rejection needs its reason
    const queue = await s.sellers.sales.reviewQueue();
    const denisSale = queue.find((x) => x.uid === uid('denis') && x.status === 'pending')!;
    const noReason = await fake.agent(admin).post(`${API}/bonus/admin/retail/review?lang=en-GB`, { ids: [denisSale.id], decision: 'reject', reason: ' ' }).expect(400);
    assert.equal(noReason.body.status.message, 'Give the reason: the seller will read it.');
    const bulk = await fake.agent(admin).post(`${API}/bonus/admin/retail/review`, { ids: [denisSale.id, denisSale.id], decision: 'approve' }).expect(200);
    assert.equal(bulk.body.response.decided, 1, 'one decision per sale');
    assert.equal((await s.sellers.gate(uid('denis'))).have, 2);

    // products: a bad price refused, a new product added
    await fake.agent(admin).post(`${API}/bonus/admin/retail/products`, { name: 'KIS 5', points: '0', mode: 'review' }).expect(400);
    await fake.agent(admin).post(`${API}/bonus/admin/retail/products`, { name: 'KIS <b>5</b>', points: '35', mode: 'review' }).expect(200);
    const page = await fake.agent(admin).get('/admin/plugins/bonus/sellers?tab=products&lang=en-GB').expect(200);
    assert.match(page.text, /value="KIS &lt;b&gt;5&lt;\/b&gt;"/);

    // import: added, repeated, malformed lines by number
    const kis2 = (await s.sellers.products())[0].id;
    const imp = await fake.agent(admin).post(`${API}/bonus/admin/retail/import`, {
      list: 'registry', productId: kis2, text: [code('KIS2R', 1), code('KIS2R', 100), 'oops', code('KIS2R', 100).toLowerCase()].join('\n'),
    }).expect(200);
    assert.deepEqual(imp.body.response.report, { added: 1, duplicates: 2, malformed: [{ line: 3, raw: 'oops' }] });

    // annulment: the balance written off in the ledger, out of the group, told; no second application
    const irina = uid('irina');
    assert.equal(fake.forum.isMember(irina, 'Sellers'), true);
    const balance = (await s.sellers.ledger.balance(irina)).spendable;
    assert.ok(balance > 0);
    await fake.agent(admin).post(`${API}/bonus/admin/sellers/${irina}/annul`, { reason: '' }).expect(400);
    await fake.agent(admin).post(`${API}/bonus/admin/sellers/${irina}/annul`, { reason: 'Codes from <b>another</b> shop' }).expect(200);
    assert.equal((await s.sellers.ledger.balance(irina)).spendable, 0);
    assert.equal(fake.forum.isMember(irina, 'Sellers'), false);
    const history = await s.sellers.ledger.history(irina, 1);
    assert.equal(history.entries[0].reason, 'retail-annulled');
    assert.equal(history.entries[0].amount, balance);
    const seen = await fake.agent(irina).get('/bonus/sellers').expect(200);
    assert.match(seen.text, /data-bonus="annulled"[\s\S]*Codes from &lt;b&gt;another&lt;\/b&gt; shop/);
    const reapply = await fake.agent(irina).post(`${API}/bonus/sellers/apply`, { shopName: 'X', city: 'Y', address: 'Z', eligible: true, code: code('KIS3I', 1), productId: kis2 }).expect(409);
    assert.match(reapply.body.status.message, /аннулировано/);
  });

  it('declining an application rejects its first sale with the reason; the member may apply again', async () => {
    const admin = uid('admin');
    const timur = uid('timur');
    const s = fake.plugin.services;
    await fake.agent(admin).post(`${API}/bonus/admin/sellers/${timur}/reject`, { reason: 'Shop not found at this address' }).expect(200);
    assert.equal((await s.sellers.member(timur))?.status, 'rejected');
    const [sale] = await s.sellers.sales.sales(timur);
    assert.equal(sale.status, 'rejected');
    assert.equal(sale.reason, 'Shop not found at this address');
    const page = await fake.agent(timur).get('/bonus/sellers').expect(200);
    assert.match(page.text, /data-bonus="rejected"[\s\S]*Shop not found at this address/);
    assert.match(page.text, /data-bonus="apply-form"/);
    const kis3 = (await s.sellers.products())[1].id;
    await fake.agent(timur).post(`${API}/bonus/sellers/apply`, { shopName: 'Софт-Маркет', city: 'Уфа', address: 'ул. Ленина, 41', eligible: true, code: code('KIS3T', 2), productId: kis3 }).expect(200);
    assert.equal((await s.sellers.member(timur))?.status, 'pending');
  });

  it('a box photo attached to a registration shows in the review queue; an unsafe address is refused and nothing registered', async () => {
    const denis = uid('denis');
    const admin = uid('admin');
    const kis3 = (await fake.plugin.services.sellers.products())[1].id;
    const bad = await fake.agent(denis).post(`${API}/bonus/sellers/sales?lang=en-GB`, { productId: kis3, codes: code('KIS3P', 1), photo: 'javascript:alert(1)' }).expect(400);
    assert.equal(bad.body.status.message, 'The box photo must be an uploaded picture or an http(s) address.');
    assert.equal((await fake.plugin.services.sellers.sales.sales(denis)).some((x) => x.code === code('KIS3P', 1)), false);
    await fake.agent(denis).post(`${API}/bonus/sellers/sales`, { productId: kis3, codes: code('KIS3P', 1), photo: '/assets/uploads/files/box-1.jpg' }).expect(200);
    // filtered by member and by product: only denis's photo sale; another member's filter shows none of it
    const filtered = await fake.agent(admin).get(`/admin/plugins/bonus/sellers?tab=review&product=${kis3}&kind=pending&member=denis&lang=en-GB`).expect(200);
    assert.equal([...filtered.text.matchAll(/data-bonus="sale" data-id=/g)].length, (await fake.plugin.services.sellers.sales.reviewQueue(100, (x) => x.uid === denis && x.productId === kis3 && x.status === 'pending')).length);
    assert.match(filtered.text, /KIS3P-00000-00000-00001/);
    const other = await fake.agent(admin).get('/admin/plugins/bonus/sellers?tab=review&member=irina&lang=en-GB').expect(200);
    assert.doesNotMatch(other.text, /KIS3P-00000-00000-00001/);
    const queue = await fake.agent(admin).get('/admin/plugins/bonus/sellers?tab=review&lang=en-GB').expect(200);
    assert.match(queue.text, /KIS3P-00000-00000-00001<div><a href="\/assets\/uploads\/files\/box-1.jpg"[^>]*data-bonus="box-photo"><img src="\/assets\/uploads\/files\/box-1.jpg"/);
  });
});
