/**
 * The ledger on host.db, safe with several NodeBB processes writing at once.
 *
 * Decisions rest only on atomic primitives, never on (per-process cached) hash reads:
 * - a key is won by `incrObjectField(claims, key) === 1`;
 * - spending is decided on the `spendable` counter: `incrObjectFieldBy(balance, 'spendable', -amount)`;
 *   a negative result is added back and refused (so concurrent spends never overdraw);
 * - the key index (a sorted set, not cached) is the commit point that replays read.
 *
 * Write order of one entry, five round trips (a crash may stop it between any two writes, or after
 * any subset of the independent writes of one round trip; see EntryWrite):
 *   [key index read, id, inflight record] → [claim, a spend's spendable decrement, the record's id]
 *   → [entry hash, counters, members, a credit's pending index] → [key index, journal, an outcome's
 *   pending removal] → inflight record and its id removed.
 * `LedgerRecovery` finishes or undoes any inflight record older than the lease: an entry that was
 * written (named by the key index, or by the record's id) is completed (index, journal) and the
 * member's counters recomputed from the journal; a claim whose entry never got written is released
 * (and its pending-index key removed) and the counters recomputed (restoring a spendable
 * decrement). So a crash never loses or duplicates points.
 */
import type { Clock, Database, HashValue } from '../../host/index';
import {
  OUTCOME_TARGET, SPENDING_KINDS, effectOf, isValidAmount, isValidKey, outcomeKey, sameRequest, spendableEffect,
  type Balances, type EntryKind, type LedgerEntry, type OutcomeKind, type SourceLink,
} from './domain';
import { parseStoredInt } from '../../kernel/points';
import { decodeEntry, encodeEntry, inflightRecord, ledgerKeys, type LedgerKeys, type Programme } from './store-codec';

export type { Programme } from './store-codec';

export type LedgerRefusal =
  | 'invalid-amount' | 'invalid-key' | 'invalid-member' | 'insufficient-points'
  | 'key-conflict' | 'already-settled' | 'not-found' | 'busy';

export type LedgerResult =
  | { ok: true; entry: LedgerEntry; replayed: boolean }
  | { ok: false; code: LedgerRefusal; entry?: LedgerEntry };

export interface AppendRequest {
  kind: EntryKind;
  uid: number;
  amount: number;
  key: string;
  reason: string;
  comment?: string;
  source?: SourceLink;
  actorUid: number;
  maturesAt?: number;
  targetKey?: string;
}

export interface SettleRequest {
  kind: OutcomeKind;
  targetKey: string;
  reason?: string;
  comment?: string;
  source?: SourceLink;
  actorUid: number;
  /** The target entry as the caller holds it (written by it, so exactly as stored), if it has it. */
  target?: LedgerEntry;
}

export interface AppendOptions {
  /**
   * The caller's own work, issued with the first round trip and awaited before the claim (a
   * member's due credits matured before a spend is decided on the counter).
   */
  withRead?: () => Promise<unknown>;
  /**
   * The caller takes the last round trip (the inflight record's removal, which recovery does if it
   * never happens) to issue it alongside its own next writes (issue 14); the result is the entry's
   * as soon as it is committed.
   */
  deferClose?: (close: () => Promise<unknown>) => void;
  /** The observer's batch the entry is counted into (EntryObserver.batch). */
  batch?: EntryBatch;
}

export const BALANCE_FIELDS = ['pending', 'posted', 'held', 'spendable'] as const;

/**
 * Told of every entry written (the economy's daily figures, issue 21), in two steps that ride the
 * append's own round trips: `claim` in the write phase (with the entry hash; true only the first time
 * for an entry id), `count` in the commit phase, only when the claim was won. Recovery of an entry a
 * crash left uncommitted claims and counts again: a claim already won is not counted twice.
 */
export interface EntryObserver {
  claim(programme: Programme, entry: LedgerEntry): Promise<boolean>;
  count(programme: Programme, entry: LedgerEntry): Promise<void>;
  /**
   * A batch for many entries (a job writing many: issue 14): an entry appended with it
   * (`AppendOptions.batch`) is counted into it instead of written at its commit; `end` adds the lot
   * in one write. Each entry's claim still rides its own append.
   */
  batch?(): EntryBatch;
}

/** See EntryObserver.batch. */
export interface EntryBatch {
  count(programme: Programme, entry: LedgerEntry): Promise<void>;
  end(): Promise<void>;
}

/** A pending credit as the member's pending list shows it. */
export interface PendingCredit {
  key: string;
  amount: number;
  maturesAt: number;
  reason: string;
  source?: SourceLink;
  createdAt: number;
}

/** What a noted pending credit (`notePending`) is, by its key: the noting module's answer. */
export type NoteDescriber = (keys: string[]) => Promise<Map<string, Pick<PendingCredit, 'reason' | 'source' | 'createdAt'>>>;

/** How long a replay waits for the first request with its key to commit. */
const REPLAY_WAIT_STEPS = 100;
const REPLAY_WAIT_MS = 20;

export class LedgerStore {
  /** This programme's keys (see `ledgerKeys`). */
  readonly keys: LedgerKeys;
  /** See EntryObserver; set once by the composition root. */
  observer: EntryObserver | null = null;

  constructor(readonly db: Database, readonly clock: Pick<Clock, 'now'> & Partial<Pick<Clock, 'pause'>>, readonly programme: Programme = 'club') {
    this.keys = ledgerKeys(programme);
  }

  /** Appends one entry under its idempotency key (see the file comment for the write order): five round trips. */
  async append(req: AppendRequest, opts: AppendOptions = {}): Promise<LedgerResult> {
    const { withRead, deferClose } = opts;
    const w = this.entryWrite(req, opts.batch);
    await Promise.all([w.read(true), withRead?.()]);
    await w.claim();
    await w.write();
    await w.commit();
    if (deferClose && !w.result) {
      deferClose(() => w.close());
      return w.committed();
    }
    return w.close();
  }

  /**
   * One entry written phase by phase, each phase one round trip, so that a caller may put
   * independent work of its own into the same round trips (issue 14). `append` runs the phases in
   * a row; a caller running them itself must run every phase, in order, until `close`.
   */
  entryWrite(req: AppendRequest, batch?: EntryBatch): EntryWrite {
    return new EntryWrite(this, req, batch);
  }

  /** Settles a credit-pending (mature / cancel) or a hold (capture / release): one outcome per target. */
  async settle(req: SettleRequest, opts: AppendOptions = {}): Promise<LedgerResult> {
    if (!isValidKey(req.targetKey)) return { ok: false, code: 'invalid-key' };
    // an entry is never changed once written: the caller's copy of the target (the hold it wrote a
    // moment ago) spares reading it again (issue 14); the outcome's claim still decides
    const target = req.target?.key === req.targetKey ? req.target : await this.entryByKey(req.targetKey);
    if (!target || target.kind !== OUTCOME_TARGET[req.kind]) return { ok: false, code: 'not-found' };
    const result = await this.append({
      kind: req.kind, uid: target.uid, amount: target.amount, key: outcomeKey(req.targetKey),
      targetKey: req.targetKey, reason: req.reason ?? target.reason, comment: req.comment,
      source: req.source ?? target.source, actorUid: req.actorUid,
    }, opts);
    if (!result.ok && result.code === 'key-conflict' && result.entry) return { ok: false, code: 'already-settled', entry: result.entry };
    return result;
  }

  /** Tells the observer of a written entry (idempotent on its side). */
  async observe(entry: LedgerEntry): Promise<void> {
    if (this.observer && (await this.observer.claim(this.programme, entry))) await this.observer.count(this.programme, entry);
  }

  /** Tells the observer of a pair's entries (store-pair.ts): one claim, the credit's, for both. */
  async observePair(credit: LedgerEntry, outcome: LedgerEntry | null): Promise<void> {
    if (!this.observer || !(await this.observer.claim(this.programme, credit))) return;
    await this.observer.count(this.programme, credit);
    if (outcome) await this.observer.count(this.programme, outcome);
  }

  /** Journal side indexes of a written entry; every write is idempotent (recovery repeats them). */
  async indexEntry(entry: LedgerEntry): Promise<void> {
    await this.db.sortedSetAdd(this.keys.journal(entry.uid), entry.id, entry.id);
    await this.db.sortedSetAdd(this.keys.members, entry.uid, entry.uid);
    if (entry.kind === 'credit-pending' && entry.maturesAt !== undefined) {
      await Promise.all([this.db.sortedSetAdd(this.keys.pending(entry.uid), entry.maturesAt, entry.key), this.db.setObjectField(this.keys.pendingAmounts(entry.uid), entry.key, entry.amount)]);
      // Its outcome may have been committed (and unindexed it) while this write was on its way.
      if ((await this.db.sortedSetScore(this.keys.keyIndex, outcomeKey(entry.key))) !== null) await this.unindexPending(entry.uid, entry.key);
    } else if ((entry.kind === 'mature' || entry.kind === 'cancel-pending') && entry.targetKey) {
      await this.unindexPending(entry.uid, entry.targetKey);
    }
  }

  /** A credit-pending key out of the pending index and its amounts (idempotent). */
  async unindexPending(uid: number, key: string): Promise<void> {
    await Promise.all([this.db.sortedSetRemove(this.keys.pending(uid), key), this.db.deleteObjectField(this.keys.pendingAmounts(uid), key)]);
  }

  /** Every committed entry in id order, a batch at a time, read through the key index (each entry once). */
  async scanEntries(each: (entries: LedgerEntry[]) => Promise<void>, batch = 500): Promise<void> {
    for (let start = 0; ; start += batch) {
      const rows = await this.db.getSortedSetRangeWithScores(this.keys.keyIndex, start, start + batch - 1);
      if (rows.length === 0) break;
      await each((await this.getEntries(rows.map((r) => r.score))).filter((e): e is LedgerEntry => e !== null));
      if (rows.length < batch) break;
    }
  }

  /** Which of these keys the key index names (committed entries), one batched read. */
  async writtenKeys(keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const ids = await this.db.sortedSetScores(this.keys.keyIndex, keys);
    return new Set(keys.filter((_, i) => ids[i] !== null));
  }

  async entryByKey(key: string): Promise<LedgerEntry | null> {
    const id = await this.db.sortedSetScore(this.keys.keyIndex, key);
    if (id === null) return null;
    return decodeEntry(await this.db.getObject(this.keys.entry(id)));
  }

  async getEntries(ids: number[]): Promise<(LedgerEntry | null)[]> {
    if (ids.length === 0) return [];
    return (await this.db.getObjects(ids.map((id) => this.keys.entry(id)))).map(decodeEntry);
  }

  /**
   * Cached balances of many members, one round trip of two batched reads. Members without a journal
   * read as zero. `pending` is what the member's pending index holds: the pending credits written to
   * the ledger and the ones only noted so far (`notePending`), from the amounts kept beside the index.
   * A forum whose pending credits were written before those amounts were kept has them in the
   * counter only: the larger of the two is shown (the same until such a credit settles).
   * The amounts grow with the member's posts in their hold window: `withPending` false leaves them
   * unread and `pending` at the counter's (a caller that shows spendable points only: the balance
   * under every post).
   */
  async getBalances(uids: number[], withPending = true): Promise<Map<number, Balances>> {
    const out = new Map<number, Balances>();
    const unique = [...new Set(uids.filter((u) => Number.isSafeInteger(u) && u > 0))];
    if (unique.length === 0) return out;
    const [rows, amounts] = await Promise.all([
      this.db.getObjectsFields(unique.map((uid) => this.keys.balance(uid)), ['pending', 'posted', 'held']),
      withPending ? this.db.getObjects(unique.map((uid) => this.keys.pendingAmounts(uid))) : [],
    ]);
    unique.forEach((uid, i) => {
      const row = rows[i] ?? {};
      let indexed = 0;
      for (const v of Object.values(amounts[i] ?? {})) indexed += parseStoredInt(v) ?? 0;
      out.set(uid, {
        pending: Math.max(parseStoredInt(row.pending) ?? 0, indexed),
        posted: parseStoredInt(row.posted) ?? 0,
        held: parseStoredInt(row.held) ?? 0,
      });
    });
    return out;
  }

  /**
   * A pending credit noted in the member's pending index and amounts before (or instead of, until
   * it settles) its ledger entry: the posting path (issue 14). It moves no counter and no figure;
   * settling it writes the entry and its outcome (the outcome takes the key out again). Idempotent.
   * As with an entry's own indexing (`indexEntry`), an outcome committed while the note was on its
   * way must be looked for afterwards, and the note taken out again: the answer is that check, to be
   * run once the note is written (the posting path runs it in its next round trip).
   */
  async notePending(uid: number, key: string, amount: number, maturesAt: number): Promise<() => Promise<void>> {
    await Promise.all([this.db.sortedSetAdd(this.keys.pending(uid), maturesAt, key), this.db.setObjectField(this.keys.pendingAmounts(uid), key, amount)]);
    return async () => {
      if ((await this.db.sortedSetScore(this.keys.keyIndex, outcomeKey(key))) !== null) await this.unindexPending(uid, key);
    };
  }

  /** Counters read atomically (an increment by 0 is not served from a hash cache). */
  async readCounters(uid: number): Promise<Record<(typeof BALANCE_FIELDS)[number], number>> {
    const key = this.keys.balance(uid);
    const [pending, posted, held, spendableCount] = await Promise.all(BALANCE_FIELDS.map((f) => this.db.incrObjectFieldBy(key, f, 0)));
    return { pending, posted, held, spendable: spendableCount };
  }

  journalLength(uid: number): Promise<number> {
    return this.db.sortedSetCard(this.keys.journal(uid));
  }

  /** Entry ids [start, start + count) counted from the newest; reads only that range. */
  async historyIdsNewestFirst(uid: number, start: number, count: number): Promise<number[]> {
    return (await this.db.getSortedSetRevRange(this.keys.journal(uid), start, start + count - 1)).map(Number);
  }

  /** Entries [start, start + count) counted from the newest; reads only that range. */
  async historyNewestFirst(uid: number, start: number, count: number): Promise<LedgerEntry[]> {
    return this.entriesOf(await this.historyIdsNewestFirst(uid, start, count));
  }

  /** These entries, in this order (any that cannot be read left out). */
  async entriesOf(ids: number[]): Promise<LedgerEntry[]> {
    return (await this.getEntries(ids)).filter((e): e is LedgerEntry => e !== null);
  }

  /** Keys of the member's pending credits due by `now` (one read of the pending index, no entries). */
  async duePendingKeys(uid: number, now: number, limit = 200): Promise<string[]> {
    return this.db.getSortedSetRangeByScore(this.keys.pending(uid), 0, limit, '-inf', now);
  }

  /**
   * The member's pending credits as amount and date only (the Points page's sums per day): the
   * pending index and the amounts hash in one round trip of two reads, whatever their number; a key
   * without its amount (indexed before the hash existed) is read from its entry.
   */
  async pendingAmounts(uid: number, limit = 2000): Promise<{ key: string; amount: number; maturesAt: number }[]> {
    const [rows, amounts] = await Promise.all([this.db.getSortedSetRangeWithScores(this.keys.pending(uid), 0, limit - 1), this.db.getObject(this.keys.pendingAmounts(uid))]);
    const known = (k: string) => parseStoredInt(amounts?.[k]);
    const missing = rows.filter((r) => known(r.value) === null).map((r) => r.value);
    const fromEntries = new Map<string, number>();
    if (missing.length) {
      const ids = await this.db.sortedSetScores(this.keys.keyIndex, missing);
      for (const e of await this.getEntries(ids.filter((id): id is number => id !== null))) if (e) fromEntries.set(e.key, e.amount);
    }
    return rows.flatMap((r) => {
      const amount = known(r.value) ?? fromEntries.get(r.value);
      return amount === undefined ? [] : [{ key: r.value, amount, maturesAt: r.score }];
    });
  }

  /**
   * The member's pending credits, soonest first: those with a ledger entry from it, those only noted
   * (`notePending`) from their amount and what `describe` (the module that noted them) says of their
   * keys; a noted key it cannot describe is left out.
   */
  async pendingCredits(uid: number, limit = 200, describe?: NoteDescriber): Promise<PendingCredit[]> {
    const rows = await this.db.getSortedSetRangeWithScores(this.keys.pending(uid), 0, limit - 1);
    if (rows.length === 0) return [];
    const ids = await this.db.sortedSetScores(this.keys.keyIndex, rows.map((r) => r.value));
    const noted = rows.filter((_, i) => ids[i] === null).map((r) => r.value);
    const [entries, amounts, described] = await Promise.all([
      this.getEntries(ids.filter((id): id is number => id !== null)),
      noted.length ? this.db.getObjectFields(this.keys.pendingAmounts(uid), noted) : null,
      noted.length && describe ? describe(noted) : null,
    ]);
    const byKey = new Map(entries.filter((e): e is LedgerEntry => e !== null).map((e) => [e.key, e]));
    return rows.flatMap((r) => {
      const e = byKey.get(r.value);
      if (e) return [{ key: e.key, amount: e.amount, maturesAt: r.score, reason: e.reason, source: e.source, createdAt: e.createdAt }];
      const amount = parseStoredInt(amounts?.[r.value]);
      const d = described?.get(r.value);
      return amount === null || !d ? [] : [{ key: r.value, amount, maturesAt: r.score, ...d }];
    });
  }

  /** A concurrent request holds the key: wait for its entry (or its refusal releasing the claim). */
  async waitForFirst(req: AppendRequest): Promise<LedgerResult> {
    for (let step = 0; step < REPLAY_WAIT_STEPS; step += 1) {
      const first = await this.entryByKey(req.key);
      if (first) return replayOf(first, req);
      const claims = (await this.db.sortedSetScore(this.keys.claims, req.key)) ?? 0;
      if (claims === 0) return this.append(req);
      // real time passing, through the host's clock where it has one (the fake hosts' processes share
      // one event loop and wait a few milliseconds only: test/host/pause.ts)
      await (this.clock.pause ? this.clock.pause(REPLAY_WAIT_MS) : new Promise((resolve) => setTimeout(resolve, REPLAY_WAIT_MS)));
    }
    return { ok: false, code: 'busy' };
  }
}

/**
 * The phases of one append. Within a phase the calls are independent (issued together, they may land
 * in any order and a crash may stop any subset of them); between phases the order is the crash-safety
 * order of the file comment, kept:
 *
 * 1. `read`:   the key index (a replay answers from the first entry) and a new id (a replay leaves a
 *              gap in the ids, which nothing counts on); with `open`, the inflight record too;
 * 2. `open`:   the inflight record (recovery's handle on everything after it), unless written in 1;
 * 3. `claim`:  the key (one winner; a loser waits for the winner's entry), a spend's spendable
 *              decrement (a decision on the counter's new value, refused below zero), and the
 *              record's id (`inflightIds`: recovery's way to an entry written but not indexed);
 * 4. `write`:  the entry hash, the counters, the member in the members index (not for an outcome:
 *              its target's write put the member there), a credit-pending's key
 *              in the member's pending index (before the entry is visible, so an outcome, which can
 *              only follow the key index, always finds it there: no re-check afterwards);
 * 5. `commit`: the key index (the commit point replays read) and the journal, only once the entry
 *              hash is written (neither may name a missing entry); an outcome's removal of its
 *              target from the pending index;
 * 6. `close`:  the inflight record removed.
 *
 * A crash anywhere is finished or undone by LedgerRecovery from the inflight record: an entry hash
 * that was written is indexed and the counters recomputed; a claim without its entry is released,
 * a pending-index key without its entry removed, the counters recomputed.
 */
export class EntryWrite {
  /** Set once the outcome is known: a replay, a refusal, or the entry written. */
  result: LedgerResult | null = null;
  private id = 0;
  private readonly record: string;
  private opened = false;
  private entry: LedgerEntry | null = null;
  /** Did this write win the observer's claim on the entry (it counts the entry at commit)? */
  private counts = false;
  private readonly checked: boolean;

  constructor(private readonly store: LedgerStore, private readonly req: AppendRequest, private readonly batch?: EntryBatch) {
    this.checked = SPENDING_KINDS.includes(req.kind);
    this.record = inflightRecord(req.uid, req.key);
    if (!Number.isSafeInteger(req.uid) || req.uid <= 0) this.result = { ok: false, code: 'invalid-member' };
    else if (!isValidKey(req.key)) this.result = { ok: false, code: 'invalid-key' };
    else if (!isValidAmount(req.kind, req.amount)) this.result = { ok: false, code: 'invalid-amount' };
  }

  private get db() { return this.store.db; }
  private get K() { return this.store.keys; }

  /**
   * Phase 1: is the key taken already? And a new id; with `open`, the inflight record too (a replay
   * then takes it out again, one round trip more on that path only).
   */
  async read(open = false): Promise<void> {
    if (this.result) return;
    const [first, id] = await Promise.all([
      this.store.entryByKey(this.req.key), this.db.incrObjectField(this.K.ids, this.K.idField), open ? this.open() : null,
    ]);
    if (first) {
      if (this.opened) await this.db.sortedSetRemove(this.K.inflight, this.record);
      this.result = replayOf(first, this.req);
      return;
    }
    this.id = id;
  }

  /** Phase 2 (or with phase 1): the inflight record, recovery's handle on everything after it. */
  async open(): Promise<void> {
    if (this.result || this.opened) return;
    this.opened = true;
    await this.db.sortedSetAdd(this.K.inflight, this.store.clock.now(), this.record);
  }

  /**
   * Phase 3: the key claimed (a loser waits for the first request's entry) and, in the same round
   * trip, a spend's decrement (a decision on the counter's new value, refused below zero). Whatever
   * is given back (the decrement of a loser or of a refusal, the claim of a refusal) is given back
   * before the inflight record goes: a crash in between leaves the record, and recovery recomputes
   * the counters. A decrement taken in vain lowers spendable for a moment: it can only refuse, never
   * allow, another spend.
   */
  async claim(): Promise<void> {
    if (this.result) return;
    const balanceKey = this.K.balance(this.req.uid);
    const [claim, after] = await Promise.all([
      this.db.sortedSetIncrBy(this.K.claims, 1, this.req.key),
      this.checked ? this.db.incrObjectFieldBy(balanceKey, 'spendable', -this.req.amount) : 0,
      this.db.sortedSetAdd(this.K.inflightIds, this.id, this.record),
    ]);
    if (claim !== 1) {
      await Promise.all([this.checked ? this.db.incrObjectFieldBy(balanceKey, 'spendable', this.req.amount) : null, this.db.sortedSetRemove(this.K.inflightIds, this.record)]);
      await this.db.sortedSetRemove(this.K.inflight, this.record);
      this.result = await this.store.waitForFirst(this.req);
      return;
    }
    if (after < 0) {
      await Promise.all([
        this.db.incrObjectFieldBy(balanceKey, 'spendable', this.req.amount), this.db.sortedSetRemove(this.K.claims, this.req.key),
        this.db.sortedSetRemove(this.K.inflightIds, this.record),
      ]);
      await this.db.sortedSetRemove(this.K.inflight, this.record);
      this.result = { ok: false, code: 'insufficient-points' };
    }
  }

  /** Phase 4: the entry hash, the counters, the members index, a credit-pending's pending index. */
  async write(): Promise<void> {
    if (this.result) return;
    const req = this.req;
    const entry = newEntry(req, this.id, this.store.clock.now());
    this.entry = entry;
    const balanceKey = this.K.balance(entry.uid);
    // one bulk call per kind of write (issue 14: a call costs the forum more than a command); the
    // writes of this phase are independent, so a crash may leave any subset of them, as before
    const hashes: [string, Record<string, HashValue>][] = [[this.K.entry(entry.id), encodeEntry(entry)]];
    const zadds: [string, number, string | number][] = [];
    // a spend's spendable was decremented at its claim
    const counters = counterDeltas(entry.kind, entry.amount, !this.checked);
    // An outcome's member is its target's, indexed with the target (whose key index, which the outcome
    // was found by, follows that write; a recovered target's record stays until it is indexed too).
    if (req.targetKey === undefined) zadds.push([this.K.members, entry.uid, entry.uid]);
    if (entry.kind === 'credit-pending' && entry.maturesAt !== undefined) {
      zadds.push([this.K.pending(entry.uid), entry.maturesAt, entry.key]);
      hashes.push([this.K.pendingAmounts(entry.uid), { [entry.key]: entry.amount }]);
    }
    const observer = this.store.observer;
    await Promise.all([
      this.db.setObjectBulk(hashes),
      zadds.length ? this.db.sortedSetAddBulk(zadds) : null,
      Object.keys(counters).length ? this.db.incrObjectFieldByBulk([[balanceKey, counters]]) : null,
      observer ? observer.claim(this.store.programme, entry).then((won) => { this.counts = won; }) : null,
    ]);
  }

  /** Phase 5: the key index (the commit point) and the journal; an outcome leaves the pending index. */
  async commit(): Promise<void> {
    if (this.result || !this.entry) return;
    const entry = this.entry;
    const writes: Promise<unknown>[] = [
      this.db.sortedSetAddBulk([[this.K.keyIndex, entry.id, entry.key], [this.K.journal(entry.uid), entry.id, entry.id]]),
      // the economy's daily figures, when this write won the entry's claim (see EntryObserver)
      ...(this.counts && this.store.observer ? [(this.batch ?? this.store.observer).count(this.store.programme, entry)] : []),
    ];
    if ((entry.kind === 'mature' || entry.kind === 'cancel-pending') && entry.targetKey) {
      writes.push(this.db.sortedSetRemove(this.K.pending(entry.uid), entry.targetKey), this.db.deleteObjectField(this.K.pendingAmounts(entry.uid), entry.targetKey));
    }
    await Promise.all(writes);
  }

  /** Phase 6: the inflight record removed; the outcome. */
  async close(): Promise<LedgerResult> {
    if (this.result) return this.result;
    if (!this.entry) throw new Error('[bonus] ledger: close before write');
    // both at once: a stop between them leaves an id nothing names, or a record whose entry the key index names
    await this.db.sortedSetRemoveBulk([[this.K.inflight, this.record], [this.K.inflightIds, this.record]]);
    this.result = { ok: true, entry: this.entry, replayed: false };
    return this.result;
  }

  /** The outcome once committed, the inflight record's removal left to the caller (`append`'s `deferClose`). */
  committed(): LedgerResult {
    if (!this.entry) throw new Error('[bonus] ledger: committed before write');
    return { ok: true, entry: this.entry, replayed: false };
  }
}

/** The balance counters an entry moves (its non-zero ones); `spendable` too when asked for. */
export function counterDeltas(kind: EntryKind, amount: number, withSpendable: boolean): Record<string, number> {
  const effect = effectOf(kind, amount);
  const out: Record<string, number> = {};
  for (const field of ['pending', 'posted', 'held'] as const) if (effect[field] !== 0) out[field] = effect[field];
  const spendable = spendableEffect(kind, amount);
  if (withSpendable && spendable !== 0) out.spendable = spendable;
  return out;
}

/** The entry an append request writes, with its id and time. */
export function newEntry(req: AppendRequest, id: number, createdAt: number): LedgerEntry {
  const entry: LedgerEntry = { id, uid: req.uid, kind: req.kind, amount: req.amount, key: req.key, reason: req.reason, actorUid: req.actorUid, createdAt };
  if (req.targetKey !== undefined) entry.targetKey = req.targetKey;
  if (req.comment) entry.comment = req.comment;
  if (req.source) entry.source = req.source;
  if (req.maturesAt !== undefined) entry.maturesAt = req.maturesAt;
  return entry;
}

function replayOf(first: LedgerEntry, req: AppendRequest): LedgerResult {
  if (sameRequest(first, req)) return { ok: true, entry: first, replayed: true };
  return { ok: false, code: 'key-conflict', entry: first };
}
