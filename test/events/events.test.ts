/**
 * Issue 17 through the fake forum on the sandbox's data: the contest's phases, one vote per member
 * under parallel votes, the own-entry refusal, hidden counts in the page JSON until the results,
 * jury places paid once however often the admin or the jobs repeat; the draw's frozen list and
 * hash stay as frozen, a bad rate changes nothing, and the published page recomputes the winner.
 */
import assert from 'node:assert/strict';
import { okValue, refuses } from '../host/results';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { draw, listHash, sha256 } from '../../lib/modules/events/domain-draw';
import { ContestService } from '../../lib/modules/events';
import { Announcer } from '../../lib/modules/publishing';
import { withoutScripts } from '../host/translator';

const D = 86_400_000;
const SEPT = '2026-09';
const OCT_2 = Date.parse('2026-10-02T09:00:00Z');

describe('sellers\' monthly events through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const balance = async (name: string) => (await fake.plugin.services.sellers.ledger.balance(uid(name))).spendable;
  /** Voters of the demo: accounts a year old (the rule's account age), posts as they have them. */
  const ageAccounts = () => { for (const u of fake.forum.users.values()) u.joindate -= 365 * D; };

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  it('entries, one vote per member under parallel votes, no own vote, hidden counts, places paid once', async () => {
    const s = fake.plugin.services;
    const c = s.contest;
    const admin = { uid: uid('admin') };
    // entering: sellers only, one per month, the same photo never twice, a caption, an upload of this forum
    for (const name of ['a.jpg', 'i.jpg', 'i2.jpg', 'race1.jpg', 'race2.jpg', 'm.jpg', 'd.png']) fake.forum.upload(name, `the photo ${name}`);
    await refuses(c.enter({ uid: uid('irina') }, { image: 'https://elsewhere.example/window.jpg', caption: 'Shop' }), 'error.events.image-not-uploaded');
    await refuses(c.enter({ uid: uid('irina') }, { image: '/assets/uploads/files/never-uploaded.jpg', caption: 'Shop' }), 'error.events.image-not-uploaded');
    await refuses(c.enter({ uid: uid('anna') }, { image: '/assets/uploads/files/a.jpg', caption: 'Shop' }), 'error.events.not-a-seller');
    await refuses(c.enter({ uid: uid('irina') }, { image: 'javascript:alert(1)', caption: 'Shop' }), 'error.events.image');
    await refuses(c.enter({ uid: uid('irina') }, { image: '/assets/uploads/files/i.jpg', caption: '  ' }), 'error.events.caption');
    const irina = await okValue(c.enter({ uid: uid('irina') }, { image: '/assets/uploads/files/i.jpg', caption: '<b>Цифровой дом</b> [[bonus:home.title]]' }));
    await refuses(c.enter({ uid: uid('irina') }, { image: '/assets/uploads/files/i2.jpg', caption: 'Again' }), 'error.events.entry-limit');
    // two tabs of one seller enter at once: one entry (the other is refused, by the lock or the limit)
    const racing = await Promise.all([1, 2].map((n) => c.enter({ uid: uid('denis') }, { image: `/assets/uploads/files/race${n}.jpg`, caption: 'Race' })));
    assert.equal(racing.filter((r) => r.ok).length, 1);
    const denisFirst = racing.find((r) => r.ok)!;
    if (denisFirst.ok) await okValue(c.decide({ uid: uid('admin') }, denisFirst.value.id, 'reject', 'Not a shop window'));
    await refuses(c.enter({ uid: uid('marat') }, { image: '/assets/uploads/files/i.jpg', caption: 'Copied' }), 'error.events.same-image');
    const marat = await okValue(c.enter({ uid: uid('marat') }, { image: '/assets/uploads/files/m.jpg', caption: 'Компьютерный мир' }));
    const denis = await okValue(c.enter({ uid: uid('denis') }, { image: '/assets/uploads/files/d.png', caption: 'Tech Corner' }));
    assert.equal((await c.store.entries(SEPT)).filter((e) => e.status !== 'rejected').length, 3, 'refusals wrote nothing; a rejected entry frees the seller\'s place');

    // the admin decides: accepted pays 20 seller points once
    const before = await balance('irina');
    await okValue(c.decide(admin, irina.id, 'accept', ''));
    await refuses(c.decide(admin, irina.id, 'accept', ''), 'error.events.decided');
    assert.equal(await balance('irina'), before + 20);
    await refuses(c.decide(admin, marat.id, 'reject', ''), 'error.events.reason');
    await okValue(c.decide(admin, marat.id, 'accept', ''));
    await okValue(c.decide(admin, denis.id, 'accept', ''));

    // voting: the rule (account age, posts) is shown and applied; never one's own entry
    await okValue(s.settings.update({ contestVoterMinPosts: '1' }));
    await refuses(c.vote({ uid: uid('anna') }, irina.id), 'events.vote-refusal.account-age');
    const page = await fake.agent(uid('anna')).get('/bonus/sellers/contest?lang=ru').expect(200);
    assert.match(page.text, /чьему аккаунту больше 30 дней и у кого есть хотя бы 1 сообщение/);
    assert.match(page.text, /&lt;b&gt;Цифровой дом&lt;\/b&gt;/, 'the caption is text, escaped');
    assert.doesNotMatch(withoutScripts(page.text), /<b>Цифровой дом/);
    assert.match(withoutScripts(page.text), /<div>&lt;b&gt;Цифровой дом&lt;\/b&gt; \[\[bonus:home.title\]\]<\/div>/, 'a caption is never translated as a key');
    assert.doesNotMatch(page.text, /Бонусная программа<\/div>/);
    ageAccounts();
    await refuses(c.vote({ uid: uid('irina') }, irina.id), 'error.events.own-entry');
    // over HTTP: the refusal in the member's language, nothing written
    const own = await fake.agent(uid('irina')).put(`/api/v3/plugins/bonus/sellers/contest/entries/${irina.id}/vote?lang=ru`, {}).expect(403);
    assert.equal(own.body.status.message, 'За свою работу голосовать нельзя.');
    const young = await fake.agent(uid('nina')).put(`/api/v3/plugins/bonus/sellers/contest/entries/${irina.id}/vote?lang=ru`, {}).expect(403);
    assert.equal(young.body.status.message, 'Голосовать можно, когда у вас есть хотя бы 1 сообщение.');
    const badPlaces = await fake.agent(uid('admin')).put(`/api/v3/plugins/bonus/admin/events/contest/not-a-month/places?lang=en-GB`, { places: [] }).expect(404);
    assert.equal(badPlaces.body.status.message, 'There is no such contest.');
    assert.equal((await c.store.votes(SEPT)).size, 0);
    await refuses(c.vote({ uid: uid('nina') }, irina.id), 'events.vote-refusal.posts', 'nina has written nothing');

    // ten parallel votes of one member for different entries: one vote, the last one written
    const ids = [irina.id, marat.id, denis.id];
    const votes = await Promise.all(Array.from({ length: 10 }, (_, i) => c.vote({ uid: uid('anna') }, ids[i % 3])));
    assert.ok(votes.every((v) => v.ok));
    await okValue(c.vote({ uid: uid('olga') }, marat.id));
    await okValue(c.vote({ uid: uid('olga') }, denis.id)); // changed her mind
    await okValue(c.vote({ uid: uid('konstantin') }, denis.id));
    const stored = await c.store.votes(SEPT);
    assert.equal(stored.size, 2 + 0 + 1, 'anna, olga, konstantin: one vote each');
    assert.equal(stored.get(uid('olga')), denis.id);

    // counts are in no page JSON before the results, and each voter has an order of their own
    const json = (await fake.agent(uid('anna')).get('/api/bonus/sellers/contest').expect(200)).body as Record<string, unknown>;
    assert.doesNotMatch(JSON.stringify(json), /"votes"|"counts"|"count"/);
    assert.deepEqual((json.entries as { id: number }[]).map((e) => e.id).sort(), [...ids].sort());
    const orders = await Promise.all(['anna', 'olga', 'konstantin', 'sergey', 'pavel', 'boris'].map(async (n) => ((await fake.agent(uid(n)).get('/api/bonus/sellers/contest').expect(200)).body.entries as { id: number }[]).map((e) => e.id).join()));
    assert.ok(new Set(orders).size > 1, `one order for everyone: ${orders.join(' | ')}`);

    // places wait for the month's end; then the jury, places, publication
    await refuses(c.setPlaces(admin, SEPT, [irina.id, marat.id, denis.id]), 'error.events.still-open');
    fake.clock.set(OCT_2);
    await refuses(c.vote({ uid: uid('anna') }, irina.id), 'events.vote-refusal.closed');
    fake.forum.joinGroup(uid('sergey'), 'Contest jury');
    await refuses(c.rank({ uid: uid('anna') }, SEPT, ids), 'error.events.not-juror');
    await refuses(c.rank({ uid: uid('sergey') }, SEPT, [irina.id, irina.id]), 'error.events.ranking');
    await okValue(c.rank({ uid: uid('sergey') }, SEPT, [marat.id, irina.id, denis.id]));
    await refuses(c.setPlaces(admin, SEPT, [irina.id, irina.id]), 'error.events.places');
    await okValue(c.setPlaces(admin, SEPT, [marat.id, irina.id, denis.id, null, null]));
    const acp = await fake.agent(admin.uid).get(`/admin/plugins/bonus/events?month=${SEPT}&lang=en-GB`).expect(200);
    assert.match(acp.text, /data-bonus="jury"/);

    const [bi, bm, bd] = [await balance('irina'), await balance('marat'), await balance('denis')];
    // a minute after the month's end (Moscow), votes checked before it may still be landing: no results yet
    fake.clock.set(Date.parse('2026-09-30T21:01:00Z'));
    await refuses(c.publish(admin, SEPT), 'error.events.still-open');
    fake.clock.set(OCT_2);
    // two admins (or two clicks) publish at once, then again, and the jobs run twice: nothing is paid twice
    const parallel = await Promise.all([c.publish(admin, SEPT), c.publish(admin, SEPT), c.publish(admin, SEPT)]);
    assert.ok(parallel.some((r) => r.ok));
    for (const r of parallel) if (!r.ok) assert.equal(r.refusal.code, 'error.events.busy');
    await okValue(c.publish(admin, SEPT));
    await fake.runJobs();
    await fake.runJobs();
    assert.equal(await balance('marat'), bm + 300);
    assert.equal(await balance('irina'), bi + 250);
    // denis: place 3 (200) and the audience's choice (2 votes against 1) (100)
    assert.equal(await balance('denis'), bd + 200 + 100);
    const tax = await okValue(s.sellers.tax.year(admin, 2026));
    const denisTax = tax.find((t) => t.uid === uid('denis'))!;
    assert.deepEqual(denisTax.records.map((r) => r.value).sort(), [100, 200]);
    // the records' titles come from the language files, in both languages
    assert.deepEqual(denisTax.records.map((r) => r.title).sort((a, b) => a['en-GB'].localeCompare(b['en-GB'])), [
      { 'en-GB': `Shop-window contest ${SEPT}, audience's choice`, ru: `Конкурс витрин ${SEPT}, приз зрительских симпатий` },
      { 'en-GB': `Shop-window contest ${SEPT}, place 3`, ru: `Конкурс витрин ${SEPT}, 3 место` },
    ]);

    const results = (await fake.agent(uid('anna')).get(`/api/bonus/sellers/contest/${SEPT}`).expect(200)).body as { isResults: boolean; audience: { id: number }; places: { id: number; place: number }[] };
    assert.equal(results.isResults, true);
    assert.equal(results.audience.id, denis.id);
    assert.deepEqual(results.places.map((p) => p.id), [marat.id, irina.id, denis.id]);
    const en = await fake.agent(uid('anna')).get(`/bonus/sellers/contest/${SEPT}?lang=en-GB`).expect(200);
    assert.match(en.text, /Place 1: 300 seller points/);
    assert.match(en.text, /2 votes/);
    const ru = await fake.agent(uid('anna')).get(`/bonus/sellers/contest/${SEPT}?lang=ru`).expect(200);
    assert.match(ru.text, /1 место: 300 баллов продавца/);
    assert.match(ru.text, /2 голоса/);
    await refuses(c.setPlaces(admin, SEPT, [irina.id]), 'error.events.published');
  });

  it('the photo is read back from the forum\'s uploads: too large is refused, the same content under another name too', async () => {
    const s = fake.plugin.services;
    const contents: Record<string, string> = { '/assets/uploads/files/a.jpg': 'window A', '/assets/uploads/files/copy-of-a.jpg': 'window A', '/assets/uploads/files/big.jpg': 'x'.repeat(3 * 1024 * 1024) };
    const files = { read: async (url: string) => (url in contents ? { sha256: sha256(contents[url]), bytes: contents[url].length } : null) };
    const contest = new ContestService(Object.assign(Object.create(s.host) as typeof s.host, { files }), s.settings, s.sellers, new Announcer(s.host, s.settings));
    await refuses(contest.enter({ uid: uid('irina') }, { image: '/assets/uploads/files/big.jpg', caption: 'Big' }), 'error.events.image-size');
    await okValue(contest.enter({ uid: uid('irina') }, { image: '/assets/uploads/files/a.jpg', caption: 'A' }));
    await refuses(contest.enter({ uid: uid('marat') }, { image: '/assets/uploads/files/copy-of-a.jpg', caption: 'Copy' }), 'error.events.same-image');
    // a crash after the photo's claim, before its entry was written: the claim holds nobody's entry
    await fake.db.sortedSetAdd('bonus:events:image-owners', 999, sha256('window B'));
    contents['/assets/uploads/files/b.jpg'] = 'window B';
    const b = await okValue(contest.enter({ uid: uid('marat') }, { image: '/assets/uploads/files/b.jpg', caption: 'B' }));
    assert.ok(b.id > 0 && b.id !== 999);
  });

  it('admins are reminded once on the 1st when last month\'s contest awaits its results', async () => {
    const c = fake.plugin.services.contest;
    const e = await okValue(c.enter({ uid: uid('irina') }, { image: fake.forum.upload('r.jpg', 'a window'), caption: 'Витрина' }));
    assert.ok(e.id > 0);
    fake.clock.set(Date.parse('2026-10-01T09:00:00Z'));
    await fake.runJobs();
    await fake.runJobs();
    const reminders = fake.notifications.filter((n) => n.notification.nid === `bonus:events:remind:${SEPT}`);
    assert.equal(reminders.length, 1);
    assert.deepEqual(reminders[0].uids, [uid('admin')]);
  });

  it('the draw: the frozen list and hash stay as frozen; a bad rate changes nothing; the page recomputes the winner', async () => {
    const s = fake.plugin.services;
    const d = s.draw;
    const admin = { uid: uid('admin') };
    const categories = [
      { name: '1', prize: 'Зарядное устройство', value: 1500, minSales: 1, group: '' },
      { name: '2', prize: 'Powerbank', value: 2500, minSales: 3, group: '' },
      { name: '3', prize: 'Мышь', value: 1200, minSales: 5, group: '' },
      { name: '4', prize: 'HDD', value: 5000, minSales: 30, group: '' },
    ];
    await refuses(d.announce({ uid: uid('anna') }, SEPT, categories), { kind: 'forbidden' });
    await refuses(d.announce(admin, SEPT, categories.slice(0, 3)), 'error.events.categories');
    await okValue(d.announce(admin, SEPT, categories));
    const sellersPage = await fake.agent(uid('irina')).get('/bonus/sellers?lang=ru').expect(200);
    assert.match(sellersPage.text, /Призы розыгрыша этого месяца/);
    await refuses(d.freeze(admin, SEPT), 'error.events.month-not-over');

    fake.clock.set(OCT_2);
    await fake.runJobs(); // the freeze job
    const frozen = await d.state(SEPT);
    assert.ok(frozen.frozenAt > 0);
    // marat: 2 accepted sales (category 1); denis: 1 (category 1); irina: 7 (category 3)
    assert.deepEqual(frozen.lists.map((l) => l.list.map((p) => p.username)), [['marat', 'denis'], [], ['irina'], []]);
    for (const l of frozen.lists) assert.equal(l.hash, listHash(l.list));
    // freezing again (the admin, the job) changes nothing, even if someone's sales change since
    await okValue(d.freeze(admin, SEPT));
    await fake.runJobs();
    assert.deepEqual((await d.state(SEPT)).lists, frozen.lists);
    await refuses(d.announce(admin, SEPT, categories), 'error.events.frozen');

    // a bad rate or date or mode: refused, nothing written
    await refuses(d.enterRate(admin, SEPT, { rate: 'abc', rateDate: '2026-09-30' }), 'error.events.rate');
    await refuses(d.enterRate(admin, SEPT, { rate: '92.5123', rateDate: '30.09' }), 'error.events.rate-date');
    await refuses(d.enterRate(admin, SEPT, { rate: '92.5123', rateDate: '2026-09-30', mode: 'dice' }), 'error.events.mode');
    assert.equal((await d.state(SEPT)).drawnAt, 0);

    // the programme's results topic: one post there, however often the payout repeats
    const topic = fake.forum.createTopic(admin.uid, [...fake.forum.categories.keys()][0], 'Sellers: results', 'Monthly results');
    await okValue(s.settings.update({ eventsResultsTid: String(topic.tid) }));
    const postsIn = () => [...fake.forum.posts.values()].filter((p) => p.tid === topic.tid).length;
    const postsBefore = postsIn();
    const before = await balance('marat') + await balance('denis');
    await okValue(d.enterRate(admin, SEPT, { rate: '92,7500', rateDate: '2026-09-30', mode: 'rules' }));
    await refuses(d.enterRate(admin, SEPT, { rate: '93.1000', rateDate: '2026-09-30' }), 'error.events.drawn');
    await d.payOut(admin.uid, SEPT); // a repeat pays nothing twice
    assert.equal(postsIn(), postsBefore + 1, 'the results are posted once in the results topic');
    assert.match([...fake.forum.posts.values()].filter((p) => p.tid === topic.tid).pop()!.content, /Prize draw 2026-09: the results/);
    // category 1: round(2 × 0.75) = round(1.5) = 2 → denis
    const state = await d.state(SEPT);
    assert.equal(state.results[0].outcome.raw, 2);
    assert.equal(state.results[0].winnerUid, uid('denis'));
    assert.equal(await balance('marat') + await balance('denis'), before + 1500);

    // the published page is enough to recompute each winner
    const page = (await fake.agent(uid('anna')).get(`/api/bonus/sellers/draw/${SEPT}`).expect(200)).body as { rate: string; isRules: boolean; categories: { listText: string; hash: string; winner: string; drawn: boolean; position: number }[] };
    for (const cat of page.categories.filter((x) => x.drawn)) {
      const lines = cat.listText.split('\n').map((l) => l.split(' '));
      const list = lines.map(([, u, name]) => ({ uid: Number(u), username: name }));
      assert.equal(listHash(list), cat.hash);
      const out = draw(page.isRules ? 'rules' : 'fair', list.length, 1, page.rate, cat.hash);
      assert.equal(list[out.position - 1].username, cat.winner);
    }
    for (const lang of ['en-GB', 'ru']) {
      const html = await fake.agent(uid('anna')).get(`/bonus/sellers/draw/${SEPT}?lang=${lang}`).expect(200);
      assert.match(html.text, /round\(2 \/ 1 × 0\.75\) = round\(1\.5\) = 2/);
      assert.match(html.text, new RegExp(frozen.lists[0].hash));
      assert.match(html.text, /node -e/);
    }
  });

  it('the fair mode: drawn from the rate and the list\'s hash; the page says so and recomputes the same winner', async () => {
    const d = fake.plugin.services.draw;
    const admin = { uid: uid('admin') };
    await refuses(d.announce(admin, SEPT, [1, 2, 3, 4].map((i) => ({ name: String(i), prize: `P${i}`, value: 100, minSales: 1, group: '', payAs: 'cash' }))), 'error.events.categories');
    // category 1's prize is the thing itself (handed over by the organiser): recorded for tax, no points
    await okValue(d.announce(admin, SEPT, [1, 2, 3, 4].map((i) => ({ name: String(i), prize: `P${i}`, value: 100 * i, minSales: i === 1 ? 1 : 1000, group: '', payAs: i === 1 ? 'goods' : 'points' })).map((c, i) => (i === 0 ? { ...c, prize: 'Tea & <cakes>, "1"' } : c))));
    fake.clock.set(OCT_2);
    await okValue(d.freeze(admin, SEPT));
    const balances = async () => Promise.all(['marat', 'irina', 'denis'].map(balance));
    const before = await balances();
    await okValue(d.enterRate(admin, SEPT, { rate: '92.5123', rateDate: '2026-09-30', mode: 'fair' }));
    assert.deepEqual(await balances(), before, 'a prize handed over pays no points');
    const winnerUid = (await d.state(SEPT)).results[0].winnerUid;
    const tax = await okValue(fake.plugin.services.sellers.tax.year(admin, 2026));
    assert.deepEqual(tax.find((t) => t.uid === winnerUid)?.records.map((r) => [r.source, r.value]), [['draw', 100]]);
    // an admin's prize name goes into the record's title as it was typed (the CSV and pages escape it)
    assert.deepEqual(tax.find((t) => t.uid === winnerUid)?.records[0].title, { 'en-GB': `Prize draw ${SEPT}: Tea & <cakes>, "1"`, ru: `Розыгрыш ${SEPT}: Tea & <cakes>, "1"` });
    const page = (await fake.agent(uid('anna')).get(`/api/bonus/sellers/draw/${SEPT}`).expect(200)).body as { rate: string; isFair: boolean; categories: { listText: string; hash: string; winner: string; drawn: boolean; snippet: string }[] };
    assert.equal(page.isFair, true);
    const cat = page.categories[0];
    assert.ok(cat.drawn);
    const list = cat.listText.split('\n').map((l) => ({ uid: Number(l.split(' ')[1]), username: l.split(' ').slice(2).join(' ') }));
    assert.equal(listHash(list), cat.hash);
    assert.equal(list[draw('fair', list.length, 1, page.rate, cat.hash).position - 1].username, cat.winner);
    assert.match(cat.snippet, /2\*\*48/, 'the fair mode\'s snippet');
    const html = await fake.agent(uid('anna')).get(`/bonus/sellers/draw/${SEPT}?lang=ru`).expect(200);
    assert.match(html.text, /Честный режим/);
  });

  it('an ineligible winner is replaced by the next participant, the same way every time', async () => {
    const s = fake.plugin.services;
    const d = s.draw;
    const admin = { uid: uid('admin') };
    await okValue(d.announce(admin, SEPT, [1, 2, 3, 4].map((i) => ({ name: String(i), prize: `P${i}`, value: 0, minSales: i === 1 ? 1 : 1000, group: '' }))));
    fake.clock.set(OCT_2);
    await okValue(d.freeze(admin, SEPT));
    // category 1 lists marat, denis, irina by first sale; the formula with .99 gives 3 → irina, banned since
    const list = (await d.state(SEPT)).lists[0].list.map((p) => p.username);
    assert.equal(list.length, 3);
    const target = list[2];
    fake.forum.users.get(uid(target))!.banned = true;
    await okValue(d.enterRate(admin, SEPT, { rate: '92.9900', rateDate: '2026-09-30' }));
    const r = (await d.state(SEPT)).results[0];
    assert.equal(r.outcome.position, 3);
    assert.deepEqual(r.outcome.skipped, [3]);
    assert.equal(r.winnerUid, uid(list[0]), 'round the list to the first');
    const html = await fake.agent(uid('anna')).get(`/bonus/sellers/draw/${SEPT}?lang=en-GB`).expect(200);
    assert.match(html.text, /data-bonus="redraw"/);
  });
});
