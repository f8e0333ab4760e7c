/**
 * Issue 19 through the fake forum on the sandbox's data: the member's page in both languages with
 * masked codes (store-bought listed by itself), every refusal over HTTP in the member's language
 * changing nothing, remove only with "I agree" freeing the seat, the cycling limit shown to admins,
 * no code in another member's responses, the registry import's per-line report, reminders once, and
 * the member's data gone with their account.
 */
import assert from 'node:assert/strict';
import { okValue } from '../host/results';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { DEMO_LICENCES as L, seedLicences } from '../host/sandbox-licences';

const D = 24 * 60 * 60 * 1000;

describe('member licences through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const s = () => fake.plugin.services.licences;
  const holders = async (code: string) => (await s().store.holders(code)).map((h) => h.uid).sort();

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
    await seedLicences(fake);
  });

  it('the page lists the member\'s codes masked, with product, source, expiry and seats, in both languages', async () => {
    const pavel = fake.agent(uid('pavel'));
    const en = (await pavel.get('/bonus/licences?lang=en-GB').expect(200)).text;
    assert.match(en, /Kaspersky Total Security — family, 3 devices/);
    assert.match(en, /•••••-•••••-•••••-DEMOB/);
    assert.match(en, /on 2 of 3 accounts/);
    assert.match(en, /Added by hand/);
    assert.doesNotMatch(en, new RegExp(L.family), 'the whole code is not in the page');
    const ru = (await pavel.get('/bonus/licences?lang=ru').expect(200)).text;
    assert.match(ru, /на 2 из 3 аккаунтов/);
    assert.match(ru, /Срок лицензии<\/dt>\s*<dd[^>]*>12 месяцев/);
    assert.match(ru, /осталось: 21 день/, 'the end of the 20th day from now, counted in whole days');
    assert.match(ru, /Мои лицензии/);
    const json = (await pavel.get('/api/bonus/licences').expect(200)).text;
    assert.doesNotMatch(json, /KTSFM|KISSN/, 'nor in its JSON twin');
    // the profile tab: the member, or an admin (read-only); not another member
    await pavel.get('/user/pavel/bonus-licences').expect(200);
    await fake.agent(uid('anna')).get('/user/pavel/bonus-licences').expect(403);
    const asAdmin = (await fake.agent(uid('admin')).get('/user/pavel/bonus-licences?lang=en-GB').expect(200)).text;
    assert.match(asAdmin, /on 2 of 3 accounts/);
    assert.doesNotMatch(asAdmin, /data-bonus="remove-confirm"/);
  });

  it('codes bought in the store appear by themselves, and count on their seats', async () => {
    const olga = uid('olga');
    const list = await s().list(olga);
    const bought = list.filter((h) => h.source === 'order');
    assert.equal(bought.length, 1, 'olga\'s KIS order');
    const page = (await fake.agent(olga).get('/bonus/licences?lang=en-GB').expect(200)).text;
    assert.match(page, new RegExp(`Store order #${bought[0].orderId}`));
    // the code has one seat (the registry does not know it): held by its buyer
    const r = await fake.agent(uid('anna')).post('/api/v3/plugins/bonus/licences?lang=en-GB', { code: bought[0].code }).expect(409);
    assert.equal(r.body.status.message, 'This activation code is already on 1 of 1 account: all its seats are taken.');
    await fake.agent(olga).post('/api/v3/plugins/bonus/licences?lang=en-GB', { code: bought[0].code }).expect(409);
    // the registry learns the bought code's expiry: its buyer is reminded like any holder
    const soon = new Date(fake.clock.now() + 5 * D).toISOString().slice(0, 10);
    await okValue(s().importLines({ uid: uid('admin') }, 'registry', `${bought[0].code};KIS;1;${soon}`, 1));
    await s().remind(fake.clock.now());
    assert.equal(fake.notifications.filter((n) => n.uids.includes(olga) && n.notification.type === 'bonus-licence').length, 1);
    // olga gives it away: removing frees its seat for anna
    await fake.agent(olga).delete(`/api/v3/plugins/bonus/licences/${bought[0].id}`, { agree: true }).expect(200);
    assert.equal((await s().list(olga)).filter((h) => h.source === 'order').length, 0);
    await fake.agent(uid('anna')).post('/api/v3/plugins/bonus/licences', { code: bought[0].code }).expect(200);
  });

  it('every refusal over HTTP, in the member\'s language, changes nothing', async () => {
    const boris = fake.agent(uid('boris'));
    const url = '/api/v3/plugins/bonus/licences';
    const cases: [unknown, number, string][] = [
      ['ABC-123', 400, 'Это не код активации: в нём 20 символов, четыре блока по пять (XXXXX-XXXXX-XXXXX-XXXXX).'],
      [42, 400, 'Это не код активации: в нём 20 символов, четыре блока по пять (XXXXX-XXXXX-XXXXX-XXXXX).'],
      [L.blacklisted, 400, 'Этот код активации заблокирован, добавить его нельзя.'],
      [L.expired, 400, 'Срок действия этого кода активации истёк, добавить его нельзя.'],
    ];
    for (const [code, status, message] of cases) {
      const r = await boris.post(`${url}?lang=ru`, { code }).expect(status);
      assert.equal(r.body.status.message, message, String(code));
    }
    await boris.post(url, { code: L.family }).expect(200);
    const full = await fake.agent(uid('olga')).post(`${url}?lang=ru`, { code: L.family.replace(/-/g, ' ') }).expect(409);
    assert.equal(full.body.status.message, 'Этот код активации уже добавлен на 3 из 3 аккаунтов: все места заняты.');
    assert.doesNotMatch(JSON.stringify(full.body), /pavel|konstantin|boris/, 'never whose');
    const twice = await boris.post(`${url}?lang=en-GB`, { code: L.family.toLowerCase() }).expect(409);
    assert.equal(twice.body.status.message, 'This activation code is already on your account.');
    // unknown codes: accepted as unverified, or refused (the setting)
    await okValue(fake.plugin.services.settings.update({ licencesUnknownCodes: 'refuse' }));
    const unknown = await boris.post(`${url}?lang=en-GB`, { code: 'AAAAA-BBBBB-CCCCC-DDDDD' }).expect(400);
    assert.match(unknown.body.status.message, /does not know this activation code/);
    assert.deepEqual((await s().list(uid('boris'))).map((h) => h.code), [L.family]);
    assert.deepEqual(await holders(L.family), [uid('pavel'), uid('konstantin'), uid('boris')].sort());
  });

  it('parallel adds of one code by more accounts than seats leave exactly the seats taken', async () => {
    const names = ['nina', 'olga', 'sergey', 'boris', 'anna', 'moderator', 'admin'];
    const rs = await Promise.all(names.map((n) => fake.agent(uid(n)).post('/api/v3/plugins/bonus/licences', { code: L.free })));
    assert.equal(rs.filter((r) => r.status === 200).length, 2, rs.map((r) => r.status).join(','));
    for (const r of rs) if (r.status !== 200) assert.equal(r.status, 409);
    assert.equal((await holders(L.free)).length, 2);
    const listed = (await Promise.all(names.map(async (n) => (await s().list(uid(n))).some((h) => h.code === L.free)))).filter(Boolean).length;
    assert.equal(listed, 2, 'each seat on exactly one list');
  });

  it('remove only after "I agree": the seat is free at once; only the owner can reveal or remove', async () => {
    const pavel = fake.agent(uid('pavel'));
    const item = (await s().list(uid('pavel'))).find((h) => h.code === L.family)!;
    const noAgree = await pavel.delete(`/api/v3/plugins/bonus/licences/${item.id}?lang=en-GB`, {}).expect(400);
    assert.equal(noAgree.body.status.message, 'Tick "I agree" to remove the code.');
    // another member can neither reveal nor remove it, even with its id
    const anna = fake.agent(uid('anna'));
    await anna.post(`/api/v3/plugins/bonus/licences/${item.id}/reveal`, {}).expect(404);
    await anna.delete(`/api/v3/plugins/bonus/licences/${item.id}`, { agree: true }).expect(404);
    await fake.agent(0).post(`/api/v3/plugins/bonus/licences/${item.id}/reveal`, {}).expect(401);
    const revealed = await pavel.post(`/api/v3/plugins/bonus/licences/${item.id}/reveal`, {}).expect(200);
    assert.equal(revealed.body.response.code, L.family);
    await fake.agent(uid('boris')).post('/api/v3/plugins/bonus/licences', { code: L.family }).expect(200);
    assert.equal((await holders(L.family)).length, 3);
    await fake.agent(uid('olga')).post('/api/v3/plugins/bonus/licences', { code: L.family }).expect(409);
    await pavel.delete(`/api/v3/plugins/bonus/licences/${item.id}`, { agree: true }).expect(200);
    assert.equal((await holders(L.family)).includes(uid('pavel')), false);
    await fake.agent(uid('olga')).post('/api/v3/plugins/bonus/licences', { code: L.family }).expect(200);
    // no other member's response carries a code
    for (const path of ['/api/bonus/licences', '/api/v3/plugins/bonus/licences/export']) {
      const body = (await anna.get(path).expect(200)).text;
      assert.doesNotMatch(body, /KTSFM|KISSN|DEMOB/, path);
    }
    await anna.get('/api/v3/plugins/bonus/admin/licences/search?code=' + L.family).expect(403);
    await anna.get('/admin/plugins/bonus/licences').expect(403);
  });

  it('the cycling limit refuses the next add and shows it to admins', async () => {
    await okValue(fake.plugin.services.settings.update({ licencesCyclingLimit: '3', licencesCyclingDays: '30' }));
    const nina = fake.agent(uid('nina'));
    const cycle = async () => {
      await nina.post('/api/v3/plugins/bonus/licences', { code: L.free }).expect(200);
      const item = (await s().list(uid('nina'))).find((h) => h.code === L.free)!;
      await nina.delete(`/api/v3/plugins/bonus/licences/${item.id}`, { agree: true }).expect(200);
    };
    await cycle();
    await nina.post('/api/v3/plugins/bonus/licences', { code: L.free }).expect(200);
    await nina.delete(`/api/v3/plugins/bonus/licences/${(await s().list(uid('nina')))[0].id}`, { agree: true }).expect(200);
    const refused = await nina.post('/api/v3/plugins/bonus/licences?lang=en-GB', { code: L.free }).expect(400);
    assert.equal(refused.body.status.message, 'This code was added and removed too often (the limit is 3 times in 30 days). Try again later.');
    assert.deepEqual(await holders(L.free), []);
    const acp = (await fake.agent(uid('admin')).get('/admin/plugins/bonus/licences?lang=en-GB').expect(200)).text;
    assert.match(acp, /data-bonus="cycling"[\s\S]*nina[\s\S]*KISFR-00004/);
    assert.match(acp, /add refused \(cycling\)/);
    // a month later the window has passed
    fake.clock.advance(31 * D);
    await nina.post('/api/v3/plugins/bonus/licences', { code: L.free }).expect(200);
  });

  it('the registry import reports each refused line by its number; admins find who holds a code', async () => {
    const admin = fake.agent(uid('admin'));
    const text = ['AAAAA-BBBBB-CCCCC-00001;Product <b>A</b>;2;2030-01-31', 'not-a-code;X;1', 'AAAAA-BBBBB-CCCCC-00002;Y;zero', 'AAAAA-BBBBB-CCCCC-00003;Z;1;2030-02-30', '', `${L.family};Family renamed;4;2031-01-01`].join('\n');
    const r = await admin.post('/api/v3/plugins/bonus/admin/licences/import', { list: 'registry', text, firstLine: 5001 }).expect(200);
    assert.deepEqual(r.body.response.report, { added: 1, updated: 1, errors: [{ line: 5002, error: 'code' }, { line: 5003, error: 'seats' }, { line: 5004, error: 'expiry' }] });
    await admin.post('/api/v3/plugins/bonus/admin/licences/import?lang=en-GB', { list: 'registry', text: 'x\n'.repeat(5001) }).expect(400);
    await admin.post('/api/v3/plugins/bonus/admin/licences/import', { list: 'nowhere', text: 'x' }).expect(400);
    const found = (await admin.get(`/api/v3/plugins/bonus/admin/licences/search?code=${L.family.toLowerCase()}`).expect(200)).body.response;
    assert.deepEqual(found.holders.map((h: { uid: number }) => h.uid).sort(), [uid('pavel'), uid('konstantin')].sort());
    assert.equal(found.entry.seats, 4);
    const page = (await admin.get(`/admin/plugins/bonus/licences?code=${L.family}&lang=ru`).expect(200)).text;
    assert.match(page, /pavel/);
    assert.match(page, /Учётные записи с этим кодом/);
    // the admin-written product is shown escaped on the member's page
    await fake.agent(uid('sergey')).post('/api/v3/plugins/bonus/licences', { code: 'AAAAA-BBBBB-CCCCC-00001' }).expect(200);
    const sergey = (await fake.agent(uid('sergey')).get('/bonus/licences').expect(200)).text;
    assert.match(sergey, /Product &lt;b&gt;A&lt;\/b&gt;/);
  });

  it('reminders 30 and 7 days before expiry, once each, in the member\'s language; data goes with the account', async () => {
    const pavel = uid('pavel');
    // L.soon expires in 20 days: the 30-day reminder is due now
    assert.equal(await s().remind(fake.clock.now()), 1);
    assert.equal(await s().remind(fake.clock.now()), 0, 'once');
    const notes = fake.notifications.filter((n) => n.uids.includes(pavel) && n.notification.type === 'bonus-licence');
    assert.equal(notes.length, 1);
    assert.doesNotMatch(JSON.stringify(notes), /KISSN-00002-LICNC/, 'the code masked in the notification');
    // pavel reads Russian: «через 30 дней», the count's form chosen for his language
    assert.equal(await fake.host.translator.translate(notes[0].notification.bodyShort, 'ru'), 'Ваша лицензия …-DEMOC истекает через 30 дней: продлите её вовремя.');
    fake.clock.advance(14 * D);
    assert.equal(await s().remind(fake.clock.now()), 1, 'the 7-day one');
    const mails = fake.emails.filter((m) => m.uid === pavel && m.template === 'bonus-licence-expiring');
    assert.equal(mails.length, 2);
    // the account is deleted: codes, seats, audit lines go
    await fake.forum.deleteUser(pavel);
    await fake.settle();
    assert.deepEqual(await s().list(pavel), []);
    assert.equal((await holders(L.family)).includes(pavel), false);
    assert.equal((await s().store.auditOfMember(pavel)).length, 0);
    assert.equal((await s().store.latestAudit(100)).some((a) => a.uid === pavel), false);
  });
});
