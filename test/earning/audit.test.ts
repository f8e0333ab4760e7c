/**
 * Earning edge cases an audit found (issue 11, items 8–10; issue 13, item 4; issue 15, item 10):
 * on the real LedgerService, on every backend the suites run on.
 */
import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { LedgerService } from '../../lib/modules/ledger/service';
import { createEarningServices, type EarningServices } from '../../lib/modules/earning/services';
import { backends, Crash, crashAfterWrites } from '../ledger/backends';
import { earningActions } from '../../lib/modules/earning/hooks';
import type { Services } from '../../lib/services';
import { createServices } from '../../lib/services';
import { createFakeHost } from '../host';
import { MiniForum } from './harness';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

for (const backend of backends()) {
  describe(`earning edge cases on ${backend.name}`, function () {
    this.timeout(60_000);
    let db: Database;
    let forum: MiniForum;
    let ledger: LedgerService;
    let svc: EarningServices;

    beforeEach(async () => {
      db = await backend.open();
      forum = new MiniForum(db);
      await forum.setSettings({ earningCids: '1', timeZone: 'Europe/Moscow' });
      for (const uid of [1, 2, 5, 6, 7]) forum.addUser(uid);
      const host = forum.host();
      ledger = new LedgerService(host);
      svc = createEarningServices(host, forum.settings(), ledger);
    });
    after(() => backend.close());

    async function post(uid: number, when: string): Promise<number> {
      forum.now = at(when);
      const { pid } = forum.newTopic(uid, 1);
      await svc.earning.considerPost(pid);
      return pid;
    }

    describe('top-3 periods missed while the jobs were not running (issue 11, item 10)', () => {
      it('every ended, unpaid week and month is paid, oldest first, once', async () => {
        await post(5, '2026-07-21T10:00:00+03:00'); // 2026-W30, July
        await post(6, '2026-07-28T10:00:00+03:00'); // 2026-W31, July
        await post(6, '2026-07-29T10:00:00+03:00');
        await post(7, '2026-08-04T10:00:00+03:00'); // 2026-W32, August (not ended + settled at the run)
        // The jobs were down from 20 July until 27 August: the first run after that.
        const when = at('2026-08-27T00:00:00+03:00');
        await svc.earning.settleDue(when);
        await svc.top.run(when);
        const w30 = await ledger.entryByKey('top:week:2026-W30:1');
        const w31 = await ledger.entryByKey('top:week:2026-W31:1');
        const w32 = await ledger.entryByKey('top:week:2026-W32:1');
        const july = await ledger.entryByKey('top:month:2026-07:1');
        assert.deepEqual([w30?.uid, w31?.uid, w32?.uid, july?.uid], [5, 6, 7, 6]);
        assert.ok(w30!.id < w31!.id && w31!.id < w32!.id, 'oldest first');
        assert.equal(await ledger.entryByKey('top:month:2026-08:1'), null, 'August has not ended');
        // Again, and concurrently: nothing more.
        await Promise.all([svc.top.run(when + H), svc.top.run(when + H)]);
        const b = await ledger.balances([5, 6, 7]);
        assert.deepEqual([5, 6, 7].map((u) => b.get(u)!.posted), [2 + 200 + 500, 4 + 200 + 500, 2 + 200]);
      });
    });

    describe('group entry gifts once per member and program role (issue 11, item 9)', () => {
      const services = () => ({ host: forum.host(), settings: forum.settings(), ledger, ...svc }) as unknown as Services;
      const posted = async (uid: number) => (await ledger.balance(uid)).posted;

      it('a renamed group does not pay its members again; the role mapping follows the group', async () => {
        const actions = earningActions(services());
        await actions['action:group.join']!({ uid: 5, groupNames: ['Activists'] });
        // Paid under the name-keyed scheme before this change, and marked without pay at install.
        await ledger.credit({ uid: 6, amount: 100, key: 'group:Activists:6', reason: 'group-entry' });
        await db.setAdd('bonus:groupgifts:marked', 'group:Activists:7');
        await actions['action:group.rename']!({ old: 'Activists', new: 'Active members' });
        assert.equal((await forum.settings().get()).roleActivists, 'Active members');
        for (const uid of [5, 6, 7]) await actions['action:group.join']!({ uid, groupNames: ['Active members'] });
        await actions['action:group.join']!({ uid: 2, groupNames: ['Active members'] });
        await actions['action:group.join']!({ uid: 2, groupNames: ['Active members'] });
        assert.deepEqual([await posted(5), await posted(6), await posted(7), await posted(2)], [100, 100, 0, 100]);
      });

      it('a mapping changed by hand to the renamed group does not pay again either', async () => {
        await svc.groupGifts.joined(5, ['Activists']);
        await okValue(forum.settings().update({ roleActivists: 'Active members' }));
        assert.equal(await svc.groupGifts.joined(5, ['Active members']), 0);
        assert.equal(await posted(5), 100);
      });
    });

    describe('post points decided by the post\'s time and the hold window (issue 11, item 8)', () => {
      it('a reply deleted after its window ended keeps its points though settlement has not run; one deleted inside it does not', async () => {
        const actions = earningActions(({ host: forum.host(), settings: forum.settings(), ledger, ...svc }) as unknown as Services);
        const { tid } = forum.newTopic(1, 1);
        const late = forum.reply(tid, 5);
        const early = forum.reply(tid, 5);
        await svc.earning.considerPost(late);
        await svc.earning.considerPost(early);
        forum.now += 47 * H;
        forum.posts.get(early)!.deleted = true;
        await actions['action:post.delete']!({ post: { pid: early, uid: 5, tid } as never, uid: 1 });
        forum.now += 2 * H; // the window of both has ended; the settlement job has not run
        forum.posts.get(late)!.deleted = true;
        await actions['action:post.delete']!({ post: { pid: late, uid: 5, tid } as never, uid: 1 });
        let b = await ledger.balance(5);
        assert.deepEqual([b.posted, b.pending], [1, 0]);
        // the job runs later, repeatedly: nothing changes
        await svc.earning.settleDue(forum.now + H);
        await svc.earning.settleDue(forum.now + 2 * H);
        b = await ledger.balance(5);
        assert.deepEqual([b.posted, b.pending], [1, 0]);
      });

      it('points whose window has ended are spendable before the settlement job writes them, once', async () => {
        const services = createServices(forum.host());
        const { tid } = forum.newTopic(1, 1);
        const pids = [forum.reply(tid, 5), forum.reply(tid, 5)];
        for (const pid of pids) await services.earning.considerPost(pid);
        const spend = (key: string) => services.ledger.spend({ uid: 5, amount: 2, key, reason: 'transfer-out' });
        assert.deepEqual(await spend('test:early'), { ok: false, code: 'insufficient-points' });
        forum.now += 48 * H;
        const results = await Promise.all([spend('test:a'), spend('test:b')]);
        assert.deepEqual(results.map((r) => r.ok).sort(), [false, true]);
        const b = await services.ledger.balance(5);
        assert.deepEqual([b.posted, b.pending, b.spendable], [0, 0, 0]);
        assert.equal((await services.earning.settleDue(forum.now)).matured, 0, 'already settled');
      });
    });

    describe('a warned post no longer earns nor counts toward the top-3 (issue 15, item 10)', () => {
      it('its pending points are cancelled, it leaves the period counts, and a late hook or settlement does not bring it back', async () => {
        const ad = await post(6, '2026-08-18T10:00:00+03:00'); // the advertising topic
        await post(5, '2026-08-18T12:00:00+03:00');
        await post(6, '2026-08-18T12:30:00+03:00');
        forum.now = at('2026-08-18T13:00:00+03:00');
        const { tid, pid: opening } = forum.newTopic(1, 1);
        await svc.earning.considerPost(opening);
        const lateHook = forum.reply(tid, 6); // its save hook is lost until after the warning
        await okValue(svc.warnings.issue({ uid: 2 }, { pid: ad, reason: 'advertising' }));
        await okValue(svc.warnings.issue({ uid: 2 }, { pid: lateHook, reason: 'advertising' }));
        assert.equal(await svc.earning.considerPost(lateHook), 'refused');
        assert.equal(await svc.earning.backfill(forum.now, 24 * H), 0);
        const week = await svc.top.ranking('week', '2026-W34');
        // each has one counted post: 5's at 12:00, 6's at 12:30, the admin's at 13:00 (the ad does not count)
        assert.deepEqual(week.map((r) => [r.uid, r.count]), [[5, 1], [6, 1], [1, 1]]);
        await svc.earning.settleDue(at('2026-08-30T00:00:00+03:00'));
        await svc.top.run(at('2026-08-30T00:00:00+03:00'));
        assert.equal((await ledger.entryByKey('top:week:2026-W34:1'))?.uid, 5, 'without the ad, 6 reached 1 counted post after 5');
        const b6 = await ledger.balance(6);
        assert.deepEqual([b6.pending, b6.posted], [0, 2 - 500 - 500 + 200]);
      });

      it('warned after its window ended: its points stand, yet it leaves the top-3 count', async () => {
        const pid = await post(6, '2026-08-18T10:00:00+03:00');
        forum.now = at('2026-08-20T11:00:00+03:00');
        await okValue(svc.warnings.issue({ uid: 2 }, { pid, reason: 'advertising' }));
        assert.deepEqual((await svc.top.ranking('week', '2026-W34')).map((r) => r.uid), []);
        const b6 = await ledger.balance(6);
        assert.deepEqual([b6.pending, b6.posted], [0, 2 - 500]);
      });
    });

    describe('hooks NodeBB fires that the program needs (issue 13, item 4)', () => {
      const hooks = () => earningActions(({ host: forum.host(), settings: forum.settings(), ledger, ...svc }) as unknown as Services);
      const hookPost = (pid: number) => ({ pid, uid: forum.posts.get(pid)!.uid, tid: forum.posts.get(pid)!.tid }) as never;
      const bal = async (uid: number) => { const b = await ledger.balance(uid); return [b.posted, b.pending]; };

      it('a post restored inside its window earns again, once per deletion; after its window it does not', async () => {
        const actions = hooks();
        const { tid } = forum.newTopic(1, 1);
        const start = forum.now;
        const r = forum.reply(tid, 5);
        const late = forum.reply(tid, 5);
        await svc.earning.considerPost(r);
        await svc.earning.considerPost(late);
        for (const [pid, restoreAt] of [[r, 2 * H], [late, 49 * H]] as const) {
          forum.now = start + H;
          forum.posts.get(pid)!.deleted = true;
          await actions['action:post.delete']!({ post: hookPost(pid), uid: 1 });
          forum.now = start + restoreAt;
          forum.posts.get(pid)!.deleted = false;
          await Promise.all([actions['action:post.restore']!({ post: hookPost(pid), uid: 1 }), actions['action:post.restore']!({ post: hookPost(pid), uid: 1 })]);
        }
        assert.deepEqual(await bal(5), [0, 1]);
        // deleted and restored again, still inside the window
        forum.now = start + 3 * H;
        forum.posts.get(r)!.deleted = true;
        await actions['action:post.delete']!({ post: hookPost(r), uid: 1 });
        assert.deepEqual(await bal(5), [0, 0]);
        forum.posts.get(r)!.deleted = false;
        await actions['action:post.restore']!({ post: hookPost(r), uid: 1 });
        await svc.earning.settleDue(start + 50 * H);
        await svc.earning.settleDue(start + 51 * H);
        assert.deepEqual(await bal(5), [1, 0]);
        assert.deepEqual((await svc.top.ranking('week', '2026-W34')).map((x) => [x.uid, x.count]), [[5, 1]]);
      });

      it('a restore stopped by a crash after any write: settlement converges, paying at most once', async () => {
        for (let n = 0; ; n += 1) {
          db = await backend.open();
          forum = new MiniForum(db);
          await forum.setSettings({ earningCids: '1', timeZone: 'Europe/Moscow' });
          forum.addUser(1);
          forum.addUser(5);
          ledger = new LedgerService(forum.host());
          svc = createEarningServices(forum.host(), forum.settings(), ledger);
          const { tid } = forum.newTopic(1, 1);
          const r = forum.reply(tid, 5);
          await svc.earning.considerPost(r);
          forum.posts.get(r)!.deleted = true;
          await svc.earning.cancelPost(r, 'post-deleted');
          forum.posts.get(r)!.deleted = false;
          forum.now += H;
          const crashing = forum.onDatabase(crashAfterWrites(db, n));
          const dying = createEarningServices(crashing.host(), crashing.settings(), new LedgerService(crashing.host()));
          let crashed = false;
          try {
            await dying.earning.earnAgain(r, forum.now, null);
          } catch (err) {
            if (!(err instanceof Crash)) throw err;
            crashed = true;
          }
          forum.now += 48 * H;
          await ledger.recover();
          await svc.earning.settleDue(forum.now);
          await svc.earning.settleDue(forum.now);
          const b = await ledger.balance(5);
          assert.equal(b.pending, 0, `crash after ${n} writes`);
          assert.ok(b.posted === 0 || b.posted === 1, `crash after ${n} writes: posted ${b.posted}`);
          if (!crashed) assert.equal(b.posted, 1);
          const check = await ledger.reconcile();
          assert.deepEqual([check.damage, check.repaired], [[], []], `crash after ${n} writes`);
          if (!crashed) break;
        }
      });

      it('a topic restored inside the window: the posts its deletion cancelled earn again', async () => {
        const actions = hooks();
        const { tid, pid } = forum.newTopic(5, 1);
        const reply = forum.reply(tid, 6);
        await svc.earning.considerPost(pid);
        await svc.earning.considerPost(reply);
        forum.topics.get(tid)!.deleted = true;
        await actions['action:topic.delete']!({ topic: { tid }, uid: 1 });
        assert.deepEqual([await bal(5), await bal(6)], [[0, 0], [0, 0]]);
        forum.now += H;
        forum.topics.get(tid)!.deleted = false;
        await actions['action:topic.restore']!({ topic: { tid }, uid: 1 });
        await actions['action:topic.restore']!({ topic: { tid }, uid: 1 });
        assert.deepEqual([await bal(5), await bal(6)], [[0, 2], [0, 1]]);
      });

      it('an owner change moves pending points (and the post\'s top-3 count) to the new owner; after the window they stay', async () => {
        const actions = hooks();
        const { tid } = forum.newTopic(1, 1);
        const start = forum.now;
        const moved = forum.reply(tid, 5);
        const kept = forum.reply(tid, 5);
        await svc.earning.considerPost(moved);
        await svc.earning.considerPost(kept);
        forum.now = start + H;
        forum.posts.get(moved)!.uid = 6;
        await Promise.all([1, 2].map(() => actions['action:post.changeOwner']!({ posts: [hookPost(moved)], toUid: 6 })));
        forum.now = start + 49 * H;
        forum.posts.get(kept)!.uid = 6;
        await actions['action:post.changeOwner']!({ posts: [hookPost(kept)], toUid: 6 });
        assert.deepEqual([await bal(5), await bal(6)], [[1, 0], [0, 1]], 'the window of `kept` had ended: its points stand with 5');
        await svc.earning.settleDue(start + 50 * H);
        assert.deepEqual([await bal(5), await bal(6)], [[1, 0], [1, 0]]);
        const week = await svc.top.ranking('week', '2026-W34');
        assert.deepEqual(week.filter((x) => x.uid !== 1).map((x) => [x.uid, x.count]).sort(), [[5, 1], [6, 1]]);
      });

      it('a deleted member: pending points cancelled (ledger totals kept), out of the birthday index', async () => {
        const actions = hooks();
        const { tid } = forum.newTopic(1, 1);
        await svc.earning.considerPost(forum.reply(tid, 5));
        await svc.birthdays.index(5, '1990-08-15');
        await actions['static:user.delete']!({ uid: 5 });
        assert.deepEqual(await bal(5), [0, 0]);
        assert.equal(await db.isSortedSetMember('bonus:birthdays', 5), false);
        const history = await ledger.history(5, 1);
        assert.deepEqual(history.entries.map((e) => e.kind).sort(), ['cancel-pending', 'credit-pending']);
      });

      it('plugin.json registers only hooks that something handles', async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const registered = (require('../../../plugin.json') as { hooks: { hook: string }[] }).hooks.map((h) => h.hook);
        for (const name of ['action:post.edit', 'action:group.leave']) assert.ok(!registered.includes(name), name);
        const handled = Object.keys(hooks());
        for (const name of ['action:post.restore', 'action:topic.restore', 'action:post.changeOwner', 'static:user.delete', 'action:group.rename']) {
          assert.ok(registered.includes(name) && handled.includes(name), name);
        }
      });
    });
  });
}

describe('earning edge cases through the fake NodeBB (pages and hooks)', function () {
  it('the Points API shows points whose window has ended as available before the jobs run, also after a late deletion', async () => {
    const fake = await createFakeHost();
    const admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    const member = fake.forum.createUser({ username: 'maria', groups: ['Participants'] });
    const cid = fake.forum.createCategory('Club life');
    await fake.host.settings.set('bonus', { earningCids: String(cid) });
    const { tid } = fake.forum.createTopic(admin, cid, 'Hello', 'First post');
    const kept = fake.forum.reply(member, tid, 'A reply');
    fake.forum.reply(member, tid, 'Another reply');
    await fake.settle();
    fake.clock.advance(48 * H);
    fake.forum.deletePost(kept, admin); // after the window: the points stand
    await fake.settle();
    const res = await fake.agent(member).get('/api/v3/plugins/bonus/points').expect(200);
    assert.deepEqual([res.body.response.balance.spendable, res.body.response.balance.pending], [2, 0]);
    assert.deepEqual(res.body.response.pending, []);
  });
});

describe('warning policy (issue 11, item 13)', function () {
  it('a category moderator warns only through posts they moderate, only an admin warns an admin, each moderator lists what they may act on', async () => {
    const fake = await createFakeHost();
    const admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    const globalMod = fake.forum.createUser({ username: 'gmod', groups: ['Global Moderators'] });
    const catMod = fake.forum.createUser({ username: 'cmod' });
    const member = fake.forum.createUser({ username: 'maria' });
    const mine = fake.forum.createCategory('Club life', { moderators: [catMod] });
    const other = fake.forum.createCategory('Off-topic');
    const inMine = fake.forum.createTopic(member, mine, 'Hello', 'First post');
    const inOther = fake.forum.createTopic(member, other, 'Hi', 'Elsewhere');
    const byAdmin = fake.forum.createTopic(admin, mine, 'Rules', 'Admin post');
    await fake.settle();
    const warn = (uid: number, body: object) => fake.agent(uid).post('/api/v3/plugins/bonus/warnings', { reason: 'spam', ...body });

    // a category moderator: not through the profile form, not in another category, not an admin
    await warn(catMod, { uid: member, key: 'form-key-0001' }).expect(403);
    await warn(catMod, { pid: inOther.pid }).expect(403);
    const adminRefused = await warn(catMod, { pid: byAdmin.pid }).expect(403);
    assert.equal(adminRefused.body.status.code, 'forbidden');
    await warn(catMod, { pid: inMine.pid }).expect(200);
    // a global moderator warns anyone but an admin
    const refused = await warn(globalMod, { uid: admin, key: 'form-key-0002' }).expect(403);
    assert.match(refused.body.status.message, /administrator/);
    await warn(globalMod, { uid: member, key: 'form-key-0003' }).expect(200);
    await warn(admin, { pid: inOther.pid }).expect(200);
    assert.equal((await fake.host.db.sortedSetCard('bonus:warnings')), 3);

    // what each sees
    const listed = async (uid: number, url: string) => ((await fake.agent(uid).get(url).expect(200)).body.warnings as { reason: string; hasPost: boolean; postUrl: string }[])
      .map((w) => (w.hasPost ? w.postUrl.replace(/.*\/post\//, 'post ') : 'profile')).sort();
    assert.deepEqual(await listed(catMod, '/api/bonus/warnings/all'), [`post ${inMine.pid}`]);
    assert.deepEqual(await listed(globalMod, '/api/bonus/warnings/all'), [`post ${inMine.pid}`, `post ${inOther.pid}`, 'profile']);
    assert.deepEqual(await listed(catMod, '/api/user/maria/bonus-warnings'), [`post ${inMine.pid}`]);
    assert.deepEqual(await listed(member, '/api/user/maria/bonus-warnings'), [`post ${inMine.pid}`, `post ${inOther.pid}`, 'profile']);
    // the profile warn form only for those who may use it
    assert.equal((await fake.agent(catMod).get('/api/user/maria/bonus-warnings').expect(200)).body.form, null);
    assert.ok((await fake.agent(globalMod).get('/api/user/maria/bonus-warnings').expect(200)).body.form);
    assert.equal((await fake.agent(globalMod).get('/api/user/admin/bonus-warnings').expect(200)).body.form, null);

    // the post tools' warn dialog asks what a warning costs now, in the moderator's language (issue 15, item 8)
    await okValue(fake.plugin.services.settings.update({ penaltyWarning: 21 }));
    const cost = async (uid: number, lang: string) => (await fake.agent(uid).get(`/api/v3/plugins/bonus/warnings/cost?pid=${inMine.pid}&lang=${lang}`).expect(200)).body.response.text as string;
    assert.match(await cost(catMod, 'en-GB'), /^The warning takes 21 points from the member’s balance/);
    assert.match(await cost(globalMod, 'ru'), /^Предупреждение спишет с баланса участника 21 балл /);
    await okValue(fake.plugin.services.settings.update({ penaltyWarning: 0 }));
    assert.equal(await cost(admin, 'en-GB'), 'A warning costs no points at the moment.');
    await fake.agent(member).get(`/api/v3/plugins/bonus/warnings/cost?pid=${inMine.pid}`).expect(403);
    await fake.agent(catMod).get(`/api/v3/plugins/bonus/warnings/cost?pid=${inOther.pid}`).expect(403);
  });
});
