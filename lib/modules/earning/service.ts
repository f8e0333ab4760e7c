/**
 * Points for new topics and replies (PROGRAM §2): pending on posting, matured after the hold window
 * by settlement, cancelled before that when the post or its topic goes away, leaves the earning
 * categories, or its author is banned. Whether they stand is decided by the post's time and the hold
 * window, not by when a job runs: once the window has ended, a deletion, move or ban no longer
 * cancels them (the hook matures them instead), and a member's due posts are settled when their
 * Points page is read or before they spend (settleMember), even if the settlement job has not run.
 *
 * Hooks are the fast path and may be lost, repeated or reordered; settlement and backfill re-read
 * the forum and converge on the same outcome. A post is claimed at most once in its life
 * (EarningStore.claim), and settled (matured or cancelled) at most once (claimSettlement).
 */
import type { Host, PostSummary, TopicSummary } from '../../host/index';
import { countedLength, decideEarning, earnKey, HOUR_MS, isMature, pidOfEarnKey, type EarningRules, type PostFacts } from './domain';
import { localDate, monthOf, weekOf } from '../../kernel/periods';

/** The club day of an instant, `YYYY-MM-DD` in the zone. */
const dayId = (ms: number, zone: string) => {
  const d = localDate(ms, zone);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
};
import type { ProgramSettings } from '../settings';
import type { SettingsService } from '../settings';
import { isNew, type EarningLedger } from './ledger-port';
import { EarningStore, type PendingPost } from './store';
import type { EarningNotifier } from './notify';

export type CancelReason = 'post-deleted' | 'post-purged' | 'topic-deleted' | 'topic-purged' | 'topic-moved' | 'author-banned' | 'author-deleted' | 'owner-changed' | 'post-warned' | 'not-earning';

export function earningRules(s: ProgramSettings): EarningRules {
  return { earningCids: s.earningCids, topicPoints: s.pointsTopic, replyPoints: s.pointsReply, holdWindowMs: s.holdWindowHours * HOUR_MS, minPostLength: s.minPostLength };
}

/** The configured zone (parseSettings only ever yields a zone Intl knows; a bad stored one reads as the default). */
export function zoneOf(s: ProgramSettings): string {
  return s.timeZone;
}

export function factsOf(post: PostSummary, topic: TopicSummary): PostFacts {
  return {
    pid: post.pid, uid: post.uid, tid: post.tid, cid: topic.cid, timestamp: post.timestamp,
    isMain: topic.mainPid === post.pid, scheduled: topic.scheduled, deleted: post.deleted || topic.deleted,
  };
}

export interface SettleReport { matured: number; cancelled: number; waiting: number }

export class EarningService {
  readonly store: EarningStore;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: EarningLedger,
    private readonly notifier: EarningNotifier,
  ) {
    this.store = new EarningStore(host.db);
  }

  /** Reads the post and its topic from the forum; null when either is gone. */
  async readFacts(pid: number): Promise<{ facts: PostFacts; post: PostSummary; topic: TopicSummary } | null> {
    const [post] = await this.host.content.getPosts([pid]);
    if (!post) return null;
    const [topic] = await this.host.content.getTopics([post.tid]);
    if (!topic) return null;
    return { facts: factsOf(post, topic), post, topic };
  }

  /**
   * A post was created (hook, backfill): make its points pending if it earns. The forum is re-read
   * rather than trusting the hook payload, so a delete that overtook the save pays nothing.
   */
  async considerPost(pid: number): Promise<'pending' | 'already' | 'refused'> {
    // The forum's own (cached) post, topic and settings first: a post outside the earning categories
    // costs the plugin no command of its own (issue 14).
    const read = await this.readFacts(pid);
    if (!read) return 'refused';
    const s = await this.settings.get();
    if (!s.earningCids.includes(read.facts.cid)) return 'refused';
    const [claimed, warned] = await Promise.all([this.store.wasClaimed(pid), this.store.wasWarned(pid)]);
    if (claimed) return 'already';
    if (warned) return 'refused';
    // the text is read only while a minimum length is set (nothing more on the posting path otherwise)
    if (s.minPostLength > 0) read.facts.textLength = countedLength((await this.host.content.getPostTexts([pid]))[0] ?? '');
    const decision = decideEarning(read.facts, { ...earningRules(s), earningSince: await this.settings.earningSince() });
    if (!decision.ok) return 'refused';
    const [author] = await this.host.users.getUsers([decision.uid]);
    if (!author || author.banned) return 'refused';
    const zone = zoneOf(s);
    // Anti-farming: the member's first N posts of the club day earn, in the order they were looked at;
    // each post takes its place once (a repeated hook reads it back), a deleted one keeps it.
    if (s.dailyEarningPosts > 0) {
      const day = dayId(read.post.timestamp, zone);
      if ((await this.store.placeOfTheDay(decision.uid, day, pid)) > s.dailyEarningPosts) return 'refused';
    }
    const pending: PendingPost = {
      pid, uid: decision.uid, tid: read.post.tid, cid: read.facts.cid, amount: decision.amount, createdAt: read.post.timestamp,
      maturesAt: decision.maturesAt, weekId: weekOf(read.post.timestamp, zone).id, monthId: monthOf(read.post.timestamp, zone).id, gen: 0,
      kind: decision.kind,
    };
    // The record is deterministic, so writing it before the claim is harmless; writing it first
    // means a crash after the claim leaves something settlement can finish.
    await this.store.savePending(pending);
    if (!(await this.store.claim(pid))) return 'already';
    await this.ledger.creditPending({
      uid: pending.uid, amount: pending.amount, key: earnKey(pid, pending.gen), maturesAt: pending.maturesAt,
      reason: decision.kind, source: { type: 'post', id: pid },
    });
    await Promise.all([
      this.store.countActivity('week', pending.weekId, pending.uid, pid, pending.createdAt),
      this.store.countActivity('month', pending.monthId, pending.uid, pid, pending.createdAt),
    ]);
    // A cancel (the post deleted) may have run while this was under way: it settled the post before
    // its credit or its count landed. Redo the recorded outcome now that both are written, and cancel
    // a post deleted after it was read.
    if (await this.store.isSettled(pid)) {
      await this.finishSettled(pending);
      return 'pending';
    }
    const again = await this.readFacts(pid);
    if (!again || again.facts.deleted) await this.cancelPost(pid, again ? 'post-deleted' : 'post-purged');
    return 'pending';
  }

  /**
   * Cancels a pending post whose hold window is still running (no-op when it never became pending
   * or is already settled). Once the window has ended at `now` its points stand: they mature instead.
   * Returns true when this call cancelled it.
   */
  async cancelPost(pid: number, reason: CancelReason, now = this.host.clock.now()): Promise<boolean> {
    const p = await this.store.getPending(pid);
    if (!p) return false;
    if (isMature(p.maturesAt, now)) {
      await this.decide(p, null, now);
      return false;
    }
    return this.decide(p, reason, now);
  }

  /** The one settlement of a post: cancelled (`reason`) or matured (null). False if settled before. */
  private async decide(p: PendingPost, reason: CancelReason | null, now: number): Promise<boolean> {
    if (!(await this.store.claimSettlement(p.pid, p.gen))) {
      await this.finishSettled(p);
      return false;
    }
    await this.store.setOutcome(p.pid, p.gen, reason ? 'cancelled' : 'matured');
    if (reason) await this.applyCancel(p, reason);
    else await this.applyMature(p, now);
    return true;
  }

  private async applyCancel(p: PendingPost, reason: CancelReason | string): Promise<void> {
    const cancel = () => this.ledger.cancelPending({ targetKey: earnKey(p.pid, p.gen), reason: 'post-cancelled', comment: `[[bonus:earning.cancelled.${reason}]]` });
    const result = await cancel();
    if (!result.ok && result.code === 'not-found') {
      // The crediting is still under way (or stopped): write its pending credit (the same keyed request,
      // so the crediting's own write replays it) and cancel that, so it can never land afterwards.
      await this.ledger.creditPending({ uid: p.uid, amount: p.amount, key: earnKey(p.pid, p.gen), maturesAt: p.maturesAt, reason: p.kind, source: { type: 'post', id: p.pid } });
      await cancel();
    }
    await this.store.uncountActivity('week', p.weekId, p.uid, p.pid);
    await this.store.uncountActivity('month', p.monthId, p.uid, p.pid);
    await this.store.removePending(p);
  }

  private async applyMature(p: PendingPost, now: number): Promise<void> {
    let result = await this.ledger.mature({ targetKey: earnKey(p.pid, p.gen) });
    if (!result.ok && result.code === 'not-found') {
      // The claim was taken but the pending credit never written (a fault in between): write it now.
      await this.ledger.creditPending({ uid: p.uid, amount: p.amount, key: earnKey(p.pid, p.gen), maturesAt: p.maturesAt, reason: p.kind, source: { type: 'post', id: p.pid } });
      result = await this.ledger.mature({ targetKey: earnKey(p.pid, p.gen) });
    }
    // A transient refusal leaves the post in the pending index; the next run redoes the outcome.
    if (!result.ok && result.code === 'busy') return;
    await this.store.removePending(p);
    if (!isNew(result)) return;
    const s = await this.settings.get();
    await this.notifier.matured(p.uid, p.amount, localDate(now, zoneOf(s)));
  }

  /** A settlement was claimed earlier but its run stopped half-way: redo the recorded outcome. */
  private async finishSettled(p: PendingPost): Promise<void> {
    // A later generation started meanwhile (restore, owner change): its indexes are not ours to touch.
    if ((await this.store.getPending(p.pid))?.gen !== p.gen) return;
    const outcome = await this.store.outcome(p.pid, p.gen);
    if (outcome === 'matured') {
      await this.ledger.mature({ targetKey: earnKey(p.pid, p.gen) });
      await this.store.removePending(p);
    } else if (outcome === 'cancelled') {
      await this.applyCancel(p, 'not-earning');
    }
  }

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
    await this.ledger.creditPending({
      uid: next.uid, amount: next.amount, key: earnKey(pid, next.gen), maturesAt: next.maturesAt,
      reason: decision.kind, source: { type: 'post', id: pid },
    });
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
    const report: SettleReport = { matured: 0, cancelled: 0, waiting: 0 };
    const rules = earningRules(await this.settings.get());
    for (const pid of await this.store.dueBefore(now, limit)) {
      const outcome = await this.settleOne(pid, now, rules);
      if (outcome) report[outcome]++;
    }
    return report;
  }

  /**
   * Lazy settlement for one member (their Points page, before they spend): each of their posts whose
   * hold window has ended by `now` is settled as the job would settle it. Returns how many matured.
   */
  async settleMember(uid: number, now: number): Promise<number> {
    const due = await this.ledger.duePendingKeys(uid, now);
    if (!due.length) return 0;
    const rules = earningRules(await this.settings.get());
    let matured = 0;
    for (const key of due) {
      const pid = pidOfEarnKey(key);
      if (pid !== null && (await this.settleOne(pid, now, rules)) === 'matured') matured++;
    }
    return matured;
  }

  /** Settles one post due by `now`: re-read, then matured or cancelled. Null when there was nothing to do. */
  private async settleOne(pid: number, now: number, rules: EarningRules): Promise<keyof SettleReport | null> {
    const p = await this.store.getPending(pid);
    if (!p) {
      await this.store.dropFromScan(pid);
      return null;
    }
    if (!isMature(p.maturesAt, now)) return 'waiting';
    const reason = await this.whyNotEarning(pid, p, rules);
    if (!(await this.decide(p, reason, now))) return null;
    return reason ? 'cancelled' : 'matured';
  }

  private async whyNotEarning(pid: number, p: PendingPost, rules: EarningRules): Promise<CancelReason | null> {
    const read = await this.readFacts(pid);
    if (!read) return 'post-purged';
    if (read.post.deleted) return 'post-deleted';
    if (read.topic.deleted) return 'topic-deleted';
    // Settings apply from then on: a category removed from the earning set later does not cancel
    // what was pending there; only a move of the topic to a non-earning category does.
    const stayed = read.topic.cid === p.cid;
    const decision = decideEarning({ ...read.facts, deleted: false }, stayed ? { ...rules, earningCids: [p.cid] } : rules);
    if (!decision.ok) return decision.code === 'not-earning-category' ? 'topic-moved' : 'not-earning';
    if (decision.uid !== p.uid) return 'not-earning';
    const [author] = await this.host.users.getUsers([p.uid]);
    if (!author || author.banned) return 'author-banned';
    const warnedAt = await this.store.warnedAt(pid);
    if (warnedAt !== null && !isMature(p.maturesAt, warnedAt)) return 'post-warned';
    return null;
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
