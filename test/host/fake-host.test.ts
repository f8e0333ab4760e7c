import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from './index';

const H = 3_600_000;

describe('fake host: the plugin loaded through plugin.json, pages and API the NodeBB way', function () {
  let fake: FakeHost;
  let admin: number;
  let member: number;
  let earningCid: number;

  beforeEach(async function () {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    member = fake.forum.createUser({ username: 'maria', groups: ['Participants'], language: 'ru' });
    earningCid = fake.forum.createCategory('Club life');
    await fake.host.settings.set('bonus', { earningCids: String(earningCid) });
    await fake.settle();
  });

  it('a reply in an earning category is pending at once and matures after 48 h and the jobs', async function () {
    const { tid } = fake.forum.createTopic(admin, earningCid, 'Hello', 'First post');
    fake.forum.reply(member, tid, 'A reply');
    await fake.settle();
    let res = await fake.agent(member).get('/api/v3/plugins/bonus/points').expect(200);
    assert.equal(res.body.status.code, 'ok');
    assert.equal(res.body.response.balance.pending, 1);
    assert.equal(res.body.response.balance.spendable, 0);
    fake.clock.advance(48 * H + 1);
    await fake.runJobs();
    res = await fake.agent(member).get('/api/v3/plugins/bonus/points').expect(200);
    assert.equal(res.body.response.balance.pending, 0);
    assert.equal(res.body.response.balance.spendable, 1);
  });

  it('renders /bonus with the real template, translated for the member (ru) and by ?lang=', async function () {
    const ru = await fake.agent(member).get('/bonus').expect(200);
    assert.match(ru.text, /Бонусная программа/);
    assert.doesNotMatch(ru.text, /\[\[/);
    const en = await fake.agent(member).get('/bonus?lang=en-GB').expect(200);
    assert.match(en.text, /Bonus program/);
    assert.doesNotMatch(en.text, /\[\[/);
    const json = await fake.agent(member).get('/api/bonus').expect(200);
    assert.equal(json.body.template.name, 'bonus/home');
    assert.equal(json.body.title, '[[bonus:home.title]]');
  });

  it('sends guests to the login page (pages) or 401 (API); ACP pages only for admins', async function () {
    const guest = fake.agent(0);
    const page = await guest.get('/bonus').expect(302);
    assert.match(page.headers.location, /^\/login/);
    await guest.get('/api/bonus').expect(401);
    await fake.agent(member).get('/admin/plugins/bonus').expect(403);
    const acp = await fake.agent(admin).get('/admin/plugins/bonus').expect(200);
    assert.match(acp.text, /Bonus program/);
  });

  it('write API: NodeBB envelope, translated refusal, CSRF required for session users', async function () {
    const refused = await fake.agent(member).put('/api/v3/plugins/bonus/settings', { pointsTopic: '5' }).expect(403);
    assert.equal(refused.body.status.code, 'forbidden');
    const bad = await fake.agent(admin).put('/api/v3/plugins/bonus/settings', { pointsTopic: 'many' }).expect(400);
    assert.match(bad.body.status.message, /New topic/);
    const { cookie } = fake.http.login(admin);
    const supertest = (await import('supertest')).default;
    await supertest(fake.http.app).put('/api/v3/plugins/bonus/settings').set('Cookie', cookie).send({ pointsTopic: '5' }).expect(403);
    assert.equal((await fake.host.settings.get('bonus')).pointsTopic, undefined);
  });

  it('fires action hooks without awaiting them, as NodeBB does', async function () {
    const { tid } = fake.forum.createTopic(admin, earningCid, 'Hello', 'First post');
    fake.forum.reply(member, tid, 'A reply');
    const before = (await fake.host.db.getObject(`bonus:balance:${member}`))?.pending;
    await fake.settle();
    const after = (await fake.host.db.getObject(`bonus:balance:${member}`))?.pending;
    assert.notEqual(before, '1', 'the hook ran after the forum action returned');
    assert.equal(after, '1');
  });

  it('adds its notification types to the member\'s settings; the low-stock type only where NodeBB lists the admins\' types', async function () {
    const member = await fake.plugin.filter('filter:user.notificationTypes', { types: ['notificationType_upvote'], privilegedTypes: [] });
    assert.deepEqual(member.types, ['notificationType_upvote', 'notificationType_bonus-matured', 'notificationType_bonus-deduction', 'notificationType_bonus-gift', 'notificationType_bonus-top', 'notificationType_bonus-transfer', 'notificationType_bonus-loan', 'notificationType_bonus-order']);
    assert.deepEqual(member.privilegedTypes, []);
    const admin = await fake.plugin.filter('filter:user.notificationTypes', { types: [], privilegedTypes: ['notificationType_new-user-flag'] });
    assert.deepEqual(admin.privilegedTypes, ['notificationType_new-user-flag', 'notificationType_bonus-low-stock']);
    const again = await fake.plugin.filter('filter:user.notificationTypes', admin);
    assert.equal(again.types.length, 7, 'no duplicates when the filter runs twice');
  });
});
