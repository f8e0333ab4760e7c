import { okValue, refuses, settleAll } from '../host/results';
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import type { Services } from '../../lib/services';
import { createEarningServices, type EarningServices } from '../../lib/modules/earning/services';
import { earningActions } from '../../lib/modules/earning/hooks';
import { moderationActions, moderationFilters } from '../../lib/modules/moderation/hooks';
import { BIRTHDAY_INDEX } from '../../lib/modules/earning/service-birthdays';
import { rewardActions, rewardFilters } from '../../lib/modules/earning/hooks-rewards';
import { LedgerService } from '../../lib/modules/ledger/service';
import { MiniForum, openDatabase, RecordingLedger } from './harness';
import { Announcer } from '../../lib/modules/publishing/announcer';
import { StepsService } from '../../lib/kernel/steps-service';
import { STEPS_LEASE_MS } from '../../lib/kernel/steps';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('earning: birthdays, group gifts, top-3, warnings, bans and hooks (services)', function () {
  let opened: { db: Database; close(): Promise<void> } | null = null;
  let forum: MiniForum;
  let ledger: RecordingLedger;
  let svc: EarningServices;
  let services: Services;
  let steps: StepsService;

  before(async function () {
    opened = await openDatabase();
  });
  after(async () => { await opened?.close(); });

  beforeEach(async () => {
    const { db } = opened!;
    if ('client' in db) await (db as unknown as { client: { flushdb(): Promise<unknown> } }).client.flushdb();
    if ('flushAll' in db) (db as unknown as { flushAll(): void }).flushAll();
    forum = new MiniForum(db);
    await forum.setSettings({ earningCids: '1', timeZone: 'Europe/Moscow', operationsTid: '0' });
    for (const uid of [1, 2, 5, 6, 7, 8, 9]) forum.addUser(uid);
    const host = forum.host();
    ledger = new RecordingLedger(new LedgerService(host));
    steps = new StepsService(host);
    svc = createEarningServices(host, forum.settings(), ledger, undefined, steps);
    services = { host, settings: forum.settings(), ledger, ...svc } as unknown as Services;
  });

  const keys = (uid?: number) => ledger.entries.filter((e) => uid === undefined || e.uid === uid).map((e) => `${e.kind}:${e.key}:${e.amount}`);

  describe('birthday gift', () => {
    it('paid once per gift year inside the window, read from the index, in both formats', async () => {
      forum.users.get(5)!.birthday = '1990-08-15';
      forum.users.get(6)!.birthday = '09/30/1985';
      forum.users.get(7)!.birthday = '1990-12-01'; // window opens 1 November: not yet
      for (const uid of [5, 6, 7]) await svc.birthdays.index(uid, forum.users.get(uid)!.birthday);
      const now = at('2026-08-31T12:00:00Z');
      assert.equal(await svc.birthdays.run(now), 2);
      assert.equal(await svc.birthdays.run(now), 0);
      await Promise.all([svc.birthdays.run(now + 24 * H), svc.birthdays.run(now + 24 * H)]);
      assert.deepEqual(keys().sort(), ['credit:birthday:5:2026:100', 'credit:birthday:6:2026:100']);
    });

    it('changing the birthday does not pay twice in a year', async () => {
      forum.users.get(5)!.birthday = '1990-01-10';
      await svc.birthdays.index(5, '1990-01-10');
      await svc.birthdays.run(at('2026-01-10T12:00:00Z'));
      forum.users.get(5)!.birthday = '1990-12-20';
      await svc.birthdays.index(5, '1990-12-20');
      await svc.birthdays.run(at('2026-12-20T12:00:00Z'));
      assert.deepEqual(keys(5), ['credit:birthday:5:2026:100']);
      await svc.birthdays.run(at('2027-12-20T12:00:00Z'));
      assert.deepEqual(keys(5), ['credit:birthday:5:2026:100', 'credit:birthday:5:2027:100']);
    });

    it('the last day of the window in the forum zone, then nothing', async () => {
      forum.users.get(5)!.birthday = '2000-08-15';
      forum.users.get(6)!.birthday = '2000-08-15';
      for (const uid of [5, 6]) await svc.birthdays.index(uid, '2000-08-15');
      assert.equal(await svc.birthdays.run(at('2026-09-15T20:59:59Z')), 2, 'still 15 September in Moscow');
      forum.users.get(7)!.birthday = '2000-08-15';
      await svc.birthdays.index(7, '2000-08-15');
      assert.equal(await svc.birthdays.run(at('2026-09-15T21:00:00Z')), 0, 'already 16 September in Moscow');
      assert.deepEqual(keys(7), []);
    });

    it('the job reads only members who are due: nobody on a second run, a few when windows open (issue 13, item 6)', async () => {
      // 730 members, two birthdays on every day of the year
      const uids: number[] = [];
      for (let i = 0; i < 730; i += 1) {
        const uid = 100 + i;
        forum.addUser(uid);
        const d = new Date(Date.UTC(2001, 0, 1 + Math.floor(i / 2)));
        forum.users.get(uid)!.birthday = d.toISOString().slice(0, 10);
        await svc.birthdays.index(uid, forum.users.get(uid)!.birthday);
        uids.push(uid);
      }
      const read: number[] = [];
      const host = services.host as unknown as { users: { getUsers(u: number[]): Promise<unknown[]> } };
      const real = host.users.getUsers;
      host.users.getUsers = async (u: number[]) => {
        read.push(...u);
        return real.call(host.users, u);
      };
      try {
        const day = at('2026-08-31T12:00:00Z');
        const first = await svc.birthdays.run(day);
        // windows from one month before to one month after: birthdays 31 July … 30 September
        assert.ok(first >= 120 && first <= 126, `paid on the first run: ${first}`);
        read.length = 0;
        assert.equal(await svc.birthdays.run(day + H), 0);
        assert.deepEqual(read, [], 'an hour later nobody is read');
        assert.equal(await svc.birthdays.run(day + 24 * H), 2, 'the next day: the two whose window opened (birthdays on 1 October)');
        assert.ok(read.length <= 4, `the next day ${read.length} members read`);
        // the window's settings change: the due index is rebuilt, nobody is paid twice
        await forum.setSettings({ birthdayMonthsAfter: '2' });
        read.length = 0;
        const wider = await svc.birthdays.run(day + 48 * H);
        assert.ok(wider >= 58 && wider <= 64, `paid when the window grew by a month: ${wider}`);
        assert.equal(new Set(ledger.entries.filter((e) => e.key.startsWith('birthday:')).map((e) => e.key)).size, ledger.entries.filter((e) => e.key.startsWith('birthday:')).length);
      } finally {
        host.users.getUsers = real;
      }
    });

    it('Newcomers, banned members and members without a birthday get nothing', async () => {
      forum.users.get(5)!.birthday = '1990-08-20';
      forum.users.get(6)!.birthday = '1990-08-20';
      forum.users.get(6)!.banned = true;
      forum.groups.set(5, ['Newcomers']);
      for (const uid of [5, 6, 7]) await svc.birthdays.index(uid, forum.users.get(uid)!.birthday);
      assert.equal(await svc.birthdays.run(at('2026-08-20T12:00:00Z')), 0);
      assert.equal(await forum.db.sortedSetCard(BIRTHDAY_INDEX), 2);
    });

    it('29 February birthdays are paid on 28 February in common years', async () => {
      forum.users.get(5)!.birthday = '2000-02-29';
      await svc.birthdays.index(5, '2000-02-29');
      await forum.setSettings({ birthdayMonthsBefore: '0' });
      await forum.setSettings({ birthdayMonthsAfter: '0' });
      assert.equal(await svc.birthdays.run(at('2027-02-27T12:00:00Z')), 0);
      assert.equal(await svc.birthdays.run(at('2027-02-28T12:00:00Z')), 1);
    });
  });

  describe('first group entry', () => {
    it('once ever per member and program role; system groups and re-joins pay nothing', async () => {
      const actions = earningActions(services);
      await actions['action:group.join']!({ uid: 5, groupNames: ['registered-users', 'cid:1:privileges:groups:read'] });
      await Promise.all([1, 2, 3].map(() => actions['action:group.join']!({ uid: 5, groupNames: ['Activists'] })));
      await actions['action:group.join']!({ uid: 5, groupNames: ['Activists', 'Club council'] });
      assert.deepEqual(keys(5), ['credit:group-role:activists:5:100', 'credit:group-role:clubCouncil:5:1000']);
    });

    it('backfill pays existing members, or only marks them so they are never paid', async () => {
      forum.groups.set(5, ['Consultants']);
      forum.groups.set(6, ['Old-timers']);
      await refuses(svc.groupGifts.backfill({ uid: 5 }, 'pay'), /no-privileges/);
      assert.equal(await okValue(svc.groupGifts.backfill({ uid: 1 }, 'mark')), 2);
      assert.equal(await svc.groupGifts.joined(5, ['Consultants']), 0);
      forum.groups.set(7, ['Consultants']);
      assert.equal(await okValue(svc.groupGifts.backfill({ uid: 1 }, 'pay')), 1);
      assert.deepEqual(keys(), ['credit:group-role:consultants:7:250']);
    });
  });

  describe('weekly and monthly top-3', () => {
    async function post(uid: number, when: string) {
      forum.now = at(when);
      const { pid } = forum.newTopic(uid, 1);
      await svc.earning.considerPost(pid);
      return pid;
    }

    it('pays the top 3 of the ended week once, after its posts settled, even when run concurrently', async () => {
      // Week 2026-W34 in Moscow: 17–23 August.
      for (const [uid, n] of [[5, 3], [6, 2], [7, 2], [8, 1], [9, 5]] as const) {
        for (let i = 0; i < n; i++) await post(uid, `2026-08-${18 + i}T1${uid - 5}:00:00+03:00`);
      }
      forum.users.get(9)!.banned = true; // banned: excluded from the top
      const end = at('2026-08-24T00:00:00+03:00');
      assert.deepEqual(await svc.top.payPeriodById('week', '2026-W34', end + 47 * H), null);
      const runs = await Promise.all([1, 2, 3].map(() => svc.top.payPeriodById('week', '2026-W34', end + 48 * H)));
      await svc.top.payPeriodById('week', '2026-W34', end + 49 * H);
      assert.ok(runs.some((r) => r !== null));
      const top = ledger.entries.filter((e) => e.key.startsWith('top:week:'));
      // 6 and 7 both have 2 posts: 6 reached 2 earlier (19 Aug 11:00 vs 19 Aug 12:00).
      assert.deepEqual(top.map((e) => `${e.key}:${e.uid}:${e.amount}`), ['top:week:2026-W34:1:5:200', 'top:week:2026-W34:2:6:200', 'top:week:2026-W34:3:7:200']);
      const result = await svc.top.result('week', '2026-W34');
      assert.deepEqual(result?.winners.map((w) => w.uid), [5, 6, 7]);
    });

    it('a run that claimed the period and stopped before freezing it is healed by a later run', async () => {
      await post(5, '2026-08-18T10:00:00+03:00');
      await forum.db.incrObjectField('bonus:jobs', 'top:week:2026-W34'); // the claim of a run that died
      const when = at('2026-08-27T00:00:00+03:00');
      assert.equal(await svc.top.payPeriodById('week', '2026-W34', when), null); // looks like a concurrent twin
      await svc.top.payPeriodById('week', '2026-W34', when + H);
      await svc.top.payPeriodById('week', '2026-W34', when + 2 * H);
      assert.deepEqual(keys().filter((k) => k.includes('top:')), ['credit:top:week:2026-W34:1:200']);
    });

    it('a post cancelled before payout does not count', async () => {
      await post(5, '2026-08-18T10:00:00+03:00');
      await post(5, '2026-08-18T11:00:00+03:00');
      const p6a = await post(6, '2026-08-18T09:00:00+03:00');
      await svc.earning.cancelPost(p6a, 'post-deleted'); // inside its hold window
      await post(6, '2026-08-23T23:59:00+03:00');
      await post(6, '2026-08-23T23:59:30+03:00');
      await svc.top.run(at('2026-08-26T00:00:00+03:00'));
      const first = ledger.entries.find((e) => e.key === 'top:week:2026-W34:1');
      assert.equal(first?.uid, 5); // 2 posts reached at 11:00 on the 18th, before 6's 23:59:30 on the 23rd
    });

    it('publishes the results once in the operations topic', async () => {
      await forum.setSettings({ operationsTid: '1' });
      forum.newTopic(1, 2); // the operations topic (tid 1), not earning
      await post(5, '2026-08-18T10:00:00+03:00');
      await Promise.all([svc.top.run(at('2026-08-27T00:00:00+03:00')), svc.top.run(at('2026-08-27T00:00:00+03:00'))]);
      await svc.top.run(at('2026-08-28T00:00:00+03:00'));
      // the week as its dates, not its id (issue 15, item 2)
      assert.equal(forum.replies.filter((r) => /17\s?–\s?23 Aug 2026/.test(r.content)).length, 1);
      assert.ok(!forum.replies.some((r) => /W\d\d/.test(r.content)));
      assert.equal(forum.replies[0].uid, 1);
    });

    it('in daily-digest mode the results are a line of the next day\'s digest, queued once', async () => {
      await forum.setSettings({ operationsTid: '1' });
      await forum.setSettings({ operationsPublishMode: 'daily-digest' });
      forum.newTopic(1, 2);
      const announcer = new Announcer(forum.host(), forum.settings());
      const top = createEarningServices(forum.host(), forum.settings(), ledger, announcer).top;
      await post(5, '2026-08-18T10:00:00+03:00');
      await top.run(at('2026-08-27T00:00:00+03:00'));
      await top.run(at('2026-08-28T00:00:00+03:00'));
      assert.equal(forum.replies.length, 0, 'no post of its own');
      // queued on the UTC day of the first run (26 August, 21:00 UTC), posted the next day
      assert.equal(await announcer.publishDigest(at('2026-08-27T12:00:00Z')), true);
      assert.equal(await announcer.publishDigest(at('2026-08-27T13:00:00Z')), false);
      assert.equal(await announcer.publishDigest(at('2026-08-28T12:00:00Z')), false, 'not queued again by the second run');
      assert.equal(forum.replies.length, 1);
      assert.match(forum.replies[0].content, /^Points operations of \d{4}-\d\d-\d\d:[\s\S]*17\s?–\s?23 Aug 2026/);
      assert.match(forum.replies[0].content, /\n {2}1\. @u5: 1 post, 200 points$/, 'the counts in their plural forms');
    });
  });

  describe('warning centre', () => {
    it('moderators warn once per warning; the member sees theirs; admins revoke with a refund', async () => {
      forum.newTopic(6, 1);
      await refuses(svc.warnings.issue({ uid: 5 }, { uid: 6, reason: 'spam' }), /no-privileges/);
      await refuses(svc.warnings.issue({ uid: 2 }, { uid: 6, reason: '  ' }), /reason-required/);
      await refuses(svc.warnings.issue({ uid: 2 }, { uid: 2, reason: 'x' }), /warning-self/);
      const w = await okValue(svc.warnings.issue({ uid: 2 }, { pid: 1, reason: 'Off-topic <b>again</b>' }));
      assert.equal(w.uid, 6);
      assert.deepEqual(keys(6), ['debit:warning:1:500']);
      assert.equal(forum.notifications.at(-1)!.n.bodyLong, 'Off-topic &lt;b&gt;again&lt;/b&gt;', 'the reason shown as written, escaped (issue 11, item 5)');
      assert.equal((await okValue(svc.warnings.listOf({ uid: 6 }, 6))).length, 1);
      await refuses(svc.warnings.listOf({ uid: 7 }, 6), /no-privileges/);
      await refuses(svc.warnings.revoke({ uid: 2 }, w.id), /no-privileges/);
      const results = await settleAll([svc.warnings.revoke({ uid: 1 }, w.id), svc.warnings.revoke({ uid: 1 }, w.id)]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.deepEqual(keys(6), ['debit:warning:1:500', 'credit:warning:1:revoke:500']);
      assert.equal(ledger.balance(6).posted, 0);
    });

    it('post tools and profile menu', async () => {
      const filters = moderationFilters(services);
      forum.newTopic(6, 1);
      const tools = await filters['filter:post.tools']!({ pid: 1, post: {}, uid: 2, tools: [] });
      assert.equal(tools.tools.length, 1);
      const none = await filters['filter:post.tools']!({ pid: 1, post: {}, uid: 6, tools: [] });
      assert.equal(none.tools.length, 0);
    });
    it('a double-clicked warning deducts once: a post is warned for once, a profile form\'s key replays', async () => {
      forum.newTopic(6, 1);
      const both = await settleAll([1, 2, 3].map(() => svc.warnings.issue({ uid: 2 }, { pid: 1, reason: 'spam' })));
      assert.equal(both.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(both.some((r) => r.status === 'rejected' && /warning-post-already/.test(String(r.reason))));
      const clicks = await settleAll([1, 2].map(() => svc.warnings.issue({ uid: 2 }, { uid: 7, reason: 'rude', key: 'form-key-123456' })));
      const ok = clicks.filter((r) => r.status === 'fulfilled');
      assert.ok(ok.length >= 1);
      assert.ok(clicks.every((r) => r.status === 'fulfilled' || /warning-in-progress/.test(String(r.reason))));
      const again = await okValue(svc.warnings.issue({ uid: 2 }, { uid: 7, reason: 'rude', key: 'form-key-123456' }));
      assert.equal(again.id, ok[0].value.id, 'a resubmitted form gets the first warning back');
      // another moderator's form, or a fresh form, is another warning
      await okValue(svc.warnings.issue({ uid: 1 }, { uid: 7, reason: 'rude', key: 'form-key-123456' }));
      await okValue(svc.warnings.issue({ uid: 2 }, { uid: 7, reason: 'rude again', key: 'form-key-654321' }));
      assert.deepEqual(keys(6), ['debit:warning:1:500']);
      assert.equal(keys(7).length, 3);
      // the all-warnings form names the member by username
      await refuses(svc.warnings.issue({ uid: 2 }, { username: 'nobody', reason: 'x' }), /warning-invalid-member/);
      assert.equal((await okValue(svc.warnings.issue({ uid: 2 }, { username: 'u7', reason: 'by name' }))).uid, 7);
    });

    it('the steps recovery job finishes a warning or a revocation a crash interrupted; a claim left without its input is taken by the next request', async () => {
      forum.newTopic(6, 1);
      forum.newTopic(7, 1);
      const debit = ledger.debit.bind(ledger);
      ledger.debit = async () => { throw new Error('crash'); };
      await assert.rejects(svc.warnings.issue({ uid: 2 }, { pid: 1, reason: 'spam' }), /crash/);
      ledger.debit = debit;
      assert.deepEqual(keys(6), []);
      assert.equal((await okValue(svc.warnings.listAll({ uid: 1 }))).total, 1, 'stored and listed before its deduction');
      assert.equal(await steps.recover(), 0, 'within the lease the request may still be running');
      await refuses(svc.warnings.issue({ uid: 2 }, { pid: 1, reason: 'spam' }), /warning-post-already/);
      // a claim whose request stopped before writing its input (the post 2 by member 7)
      await forum.db.incrObjectField('bonus:steps:warning-issue:post:2', 'claim');
      forum.now += STEPS_LEASE_MS + 1;
      const results = await Promise.all([steps.recover(), steps.recover()]);
      assert.equal(results[0] + results[1], 1);
      assert.deepEqual(keys(6), ['debit:warning:1:500'], 'deducted once though recovery ran twice');
      const second = await okValue(svc.warnings.issue({ uid: 2 }, { pid: 2, reason: 'spam' }));
      assert.equal(second.id, 3, 'the refused repeat used id 2 (ids may have gaps)');
      assert.deepEqual(keys(7), ['debit:warning:3:500']);
      // a revocation that stopped after it was written: the refund follows at recovery, once
      const credit = ledger.credit.bind(ledger);
      ledger.credit = async () => { throw new Error('crash'); };
      await assert.rejects(svc.warnings.revoke({ uid: 1 }, 1), /crash/);
      ledger.credit = credit;
      await refuses(svc.warnings.revoke({ uid: 1 }, 1), /already-revoked/);
      assert.ok((await svc.warnings.get(1))!.revokedAt > 0);
      forum.now += STEPS_LEASE_MS + 1;
      await steps.recover();
      await steps.recover();
      assert.deepEqual(keys(6), ['debit:warning:1:500', 'credit:warning:1:revoke:500']);
    });
  });

  describe('bans', () => {
    it('deduct once per ban (repeated hooks), again after unban and re-ban; pending posts cancelled', async () => {
      const actions = moderationActions(services);
      const { pid } = forum.newTopic(6, 1);
      await svc.earning.considerPost(pid);
      forum.users.get(6)!.banned = true;
      await actions['action:user.banned']!({ callerUid: 1, uid: 6, reason: 'spam' });
      await actions['action:user.banned']!({ callerUid: 1, uid: 6, reason: 'spam' });
      await actions['action:user.unbanned']!({ callerUid: 1, uid: 6 });
      await actions['action:user.unbanned']!({ callerUid: 1, uid: 6 });
      await actions['action:user.banned']!({ callerUid: 1, uid: 6, reason: 'again' });
      assert.deepEqual(keys(6), [`pending:earn:post:${pid}:2`, `cancelled:earn:post:${pid}:2`, 'debit:ban:6:1:1000', 'debit:ban:6:2:1000']);
      assert.equal(ledger.entries.find((e) => e.key === 'debit:ban:6:1' || e.key === 'ban:6:1')?.reason, '[[bonus:points.comment-text, spam]]', 'the ban reason kept as text, never as a key (issue 11, item 5)');
    });

    it('an expired temporary ban (no unban hook) lets the next ban deduct again', async () => {
      const actions = moderationActions(services);
      await actions['action:user.banned']!({ callerUid: 1, uid: 7, until: forum.now + H });
      forum.now += 2 * H;
      await actions['action:user.banned']!({ callerUid: 1, uid: 7, until: forum.now + H });
      assert.deepEqual(keys(7), ['debit:ban:7:1:1000', 'debit:ban:7:2:1000']);
    });
  });

  describe('post hooks in any order', () => {
    it('save fired many times, delete before save, restore after cancel, topic delete', async () => {
      const a = earningActions(services);
      const { tid, pid: main } = forum.newTopic(5, 1);
      const r1 = forum.reply(tid, 6);
      const r2 = forum.reply(tid, 7);
      const hookPost = (pid: number) => ({ post: { pid, uid: forum.posts.get(pid)!.uid, tid } });
      forum.posts.get(r2)!.deleted = true;
      await a['action:post.delete']!({ ...hookPost(r2), uid: 1 });
      for (const pid of [main, r1, r2, r1, main]) await a['action:post.save']!(hookPost(pid));
      await a['action:post.save']!(hookPost(r1));
      assert.deepEqual(keys().sort(), [`pending:earn:post:${main}:2`, `pending:earn:post:${r1}:1`]);
      forum.topics.get(tid)!.deleted = true;
      await a['action:topic.delete']!({ topic: { tid }, uid: 1 });
      forum.topics.get(tid)!.deleted = false;
      forum.posts.get(r2)!.deleted = false;
      await a['action:post.save']!(hookPost(r1));
      await a['action:post.save']!(hookPost(r2)); // never paid before: a restored post may earn once
      await svc.earning.settleDue(forum.now + 48 * H);
      assert.deepEqual(ledger.balance(5), { posted: 0, pending: 0 });
      assert.deepEqual(ledger.balance(6), { posted: 0, pending: 0 });
      assert.deepEqual(ledger.balance(7), { posted: 1, pending: 0 });
    });

    it('zero hooks: backfill finds the post, settlement pays it', async () => {
      const { pid } = forum.newTopic(5, 1);
      await svc.earning.backfill(forum.now + H, 24 * H);
      await svc.earning.settleDue(forum.now + 48 * H);
      assert.deepEqual(keys(5), [`pending:earn:post:${pid}:2`, `matured:earn:post:${pid}:2`]);
    });

    it('backfill carries on from where it stopped: more lost hooks in a day than one run reads are all healed (issue 13, item 6)', async () => {
      const start = forum.now;
      const pids: number[] = [];
      for (let i = 0; i < 2500; i += 1) {
        forum.now = start + i * 20_000; // a post every 20 seconds, none with its hook
        pids.push(forum.newTopic(5 + (i % 3), 1).pid);
      }
      const tick = start + 2500 * 20_000;
      const counts: number[] = [];
      for (let run = 0; run < 4; run += 1) counts.push(await svc.earning.backfill(tick + run * 600_000, 24 * H, 1000));
      // each run reads at most 1000 posts; the post at the cursor's millisecond is read again (already pending)
      assert.deepEqual(counts, [1000, 999, 501, 0]);
      assert.equal(ledger.entries.filter((e) => e.kind === 'pending').length, 2500, 'every post pending once');
    });

    it('purges and moves', async () => {
      const a = earningActions(services);
      const t1 = forum.newTopic(5, 1);
      const t2 = forum.newTopic(6, 1);
      const t3 = forum.newTopic(7, 1);
      for (const t of [t1, t2, t3]) await svc.earning.considerPost(t.pid);
      forum.posts.delete(t1.pid);
      await a['action:posts.purge']!({ posts: [{ pid: t1.pid, uid: 5, tid: t1.tid }], uid: 1 });
      await a['action:topics.purge']!({ topics: [{ tid: t2.tid }], uid: 1 });
      forum.topics.get(t3.tid)!.cid = 4;
      await a['action:topic.move']!({ tid: t3.tid, fromCid: 1, toCid: 4, uid: 1 });
      assert.deepEqual(ledger.entries.filter((e) => e.kind === 'cancelled').map((e) => e.uid).sort(), [5, 6, 7]);
    });
  });

  describe('anti-farming (issue 15, item 11)', () => {
    it('a minimum length: short posts and posts of quotes and images earn nothing, longer ones do', async () => {
      await forum.setSettings({ minPostLength: '20' });
      const { tid, pid: topic } = forum.newTopic(5, 1);
      forum.texts.set(topic, 'A topic about the club meeting next Friday.');
      const short = forum.reply(tid, 6);
      forum.texts.set(short, '+1 me too');
      const quoted = forum.reply(tid, 6);
      forum.texts.set(quoted, '> A topic about the club meeting next Friday.\n\n![](/img/x.png) +1');
      const long = forum.reply(tid, 6);
      forum.texts.set(long, 'I will bring the projector and the cables.');
      const results = [];
      for (const pid of [topic, short, quoted, long]) results.push(await svc.earning.considerPost(pid));
      assert.deepEqual(results, ['pending', 'refused', 'refused', 'pending']);
      assert.deepEqual(keys(6), [`pending:earn:post:${long}:1`]);
    });

    it('a daily cap: the member\'s first N posts of the club day earn, once each, also when looked at in parallel; the next day earns again', async () => {
      await forum.setSettings({ dailyEarningPosts: '2' });
      const { tid } = forum.newTopic(7, 1);
      const day1 = [0, 1, 2, 3, 4].map(() => forum.reply(tid, 5));
      const first = await Promise.all(day1.map((pid) => svc.earning.considerPost(pid)));
      assert.equal(first.filter((r) => r === 'pending').length, 2, `day one: ${first.join(', ')}`);
      // repeated hooks change nothing
      const again = await Promise.all(day1.map((pid) => svc.earning.considerPost(pid)));
      assert.equal(again.filter((r) => r === 'pending').length, 0);
      assert.equal(ledger.entries.filter((e) => e.uid === 5 && e.kind === 'pending').length, 2);
      // another member has their own two
      assert.equal(await svc.earning.considerPost(forum.reply(tid, 6)), 'pending');
      forum.now += 24 * H;
      assert.equal(await svc.earning.considerPost(forum.reply(tid, 5)), 'pending', 'the next day earns again');
    });

    it('both off by default: no text read, nothing counted', async () => {
      const host = services.host as unknown as { content: { getPostTexts(p: number[]): Promise<unknown> } };
      let reads = 0;
      const real = host.content.getPostTexts;
      host.content.getPostTexts = async (p: number[]) => { reads += 1; return real(p); };
      const store = svc.earning.store;
      const place = store.placeOfTheDay.bind(store);
      let placed = 0;
      store.placeOfTheDay = async (...a: Parameters<typeof place>) => { placed += 1; return place(...a); };
      try {
        const { tid } = forum.newTopic(5, 1);
        for (let i = 0; i < 5; i += 1) assert.equal(await svc.earning.considerPost(forum.reply(tid, 5)), 'pending');
        assert.deepEqual([reads, placed], [0, 0]);
      } finally {
        host.content.getPostTexts = real;
        store.placeOfTheDay = place;
      }
    });
  });

  describe('NodeBB core Rewards', () => {
    it('offers "award N points" and pays each award NodeBB gives once', async () => {
      const list = await rewardFilters()['filter:rewards.rewards']!([]);
      assert.deepEqual(list.map((r) => r.rid), ['bonus:award-points']);
      const award = rewardActions(services)['action:rewards.award:bonus:award-points']!;
      await award({ uid: 5, rewardData: { id: 3, rid: 'bonus:award-points' }, reward: { points: '50' } });
      await award({ uid: 5, rewardData: { id: 3, rid: 'bonus:award-points' }, reward: { points: '50' } });
      await award({ uid: 0, rewardData: { id: 3 }, reward: { points: '50' } });
      await award({ uid: 6, rewardData: { id: 3 }, reward: { points: '-5' } });
      await award({ uid: 6, rewardData: { id: 3 }, reward: null });
      assert.deepEqual(keys(), ['credit:reward:3:5:1:50', 'credit:reward:3:5:2:50']);
    });
  });
});
