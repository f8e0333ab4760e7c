/**
 * Points for new topics and replies (PROGRAM §2): pending on posting, matured after the hold window
 * by settlement, cancelled before that when the post or its topic goes away, leaves the earning
 * categories, or its author is banned.
 *
 * Hooks are the fast path and may be lost, repeated or reordered; settlement and backfill re-read
 * the forum and converge on the same outcome. A post is claimed at most once in its life
 * (EarningStore.claim), and settled (matured or cancelled) at most once (claimSettlement).
 */
import type { Host, PostSummary, TopicSummary } from '../host';
import { decideEarning, earnKey, HOUR_MS, isMature, type EarningRules, type PostFacts } from '../domain/earning';
import { localDate, monthOf, weekOf, isValidTimeZone } from '../domain/periods';
import type { ProgramSettings } from '../domain/settings';
import type { SettingsService } from './settings';
import { isNew, type EarningLedger } from './earning-ledger';
import { EarningStore, type PendingPost } from './earning-store';
import type { EarningNotifier } from './earning-notify';

export type CancelReason = 'post-deleted' | 'post-purged' | 'topic-deleted' | 'topic-purged' | 'topic-moved' | 'author-banned' | 'not-earning';

export function earningRules(s: ProgramSettings): EarningRules {
  return { earningCids: s.earningCids, topicPoints: s.pointsTopic, replyPoints: s.pointsReply, holdWindowMs: s.holdWindowHours * HOUR_MS };
}

/** The configured zone, or UTC when the stored one is unknown to Intl. */
export function zoneOf(s: ProgramSettings): string {
  return isValidTimeZone(s.timeZone) ? s.timeZone : 'UTC';
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
    if (await this.store.wasClaimed(pid)) return 'already';
    const read = await this.readFacts(pid);
    if (!read) return 'refused';
    const s = await this.settings.get();
    const decision = decideEarning(read.facts, { ...earningRules(s), earningSince: await this.settings.earningSince() });
    if (!decision.ok) return 'refused';
    const [author] = await this.host.users.getUsers([decision.uid]);
    if (!author || author.banned) return 'refused';
    const zone = zoneOf(s);
    const pending: PendingPost = {
      pid, uid: decision.uid, tid: read.post.tid, cid: read.facts.cid, amount: decision.amount, createdAt: read.post.timestamp,
      maturesAt: decision.maturesAt, weekId: weekOf(read.post.timestamp, zone).id, monthId: monthOf(read.post.timestamp, zone).id,
      kind: decision.kind,
    };
    // The record is deterministic, so writing it before the claim is harmless; writing it first
    // means a crash after the claim leaves something settlement can finish.
    await this.store.savePending(pending);
    if (!(await this.store.claim(pid))) return 'already';
    await this.ledger.creditPending({
      uid: pending.uid, amount: pending.amount, key: earnKey(pid), maturesAt: pending.maturesAt,
      reason: decision.kind, source: { type: 'post', id: pid },
    });
    await this.store.countActivity('week', pending.weekId, pending.uid, pid, pending.createdAt);
    await this.store.countActivity('month', pending.monthId, pending.uid, pid, pending.createdAt);
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

  /** Cancels a pending post (no-op when it never became pending or is already settled). */
  async cancelPost(pid: number, reason: CancelReason): Promise<boolean> {
    const p = await this.store.getPending(pid);
    if (!p) return false;
    if (!(await this.store.claimSettlement(pid))) {
      await this.finishSettled(p);
      return false;
    }
    await this.host.db.setObjectField(`bonus:earn:post:${pid}`, 'outcome', 'cancelled');
    await this.applyCancel(p, reason);
    return true;
  }

  private async applyCancel(p: PendingPost, reason: CancelReason | string): Promise<void> {
    const cancel = () => this.ledger.cancelPending({ targetKey: earnKey(p.pid), reason: 'post-cancelled', comment: `[[bonus:earning.cancelled.${reason}]]` });
    const result = await cancel();
    if (!result.ok && result.code === 'not-found') {
      // The crediting is still under way (or stopped): write its pending credit (the same keyed request,
      // so the crediting's own write replays it) and cancel that, so it can never land afterwards.
      await this.ledger.creditPending({ uid: p.uid, amount: p.amount, key: earnKey(p.pid), maturesAt: p.maturesAt, reason: p.kind, source: { type: 'post', id: p.pid } });
      await cancel();
    }
    await this.store.uncountActivity('week', p.weekId, p.uid, p.pid);
    await this.store.uncountActivity('month', p.monthId, p.uid, p.pid);
    await this.store.removePending(p);
  }

  private async applyMature(p: PendingPost, now: number): Promise<void> {
    let result = await this.ledger.mature({ targetKey: earnKey(p.pid) });
    if (!result.ok && result.code === 'not-found') {
      // The claim was taken but the pending credit never written (a fault in between): write it now.
      await this.ledger.creditPending({ uid: p.uid, amount: p.amount, key: earnKey(p.pid), maturesAt: p.maturesAt, reason: p.kind, source: { type: 'post', id: p.pid } });
      result = await this.ledger.mature({ targetKey: earnKey(p.pid) });
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
    const outcome = await this.host.db.getObjectField(`bonus:earn:post:${p.pid}`, 'outcome');
    if (outcome === 'matured') {
      await this.ledger.mature({ targetKey: earnKey(p.pid) });
      await this.store.removePending(p);
    } else if (outcome === 'cancelled') {
      await this.applyCancel(p, 'not-earning');
    }
  }

  async cancelTopic(tid: number, reason: CancelReason): Promise<number> {
    let n = 0;
    for (const pid of await this.store.pendingOfTopic(tid)) if (await this.cancelPost(pid, reason)) n++;
    return n;
  }

  async cancelAuthor(uid: number): Promise<number> {
    let n = 0;
    for (const pid of await this.store.pendingOfUser(uid)) if (await this.cancelPost(pid, 'author-banned')) n++;
    return n;
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
      const p = await this.store.getPending(pid);
      if (!p) {
        await this.host.db.sortedSetRemove('bonus:earn:pending', pid);
        continue;
      }
      if (!isMature(p.maturesAt, now)) {
        report.waiting++;
        continue;
      }
      const reason = await this.whyNotEarning(pid, p, rules);
      if (!(await this.store.claimSettlement(pid))) {
        await this.finishSettled(p);
        continue;
      }
      if (reason) {
        await this.host.db.setObjectField(`bonus:earn:post:${pid}`, 'outcome', 'cancelled');
        await this.applyCancel(p, reason);
        report.cancelled++;
      } else {
        await this.host.db.setObjectField(`bonus:earn:post:${pid}`, 'outcome', 'matured');
        await this.applyMature(p, now);
        report.matured++;
      }
    }
    return report;
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
    return null;
  }

  /** Backfill: posts of the last `lookbackMs` whose hook was lost become pending. */
  async backfill(now: number, lookbackMs: number, limit = 1000): Promise<number> {
    let n = 0;
    for (const pid of await this.host.content.getPidsByTime(now - lookbackMs, now, limit)) {
      if ((await this.considerPost(pid)) === 'pending') n++;
    }
    return n;
  }
}
