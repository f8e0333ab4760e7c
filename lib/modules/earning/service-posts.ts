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
 *
 * A pending post's points are noted in the member's pending points (LedgerService.notePending), not
 * written to the ledger (issue 14): its settling writes the pending credit and its outcome together,
 * so the history shows both from then on, and the economy's figures count both on that day.
 */
import type { HookPost, Host, PostSummary, TopicSummary } from '../../host/index';
import { countedLength, decideEarning, earnKey, HOUR_MS, isMature, pidOfEarnKey, type EarningRules, type PostFacts } from './domain';
import { localDate, localDates, monthOf, weekOf, type LocalDate } from '../../kernel/periods';
import { mapLimited } from '../../kernel/concurrency';

/** The club day of an instant, `YYYY-MM-DD` in the zone. */
const dayId = (ms: number, zone: string) => {
  const d = localDate(ms, zone);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
};
import type { ProgramSettings } from '../settings';
import type { SettingsService } from '../settings';
import { isNew, type EarningLedger, type LedgerOutcome } from './ledger-port';
import type { EntryBatch, LedgerEntry, PairBlock } from '../ledger';
import { EarningStore, type PendingPost, type Period } from './store';
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

/** NodeBB's action:post.save payload: the new post as written, with its category and text. */
export type SavedPost = HookPost & { content?: unknown };

/**
 * The facts of a new post from its action:post.save payload, or null when the payload lacks one
 * (then the forum is read). A new post is not deleted; its topic is scheduled when the post is
 * dated in the future (NodeBB's own test, topics/create.js).
 */
export function factsOfSaved(post: SavedPost, pid: number, now: number): PostFacts | null {
  const [tid, cid, timestamp] = [Number(post.tid), Number(post.cid), Number(post.timestamp)];
  if (Number(post.pid) !== pid || ![tid, cid, timestamp].every(Number.isSafeInteger) || typeof post.isMain !== 'boolean' || post.uid === undefined) return null;
  return { pid, uid: post.uid, tid, cid, timestamp, isMain: post.isMain, scheduled: timestamp > now, deleted: false };
}

export interface SettleReport { matured: number; cancelled: number; waiting: number }

/**
 * What settling many posts leaves to the end (issue 14, settlement at scale): the matured posts'
 * outcomes recorded and their removal from the scan and the indexes (a few writes for the lot instead
 * of four a post), and one notification per member and club day with the sum matured. A stop before
 * the flush leaves the posts in the scan with their settlement claimed and no outcome recorded (or
 * recorded, a stop within the flush): the next decider settles them again, the ledger answers with
 * the maturing it took, and they are recorded and removed; only their notification is lost, which
 * never holds up points (EarningNotifier).
 */
export class SettleBatch {
  private readonly done: PendingPost[] = [];
  private readonly notices = new Map<string, { uid: number; day: LocalDate; amount: number }>();

  /**
   * `figures`: the ledger's batch for the economy's figures of the run's entries, ended by the caller
   * (a stop before leaves them claimed and uncounted, which the figures check finds and repairs).
   * `unwritten`: the pending credits the page found with no ledger entry (noted only, issue 14): their
   * settling writes the credit first, without asking the ledger for the outcome in vain.
   * `pairs`: the ledger's ids and members index taken for those (EarningLedger.pairBlock).
   */
  constructor(readonly figures: EntryBatch | null = null, readonly unwritten: ReadonlySet<string> = new Set(), readonly pairs: PairBlock | null = null) {}

  /** A post matured: `day` is the club day to notify it on, null when it had matured before (a replay). */
  settled(p: PendingPost, day: LocalDate | null): void {
    this.done.push(p);
    if (!day) return;
    const id = `${p.uid}:${day.year}-${day.month}-${day.day}`;
    const n = this.notices.get(id);
    if (n) n.amount += p.amount;
    else this.notices.set(id, { uid: p.uid, day, amount: p.amount });
  }

  async flush(store: EarningStore, notifier: EarningNotifier): Promise<void> {
    // the outcomes first, then the indexes (the order of a post settled alone: EarningPosts.settle)
    await store.setOutcomes(this.done, 'matured');
    await store.removePendings(this.done);
    await mapLimited([...this.notices.values()], NOTIFY_CONCURRENCY, (n) => notifier.matured(n.uid, n.amount, n.day));
  }
}

const NOTIFY_CONCURRENCY = 16;

export class EarningPosts {
  readonly store: EarningStore;
  /** The club date of a maturing (a settlement page matures many at one instant). */
  private readonly dateOf = localDates();

  constructor(
    protected readonly host: Host,
    protected readonly settings: SettingsService,
    protected readonly ledger: EarningLedger,
    protected readonly notifier: EarningNotifier,
  ) {
    this.store = new EarningStore(host.db);
  }

  /**
   * What the member's pending list shows of pending credits noted only (their post, kind and time),
   * from the posts' records in one batched read: the ledger's NoteDescriber.
   */
  async describeNotes(keys: string[]): Promise<Map<string, { reason: string; source: { type: 'post'; id: number }; createdAt: number }>> {
    const out = new Map<string, { reason: string; source: { type: 'post'; id: number }; createdAt: number }>();
    const posts = keys.map((key) => ({ key, pid: pidOfEarnKey(key) })).filter((k): k is { key: string; pid: number } => k.pid !== null);
    const records = await this.store.getPendings(posts.map((k) => k.pid));
    posts.forEach(({ key, pid }, i) => {
      const r = records[i];
      if (r && earnKey(pid, r.gen) === key) out.set(key, { reason: r.kind, source: { type: 'post', id: pid }, createdAt: r.createdAt });
    });
    return out;
  }

  /** The points of the posts waiting in the scan (the ACP dashboard's pending points beside the ledger's). */
  pendingPoints(): Promise<number> {
    return this.store.pendingPoints();
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
   * A post was created (hook, backfill): make its points pending if it earns.
   *
   * From the hook (`saved`, NodeBB's action:post.save payload) the post's facts are the payload's: a
   * post outside the earning categories costs nothing but this check against the cached settings,
   * and an earning one six round trips, its pending credit noted, not written to the ledger (issue
   * 14). What the payload cannot say is left to settlement, which re-reads the post, its topic and
   * its author before anything matures: a post or topic deleted meanwhile, a topic moved out, an
   * author banned (NodeBB lets no banned member post) are cancelled there, as they always were when
   * they happened after the hook. Without a payload (backfill, a restore) the forum is read, and the
   * author's ban checked, first.
   */
  async considerPost(pid: number, saved?: SavedPost): Promise<'pending' | 'already' | 'refused'> {
    const s = await this.settings.get();
    const fromHook = saved ? factsOfSaved(saved, pid, this.host.clock.now()) : null;
    let facts: PostFacts;
    if (fromHook) {
      if (!s.earningCids.includes(fromHook.cid)) return 'refused';
      facts = fromHook;
    } else {
      const read = await this.readFacts(pid);
      if (!read || !s.earningCids.includes(read.facts.cid)) return 'refused';
      facts = read.facts;
      // a post looked at again (backfill) is refused before anything is allocated
      if (await this.store.wasClaimed(pid)) return 'already';
    }
    // the text is read only while a minimum length is set (the hook's payload carries it)
    if (s.minPostLength > 0) {
      const text = fromHook && typeof saved?.content === 'string' ? saved.content : (await this.host.content.getPostTexts([pid]))[0] ?? '';
      facts.textLength = countedLength(text);
    }
    const decision = decideEarning(facts, { ...earningRules(s), earningSince: await this.settings.earningSince() });
    if (!decision.ok) return 'refused';
    if (!fromHook) {
      const [author] = await this.host.users.getUsers([decision.uid]);
      if (!author || author.banned) return 'refused';
    }
    const zone = zoneOf(s);
    const pending: PendingPost = {
      pid, uid: decision.uid, tid: facts.tid, cid: facts.cid, amount: decision.amount, createdAt: facts.timestamp,
      maturesAt: decision.maturesAt, weekId: weekOf(facts.timestamp, zone).id, monthId: monthOf(facts.timestamp, zone).id, gen: 0,
      kind: decision.kind,
    };
    const key = earnKey(pid, pending.gen);
    const periods: Period[] = [['week', pending.weekId], ['month', pending.monthId]];
    // Six round trips; each step is one, its calls independent of each other. Between
    // steps the order is the one crash safety needs. The pending credit is noted in the member's
    // pending points, not written to the ledger: settlement writes its entry with its outcome (issue
    // 14: the entry was most of what an earning reply cost the forum).
    // 1. Claimed or warned already?
    const { claimed, warned } = await this.store.claimedAndWarned(pid);
    if (claimed) return 'already';
    if (warned) return 'refused';
    // Anti-farming: the member's first N posts of the club day earn, in the order they were looked at;
    // each post takes its place once (a repeated hook reads it back), a deleted one keeps it.
    if (s.dailyEarningPosts > 0 && (await this.store.placeOfTheDay(decision.uid, dayId(facts.timestamp, zone), pid)) > s.dailyEarningPosts) return 'refused';
    // 2. The record and its indexes, the scan among them (deterministic, so writing it before the
    //    claim is harmless; written first, whatever a crash leaves after it settlement finishes).
    await this.store.savePending(pending);
    // 3. The post's claim (once in its life); the note of its pending credit (after the record, so a
    //    note always has a post in the scan that settles it and takes it out); the post into the
    //    author's week and month sets. Whoever got here counts it (per pid, so once): a consideration
    //    that loses the claim to one that was cancelled meanwhile is undone by the check in 6.
    const [won, recheckNote] = await Promise.all([
      this.store.claim(pid), this.ledger.notePending({ uid: pending.uid, key, amount: pending.amount, maturesAt: pending.maturesAt }),
      this.store.addActivity(periods, pending.uid, pid, pending.createdAt),
    ]);
    // 4. The sets' sizes; the ledger's look for an outcome committed while the note was on its way.
    const [sizes] = await Promise.all([this.store.activitySizes(periods, pending.uid), recheckNote()]);
    // 5. The summary counts from the sizes.
    await this.store.setActivityCounts(periods, pending.uid, sizes);
    // 6. Was the post settled (a cancel) while this was under way? Its outcome is redone now that
    //    everything above is written (a count written from sizes read before a cancel's uncounting
    //    among them), so nothing of it stays.
    const settled = await this.store.isSettled(pid);
    if (settled) await this.finishSettled(pending);
    if (!won) return 'already';
    if (!fromHook) {
      // the forum re-read: a post deleted after it was first read is cancelled now
      const again = await this.readFacts(pid);
      if (!again || again.facts.deleted) await this.cancelPost(pid, again ? 'post-deleted' : 'post-purged');
    }
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

  /**
   * The one settlement of a post: cancelled (`reason`) or matured (null). False if settled before.
   * With `batch` (settlement of many posts), a matured post's removal from the indexes and its
   * notification are left to the batch's flush.
   */
  protected async decide(p: PendingPost, reason: CancelReason | null, now: number, batch?: SettleBatch): Promise<boolean> {
    if (!(await this.store.claimSettlement(p.pid, p.gen))) {
      await this.finishSettled(p, { reason, now, batch });
      return false;
    }
    await this.settle(p, reason, now, batch);
    return true;
  }

  /**
   * Mature or cancel through the ledger, which takes one outcome per pending credit: what it took is
   * recorded as the post's outcome and followed (a cancel that finds the credit matured follows the
   * maturing). In this order, so a recorded outcome is always the ledger's: the claim, the ledger,
   * the outcome, the indexes. A stop before the outcome is recorded is finished by the next
   * decider (finishSettled); a transient refusal of the ledger leaves the same state.
   */
  private async settle(p: PendingPost, reason: CancelReason | null, now: number, batch?: SettleBatch): Promise<void> {
    const settled = await this.settleInLedger(p, reason, batch);
    if (!settled) return;
    // a page's maturings are recorded together by its flush (a stop before leaves them in the scan
    // with their settlement claimed and no outcome: the next decider settles them again, and the
    // ledger answers with the maturing it took)
    if (batch && settled.outcome === 'matured') return this.afterMature(p, settled.first ? now : null, batch);
    await this.store.setOutcome(p.pid, p.gen, settled.outcome);
    if (settled.outcome === 'cancelled') await this.afterCancel(p);
    else await this.afterMature(p, settled.first ? now : null, batch);
  }

  private async settleInLedger(p: PendingPost, reason: CancelReason | string | null, batch?: SettleBatch): Promise<{ outcome: 'matured' | 'cancelled'; first: boolean } | null> {
    const targetKey = earnKey(p.pid, p.gen);
    const figures = batch?.figures ?? undefined;
    const run = (target?: LedgerEntry) => reason
      ? this.ledger.cancelPending({ targetKey, reason: 'post-cancelled', comment: `[[bonus:earning.cancelled.${reason}]]`, target, batch: figures })
      : this.ledger.mature({ targetKey, target, batch: figures });
    const credit = { uid: p.uid, amount: p.amount, key: targetKey, maturesAt: p.maturesAt, reason: p.kind, source: { type: 'post' as const, id: p.pid }, batch: figures };
    let result: LedgerOutcome;
    if (batch?.unwritten.has(targetKey) && this.ledger.creditPendingAndSettle) {
      // noted only (the page read it): the credit and its outcome written at once
      result = (await this.ledger.creditPendingAndSettle({ ...credit, pairs: batch.pairs ?? undefined }, reason
        ? { kind: 'cancel-pending', reason: 'post-cancelled', comment: `[[bonus:earning.cancelled.${reason}]]` }
        : { kind: 'mature' })).outcome;
    } else {
      result = batch?.unwritten.has(targetKey) ? { ok: false, code: 'not-found' } : await run();
    }
    if (!result.ok && result.code === 'not-found') {
      // Noted only (the posting path), or an older crediting still under way (or stopped): write its
      // pending credit (the same keyed request, so a crediting's own write replays it) and settle that,
      // given the entry written (the outcome's claim still decides).
      const credited = await this.ledger.creditPending(credit);
      result = await run(credited.ok ? credited.entry : undefined);
    }
    // A transient refusal: the post stays in the scan, and the next run settles it. Still not found
    // after writing it: the key is held by a crediting that stopped (released by the ledger's recovery
    // after its lease) — recording an outcome now would take the post out of the scan with no points.
    if (!result.ok && (result.code === 'busy' || result.code === 'not-found')) return null;
    // Settled the other way first (a decider that took over from one that stopped): that stands.
    if (!result.ok && result.code === 'already-settled' && result.entry) return { outcome: result.entry.kind === 'mature' ? 'matured' : 'cancelled', first: false };
    return { outcome: reason ? 'cancelled' : 'matured', first: isNew(result) };
  }

  private async afterCancel(p: PendingPost): Promise<void> {
    await this.store.uncountActivity('week', p.weekId, p.uid, p.pid);
    await this.store.uncountActivity('month', p.monthId, p.uid, p.pid);
    await this.store.removePending(p);
  }

  /** `now`: when the points matured by this call (it notifies), null when they had before. */
  private async afterMature(p: PendingPost, now: number | null, batch?: SettleBatch): Promise<void> {
    const day = now === null ? null : this.dateOf(now, zoneOf(await this.settings.get()));
    if (batch) {
      batch.settled(p, day);
      return;
    }
    await this.store.removePending(p);
    if (day) await this.notifier.matured(p.uid, p.amount, day);
  }

  /**
   * A settlement claimed by another decider: its recorded outcome is redone (it may have stopped half
   * way). Without a recorded outcome, that decider is still on its way or stopped before the ledger
   * took one; a decider of its own (`own`) then settles the post as it sees it — the ledger takes the
   * first outcome, and both follow that one — and one without (the crediting) leaves it to them.
   */
  protected async finishSettled(p: PendingPost, own?: { reason: CancelReason | null; now: number; batch?: SettleBatch }): Promise<void> {
    // A later generation started meanwhile (restore, owner change): its indexes are not ours to touch.
    if ((await this.store.getPending(p.pid))?.gen !== p.gen) return;
    const outcome = await this.store.outcome(p.pid, p.gen);
    if (outcome === 'matured') {
      await this.ledger.mature({ targetKey: earnKey(p.pid, p.gen) });
      await this.store.removePending(p);
    } else if (outcome === 'cancelled') {
      await this.settleInLedger(p, 'not-earning');
      await this.afterCancel(p);
    } else if (own) {
      await this.settle(p, own.reason, own.now, own.batch);
    }
  }
}
