/**
 * The points ledger's use cases: the one door through which points are earned, spent, held and
 * penalised. Every writing method takes a deterministic idempotency key and returns a typed result:
 * the same key again gives back the first entry (`replayed: true`) and changes nothing; the same key
 * with another member, kind or amount is refused (`key-conflict`). Expected refusals are results
 * (`{ok: false, code}`), never exceptions; only faults (database down) throw.
 *
 * Keys (ARCHITECTURE.md "The ledger"): `earn:post:{pid}`, `group-role:{role}:{uid}`, `birthday:{uid}:{year}`,
 * `top:week:{isoWeek}:{rank}`, `hold:order:{id}`, `adjust:{operationId}:{uid}`, `transfer:{id}:out`, ….
 * Outcomes (mature / cancelPending, capture / release) name the entry they settle (`targetKey`) and
 * share one key, `settle:{targetKey}`, so exactly one of them ever happens.
 *
 * `reason` is a reason code shown translated in the member's history as `[[bonus:points.reason.{code}]]`
 * (codes: REASON_CODES below; other features add theirs to the language files), or a full
 * translation token (`[[bonus:history.reply, 12]]`) used as is.
 */
import { refusable, type Result } from '../../kernel/result';
import { assertAdmin } from '../../kernel/access';
import type { Caller, Host } from '../../host/index';
import { BonusError } from '../../kernel/errors';
import {
  signedEffect, spendable, type Balances, type EntryKind, type LedgerEntry, type SourceLink,
} from './domain';
import { appendPendingWithOutcome, openPairBlock, type PairBlock } from './store-pair';
import { LedgerStore, type AppendOptions, type NoteDescriber, type PendingCredit, type EntryBatch, type EntryObserver, type LedgerResult, type Programme } from './store';
import { LedgerRecovery, type ReconcileResult } from './store-recovery';

export type { EntryBatch, EntryObserver, LedgerRefusal, LedgerResult, Programme } from './store';
export { PROGRAMMES } from './store-codec';
export type { ReconcileResult, JournalDamage } from './store-recovery';
export type { PairBlock } from './store-pair';
export type { Balances, EntryKind, LedgerEntry, SourceLink } from './domain';

/** Reasons of the ACP "Operations" form (PROGRAM §2, §3). */
export const OPERATION_REASONS = ['contest-win', 'souvenir-review', 'honorary-title', 'event', 'club-help', 'rule-violation', 'other'] as const;
export type OperationReason = (typeof OPERATION_REASONS)[number];

/** Reason codes the ledger itself knows (each has `points.reason.{code}` in both languages). */
export const REASON_CODES = [
  ...OPERATION_REASONS,
  'topic', 'reply', 'post-cancelled', 'birthday', 'group-entry', 'top-week', 'top-month', 'warning', 'ban',
  'order', 'order-cancelled', 'order-replacement', 'transfer-in', 'transfer-out', 'transfer-reversal', 'loan', 'loan-repayment', 'loan-write-off', 'code',
  'claim-refund',
] as const;

/** Common fields of every writing call. */
export interface EntryInput {
  uid: number;
  /** A positive integer. */
  amount: number;
  /** Deterministic idempotency key (see the file comment). */
  key: string;
  reason: string;
  comment?: string;
  source?: SourceLink;
  /** Who caused it; 0 (the default) for the system. */
  actorUid?: number;
}

export interface PendingCreditInput extends EntryInput {
  /** When the credit may mature (ms since the epoch); shown to the member. */
  maturesAt: number;
  /** Counted into this batch of the observer's (`entryBatch`) rather than on its own (settlement writes many). */
  batch?: EntryBatch;
  /** Ids and members indexed beforehand for many such credits written with their outcome (`pairBlock`). */
  pairs?: PairBlock;
}

/** Settles an earlier credit-pending (mature / cancelPending) or hold (capture / release). */
export interface OutcomeInput {
  /** The key of the credit-pending or hold being settled. */
  targetKey: string;
  /** Defaults to the settled entry's reason. */
  reason?: string;
  comment?: string;
  source?: SourceLink;
  actorUid?: number;
  /** The target entry as the caller holds it (it wrote it), to spare reading it again. */
  target?: LedgerEntry;
  /** Counted into this batch of the observer's (`entryBatch`) rather than on its own. */
  batch?: EntryBatch;
}

/** An admin operation on one member: a signed, non-zero amount. */
export interface AdjustInput {
  uid: number;
  /** Positive awards, negative deducts (may take the balance below zero). */
  amount: number;
  /** `adjust:{operationId}:{uid}`. */
  key: string;
  reason: string;
  comment?: string;
  source?: SourceLink;
}

export interface BalanceView extends Balances {
  spendable: number;
}

export interface HistoryPage {
  /** The programme whose points these lines are. */
  programme: Programme;
  uid: number;
  /** 1-based. */
  page: number;
  perPage: number;
  /** Are there older entries than this page's? (No count: counting a member's whole journal grows with their history.) */
  hasOlder: boolean;
  /** Newest first. */
  entries: LedgerEntry[];
}

/** A pending credit in the member's pending list (the store's PendingCredit). */
export type PendingItem = PendingCredit;

export const HISTORY_PER_PAGE = 20;

export class LedgerService {
  readonly store: LedgerStore;
  readonly recovery: LedgerRecovery;
  private settleDue: ((uid: number) => Promise<unknown>) | null = null;
  private describeNotes: NoteDescriber | undefined;
  private readonly settling = new Set<number>();

  /** One ledger per programme (`club`, the default, or `sellers`); see `ledgerKeys`. */
  constructor(private readonly host: Host, readonly programme: Programme = 'club') {
    this.store = new LedgerStore(host.db, host.clock, programme);
    this.recovery = new LedgerRecovery(this.store, undefined, undefined, (ms) => host.clock.pause(ms));
  }

  /**
   * Points whose hold window has ended are spendable even before the settlement job writes them:
   * the earning rules register here, and a member's due pending credits are settled before each of
   * their spends and holds and before their balance is read (a failure there only logs; a spend is
   * decided on the counters as ever).
   */
  settleDueBeforeSpending(settle: (uid: number) => Promise<unknown>): void {
    this.settleDue = settle;
  }

  /**
   * Pending credits the earning rules note before their entry (`notePending`) are described by them
   * in the member's pending list (the post, its kind and time, from the post's record).
   */
  describePendingNotes(describe: NoteDescriber): void {
    this.describeNotes = describe;
  }

  private async settleDueOf(uid: number): Promise<void> {
    // Not re-entered for a member: maturing may repay a loan, which spends.
    if (!this.settleDue || this.settling.has(uid)) return;
    this.settling.add(uid);
    try {
      await this.settleDue(uid);
    } catch (err) {
      this.host.log.error(`[bonus] settling member ${uid}'s due points failed`, err);
    } finally {
      this.settling.delete(uid);
    }
  }

  /** The change an entry makes to the member's spendable-or-pending total, as the history shows it (signed). */
  signedEffect(e: LedgerEntry): number {
    return signedEffect(e);
  }

  /** Every written entry is told to `observer` (the economy's daily figures; see EntryObserver). */
  observeEntries(observer: EntryObserver): void {
    this.store.observer = observer;
  }

  /** A batch of the observer's for many entries (EntryObserver.batch), or null when it keeps none. */
  entryBatch(): EntryBatch | null {
    return this.store.observer?.batch?.() ?? null;
  }

  /**
   * Every committed entry, in id order, in batches (the economy's rebuild; never on a page load):
   * reads the key index, which names each entry once.
   */
  scanEntries(each: (entries: LedgerEntry[]) => Promise<void>, batch = 500): Promise<void> {
    return this.store.scanEntries(each, batch);
  }

  /** Finishes or undoes operations a crash stopped (older than the lease); idempotent. */
  recover(): Promise<number> {
    return this.recovery.recover();
  }

  /** Checks every member's journal against the cached balances, repairs the cache, reports damage; stored. */
  reconcile(): Promise<ReconcileResult> {
    return this.recovery.reconcile();
  }

  /** Admins (ACP): reconcile now. */
  reconcileFor(caller: Caller): Promise<Result<ReconcileResult>> {
    return refusable(() => this.doReconcileFor(caller));
  }

  private async doReconcileFor(caller: Caller): Promise<ReconcileResult> {
    await assertAdmin(this.host, caller);
    return this.reconcile();
  }

  lastReconcile(): Promise<ReconcileResult | null> {
    return this.recovery.lastResult();
  }

  /** Earned points, spendable at once. */
  credit(input: EntryInput): Promise<LedgerResult> {
    return this.append('credit', input);
  }

  /** Earned points in the hold window: shown as pending, not spendable, until `mature`. */
  creditPending(input: PendingCreditInput): Promise<LedgerResult> {
    return this.append('credit-pending', input, input.maturesAt, input.batch ? { batch: input.batch } : {});
  }

  /**
   * A pending credit noted in the member's pending points without its ledger entry (the posting
   * path, issue 14; see LedgerStore.notePending). Settling it (`mature`, `cancelPending`) finds no
   * entry: the caller writes it then (`creditPending`, the same keyed request) and settles that.
   * The answer is the check for an outcome committed while the note was on its way, which the
   * caller must run once the note is written (LedgerStore.notePending).
   */
  notePending(input: { uid: number; key: string; amount: number; maturesAt: number }): Promise<() => Promise<void>> {
    return this.store.notePending(input.uid, input.key, input.amount, input.maturesAt);
  }

  /**
   * A pending credit written and settled at once (a post whose credit was only noted, settled: issue
   * 14): both entries in one run of shared calls (store-pair.ts), or, when either key is taken
   * already, the usual way (the credit appended, replayed if written, then settled), which waits for
   * and replays whatever holds them. The outcome's answer is `settle`'s (`already-settled` when the
   * credit had taken the other one).
   */
  async creditPendingAndSettle(input: PendingCreditInput, outcome: Omit<OutcomeInput, 'targetKey' | 'target' | 'batch' | 'source'> & { kind: 'mature' | 'cancel-pending' }): Promise<{ credit: LedgerResult; outcome: LedgerResult }> {
    const credit = {
      kind: 'credit-pending' as const, uid: input.uid, amount: input.amount, key: input.key, reason: input.reason,
      comment: input.comment, source: input.source, actorUid: input.actorUid ?? 0, maturesAt: input.maturesAt,
    };
    const both = await appendPendingWithOutcome(this.store, credit, { kind: outcome.kind, reason: outcome.reason, comment: outcome.comment, actorUid: outcome.actorUid ?? 0 }, input.batch, input.pairs);
    if (both) return both;
    const written = await this.creditPending(input);
    const settled = await this.settle(outcome.kind, { ...outcome, targetKey: input.key, target: written.ok ? written.entry : undefined, batch: input.batch });
    return { credit: written, outcome: settled };
  }

  /** The pending credit `targetKey` becomes spendable. Refused if it was cancelled (`already-settled`). */
  mature(input: OutcomeInput): Promise<LedgerResult> {
    return this.settle('mature', input);
  }

  /** The pending credit `targetKey` is dropped. Refused if it already matured (`already-settled`). */
  cancelPending(input: OutcomeInput): Promise<LedgerResult> {
    return this.settle('cancel-pending', input);
  }

  /** A penalty (warning, ban, loan write-off): never refused for lack of points; posted may go below 0. */
  debit(input: EntryInput): Promise<LedgerResult> {
    return this.append('debit', input);
  }

  /** A checked debit (transfer out, direct purchase): refused with `insufficient-points` below spendable. */
  spend(input: EntryInput): Promise<LedgerResult> {
    // the due credits matured in the append's first round trip, before the decision (issue 14)
    return this.append('spend', input, undefined, { withRead: () => this.settleDueOf(input.uid) });
  }

  /** Reserves spendable points (checkout); refused with `insufficient-points`. Settle with capture or release. */
  hold(input: EntryInput, opts: Pick<AppendOptions, 'deferClose'> = {}): Promise<LedgerResult> {
    return this.append('hold', input, undefined, { ...opts, withRead: () => this.settleDueOf(input.uid) });
  }

  /** The hold `targetKey` is taken (the points leave the balance). */
  capture(input: OutcomeInput, opts: Pick<AppendOptions, 'deferClose'> = {}): Promise<LedgerResult> {
    return this.settle('capture', input, opts);
  }

  /** The hold `targetKey` is given back. */
  release(input: OutcomeInput): Promise<LedgerResult> {
    return this.settle('release', input);
  }

  /** An admin award (amount > 0) or deduction (amount < 0). Only admins (anyone else: refused, "forbidden"). */
  adjust(caller: Caller, input: AdjustInput): Promise<Result<LedgerResult>> {
    return refusable(() => this.doAdjust(caller, input));
  }

  private async doAdjust(caller: Caller, input: AdjustInput): Promise<LedgerResult> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    return this.store.append({
      kind: 'adjust', uid: input.uid, amount: input.amount, key: input.key, reason: input.reason,
      comment: input.comment, source: input.source, actorUid: caller.uid,
    });
  }

  /** The member's cached balances (display only: money decisions are taken in the store on counters). */
  async balance(uid: number): Promise<BalanceView> {
    await this.settleDueOf(uid);
    return (await this.balances([uid])).get(uid) ?? view({ pending: 0, posted: 0, held: 0 });
  }

  /**
   * Spendable points of many members in one batched read, their pending points not read (the
   * balance under every post: the amounts of a member's pending points grow with their posting).
   */
  async spendables(uids: number[]): Promise<Map<number, number>> {
    const found = await this.store.getBalances(uids, false);
    return new Map([...found].map(([uid, b]) => [uid, spendable(b)]));
  }

  /** Balances of many members in one round trip (two batched reads: the counters and the pending amounts). */
  async balances(uids: number[]): Promise<Map<number, BalanceView>> {
    const found = await this.store.getBalances(uids);
    const out = new Map<number, BalanceView>();
    for (const [uid, b] of found) out.set(uid, view(b));
    return out;
  }

  /**
   * One page of the member's history, newest first. Reads that page and one entry more (is there an
   * older page?), never the journal's length: no read grows with the member's history (issue 13,
   * item 5). A page past the end shows the first.
   */
  async history(uid: number, page: number, perPage = HISTORY_PER_PAGE): Promise<HistoryPage> {
    let current = Math.max(1, Math.floor(page) || 1);
    let ids = await this.store.historyIdsNewestFirst(uid, (current - 1) * perPage, perPage + 1);
    if (ids.length === 0 && current > 1) {
      current = 1;
      ids = await this.store.historyIdsNewestFirst(uid, 0, perPage + 1);
    }
    const entries = await this.store.entriesOf(ids.slice(0, perPage));
    return { programme: this.programme, uid, page: current, perPage, hasOlder: ids.length > perPage, entries };
  }

  /** The member's pending credits with the date each becomes available, soonest first. */
  pending(uid: number): Promise<PendingItem[]> {
    return this.store.pendingCredits(uid, undefined, this.describeNotes);
  }

  /** The member's pending credits as amount and date only (what the Points page sums per day). */
  pendingAmounts(uid: number): Promise<{ amount: number; maturesAt: number }[]> {
    return this.store.pendingAmounts(uid);
  }

  /** Keys of the member's pending credits whose date has come by `now` (lazy settlement reads only these). */
  duePendingKeys(uid: number, now: number): Promise<string[]> {
    return this.store.duePendingKeys(uid, now);
  }

  /**
   * Ids and the members index for `pairs` credits written with their outcome (`creditPendingAndSettle`
   * given the block as `pairs`), in one round trip: a settlement page's (store-pair.ts).
   */
  pairBlock(members: number[], pairs: number): Promise<PairBlock> {
    return openPairBlock(this.store, members, pairs);
  }

  /** Which of these keys have an entry (one batched read of the key index). */
  writtenKeys(keys: string[]): Promise<Set<string>> {
    return this.store.writtenKeys(keys);
  }

  /** The entry written under a key, if any (e.g. to show an operation's result). */
  entryByKey(key: string): Promise<LedgerEntry | null> {
    return this.store.entryByKey(key);
  }

  /** Caller-centric read for pages and the API: the member themself or an admin. */
  assertCanView(caller: Caller, uid: number): Promise<Result<void>> {
    return refusable(() => this.doAssertCanView(caller, uid));
  }

  private async doAssertCanView(caller: Caller, uid: number): Promise<void> {
    if (caller.uid > 0 && caller.uid === uid) return;
    if (caller.uid > 0 && (await this.host.privileges.isAdmin(caller.uid))) return;
    throw new BonusError('error.no-privileges', [], 'forbidden');
  }

  private append(kind: EntryKind, input: EntryInput, maturesAt?: number, opts: AppendOptions = {}): Promise<LedgerResult> {
    return this.store.append({
      kind, uid: input.uid, amount: input.amount, key: input.key, reason: input.reason,
      comment: input.comment, source: input.source, actorUid: input.actorUid ?? 0, maturesAt,
    }, opts);
  }

  private settle(kind: 'mature' | 'cancel-pending' | 'capture' | 'release', input: OutcomeInput, opts: AppendOptions = {}): Promise<LedgerResult> {
    return this.store.settle({
      kind, targetKey: input.targetKey, reason: input.reason, comment: input.comment,
      source: input.source, actorUid: input.actorUid ?? 0, target: input.target,
    }, input.batch ? { ...opts, batch: input.batch } : opts);
  }
}

function view(b: Balances): BalanceView {
  return { ...b, spendable: spendable(b) };
}
