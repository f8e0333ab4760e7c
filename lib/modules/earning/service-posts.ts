/**
 * A post's own life (service.ts builds the rest on it): points for new topics and replies (PROGRAM §2): pending on posting, matured after the hold window
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
import { countedLength, decideEarning, earnKey, HOUR_MS, isMature, type EarningRules, type PostFacts } from './domain';
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

export class EarningPosts {
  readonly store: EarningStore;

  constructor(
    protected readonly host: Host,
    protected readonly settings: SettingsService,
    protected readonly ledger: EarningLedger,
    protected readonly notifier: EarningNotifier,
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
  protected async decide(p: PendingPost, reason: CancelReason | null, now: number): Promise<boolean> {
    if (!(await this.store.claimSettlement(p.pid, p.gen))) {
      await this.finishSettled(p);
      return false;
    }
    await this.store.setOutcome(p.pid, p.gen, reason ? 'cancelled' : 'matured');
    if (reason) await this.applyCancel(p, reason);
    else await this.applyMature(p, now);
    return true;
  }

  protected async applyCancel(p: PendingPost, reason: CancelReason | string): Promise<void> {
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

  protected async applyMature(p: PendingPost, now: number): Promise<void> {
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
  protected async finishSettled(p: PendingPost): Promise<void> {
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
}
