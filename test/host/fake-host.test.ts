import { okValue } from './results';
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '.';
import { withoutScripts } from './translator';

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
    assert.doesNotMatch(withoutScripts(ru.text), /\[\[/);
    const en = await fake.agent(member).get('/bonus?lang=en-GB').expect(200);
    assert.match(en.text, /Bonus program/);
    assert.doesNotMatch(withoutScripts(en.text), /\[\[/);
    const json = await fake.agent(member).get('/api/bonus').expect(200);
    assert.equal(json.body.template.name, 'bonus/home');
    assert.equal(json.body.title, '[[bonus:home.title]]');
  });

  it('the /api twin carries what NodeBB 4.15\'s render middleware adds (as read from a real forum\'s /api/bonus/points)', async function () {
    const json = (await fake.agent(member).get('/api/bonus/points').expect(200)).body as Record<string, unknown>;
    for (const key of ['_header', 'bodyClass', 'breadcrumbs', 'loggedIn', 'loggedInUser', 'relative_path', 'template', 'title', 'url', 'widgets']) assert.ok(key in json, `lacks ${key}`);
    assert.deepEqual(json.template, { name: 'bonus/points', 'bonus/points': true });
    assert.equal(json.url, '/bonus/points');
    assert.equal(json.loggedIn, true);
    assert.equal((json.loggedInUser as { uid: number }).uid, member);
    assert.match(String(json.bodyClass), /^page-bonus page-bonus-points template-bonus-points /);
    // as NodeBB's buildBreadcrumbs: the home crumb, then the forum's URL, a slash and the crumb's path
    const crumbs = json.breadcrumbs as { text: string; url?: string }[];
    assert.equal(crumbs[0].text, '[[global:home]]');
    assert.match(String(crumbs[1].url), /^http:\/\/127\.0\.0\.1:\d+\/\/bonus$/);
    assert.equal(crumbs.at(-1)!.url, undefined);
    // the page gets the same data as ajaxify.data
    const page = await fake.agent(member).get('/bonus/points').expect(200);
    assert.match(page.text, /window\.ajaxify = \{ data: \{[^<]*"template":\{"name":"bonus\/points","bonus\/points":true\}/);
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
    // the member's pending points, noted by the hook (issue 14: the ledger entry waits for settlement)
    const noted = async () => (await fake.host.db.getObject(`bonus:ledger:pending-amounts:${member}`)) ?? {};
    const before = await noted();
    await fake.settle();
    assert.deepEqual(before, {}, 'the hook ran after the forum action returned');
    assert.deepEqual(Object.values(await noted()), ['1']);
  });

  it('adds its notification types to the member\'s settings; the low-stock type only where NodeBB lists the admins\' types', async function () {
    const member = await fake.plugin.filter('filter:user.notificationTypes', { types: ['notificationType_upvote'], privilegedTypes: [] });
    assert.deepEqual(member.types, ['notificationType_upvote', 'notificationType_bonus-matured', 'notificationType_bonus-deduction', 'notificationType_bonus-gift', 'notificationType_bonus-top', 'notificationType_bonus-transfer', 'notificationType_bonus-loan', 'notificationType_bonus-order', 'notificationType_bonus-retail', 'notificationType_bonus-licence', 'notificationType_bonus-request']);
    assert.deepEqual(member.privilegedTypes, []);
    const admin = await fake.plugin.filter('filter:user.notificationTypes', { types: [], privilegedTypes: ['notificationType_new-user-flag'] });
    assert.deepEqual(admin.privilegedTypes, ['notificationType_new-user-flag', 'notificationType_bonus-low-stock']);
    const again = await fake.plugin.filter('filter:user.notificationTypes', admin);
    assert.equal(again.types.length, 10, 'no duplicates when the filter runs twice');
  });

  it('balance under a member\'s name in posts: NodeBB\'s { content } entries, translated for the reader', async function () {
    await fake.plugin.services.ledger.credit({ uid: member, amount: 9, key: 'test:9', reason: 'other' });
    const [forRu] = await fake.postUserInfo(member, [member]);
    const [forEn] = await fake.postUserInfo(admin, [member]);
    const [forGuest] = await fake.postUserInfo(0, [member]);
    assert.equal(forRu.length, 1);
    const content = (entry: unknown) => (entry as { content?: unknown }).content;
    assert.match(String(content(forRu[0])), /data-bonus-balance="9"[^]*Баллов: 9/);
    assert.match(String(content(forEn[0])), /9 points/);
    assert.match(String(content(forGuest[0])), /9 points/);
    for (const entry of [...forRu, ...forEn]) assert.doesNotMatch(String(content(entry)), /\[\[/);
  });

  it('a database error inside a filter hook is logged and the forum page gets its payload back unchanged', async function () {
    const { pid } = fake.forum.createTopic(admin, earningCid, 'Hello', 'First post');
    await fake.settle();
    fake.host.privileges.canModeratePost = async () => { throw new Error('connection lost'); };
    fake.db.getObjectsFields = async () => { throw new Error('connection lost'); };
    const tools = await fake.filter('filter:post.tools', { pid, post: {}, uid: admin, tools: [{ action: 'core', html: 'x', icon: 'y' }] }, admin);
    assert.deepEqual(tools.tools, [{ action: 'core', html: 'x', icon: 'y' }]);
    assert.deepEqual(await fake.postUserInfo(admin, [member]), [[]]);
    assert.ok(fake.logs.some((l) => l.level === 'error' && /filter:post\.tools failed.*connection lost/.test(l.message)), JSON.stringify(fake.logs));
  });

  it('a Cyrillic name keeps its Cyrillic slug, as in NodeBB; the member\'s profile tab answers under it', async function () {
    const fyodor = fake.forum.createUser({ username: 'Фёдор Иванов', groups: ['Participants'], language: 'ru' });
    assert.equal(fake.forum.mustUser(fyodor).userslug, 'фёдор-иванов');
    await fake.plugin.services.ledger.credit({ uid: fyodor, amount: 7, key: 'test:7', reason: 'other' });
    const page = await fake.agent(admin).get(`/user/${encodeURIComponent('фёдор-иванов')}/bonus`).expect(200);
    assert.match(page.text, new RegExp(`data-uid="${fyodor}"`));
    assert.match(page.text, /Фёдор Иванов[^]*data-bonus="spendable">7</);
  });

  it('e-mail only to confirmed addresses, as NodeBB\'s emailer: a member who never confirmed gets none', async function () {
    const unconfirmed = fake.forum.createUser({ username: 'ivan', emailConfirmed: false });
    await fake.host.messaging.sendEmail('bonus-codes', unconfirmed, { subject: 'x' });
    await fake.host.messaging.sendEmail('bonus-codes', member, { subject: 'x' });
    assert.deepEqual(fake.emails.map((e) => e.uid), [member]);
  });

  it('a ban hook as NodeBB sends it (no until for a permanent ban, NodeBB\'s text for no reason) charges the ban once', async function () {
    await fake.host.settings.set('bonus', { ...(await fake.host.settings.get('bonus')), penaltyBan: '100' });
    await fake.plugin.services.ledger.credit({ uid: member, amount: 500, key: 'test:500', reason: 'other' });
    fake.forum.ban(member, { byUid: admin });
    await fake.settle();
    const res = await fake.agent(member).get('/api/v3/plugins/bonus/points').expect(200);
    assert.equal(res.body.response.balance.spendable, 400);
  });

  it('upgrade (plugin.json upgrades): carts kept in hashes by an older version move to sorted sets, once', async function () {
    await fake.db.setObject(`bonus:cart:${member}`, { '7||': '2', '9|s||': '1', 'junk': 'x' });
    assert.deepEqual(await fake.runUpgrades(), [
      'Bonus: carts as sorted sets (not cached per process)',
      'Bonus: ban penalty flags as sorted sets (not cached per process)',
      'Bonus: interrupted code imports finished on durable steps',
      'Bonus: claim registries as sorted sets (cost independent of history)',
      'Bonus: status and product indexes for paid orders',
      'Bonus: interrupted order refunds and replacements finished on durable steps',
      'Bonus: each member\'s licence orders indexed for the purchases page',
      'Bonus: the economy\'s daily figures computed from the ledger\'s history',
    ]);
    assert.deepEqual(await fake.runUpgrades(), [], 'each upgrade runs once, as NodeBB records it in its schema log');
    assert.equal(await fake.db.exists(`bonus:cart:${member}`), false);
    assert.deepEqual(await okValue(fake.plugin.services.cart.lines({ uid: member })), [
      { productId: 7, variantId: null, region: null, amount: null, quantity: 2 },
      { productId: 9, variantId: 's', region: null, amount: null, quantity: 1 },
    ]);
  });

  it('jobs in a random order, some twice at once (as cron may): a reply matures once and no job fails', async function () {
    for (const seed of [1, 7, 42, 1234, 99991]) {
      const f = await createFakeHost({ jobsSeed: seed });
      const a = f.forum.createUser({ username: 'admin', groups: ['administrators'] });
      const m = f.forum.createUser({ username: 'maria', groups: ['Participants'] });
      const cid = f.forum.createCategory('Club life');
      await f.host.settings.set('bonus', { earningCids: String(cid) });
      const { tid } = f.forum.createTopic(a, cid, 'Hello', 'First post');
      f.forum.reply(m, tid, 'A reply');
      await f.settle();
      f.clock.advance(48 * H + 1);
      for (let i = 0; i < 3; i += 1) await f.runJobs();
      const balance = await f.plugin.services.ledger.balance(m);
      assert.deepEqual([balance.pending, balance.spendable], [0, 1], `jobs seed ${seed}`);
      assert.deepEqual(f.logs.filter((l) => l.level === 'error'), [], `jobs seed ${seed}`);
    }
  });
});
