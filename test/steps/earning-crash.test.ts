/**
 * Post points under the crash harness (crash-harness.ts): the post is deleted (its hook runs) at every
 * write of its crediting, or the crediting crashes there; then every job of the plugin in seeded
 * random orders, on memory and on Redis.
 */
import assert from 'node:assert/strict';
import { backends, openFinance, type Finance } from '../finance/harness';
import { runCrashHarness, type CrashCase } from './crash-harness';
import { DAY, on, pluginJobs } from './plugin-jobs';
import type { SavedPost } from '../../lib/modules/earning/service-posts';
import type { Database } from '../../lib/host/index';

interface PostWorld { f: Finance; author: number; pid: number; saved: SavedPost }

const postDeletedWhileCredited: CrashCase<PostWorld> = {
  name: 'post deleted while it is credited',
  async open(db) {
    const f = await openFinance(db);
    const author = f.uid.activists;
    const cid = f.forum.createCategory('Talk');
    // A window longer than the harness's clock moves (15 min a job, about 11 h in all): the deletion
    // after an undisturbed run still falls inside it (after the window, points stand: issue 11, item 8).
    await f.setSettings({ timeZone: 'UTC', earningCids: String(cid), holdWindowHours: '48' });
    const { tid } = f.forum.createTopic(f.uid.second, cid, 'Hello', 'First post');
    const pid = f.forum.reply(author, tid, 'A reply');
    // what NodeBB's action:post.save carries (the hook's fast path reads nothing else: issue 14)
    const saved: SavedPost = { pid, uid: author, tid, cid, timestamp: f.clock.now(), isMain: false, content: 'A reply' };
    return { f, author, pid, saved };
  },
  act: (w, db) => on(w.f, db).earning.considerPost(w.pid),
  async during(w) {
    // The moderator deletes the post; its hook runs at once.
    w.f.forum.deletePost(w.pid, w.f.admin);
    await w.f.services.earning.cancelPost(w.pid, 'post-deleted');
  },
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [w.author], total: async () => 0 }),
  async check(w, run) {
    // The last run went through undisturbed: the post is deleted after it.
    if (!run.stopped) await postDeletedWhileCredited.during!(w);
    w.f.clock.advance(3 * DAY);
    for (const job of pluginJobs(w.f)) await job.run();
    const s = w.f.services;
    assert.deepEqual(await s.ledger.balance(w.author), { pending: 0, posted: 0, held: 0, spendable: 0 }, `${run.label}: a deleted post earns nothing`);
    assert.deepEqual(await s.ledger.pending(w.author), [], `${run.label}: nothing stays pending`);
    const weekId = (await s.earning.store.getPending(w.pid))?.weekId ?? '';
    const counted = (await s.earning.store.activity('week', weekId, 10)).filter((row) => row.uid === w.author);
    assert.deepEqual(counted, [], `${run.label}: the deleted post does not count toward the top`);
  },
};

interface DueWorld { f: Finance; authors: number[]; pids: number[] }

/** Two members and a topic in an earning category (2 points a reply, a 48-hour window). */
async function twoAuthorsTalking(db: Database): Promise<{ f: Finance; authors: number[]; cid: number; tid: number }> {
  const f = await openFinance(db);
  const authors = [f.uid.activists, f.uid.second];
  const cid = f.forum.createCategory('Talk');
  await f.setSettings({ timeZone: 'UTC', earningCids: String(cid), holdWindowHours: '48', pointsReply: '2' });
  const { tid } = f.forum.createTopic(f.admin, cid, 'Hello', 'First post');
  return { f, authors, cid, tid };
}

/** Four posts of two members, due: the settlement job's page is stopped at each of its writes. */
const dueSettled: CrashCase<DueWorld> = {
  name: 'due posts settled',
  async open(db) {
    const { f, authors, tid } = await twoAuthorsTalking(db);
    const pids: number[] = [];
    for (let i = 0; i < 4; i += 1) pids.push(f.forum.reply(authors[i % 2], tid, `Reply ${i}`));
    for (const pid of pids) assert.equal(await f.services.earning.considerPost(pid), 'pending');
    f.clock.advance(2 * DAY + 1);
    return { f, authors, pids };
  },
  act: (w, db) => on(w.f, db).earning.settleDue(w.f.clock.now()),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: w.authors, total: async () => 8 }),
  async check(w, run) {
    for (const job of pluginJobs(w.f)) await job.run();
    const s = w.f.services;
    for (const uid of w.authors) {
      assert.deepEqual(await s.ledger.balance(uid), { pending: 0, posted: 4, held: 0, spendable: 4 }, `${run.label}: member ${uid} has each post's points once`);
      assert.deepEqual(await s.earning.store.pendingOfUser(uid), [], `${run.label}: nothing left in the member's index`);
    }
    assert.deepEqual(await s.earning.store.allPending(100), [], `${run.label}: nothing left to scan`);
    // a notification may be lost with a stop, never overstated
    for (const uid of w.authors) {
      const last = w.f.notifications.filter((x) => x.uids[0] === uid && x.notification.type === 'bonus-matured').at(-1);
      const total = last ? Number(/(\d+)\]\]$/.exec(String(last.notification.bodyShort))?.[1]) : 0;
      assert.ok(total <= 4, `${run.label}: member ${uid} told of ${total} points, more than matured`);
    }
  },
};

interface ManyWorld { f: Finance; authors: number[]; posts: { pid: number; saved: SavedPost }[] }

/**
 * Three replies of two members whose hooks run at once (a busy forum): the crash stops all three at
 * the same write, wherever each of them has got to.
 */
const manyFromHooks: CrashCase<ManyWorld> = {
  name: 'three posts from their hooks at once',
  async open(db) {
    const { f, authors, cid, tid } = await twoAuthorsTalking(db);
    const posts = [0, 1, 2].map((i) => {
      const uid = authors[i % 2];
      const pid = f.forum.reply(uid, tid, `Reply ${i}`);
      const saved: SavedPost = { pid, uid, tid, cid, timestamp: f.clock.now(), isMain: false, content: `Reply ${i}` };
      return { pid, saved };
    });
    return { f, authors, posts };
  },
  act(w, db) {
    const earning = on(w.f, db).earning;
    return Promise.all(w.posts.map((p) => earning.considerPost(p.pid, p.saved)));
  },
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({
    db: w.f.host.db, now: () => w.f.clock.now(), uids: w.authors,
    total: async () => {
      let sum = 0;
      for (const uid of w.authors) {
        const b = await w.f.services.ledger.balance(uid);
        sum += b.posted + b.pending;
      }
      return sum;
    },
  }),
  async check(w, run) {
    w.f.clock.advance(3 * DAY);
    for (const job of pluginJobs(w.f)) await job.run();
    const s = w.f.services;
    const posts = [2, 1];
    for (const [i, uid] of w.authors.entries()) {
      const b = await s.ledger.balance(uid);
      assert.equal(b.pending, 0, `${run.label}: member ${uid} has nothing left pending`);
      // each post credited once or not at all (a stop may lose a hook; the backfill job heals it
      // while the post is within its look-back)
      assert.ok(b.posted % 2 === 0 && b.posted <= 2 * posts[i], `${run.label}: member ${uid} posted ${b.posted}`);
      if (!run.stopped) assert.equal(b.posted, 2 * posts[i], `${run.label}: undisturbed, every post earns`);
      assert.deepEqual(await s.earning.store.pendingOfUser(uid), [], `${run.label}: nothing left in the member's index`);
    }
    assert.deepEqual(await s.earning.store.allPending(100), [], `${run.label}: nothing left to scan`);
  },
};

for (const backend of backends()) {
  describe(`crash harness: post points on ${backend.name}`, function () {
    this.timeout(600_000);
    after(() => backend.close());
    const open = () => backend.open();

    it('post points: a post deleted at any moment of its crediting earns nothing and counts for nothing', async () => {
      assert.ok((await runCrashHarness(open, postDeletedWhileCredited, { mode: 'pause' })) > 5);
    });
    it('post points from the hook\'s payload: a post deleted at any moment of its crediting earns nothing and counts for nothing', async () => {
      assert.ok((await runCrashHarness(open, { ...postDeletedWhileCredited, name: 'post deleted while credited from its hook', act: (w, db) => on(w.f, db).earning.considerPost(w.pid, w.saved) }, { mode: 'pause' })) > 5);
    });
    it('post points of three posts whose hooks run at once: a crash at any write, then the jobs: each credited once or not at all', async () => {
      assert.ok((await runCrashHarness(open, manyFromHooks)) > 10);
    });
    it('settlement: stopped at any write of a page of due posts, then the jobs: each post matured once, every index emptied', async () => {
      assert.ok((await runCrashHarness(open, dueSettled)) > 20);
    });
    for (const hook of [false, true]) it(`post points${hook ? ' from the hook\'s payload' : ''}: a crash before any write of the crediting, then the jobs: credited once or not at all`, async () => {
      await runCrashHarness(open, {
        ...postDeletedWhileCredited,
        act: (w, db) => on(w.f, db).earning.considerPost(w.pid, hook ? w.saved : undefined),
        name: 'post credited',
        during: undefined,
        async check(w, run) {
          w.f.clock.advance(3 * DAY);
          for (const job of pluginJobs(w.f)) await job.run();
          const b = await w.f.services.ledger.balance(w.author);
          assert.equal(b.pending, 0, run.label);
          assert.ok(b.posted === 0 || b.posted === 1, `${run.label}: posted ${b.posted}`);
        },
        money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [w.author], total: async () => (await w.f.services.ledger.balance(w.author)).posted }),
      });
    });
  });
}
