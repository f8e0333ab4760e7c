import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { EarningService } from '../../lib/modules/earning/service';
import { EarningNotifier } from '../../lib/modules/earning/notify';
import { LedgerService } from '../../lib/modules/ledger/service';
import { LEDGER_KEYS } from '../../lib/modules/ledger/store-codec';
import { MiniForum, openDatabase, RecordingLedger } from './harness';

const H = 3_600_000;

describe('earning: posts and topics with a hold window (service)', function () {
  let opened: { db: Database; close(): Promise<void> } | null = null;
  let forum: MiniForum;
  let ledger: RecordingLedger;
  let svc: EarningService;

  before(async function () {
    opened = await openDatabase();
  });
  after(async () => { await opened?.close(); });

  beforeEach(async () => {
    const { db } = opened!;
    if ('client' in db) await (db as unknown as { client: { flushdb(): Promise<unknown> } }).client.flushdb();
    if ('flushAll' in db) (db as unknown as { flushAll(): void }).flushAll();
    forum = new MiniForum(db);
    await forum.setSettings({ earningCids: '1,2', timeZone: 'Europe/Moscow' });
    for (const uid of [1, 5, 6, 7]) forum.addUser(uid);
    const host = forum.host();
    ledger = new RecordingLedger(new LedgerService(host));
    svc = new EarningService(host, forum.settings(), ledger, new EarningNotifier(host));
  });

  const kinds = (pid: number) => ledger.entries.filter((e) => e.key === `earn:post:${pid}`).map((e) => e.kind);

  /** A reply whose hook stopped at the note of its pending credit (its record and claim written, nothing in the ledger). */
  async function replyWhoseCreditIsLost(): Promise<number> {
    const { tid } = forum.newTopic(5, 1);
    const pid = forum.reply(tid, 6);
    const original = ledger.real.notePending.bind(ledger.real);
    ledger.real.notePending = async () => { throw new Error('connection lost'); };
    await assert.rejects(svc.considerPost(pid), /connection lost/);
    ledger.real.notePending = original;
    assert.equal(await svc.store.wasClaimed(pid), true, 'the post was claimed');
    return pid;
  }

  it('a reply is pending, matures at exactly 48 h, and only once', async () => {
    const { tid } = forum.newTopic(5, 1);
    const pid = forum.reply(tid, 6);
    assert.equal(await svc.considerPost(pid), 'pending');
    assert.deepEqual(ledger.balance(6), { posted: 0, pending: 1 });
    const t0 = forum.now;
    assert.deepEqual(await svc.settleDue(t0 + 48 * H - 1), { matured: 0, cancelled: 0, waiting: 0 });
    assert.deepEqual(kinds(pid), ['pending']);
    await svc.settleDue(t0 + 48 * H);
    await svc.settleDue(t0 + 48 * H);
    assert.deepEqual(kinds(pid), ['pending', 'matured']);
    assert.deepEqual(ledger.balance(6), { posted: 1, pending: 0 });
  });

  it('a reply whose note was lost with its hook (the real ledger answers not-found at maturity): its credit is written and matured then', async () => {
    await replyWhoseCreditIsLost();
    await svc.settleDue(forum.now + 48 * H);
    const balance = await ledger.real.balance(6);
    assert.deepEqual([balance.pending, balance.spendable], [0, 1]);
  });

  it('a credit whose key a stopped crediting still holds at maturity: the post waits for the ledger\'s recovery, then matures once', async () => {
    const pid = await replyWhoseCreditIsLost();
    // the stopped crediting had claimed the credit's key; its inflight record lets recovery release it after the lease
    await opened!.db.sortedSetIncrBy(LEDGER_KEYS.claims, 1, `earn:post:${pid}`);
    await svc.settleDue(forum.now + 48 * H);
    assert.equal(await svc.store.outcome(pid, 0), null, 'no outcome recorded while the ledger has nothing');
    assert.deepEqual(await svc.store.allPending(10), [pid], 'the post stays in the scan');
    await opened!.db.sortedSetRemove(LEDGER_KEYS.claims, `earn:post:${pid}`);
    await svc.settleDue(forum.now + 48 * H);
    await svc.settleDue(forum.now + 48 * H);
    const balance = await ledger.real.balance(6);
    assert.deepEqual([balance.pending, balance.spendable], [0, 1]);
    assert.equal(await svc.store.outcome(pid, 0), 'matured');
    assert.deepEqual(await svc.store.allPending(10), []);
  });

  it('a new topic earns the topic amount', async () => {
    const { pid } = forum.newTopic(5, 2);
    await svc.considerPost(pid);
    assert.deepEqual(ledger.balance(5), { posted: 0, pending: 2 });
  });

  it('the hook fired 0, 1 and many times (also concurrently) pays once', async () => {
    const { tid } = forum.newTopic(5, 1);
    const a = forum.reply(tid, 6);
    const b = forum.reply(tid, 6);
    await Promise.all(Array.from({ length: 8 }, () => svc.considerPost(a)));
    await svc.backfill(forum.now, 24 * H); // finds b (lost hook) and a (already claimed)
    await svc.backfill(forum.now, 24 * H);
    assert.deepEqual(kinds(a), ['pending']);
    assert.deepEqual(kinds(b), ['pending']);
    await Promise.all([svc.settleDue(forum.now + 49 * H), svc.settleDue(forum.now + 49 * H)]);
    assert.deepEqual(ledger.balance(6), { posted: 2, pending: 0 });
    assert.deepEqual(ledger.balance(5), { posted: 2, pending: 0 });
  });

  it('guests, federated authors, scheduled topics and other categories earn nothing', async () => {
    const guest = forum.newTopic(0, 1).pid;
    const fed = forum.newTopic(5, 1);
    forum.posts.set(fed.pid, { ...forum.posts.get(fed.pid)!, uid: 'https://example.social/u/x' as unknown as number });
    const scheduled = forum.newTopic(5, 1, { scheduled: true }).pid;
    const other = forum.newTopic(5, 3).pid;
    for (const pid of [guest, fed.pid, scheduled, other]) assert.equal(await svc.considerPost(pid), 'refused');
    assert.deepEqual(ledger.entries, []);
  });

  it('delete before save: the save pays nothing', async () => {
    const { tid } = forum.newTopic(5, 1);
    const pid = forum.reply(tid, 6);
    forum.posts.get(pid)!.deleted = true;
    assert.equal(await svc.cancelPost(pid, 'post-deleted'), false);
    assert.equal(await svc.considerPost(pid), 'refused');
    assert.deepEqual(ledger.entries, []);
  });

  it('delete cancels; restore after cancel pays nothing, ever', async () => {
    const { tid } = forum.newTopic(5, 1);
    const pid = forum.reply(tid, 6);
    await svc.considerPost(pid);
    forum.posts.get(pid)!.deleted = true;
    assert.equal(await svc.cancelPost(pid, 'post-deleted'), true);
    assert.equal(await svc.cancelPost(pid, 'post-deleted'), false);
    forum.posts.get(pid)!.deleted = false;
    assert.equal(await svc.considerPost(pid), 'already');
    await svc.backfill(forum.now, 24 * H);
    await svc.settleDue(forum.now + 100 * H);
    assert.deepEqual(kinds(pid), ['pending', 'cancelled']);
    assert.deepEqual(ledger.balance(6), { posted: 0, pending: 0 });
  });

  it('topic deletion cancels every pending post of the topic (no post.delete fires)', async () => {
    const { tid, pid: main } = forum.newTopic(5, 1);
    const replies = [forum.reply(tid, 6), forum.reply(tid, 7), forum.reply(tid, 6)];
    for (const pid of [main, ...replies]) await svc.considerPost(pid);
    forum.topics.get(tid)!.deleted = true;
    assert.equal(await svc.cancelTopic(tid, 'topic-deleted'), 4);
    assert.equal(await svc.cancelTopic(tid, 'topic-deleted'), 0);
    for (const uid of [5, 6, 7]) assert.deepEqual(ledger.balance(uid), { posted: 0, pending: 0 });
  });

  it('a lost delete hook: settlement re-reads the post and the topic and cancels', async () => {
    const t1 = forum.newTopic(5, 1);
    const t2 = forum.newTopic(5, 1);
    const gone = forum.reply(t1.tid, 6);
    for (const pid of [t1.pid, t2.pid, gone]) await svc.considerPost(pid);
    forum.topics.get(t2.tid)!.deleted = true;
    forum.posts.delete(gone);
    const report = await svc.settleDue(forum.now + 48 * H);
    assert.deepEqual(report, { matured: 1, cancelled: 2, waiting: 0 });
    assert.deepEqual(ledger.balance(5), { posted: 2, pending: 0 });
    assert.deepEqual(ledger.balance(6), { posted: 0, pending: 0 });
  });

  it('moving a topic out of the earning categories cancels; moving between earning ones does not', async () => {
    const a = forum.newTopic(5, 1);
    const b = forum.newTopic(5, 1);
    await svc.considerPost(a.pid);
    await svc.considerPost(b.pid);
    forum.topics.get(a.tid)!.cid = 2;
    assert.equal(await svc.topicMoved(a.tid, 2), 0);
    forum.topics.get(b.tid)!.cid = 9;
    assert.equal(await svc.topicMoved(b.tid, 9), 1);
    await svc.settleDue(forum.now + 48 * H);
    assert.deepEqual(kinds(a.pid), ['pending', 'matured']);
    assert.deepEqual(kinds(b.pid), ['pending', 'cancelled']);
  });

  it('a category the admin adds later earns only for posts made after that; backfill pays nothing older', async () => {
    await forum.setSettings({ earningCids: '2' });
    const old = forum.newTopic(5, 3);
    forum.now += H;
    await okValue(forum.settings().update({ earningCids: '2,3' }));
    forum.now += H;
    const fresh = forum.newTopic(6, 3);
    await svc.backfill(forum.now, 24 * H);
    assert.deepEqual(kinds(old.pid), []);
    assert.deepEqual(kinds(fresh.pid), ['pending']);
    // removed and added again: the date moves on
    await okValue(forum.settings().update({ earningCids: '2' }));
    forum.now += H;
    await okValue(forum.settings().update({ earningCids: '2,3' }));
    const reply = forum.reply(fresh.tid, 5);
    assert.equal(await svc.considerPost(reply), 'pending');
  });

  it('a category removed from the earning set later does not cancel what was pending there', async () => {
    const a = forum.newTopic(5, 1);
    await svc.considerPost(a.pid);
    await forum.setSettings({ earningCids: '2' });
    await svc.settleDue(forum.now + 48 * H);
    assert.deepEqual(kinds(a.pid), ['pending', 'matured']);
  });

  it('a banned author loses pending points (by hook, and at settlement if the hook was lost)', async () => {
    const a = forum.newTopic(6, 1);
    const b = forum.newTopic(7, 1);
    await svc.considerPost(a.pid);
    await svc.considerPost(b.pid);
    assert.equal(await svc.cancelAuthor(6), 1);
    forum.users.get(7)!.banned = true;
    await svc.settleDue(forum.now + 48 * H);
    assert.deepEqual(kinds(a.pid), ['pending', 'cancelled']);
    assert.deepEqual(kinds(b.pid), ['pending', 'cancelled']);
    const c = forum.newTopic(7, 1);
    assert.equal(await svc.considerPost(c.pid), 'refused');
  });

  it('activity counts only posts that were not cancelled', async () => {
    const { tid, pid: main } = forum.newTopic(5, 1);
    const r1 = forum.reply(tid, 6);
    const r2 = forum.reply(tid, 6);
    for (const pid of [main, r1, r2, r1]) await svc.considerPost(pid);
    const week = async () => (await svc.store.activity('week', '2026-W34', 10)).map((x) => [x.uid, x.count]).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    assert.deepEqual(await week(), [[6, 2], [5, 1]]);
    await svc.cancelPost(r2, 'post-deleted');
    assert.deepEqual(await week(), [[5, 1], [6, 1]]);
    assert.deepEqual((await svc.store.activity('month', '2026-08', 10)).map((x) => [x.uid, x.count]).sort(), [[5, 1], [6, 1]]);
  });

  it('matured points are merged into one notification per member per day', async () => {
    const { tid } = forum.newTopic(5, 1);
    const pids = [forum.reply(tid, 6), forum.reply(tid, 6), forum.reply(tid, 6)];
    for (const pid of pids) await svc.considerPost(pid);
    await svc.settleDue(forum.now + 48 * H);
    const mine = forum.notifications.filter((x) => x.uids[0] === 6);
    assert.equal(new Set(mine.map((x) => x.n.nid)).size, 1);
    assert.equal(mine.at(-1)!.n.bodyShort, '[[bonus:notify.matured, 3]]');
    // one settlement run sends it once, with the run's sum (issue 14: not once a post)
    assert.equal(mine.length, 1);
  });
});
