/**
 * Issue 21, items 1 and 3 through the fake forum on the sandbox's data: the ACP dashboard (the ACP
 * home, its section links kept) and the member overview render for an admin in both languages and
 * are refused to members; the dashboard's figures are the aggregates', per period.
 */
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { withoutScripts } from '../host/translator';

/** The page's visible part (the page data NodeBB embeds for the client keeps its tokens). */
const visible = withoutScripts;

describe('economy: the ACP dashboard and the member overview', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;

  before(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  it('the dashboard shows both programmes\' figures, loans, orders and checks, and keeps the section links, in both languages', async () => {
    const admin = fake.agent(uid('admin'));
    const en = visible((await admin.get('/admin/plugins/bonus?lang=en-GB').expect(200)).text);
    assert.match(en, /Liability \(points in balances\)/);
    assert.match(en, /Issued and spent per day/);
    assert.match(en, /Orders by status/);
    assert.match(en, /Code pools running low/);
    assert.match(en, /data-programme="club"/);
    assert.match(en, /data-programme="sellers"/);
    assert.match(en, /href="\/admin\/plugins\/bonus\/catalog"/, 'the section links are kept');
    assert.match(en, /href="\/admin\/plugins\/bonus\/members"/);
    assert.doesNotMatch(en, /\[\[bonus:/, 'every key is translated');
    const ru = visible((await admin.get('/admin/plugins/bonus?lang=ru').expect(200)).text);
    assert.match(ru, /Обязательства \(баллы на счетах\)/);
    assert.match(ru, /Заказы по статусам/);
    assert.doesNotMatch(ru, /\[\[bonus:/);
    // the JSON twin: the period and the figures equal the aggregates
    const data = (await admin.get('/api/admin/plugins/bonus?period=7').expect(200)).body;
    assert.equal(data.period, 7);
    const club = data.programmes.find((p: { programme: string }) => p.programme === 'club');
    assert.equal(club.days.length, 7);
    const totals = (await fake.plugin.services.economy.figures('club', 7, fake.clock.now())).totals;
    assert.equal(club.liability, totals.posted);
    assert.ok(club.liability > 0, 'the demo members have points');
    assert.equal((await admin.get('/api/admin/plugins/bonus?period=12').expect(200)).body.period, 30, 'another period: 30 days');
    // the period buttons count days in Russian with their plural forms
    const periods = (await admin.get('/admin/plugins/bonus?lang=ru').expect(200)).text;
    for (const days of ['7 дней', '30 дней', '90 дней']) assert.match(periods, new RegExp(`>${days}</a>`));
    assert.ok(Array.isArray(data.orders) && data.orders.some((o: { count: number }) => o.count > 0));
  });

  it('members are refused the dashboard, the overview and the rebuild', async () => {
    const anna = fake.agent(uid('anna'));
    await anna.get('/admin/plugins/bonus').expect(403);
    await anna.get('/admin/plugins/bonus/members?member=anna').expect(403);
    await anna.post('/api/v3/plugins/bonus/economy/rebuild', { repair: true }).expect(403);
  });

  it('the rebuild button\'s API checks the figures and the dashboard shows the result', async () => {
    const admin = fake.agent(uid('admin'));
    const r = (await admin.post('/api/v3/plugins/bonus/economy/rebuild', {}).expect(200)).body.response;
    assert.equal(r.agree, true, JSON.stringify(r.programmes));
    const en = (await admin.get('/admin/plugins/bonus?lang=en-GB').expect(200)).text;
    assert.match(en, /The figures agree with the journal \(checked on/);
  });

  it('the member overview finds a member and shows balances, history, orders, loans, licences and seller status, in both languages', async () => {
    const admin = fake.agent(uid('admin'));
    const empty = (await admin.get('/admin/plugins/bonus/members?lang=en-GB').expect(200)).text;
    assert.match(empty, /Member overview/);
    const missing = (await admin.get('/admin/plugins/bonus/members?member=nobody-here&lang=en-GB').expect(200)).text;
    assert.match(missing, /No member is called nobody-here\./);
    for (const name of ['anna', 'pavel', 'olga']) {
      const en = visible((await admin.get(`/admin/plugins/bonus/members?member=${name}&lang=en-GB`).expect(200)).text);
      assert.match(en, /data-bonus="balances"/);
      assert.match(en, /Recent points history \(club\)/);
      assert.match(en, /Sellers&#x27;? programme|Sellers' programme/);
      assert.doesNotMatch(en, /\[\[bonus:/, `${name}: every key translated`);
      const ru = visible((await admin.get(`/admin/plugins/bonus/members?member=${name}&lang=ru`).expect(200)).text);
      assert.match(ru, /Обзор участника/);
      assert.doesNotMatch(ru, /\[\[bonus:/, `${name}: every key translated (ru)`);
    }
    const json = (await admin.get('/api/admin/plugins/bonus/members?member=anna').expect(200)).body;
    const balance = await fake.plugin.services.ledger.balance(uid('anna'));
    assert.equal(json.balances[0].spendable, balance.spendable);
    assert.ok(json.hasHistory);
    // spending shows as spending: olga's paid order is a minus in her history, a credit a plus
    const olga = (await admin.get('/api/admin/plugins/bonus/members?member=olga').expect(200)).body as { history: { amount: string; kind: string }[] };
    assert.ok(olga.history.some((h) => (h.kind === 'hold' || h.kind === 'capture') && /^\u2212/.test(h.amount)), JSON.stringify(olga.history));
    assert.ok(olga.history.some((h) => h.kind === 'credit' && /^\+/.test(h.amount)), JSON.stringify(olga.history));
  });
});
