/**
 * Persistence of post earnings and activity counts on host.db (keys under `bonus:earn:` and
 * `bonus:activity:`). Every decision rests on an atomic increment's return value, never on a read:
 *
 * - `bonus:earn:claimed` (zset pid → n, by `sortedSetIncrBy`): the first claim (n = 1) makes a post
 *   pending; a post is claimed at most once in its life, so a restore after a cancel, a re-fired
 *   hook, the backfill and the hook racing each other all pay once. A sorted set, not a hash: each
 *   claim touches one member (a row on PostgreSQL, a document on MongoDB), whatever the forum's
 *   history (issue 13, item 5; the hashes `bonus:earn:claims`/`settled` of earlier versions are
 *   moved by lib/upgrades/claim-sets.ts).
 * - `bonus:earn:settlements` (zset pid → n): the first settle (n = 1) decides mature or cancel.
 * - `bonus:earn:pending` (zset pid → maturesAt): what settlement scans.
 * - `bonus:earn:pending:points` (zset amount → amount) and `bonus:earn:pending:points:{amount}` (zset
 *   pid → maturesAt): the pending posts of the scan by their points, written and removed with it,
 *   so the club's pending points are a few sizes (the ACP dashboard; a post's pending credit is
 *   noted, not written to the ledger, until it settles: issue 14).
 * - `bonus:earn:backfill` (hash, `cursor`): the creation time the backfill job has reached.
 * - `bonus:earn:day:{YYYY-MM-DD}` (hash uid → n) and `bonus:earn:day:{YYYY-MM-DD}:{uid}` (zset
 *   pid → place): the daily cap of earning posts (anti-farming), written only while it is set.
 * - `bonus:earn:topic:{tid}` / `bonus:earn:user:{uid}` (sets of pending pids): topic deletion does
 *   not fire post deletion in NodeBB, and a ban cancels all of a member's pending posts.
 * - `bonus:earn:post:{pid}` (hash): the pending record (uid, tid, amount, maturesAt, period ids).
 * - `bonus:earn:warned` (zset pid → when): posts that received a warning no longer earn or count.
 * - `bonus:earn:topic:{tid}:cancelled` (set): pids a topic deletion cancelled, until its restore.
 * - a post earns again (restore, owner change) as its next generation `gen`: ledger key
 *   `earn:post:{pid}:g{gen}`, settlement claim `{pid}:g{gen}`, outcome field `outcome:g{gen}`, and
 *   the claim `{pid}:after:g{gen}` in `bonus:earn:claimed` so that one caller starts it.
 * - `bonus:activity:{week|month}:{periodId}` (zset uid → count) and
 *   `bonus:activity:{week|month}:{periodId}:{uid}` (zset pid → created): counted posts per member,
 *   so the tie rule (who reached the count first) can be read back and counts can be recomputed.
 */
import type { Database } from '../../host/index';

export interface PendingPost {
  pid: number;
  uid: number;
  tid: number;
  /** Category when it became pending: a later settings change does not cancel it. */
  cid: number;
  amount: number;
  createdAt: number;
  maturesAt: number;
  weekId: string;
  monthId: string;
  /** 0 at first; each restore or owner change that earns again starts the next generation. */
  gen: number;
  /** `topic` or `reply` (the ledger reason); records written before it was kept read as `reply`. */
  kind: string;
}

export type PeriodKind = 'week' | 'month';
/** A period a post counts in: its kind and id. */
export type Period = readonly [kind: PeriodKind, periodId: string];

const CLAIMS = 'bonus:earn:claimed';
const SETTLED = 'bonus:earn:settlements';
/** The hashes earlier versions kept the same claims in (moved by the `claim-sets` upgrade). */
export const LEGACY_EARN_CLAIMS: readonly [hash: string, set: string][] = [['bonus:earn:claims', CLAIMS], ['bonus:earn:settled', SETTLED]];
const PENDING = 'bonus:earn:pending';
const POINTS = 'bonus:earn:pending:points';
const pointsKey = (amount: number) => `${POINTS}:${amount}`;
/** Hash: `cursor`, the creation time the backfill job has reached. */
const BACKFILL = 'bonus:earn:backfill';
const WARNED = 'bonus:earn:warned';
const cancelledInTopicKey = (tid: number) => `bonus:earn:topic:${tid}:cancelled`;
const postKey = (pid: number) => `bonus:earn:post:${pid}`;
const topicKey = (tid: number) => `bonus:earn:topic:${tid}`;
const userKey = (uid: number) => `bonus:earn:user:${uid}`;
export const activityKey = (kind: PeriodKind, periodId: string) => `bonus:activity:${kind}:${periodId}`;
const memberActivityKey = (kind: PeriodKind, periodId: string, uid: number) => `bonus:activity:${kind}:${periodId}:${uid}`;

function pendingOf(pid: number, h: Record<string, string> | null): PendingPost | null {
  if (!h || !h.uid) return null;
  return {
    pid, uid: Number(h.uid), tid: Number(h.tid), cid: Number(h.cid), amount: Number(h.amount), createdAt: Number(h.createdAt),
    maturesAt: Number(h.maturesAt), weekId: h.weekId ?? '', monthId: h.monthId ?? '', gen: Number(h.gen ?? 0) || 0, kind: h.kind === 'topic' ? 'topic' : 'reply',
  };
}

export class EarningStore {
  constructor(private readonly db: Database) {}

  /** The creation time the backfill job has reached (0 before its first run). */
  async backfillCursor(): Promise<number> {
    return Number(await this.db.getObjectField(BACKFILL, 'cursor')) || 0;
  }

  async setBackfillCursor(ms: number): Promise<void> {
    await this.db.setObjectField(BACKFILL, 'cursor', ms);
  }

  /**
   * The post's place among the member's posts looked at on a club day (1, 2, …), given once: a
   * repeated call for the same post reads it back. Two calls for one post at the same instant may
   * both take a place (the later one is kept), which only ever lowers what the day can still earn.
   */
  async placeOfTheDay(uid: number, day: string, pid: number): Promise<number> {
    const places = `bonus:earn:day:${day}:${uid}`;
    const had = await this.db.sortedSetScore(places, pid);
    if (had !== null) return had;
    const n = await this.db.incrObjectField(`bonus:earn:day:${day}`, String(uid));
    await this.db.sortedSetAdd(places, n, pid);
    return n;
  }

  /** True for exactly one caller per pid, ever. */
  async claim(pid: number): Promise<boolean> {
    return (await this.db.sortedSetIncrBy(CLAIMS, 1, String(pid))) === 1;
  }

  /** Was the post claimed, and was it warned? One batched read of both. */
  async claimedAndWarned(pid: number): Promise<{ claimed: boolean; warned: boolean }> {
    const [claimed, warned] = await this.db.sortedSetsScore([CLAIMS, WARNED], String(pid));
    return { claimed: claimed !== null, warned: warned !== null };
  }

  async wasClaimed(pid: number): Promise<boolean> {
    return (await this.db.sortedSetScore(CLAIMS, String(pid))) !== null;
  }

  /** True for exactly one caller per pid and generation: the one that decides mature or cancel. */
  async claimSettlement(pid: number, gen = 0): Promise<boolean> {
    return (await this.db.sortedSetIncrBy(SETTLED, 1, gen > 0 ? `${pid}:g${gen}` : String(pid))) === 1;
  }

  /** True for exactly one caller per pid and generation: the one that starts the next generation. */
  async claimNextGeneration(pid: number, gen: number): Promise<boolean> {
    return (await this.db.sortedSetIncrBy(CLAIMS, 1, `${pid}:after:g${gen}`)) === 1;
  }

  /** The recorded outcome of a generation (`matured` / `cancelled`), or null while it is pending. */
  async outcome(pid: number, gen: number): Promise<string | null> {
    return this.db.getObjectField(postKey(pid), gen > 0 ? `outcome:g${gen}` : 'outcome');
  }

  async setOutcome(pid: number, gen: number, outcome: 'matured' | 'cancelled'): Promise<void> {
    await this.db.setObjectField(postKey(pid), gen > 0 ? `outcome:g${gen}` : 'outcome', outcome);
  }

  /** setOutcome for many posts, one write. */
  async setOutcomes(ps: readonly PendingPost[], outcome: 'matured' | 'cancelled'): Promise<void> {
    await this.db.setObjectBulk(ps.map((p) => [postKey(p.pid), { [p.gen > 0 ? `outcome:g${p.gen}` : 'outcome']: outcome }]));
  }

  async isSettled(pid: number): Promise<boolean> {
    return (await this.db.sortedSetScore(SETTLED, String(pid))) !== null;
  }

  /** The first warning's time is kept (a later one changes nothing). */
  async markWarned(pid: number, at: number): Promise<void> {
    const earlier = await this.warnedAt(pid);
    if (earlier === null || at < earlier) await this.db.sortedSetAdd(WARNED, at, pid);
  }

  async warnedAt(pid: number): Promise<number | null> {
    return this.db.sortedSetScore(WARNED, pid);
  }

  /** warnedAt of many posts, one read. */
  async warnedAtMany(pids: number[]): Promise<(number | null)[]> {
    return pids.length ? this.db.sortedSetScores(WARNED, pids) : [];
  }

  async wasWarned(pid: number): Promise<boolean> {
    return this.db.isSortedSetMember(WARNED, pid);
  }

  /** The record and its indexes, written together (one round trip): each write is idempotent, and a partial set is written again by the next call. */
  async savePending(p: PendingPost): Promise<void> {
    await Promise.all([
      this.db.setObject(postKey(p.pid), {
        pid: p.pid, uid: p.uid, tid: p.tid, cid: p.cid, amount: p.amount, createdAt: p.createdAt,
        maturesAt: p.maturesAt, weekId: p.weekId, monthId: p.monthId, gen: p.gen, kind: p.kind,
      }),
      this.db.setsAdd([topicKey(p.tid), userKey(p.uid)], p.pid),
      this.db.sortedSetAddBulk([[PENDING, p.maturesAt, p.pid], [pointsKey(p.amount), p.maturesAt, p.pid], [POINTS, p.amount, p.amount]]),
    ]);
  }

  /** The points of every post in the scan written since the scan kept them by points (a few sizes read). */
  async pendingPoints(): Promise<number> {
    const amounts = (await this.db.getSortedSetRange(POINTS, 0, -1)).map(Number).filter(Number.isSafeInteger);
    if (!amounts.length) return 0;
    const sizes = await this.db.sortedSetsCard(amounts.map(pointsKey));
    return amounts.reduce((sum, amount, i) => sum + amount * sizes[i], 0);
  }

  async getPending(pid: number): Promise<PendingPost | null> {
    return pendingOf(pid, await this.db.getObject(postKey(pid)));
  }

  /** The records of many posts in one batched read (null where there is none). */
  async getPendings(pids: number[]): Promise<(PendingPost | null)[]> {
    if (!pids.length) return [];
    const rows = await this.db.getObjects(pids.map(postKey));
    return pids.map((pid, i) => pendingOf(pid, rows[i]));
  }

  /**
   * Removes the pids from the indexes, then from the scan; the records stay for history. The scan
   * goes last: a stop before it leaves the post to the next settlement run, which finds its
   * settlement claimed, redoes the recorded outcome and removes it again.
   */
  async removePending(p: PendingPost): Promise<void> {
    await this.removePendings([p]);
  }

  /** removePending for many posts: one removal per topic and per member, one from the scan. */
  async removePendings(ps: readonly PendingPost[]): Promise<void> {
    if (!ps.length) return;
    const group = (by: (p: PendingPost) => number) => {
      const m = new Map<number, number[]>();
      for (const p of ps) {
        const list = m.get(by(p));
        if (list) list.push(p.pid);
        else m.set(by(p), [p.pid]);
      }
      return [...m];
    };
    await Promise.all([
      ...group((p) => p.tid).map(([tid, pids]) => this.db.setRemove(topicKey(tid), pids)),
      ...group((p) => p.uid).map(([uid, pids]) => this.db.setRemove(userKey(uid), pids)),
      this.db.sortedSetRemoveBulk(ps.map((p) => [pointsKey(p.amount), p.pid])),
    ]);
    await this.db.sortedSetRemove(PENDING, ps.map((p) => p.pid));
  }

  /** Pids left in the scan with no record behind them (out of the points sets too, whatever their points). */
  async dropFromScan(pids: number[]): Promise<void> {
    if (!pids.length) return;
    const amounts = (await this.db.getSortedSetRange(POINTS, 0, -1)).map(Number).filter(Number.isSafeInteger);
    if (amounts.length) await this.db.sortedSetRemoveBulk(amounts.flatMap((a) => pids.map((pid) => [pointsKey(a), pid] as [string, number])));
    await this.db.sortedSetRemove(PENDING, pids);
  }

  /** Adds `amount` to what the member has matured on the club day `day`; returns the day's total. */
  addMaturedOnDay(day: string, uid: number, amount: number): Promise<number> {
    return this.db.incrObjectFieldBy(`bonus:notify:matured:${day}`, String(uid), amount);
  }

  /** The number of this award of a NodeBB reward to the member (1 the first time): its ledger key. */
  nextRewardAward(rewardId: string, uid: number): Promise<number> {
    return this.db.incrObjectField('bonus:rewards:awards', `${rewardId}:${uid}`);
  }

  async dueBefore(now: number, limit: number): Promise<number[]> {
    return (await this.db.getSortedSetRangeByScore(PENDING, 0, limit, '-inf', now)).map(Number);
  }

  async allPending(limit: number): Promise<number[]> {
    return (await this.db.getSortedSetRange(PENDING, 0, limit - 1)).map(Number);
  }

  async pendingOfTopic(tid: number): Promise<number[]> {
    return (await this.db.getSetMembers(topicKey(tid))).map(Number);
  }

  async pendingOfUser(uid: number): Promise<number[]> {
    return (await this.db.getSetMembers(userKey(uid))).map(Number);
  }

  /** Posts a topic deletion cancelled (a restore of the topic brings them back while their window runs). */
  async rememberCancelledInTopic(tid: number, pid: number): Promise<void> {
    await this.db.setAdd(cancelledInTopicKey(tid), pid);
  }

  async cancelledInTopic(tid: number): Promise<number[]> {
    return (await this.db.getSetMembers(cancelledInTopicKey(tid))).map(Number);
  }

  async forgetCancelledInTopic(tid: number): Promise<void> {
    await this.db.delete(cancelledInTopicKey(tid));
  }

  async moveToTopic(p: PendingPost, toTid: number): Promise<void> {
    await this.db.setRemove(topicKey(p.tid), p.pid);
    await this.db.setAdd(topicKey(toTid), p.pid);
    await this.db.setObjectField(postKey(p.pid), 'tid', toTid);
  }

  /**
   * The posting path's activity writes, one round trip each (issue 14): the post into the member's
   * set, the set's size read back, the summary count written from it. In this order: the summary is
   * re-derived from the member's own set, so concurrent updates converge (see `syncCount`).
   */
  async addActivity(periods: readonly Period[], uid: number, pid: number, createdAt: number): Promise<void> {
    await this.db.sortedSetAddBulk(periods.map(([kind, periodId]) => [memberActivityKey(kind, periodId, uid), createdAt, pid]));
  }

  activitySize(kind: PeriodKind, periodId: string, uid: number): Promise<number> {
    return this.db.sortedSetCard(memberActivityKey(kind, periodId, uid));
  }

  activitySizes(periods: readonly Period[], uid: number): Promise<number[]> {
    return this.db.sortedSetsCard(periods.map(([kind, periodId]) => memberActivityKey(kind, periodId, uid)));
  }

  /** setActivityCount for several periods: one write of the counts above zero, one removal of the rest. */
  async setActivityCounts(periods: readonly Period[], uid: number, counts: readonly number[]): Promise<void> {
    const adds: [string, number, number][] = [];
    const removals: [string, number][] = [];
    periods.forEach(([kind, periodId], i) => {
      if (counts[i] > 0) adds.push([activityKey(kind, periodId), counts[i], uid]);
      else removals.push([activityKey(kind, periodId), uid]);
    });
    await Promise.all([adds.length ? this.db.sortedSetAddBulk(adds) : null, removals.length ? this.db.sortedSetRemoveBulk(removals) : null]);
  }

  async setActivityCount(kind: PeriodKind, periodId: string, uid: number, count: number): Promise<void> {
    await this.setActivityCounts([[kind, periodId]], uid, [count]);
  }

  /** Counts the post for its author in a period (idempotent per pid). */
  async countActivity(kind: PeriodKind, periodId: string, uid: number, pid: number, createdAt: number): Promise<void> {
    const member = memberActivityKey(kind, periodId, uid);
    if (await this.db.isSortedSetMember(member, pid)) return;
    await this.db.sortedSetAdd(member, createdAt, pid);
    await this.syncCount(kind, periodId, uid);
  }

  async uncountActivity(kind: PeriodKind, periodId: string, uid: number, pid: number): Promise<void> {
    await this.db.sortedSetRemove(memberActivityKey(kind, periodId, uid), pid);
    await this.syncCount(kind, periodId, uid);
  }

  /** The summary count is re-derived from the member's own set, so concurrent updates converge. */
  private async syncCount(kind: PeriodKind, periodId: string, uid: number): Promise<void> {
    await this.setActivityCount(kind, periodId, uid, await this.activitySize(kind, periodId, uid));
  }

  /** Members of a period by count, highest first, with when they reached their count. */
  async activity(kind: PeriodKind, periodId: string, limit: number): Promise<{ uid: number; count: number; reachedAt: number }[]> {
    const top = await this.db.getSortedSetRevRangeWithScores(activityKey(kind, periodId), 0, limit - 1);
    return Promise.all(top.map(async ({ value, score }) => {
      const uid = Number(value);
      const last = await this.db.getSortedSetRevRangeWithScores(memberActivityKey(kind, periodId, uid), 0, 0);
      return { uid, count: score, reachedAt: last[0]?.score ?? 0 };
    }));
  }

  /** Count of the member who is `limit`-th, to fetch everyone tied with the last place too. */
  async activityAtLeast(kind: PeriodKind, periodId: string, minCount: number): Promise<number> {
    return this.db.sortedSetCount(activityKey(kind, periodId), minCount, '+inf');
  }
}
