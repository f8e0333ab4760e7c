import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createNodebbHost } from '../../lib/nodebb';
import { setModuleLoader } from '../../lib/nodebb/require';
import { createNodebbStubs, type NodebbStubs } from './nodebb-stubs';

/**
 * lib/nodebb's Users, Groups, Privileges and Content ports on stubs shaped like NodeBB 4.15's
 * src/user, src/groups, src/privileges, src/posts, src/topics and src/categories: what NodeBB is
 * called with, and NodeBB's shapes (Redis strings, parsed ints, guests for uid 0 and missing
 * members, objects of zeros for missing posts) turned into the port's types.
 */
describe('NodeBB adapter: users, groups, privileges and content on NodeBB-shaped modules', function () {
  let nb: NodebbStubs;
  const ADMIN = 1;
  const GMOD = 2;
  const MOD = 3; // moderates category 10 (a user-level privilege)
  const ANNA = 7;
  const BORIS = 8;
  const CLUBBER = 9; // in "Club", a group that moderates category 11

  beforeEach(async function () {
    nb = createNodebbStubs({ config: { defaultLang: 'de' } });
    setModuleLoader(nb.load);
    await nb.seed.user({ uid: ADMIN, username: 'admin', email: 'admin@forum.test', groups: ['administrators'] });
    await nb.seed.user({ uid: GMOD, username: 'gmod', groups: ['Global Moderators'] });
    await nb.seed.user({ uid: MOD, username: 'mod' });
    await nb.seed.user({ uid: ANNA, username: 'Anna K', email: 'anna@forum.test', picture: '/assets/uploads/profile/7.png', birthday: '1990-05-01', settings: { userLang: 'ru' }, joindate: 1_600_000_000_000, postcount: 12 });
    await nb.seed.user({ uid: BORIS, username: 'boris', bannedUntil: 0 });
    await nb.seed.user({ uid: CLUBBER, username: 'clubber', groups: ['Club'] });
    await nb.seed.category(10, { name: 'General' });
    await nb.seed.category(11, { name: 'Club corner', parentCid: 10 });
    await nb.seed.category(12, { name: 'Archive', disabled: 1, order: 1 });
    await nb.seed.grant(10, 'moderate', { uid: MOD });
    await nb.seed.grant(11, 'moderate', { group: 'Club' });
    await nb.seed.grant(10, 'topics:reply', { group: 'registered-users' });
    await nb.seed.topic({ tid: 100, cid: 10, uid: ANNA, title: 'Hello', timestamp: 1_700_000_000_000 });
    await nb.seed.topic({ tid: 101, cid: 11, uid: CLUBBER, title: 'Later', timestamp: Date.now() + 3_600_000 });
    await nb.seed.topic({ tid: 102, cid: 10, uid: ANNA, title: 'Closed', locked: 1 });
    await nb.seed.post({ pid: 1000, tid: 100, uid: ANNA, content: 'first post **md**', timestamp: 1_700_000_000_000 });
    await nb.seed.post({ pid: 1001, tid: 100, uid: 'https://remote.example/users/zed', content: 'from the fediverse', timestamp: 1_700_000_001_000, deleted: 1 });
    await nb.seed.post({ pid: 1100, tid: 101, uid: CLUBBER, content: 'club post', timestamp: 1_700_000_002_000 });
  });

  afterEach(function () {
    setModuleLoader(null);
  });

  describe('users (src/user)', function () {
    it('getUsers: NodeBB’s parsed fields typed; uid 0 (a guest) and a missing member (a "former user") are null, aligned with the input', async function () {
      const users = await createNodebbHost().users.getUsers([ANNA, 0, 99, BORIS, ANNA]);
      assert.deepEqual(users[0], {
        uid: ANNA, username: 'Anna K', userslug: 'anna-k', displayname: 'Anna K', picture: '/assets/uploads/profile/7.png',
        birthday: '1990-05-01', banned: false, email: 'anna@forum.test', joindate: 1_600_000_000_000, postcount: 12,
      });
      assert.equal(users[1], null);
      assert.equal(users[2], null);
      assert.equal(users[3]?.banned, true);
      assert.equal(users[3]?.picture, null, 'NodeBB’s empty picture is no picture');
      assert.equal(users[3]?.email, undefined, 'NodeBB’s empty e-mail is no e-mail');
      assert.equal(users[3]?.birthday, '');
      assert.deepEqual(users[4], users[0]);
      const call = (nb.modules['./src/user'].getUsersFields as sinon.SinonSpy).firstCall;
      assert.deepEqual(call.args[0], [ANNA, 0, 99, BORIS, ANNA]);
      assert.ok(['uid', 'username', 'userslug', 'displayname', 'picture', 'birthday', 'banned', 'email', 'joindate', 'postcount'].every((f) => call.args[1].includes(f)));
    });

    it('getUsers: a temporary ban that has run out is no ban (NodeBB reads banned:expire with banned)', async function () {
      await nb.seed.user({ uid: 30, username: 'was-banned', bannedUntil: Date.now() - 1 });
      await nb.seed.user({ uid: 31, username: 'still-banned', bannedUntil: Date.now() + 3_600_000 });
      const [was, still] = await createNodebbHost().users.getUsers([30, 31]);
      assert.equal(was?.banned, false);
      assert.equal(still?.banned, true);
    });

    it('getUidByUsername / getUidByUserslug: a number, null for unknown, empty or remote (an ActivityPub handle maps to a URL)', async function () {
      await nb.db.setObject('handle:uid', { 'zed@remote.example': 'https://remote.example/users/zed' });
      const { users } = createNodebbHost();
      assert.equal(await users.getUidByUsername('Anna K'), ANNA);
      assert.equal(await users.getUidByUsername('nobody'), null);
      assert.equal(await users.getUidByUsername(''), null);
      assert.equal(await users.getUidByUserslug('anna-k'), ANNA);
      assert.equal(await users.getUidByUserslug('nobody'), null);
      assert.equal(await users.getUidByUserslug('zed@remote.example'), null);
      sinon.assert.calledWith(nb.modules['./src/user'].getUidByUserslug as sinon.SinonSpy, 'anna-k');
    });

    it('getLanguage: the member’s userLang, else the forum default; a guest never reads settings', async function () {
      const { users } = createNodebbHost();
      assert.equal(await users.getLanguage(ANNA), 'ru');
      assert.equal(await users.getLanguage(BORIS), 'de');
      assert.equal(await users.getLanguage(0), 'de');
      sinon.assert.neverCalledWith(nb.modules['./src/user'].getSettings as sinon.SinonSpy, 0);
    });

    it('exists, count, getUidsByJoinDate: booleans and numbers from users:joindate', async function () {
      const { users } = createNodebbHost();
      assert.equal(await users.exists(ANNA), true);
      assert.equal(await users.exists(99), false);
      assert.equal(await users.count(), 6);
      assert.deepEqual(await users.getUidsByJoinDate(0, 2), [ANNA, ADMIN, GMOD]);
    });
  });

  describe('groups (src/groups)', function () {
    it('list: real groups with numeric flags as booleans; privilege groups left out', async function () {
      await nb.seed.group('Hidden helpers', { hidden: 1 });
      await nb.seed.group('Open club', { private: 0 });
      const list = await createNodebbHost().groups.list();
      const names = list.map((g) => g.name);
      assert.ok(!names.some((n) => n.startsWith('cid:')), `no privilege group in ${names.join(', ')}`);
      assert.deepEqual(list.find((g) => g.name === 'administrators'), { name: 'administrators', slug: 'administrators', memberCount: 1, system: true, hidden: false, private: true });
      assert.deepEqual(list.find((g) => g.name === 'registered-users')?.memberCount, 6);
      assert.equal(list.find((g) => g.name === 'Hidden helpers')?.hidden, true);
      assert.equal(list.find((g) => g.name === 'Open club')?.private, false);
      assert.equal(list.find((g) => g.name === 'Club')?.system, false);
    });

    it('getUserGroupNames: one array per uid, aligned; a guest and a missing member are in none', async function () {
      const [anna, guest, missing, clubber] = await createNodebbHost().groups.getUserGroupNames([ANNA, 0, 99, CLUBBER]);
      assert.deepEqual(anna, ['registered-users']);
      assert.deepEqual(guest, []);
      assert.deepEqual(missing, []);
      assert.ok(clubber?.includes('Club') && clubber.includes('registered-users'));
    });

    it('isMember(uid, name) / isMemberOfAny: NodeBB’s (uid, groupName) order; guests are members of the ephemeral "guests" only', async function () {
      const { groups } = createNodebbHost();
      assert.equal(await groups.isMember(ADMIN, 'administrators'), true);
      sinon.assert.calledWithExactly(nb.modules['./src/groups'].isMember as sinon.SinonSpy, ADMIN, 'administrators');
      assert.equal(await groups.isMember(ANNA, 'administrators'), false);
      assert.equal(await groups.isMember(0, 'guests'), true);
      assert.equal(await groups.isMember(0, 'registered-users'), false);
      assert.equal(await groups.isMemberOfAny(CLUBBER, ['administrators', 'Club']), true);
      assert.equal(await groups.isMemberOfAny(ANNA, ['administrators', 'Club']), false);
      assert.equal(await groups.isMemberOfAny(ANNA, []), false);
    });

    it('getMembers: numbers (NodeBB returns strings), newest member first', async function () {
      await nb.seed.member('administrators', ANNA);
      assert.deepEqual(await createNodebbHost().groups.getMembers('administrators', 0, -1), [ANNA, ADMIN]);
      sinon.assert.calledWithExactly(nb.modules['./src/groups'].getMembers as sinon.SinonSpy, 'administrators', 0, -1);
    });

    it('join(name, uid): NodeBB’s (groupNames, uid) order; a missing group is created hidden; a member joins once', async function () {
      const { groups } = createNodebbHost();
      await groups.join('Sellers', ANNA);
      await groups.join('Sellers', ANNA);
      sinon.assert.calledWithExactly(nb.modules['./src/groups'].join as sinon.SinonSpy, 'Sellers', ANNA);
      assert.equal(await groups.isMember(ANNA, 'Sellers'), true);
      assert.deepEqual(await nb.db.getObjectFields('group:Sellers', ['hidden', 'memberCount']), { hidden: '1', memberCount: '1' });
    });

    it('join refuses what NodeBB refuses: uid 0, an empty name, a name with ":"', async function () {
      const { groups } = createNodebbHost();
      await assert.rejects(groups.join('Sellers', 0), /invalid-uid/);
      await assert.rejects(groups.join('', ANNA), /invalid-data/);
      await assert.rejects(groups.join('a:b', ANNA), /invalid-group-name/);
    });

    it('leave(name, uid): a member leaves, a non-member is a no-op', async function () {
      const { groups } = createNodebbHost();
      await groups.leave('Club', CLUBBER);
      await groups.leave('Club', ANNA);
      sinon.assert.calledWithExactly(nb.modules['./src/groups'].leave as sinon.SinonSpy, 'Club', CLUBBER);
      assert.equal(await groups.isMember(CLUBBER, 'Club'), false);
      assert.equal(await nb.db.getObjectField('group:Club', 'memberCount'), '0');
    });
  });

  describe('privileges (src/privileges users.js through src/user)', function () {
    it('isAdmin / isGlobalModerator: group membership; a guest is neither and NodeBB is not asked', async function () {
      const { privileges } = createNodebbHost();
      assert.equal(await privileges.isAdmin(ADMIN), true);
      assert.equal(await privileges.isAdmin(GMOD), false);
      assert.equal(await privileges.isGlobalModerator(GMOD), true);
      assert.equal(await privileges.isGlobalModerator(ADMIN), false);
      assert.equal(await privileges.isAdmin(0), false);
      sinon.assert.neverCalledWith(nb.modules['./src/user'].isAdministrator as sinon.SinonSpy, 0);
    });

    it('canModeratePost: admin, global moderator, the post’s category moderator (user or group privilege); not another category’s', async function () {
      const { privileges } = createNodebbHost();
      const can = async (uid: number, pid: number) => privileges.canModeratePost(uid, pid);
      assert.deepEqual(await Promise.all([ADMIN, GMOD, MOD, CLUBBER, ANNA, 0].map((u) => can(u, 1000))), [true, true, true, false, false, false]);
      assert.deepEqual(await Promise.all([MOD, CLUBBER].map((u) => can(u, 1100))), [false, true]);
      sinon.assert.calledWithExactly(nb.modules['./src/user'].isModerator as sinon.SinonSpy, MOD, 10);
    });

    it('canModeratePost on a missing post: its category is 0, nobody but admins and global moderators', async function () {
      const { privileges } = createNodebbHost();
      assert.equal(await privileges.canModeratePost(MOD, 4242), false);
      assert.equal(await privileges.canModeratePost(GMOD, 4242), true);
      sinon.assert.neverCalledWith(nb.modules['./src/user'].isModerator as sinon.SinonSpy, MOD, sinon.match.any);
    });

    it('isModeratorAnywhere: a category moderator by user or group privilege, a global moderator, an admin', async function () {
      const { privileges } = createNodebbHost();
      assert.deepEqual(await Promise.all([ADMIN, GMOD, MOD, CLUBBER, ANNA, 0].map((u) => privileges.isModeratorAnywhere(u))), [true, true, true, true, false, false]);
    });
  });

  describe('content (src/posts, src/topics, src/categories)', function () {
    it('getPosts: typed summaries; a missing post (NodeBB answers {pid: 0, …}) is null; a remote author is uid -1', async function () {
      const posts = await createNodebbHost().content.getPosts([1000, 4242, 1001]);
      assert.deepEqual(posts, [
        { pid: 1000, uid: ANNA, tid: 100, timestamp: 1_700_000_000_000, deleted: false },
        null,
        { pid: 1001, uid: -1, tid: 100, timestamp: 1_700_000_001_000, deleted: true },
      ]);
      sinon.assert.calledWith(nb.modules['./src/posts'].getPostsFields as sinon.SinonSpy, [1000, 4242, 1001]);
    });

    it('getTopics: typed; "scheduled" derived by NodeBB from a future timestamp; a missing topic is null', async function () {
      const [hello, later, missing] = await createNodebbHost().content.getTopics([100, 101, 4242]);
      assert.deepEqual(hello, { tid: 100, cid: 10, uid: ANNA, mainPid: 1000, title: 'Hello', slug: '100/hello', deleted: false, scheduled: false, timestamp: 1_700_000_000_000 });
      assert.equal(later?.scheduled, true);
      assert.equal(missing, null);
    });

    it('getTopics: a topic started on the fediverse (NodeBB keeps its author’s uid a URL) has author -1, as getPosts gives', async function () {
      await nb.seed.topic({ tid: 103, cid: 10, uid: 0, title: 'Federated', timestamp: 1_700_000_000_000 });
      await nb.db.setObjectField('topic:103', 'uid', 'https://remote.example/users/zed');
      const [topic] = await createNodebbHost().content.getTopics([103]);
      assert.equal(topic?.uid, -1);
    });

    it('getCategories: every category of categories:cid, typed, in the forum’s order', async function () {
      assert.deepEqual(await createNodebbHost().content.getCategories(), [
        { cid: 12, name: 'Archive', slug: '12/archive', parentCid: 0, disabled: true },
        { cid: 10, name: 'General', slug: '10/general', parentCid: 0, disabled: false },
        { cid: 11, name: 'Club corner', slug: '11/club-corner', parentCid: 10, disabled: false },
      ]);
    });

    it('getPostTexts: the raw content, null for a missing post', async function () {
      assert.deepEqual(await createNodebbHost().content.getPostTexts([1000, 4242]), ['first post **md**', null]);
    });

    it('getPostsByTime: pids and times from posts:pid in the window, oldest first, limited', async function () {
      const { content } = createNodebbHost();
      assert.deepEqual(await content.getPostsByTime(1_700_000_000_500, 1_800_000_000_000, 10), [{ pid: 1001, timestamp: 1_700_000_001_000 }, { pid: 1100, timestamp: 1_700_000_002_000 }]);
      assert.deepEqual(await content.getPostsByTime(0, 1_800_000_000_000, 1), [{ pid: 1000, timestamp: 1_700_000_000_000 }]);
    });

    it('reply: topics.reply({tid, uid, content}), the new pid a number; NodeBB’s refusals reach the caller', async function () {
      const { content } = createNodebbHost();
      const pid = await content.reply(100, ANNA, 'Congratulations on the anniversary!');
      assert.equal(typeof pid, 'number');
      sinon.assert.calledWithExactly(nb.modules['./src/topics'].reply as sinon.SinonSpy, { tid: 100, uid: ANNA, content: 'Congratulations on the anniversary!' });
      assert.deepEqual(await content.getPostTexts([pid]), ['Congratulations on the anniversary!']);
      await assert.rejects(content.reply(102, ANNA, 'Congratulations on the anniversary!'), /topic-locked/);
      await assert.rejects(content.reply(4242, ANNA, 'Congratulations on the anniversary!'), /no-privileges|no-topic/);
      assert.equal(content.postPath(pid), `/post/${pid}`);
    });
  });
});
