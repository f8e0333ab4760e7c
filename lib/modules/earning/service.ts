/**
 * The earning service: a post's own life (service-posts.ts), and what the forum does to many posts at
 * once — a topic deleted, restored or moved, an author banned or deleted, a post moved, a warning —
 * plus settlement of due posts and backfill (the jobs), which converge on the same outcome as the hooks.
 */
import { decideEarning, earnKey, isMature, pidOfEarnKey, type EarningRules } from './domain';
import { EarningPosts, earningRules, factsOf, SettleBatch, type CancelReason, type SettleReport } from './service-posts';
import type { PostSummary, TopicSummary, UserSummary } from '../../host/index';
import type { PendingPost } from './store';
import { mapLimited } from '../../kernel/concurrency';

/** Posts settled at once by the settlement job (each has its own ledger key and record); 64 measured best on the jobs bench (28 s for 100 000 against 35 s with 32, the same with 128). */
const SETTLE_CONCURRENCY = 64;

export { earningRules, factsOf, zoneOf, type CancelReason, type SettleReport } from './service-posts';

/** What settlement reads of a post: the forum's post, its topic and the author now, and its first warning. */
interface SettlementRead { post: PostSummary | null; topic: TopicSummary | null; author: UserSummary | null; warnedAt: number | null }
const NOTHING_READ: SettlementRead = { post: null, topic: null, author: null, warnedAt: null };

/** Why a due post no longer earns (cancelled), or null: it matures. */
function whyNotEarning(p: PendingPost, read: SettlementRead, rules: EarningRules): CancelReason | null {
  const { post, topic } = read;
  if (!post || !topic) return 'post-purged';
  if (post.deleted) return 'post-deleted';
  if (topic.deleted) return 'topic-deleted';
  // Settings apply from then on: a category removed from the earning set later does not cancel
  // what was pending there; only a move of the topic to a non-earning category does.
  const stayed = topic.cid === p.cid;
  const decision = decideEarning({ ...factsOf(post, topic), deleted: false }, stayed ? { ...rules, earningCids: [p.cid] } : rules);
  if (!decision.ok) return decision.code === 'not-earning-category' ? 'topic-moved' : 'not-earning';
  if (decision.uid !== p.uid) return 'not-earning';
  if (!read.author || read.author.banned) return 'author-banned';
  if (read.warnedAt !== null && !isMature(p.maturesAt, read.warnedAt)) return 'post-warned';
  return null;
}

export class EarningService extends EarningPosts {
  /**
   * A warning was issued for the post at `at` (PROGRAM §3): it no longer earns — its points are
   * cancelled if its hold window was still running then (after it they stand, as for a deletion) —
   * and it no longer counts toward the weekly and monthly top. Marked first, so a post whose hook
   * comes later, or that settlement finds due, is refused or cancelled too. Idempotent.
   */
  async postWarned(pid: number, at: number): Promise<void> {
    await this.store.markWarned(pid, at);
    await this.cancelPost(pid, 'post-warned', at);
    const p = await this.store.getPending(pid);
    if (p) {
      await this.store.uncountActivity('week', p.weekId, p.uid, pid);
      await this.store.uncountActivity('month', p.monthId, p.uid, pid);
    }
  }

  /** Cancels the topic's pending posts; a deletion remembers them, so a restore can bring them back. */
  async cancelTopic(tid: number, reason: CancelReason): Promise<number> {
    let n = 0;
    for (const pid of await this.store.pendingOfTopic(tid)) {
      if (reason === 'topic-deleted') await this.store.rememberCancelledInTopic(tid, pid);
      if (await this.cancelPost(pid, reason)) n++;
    }
    return n;
  }

  /** `action:topic.restore`: the posts its deletion cancelled earn again while their window runs. */
  async topicRestored(tid: number, now = this.host.clock.now()): Promise<number> {
    let n = 0;
    for (const pid of await this.store.cancelledInTopic(tid)) if (await this.earnAgain(pid, now, null)) n++;
    await this.store.forgetCancelledInTopic(tid);
    return n;
  }

  async cancelAuthor(uid: number, reason: CancelReason = 'author-banned'): Promise<number> {
    let n = 0;
    for (const pid of await this.store.pendingOfUser(uid)) if (await this.cancelPost(pid, reason)) n++;
    return n;
  }

  /**
   * The post earns again as its next generation, while its hold window runs at `now`: after a
   * restore (`reason` null: only if its current generation was cancelled) or an owner change
   * (`reason` 'owner-changed': the current generation, if pending, is cancelled and the points go to
   * the post's author now). The post is re-read and must earn as it stands; a warned post does not.
   * Exactly one caller starts each next generation. Returns true when it did.
   */
  async earnAgain(pid: number, now: number, reason: 'owner-changed' | null): Promise<boolean> {
    const p = await this.store.getPending(pid);
    if (!p) return reason === null && (await this.considerPost(pid)) === 'pending';
    if (isMature(p.maturesAt, now)) {
      // The window has ended: the points stand with the author they had (settled now if pending).
      if (reason) await this.cancelPost(pid, reason, now);
      return false;
    }
    if (await this.store.wasWarned(pid)) return false;
    const read = await this.readFacts(pid);
    if (!read) return false;
    const decision = decideEarning(read.facts, { ...earningRules(await this.settings.get()), earningSince: await this.settings.earningSince() });
    if (!decision.ok) return false;
    if (reason && decision.uid === p.uid) return false;
    const [author] = await this.host.users.getUsers([decision.uid]);
    if (!author || author.banned) return false;
    if (reason) await this.decide(p, reason, now);
    if ((await this.store.outcome(pid, p.gen)) !== 'cancelled') return false;
    const next: PendingPost = { ...p, uid: decision.uid, amount: decision.amount, tid: read.post.tid, cid: read.facts.cid, gen: p.gen + 1 };
    // As in considerPost: the record first (deterministic), so a crash after the claim leaves
    // something settlement finishes (it writes a missing pending credit before maturing it).
    await this.store.savePending(next);
    if (!(await this.store.claimNextGeneration(pid, p.gen))) return false;
    // noted, as a new post's is (considerPost): settlement writes the entry with its outcome
    const recheck = await this.ledger.notePending({ uid: next.uid, key: earnKey(pid, next.gen), amount: next.amount, maturesAt: next.maturesAt });
    await recheck();
    await this.store.countActivity('week', next.weekId, next.uid, pid, next.createdAt);
    await this.store.countActivity('month', next.monthId, next.uid, pid, next.createdAt);
    return true;
  }

  async topicMoved(tid: number, toCid: number): Promise<number> {
    const s = await this.settings.get();
    if (s.earningCids.includes(toCid)) return 0;
    return this.cancelTopic(tid, 'topic-moved');
  }

  /** A post moved to another topic: keep the topic index right (its new topic decides at settlement). */
  async postMoved(pid: number, toTid: number): Promise<void> {
    const p = await this.store.getPending(pid);
    if (p && p.tid !== toTid) await this.store.moveToTopic(p, toTid);
  }

  /**
   * Settlement: every post due by `now` is re-read; a post that no longer earns (gone, deleted,
   * moved out, scheduled, author banned) is cancelled, the rest mature. Safe to run concurrently.
   */
  async settleDue(now: number, limit = 500): Promise<SettleReport> {
    return this.settlePids(await this.store.dueBefore(now, limit), now);
  }

  /**
   * Lazy settlement for one member (their Points page, before they spend): each of their posts whose
   * hold window has ended by `now` is settled as the job would settle it. Returns how many matured.
   */
  async settleMember(uid: number, now: number): Promise<number> {
    const due = await this.ledger.duePendingKeys(uid, now);
    if (!due.length) return 0;
    const pids = due.map(pidOfEarnKey).filter((pid): pid is number => pid !== null);
    return (await this.settlePids(pids, now)).matured;
  }

  /**
   * Settles these posts as due by `now` (issue 14, settlement at scale): their records, the forum's
   * posts, topics and authors and their warnings are read for the lot, a few batched reads; then each
   * post is decided on its own (its own settlement claim and ledger key), some at once; the matured
   * ones leave the indexes and are notified together at the end (SettleBatch).
   */
  private async settlePids(pids: number[], now: number): Promise<SettleReport> {
    const report: SettleReport = { matured: 0, cancelled: 0, waiting: 0 };
    if (!pids.length) return report;
    const rules = earningRules(await this.settings.get());
    const records = await this.store.getPendings(pids);
    const gone = pids.filter((_, i) => !records[i]);
    const present = records.filter((p): p is PendingPost => p !== null);
    const due = present.filter((p) => isMature(p.maturesAt, now));
    report.waiting = present.length - due.length;
    const keys = due.map((p) => earnKey(p.pid, p.gen));
    // the credits only noted (issue 14) are written with their outcome, their ids and their members
    // in the ledger's members index taken for the lot, while the forum is read
    const unwrittenOf = async () => {
      const written = await this.ledger.writtenKeys?.(keys);
      if (!written) return { unwritten: new Set<string>(), pairs: null };
      const noted = due.filter((_, i) => !written.has(keys[i]));
      const pairs = noted.length && this.ledger.pairBlock ? await this.ledger.pairBlock(noted.map((p) => p.uid), noted.length) : null;
      return { unwritten: new Set(keys.filter((k) => !written.has(k))), pairs };
    };
    const [facts, { unwritten, pairs }] = await Promise.all([this.readForSettlement(due), unwrittenOf()]);
    // the economy's figures of the page's entries are added together at its end
    const batch = new SettleBatch(this.ledger.entryBatch?.() ?? null, unwritten, pairs);
    let outcomes: (keyof SettleReport | null)[];
    try {
      outcomes = await mapLimited(due, SETTLE_CONCURRENCY, async (p) => {
        const reason = whyNotEarning(p, facts.get(p.pid) ?? NOTHING_READ, rules);
        if (!(await this.decide(p, reason, now, batch))) return null;
        return reason ? 'cancelled' : 'matured';
      });
    } finally {
      await batch.figures?.end().catch((err: unknown) => this.host.log.error('[bonus] settlement: the economy\'s figures of a page were not added (the figures check finds them)', err));
    }
    await Promise.all([this.store.dropFromScan(gone), batch.flush(this.store, this.notifier)]);
    for (const outcome of outcomes) if (outcome) report[outcome]++;
    return report;
  }

  /** What settlement re-reads of each post, for many posts: posts and warnings, then topics and authors. */
  private async readForSettlement(ps: PendingPost[]): Promise<Map<number, SettlementRead>> {
    const out = new Map<number, SettlementRead>();
    if (!ps.length) return out;
    const pids = ps.map((p) => p.pid);
    const [posts, warned] = await Promise.all([this.host.content.getPosts(pids), this.store.warnedAtMany(pids)]);
    const tids = [...new Set(posts.flatMap((post) => (post ? [post.tid] : [])))];
    const uids = [...new Set(ps.map((p) => p.uid))];
    const [topics, users] = await Promise.all([this.host.content.getTopics(tids), this.host.users.getUsers(uids)]);
    const topicOf = new Map(tids.map((tid, i) => [tid, topics[i] ?? null]));
    const userOf = new Map(uids.map((uid, i) => [uid, users[i] ?? null]));
    ps.forEach((p, i) => {
      const post = posts[i];
      const topic = post ? topicOf.get(post.tid) ?? null : null;
      out.set(p.pid, { post, topic, author: userOf.get(p.uid) ?? null, warnedAt: warned[i] ?? null });
    });
    return out;
  }

  /** Backfill: posts of the last `lookbackMs` whose hook was lost become pending. */
  /**
   * Posts whose post.save hook was lost become pending. A cursor (`bonus:earn:backfill`, the creation
   * time reached) carries each run on from where the last stopped, at most `limit` posts a run, so a
   * forum with more posts than that in a day still gets every one looked at (issue 13, item 6: it
   * re-read the oldest 1000 of the last day on every run). Never further back than `lookbackMs`.
   * Posts at the cursor's own millisecond are looked at again (considerPost is idempotent).
   */
  async backfill(now: number, lookbackMs: number, limit = 1000): Promise<number> {
    const cursor = await this.store.backfillCursor();
    const since = Math.max(cursor, now - lookbackMs);
    const posts = await this.host.content.getPostsByTime(since, now, limit);
    let n = 0;
    for (const p of posts) {
      if ((await this.considerPost(p.pid)) === 'pending') n++;
    }
    if (posts.length) {
      const last = posts[posts.length - 1].timestamp;
      // a full page of one millisecond would be read again for ever: step past it
      await this.store.setBackfillCursor(posts.length >= limit && last <= since ? last + 1 : last);
    }
    return n;
  }
}
