/**
 * The ledger on host.db, safe with several NodeBB processes writing at once.
 *
 * Decisions rest only on atomic primitives, never on (per-process cached) hash reads:
 * - a key is won by `incrObjectField(claims, key) === 1`;
 * - spending is decided on the `spendable` counter: `incrObjectFieldBy(balance, 'spendable', -amount)`;
 *   a negative result is added back and refused (so concurrent spends never overdraw);
 * - the key index (a sorted set, not cached) is the commit point that replays read.
 *
 * Write order of one entry (a crash may stop it between any two writes):
 *   id → inflight record → claim → [spendable decrement] → entry hash → key index → journal, members,
 *   pending index → other counters → inflight record removed.
 * `LedgerRecovery` finishes or undoes any inflight record older than the lease: an entry that was
 * written is completed (index, journal) and the member's counters recomputed from the journal; a
 * claim whose entry never got written is released and the counters recomputed (restoring a spendable
 * decrement). So a crash never loses or duplicates points.
 */
import type { Clock, Database } from '../../host/index';
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
}

export const BALANCE_FIELDS = ['pending', 'posted', 'held', 'spendable'] as const;

/** How long a replay waits for the first request with its key to commit. */
const REPLAY_WAIT_STEPS = 100;
const REPLAY_WAIT_MS = 20;

export class LedgerStore {
  /** This programme's keys (see `ledgerKeys`). */
  readonly keys: LedgerKeys;

  constructor(readonly db: Database, readonly clock: Pick<Clock, 'now'>, readonly programme: Programme = 'club') {
    this.keys = ledgerKeys(programme);
  }

  /** Appends one entry under its idempotency key (see the file comment for the write order). */
  async append(req: AppendRequest): Promise<LedgerResult> {
    if (!Number.isSafeInteger(req.uid) || req.uid <= 0) return { ok: false, code: 'invalid-member' };
    if (!isValidKey(req.key)) return { ok: false, code: 'invalid-key' };
    if (!isValidAmount(req.kind, req.amount)) return { ok: false, code: 'invalid-amount' };

    const first = await this.entryByKey(req.key);
    if (first) return replayOf(first, req);

    const id = await this.db.incrObjectField(this.keys.ids, this.keys.idField);
    const record = inflightRecord(id, req.uid, req.key);
    await this.db.sortedSetAdd(this.keys.inflight, this.clock.now(), record);
    const claim = await this.db.sortedSetIncrBy(this.keys.claims, 1, req.key);
    if (claim !== 1) {
      await this.db.sortedSetRemove(this.keys.inflight, record);
      return this.waitForFirst(req);
    }

    const balanceKey = this.keys.balance(req.uid);
    const checked = SPENDING_KINDS.includes(req.kind);
    if (checked) {
      const after = await this.db.incrObjectFieldBy(balanceKey, 'spendable', -req.amount);
      if (after < 0) {
        await this.db.incrObjectFieldBy(balanceKey, 'spendable', req.amount);
        await this.db.sortedSetRemove(this.keys.claims, req.key);
        await this.db.sortedSetRemove(this.keys.inflight, record);
        return { ok: false, code: 'insufficient-points' };
      }
    }

    const entry: LedgerEntry = {
      id, uid: req.uid, kind: req.kind, amount: req.amount, key: req.key, reason: req.reason,
      actorUid: req.actorUid, createdAt: this.clock.now(),
    };
    if (req.targetKey !== undefined) entry.targetKey = req.targetKey;
    if (req.comment) entry.comment = req.comment;
    if (req.source) entry.source = req.source;
    if (req.maturesAt !== undefined) entry.maturesAt = req.maturesAt;

    await this.db.setObject(this.keys.entry(id), encodeEntry(entry));
    await this.db.sortedSetAdd(this.keys.keyIndex, id, entry.key);
    await this.indexEntry(entry);
    const effect = effectOf(entry.kind, entry.amount);
    for (const field of ['pending', 'posted', 'held'] as const) {
      if (effect[field] !== 0) await this.db.incrObjectFieldBy(balanceKey, field, effect[field]);
    }
    const spendableDelta = spendableEffect(entry.kind, entry.amount);
    if (!checked && spendableDelta !== 0) await this.db.incrObjectFieldBy(balanceKey, 'spendable', spendableDelta);
    await this.db.sortedSetRemove(this.keys.inflight, record);
    return { ok: true, entry, replayed: false };
  }

  /** Settles a credit-pending (mature / cancel) or a hold (capture / release): one outcome per target. */
  async settle(req: SettleRequest): Promise<LedgerResult> {
    if (!isValidKey(req.targetKey)) return { ok: false, code: 'invalid-key' };
    const target = await this.entryByKey(req.targetKey);
    if (!target || target.kind !== OUTCOME_TARGET[req.kind]) return { ok: false, code: 'not-found' };
    const result = await this.append({
      kind: req.kind, uid: target.uid, amount: target.amount, key: outcomeKey(req.targetKey),
      targetKey: req.targetKey, reason: req.reason ?? target.reason, comment: req.comment,
      source: req.source ?? target.source, actorUid: req.actorUid,
    });
    if (!result.ok && result.code === 'key-conflict' && result.entry) return { ok: false, code: 'already-settled', entry: result.entry };
    return result;
  }

  /** Journal side indexes of a written entry; every write is idempotent (recovery repeats them). */
  async indexEntry(entry: LedgerEntry): Promise<void> {
    await this.db.sortedSetAdd(this.keys.journal(entry.uid), entry.id, entry.id);
    await this.db.sortedSetAdd(this.keys.members, entry.uid, entry.uid);
    if (entry.kind === 'credit-pending' && entry.maturesAt !== undefined) {
      await this.db.sortedSetAdd(this.keys.pending(entry.uid), entry.maturesAt, entry.key);
      // Its outcome may have been committed (and unindexed it) while this write was on its way.
      if ((await this.db.sortedSetScore(this.keys.keyIndex, outcomeKey(entry.key))) !== null) await this.db.sortedSetRemove(this.keys.pending(entry.uid), entry.key);
    } else if ((entry.kind === 'mature' || entry.kind === 'cancel-pending') && entry.targetKey) {
      await this.db.sortedSetRemove(this.keys.pending(entry.uid), entry.targetKey);
    }
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

  /** Cached balances of many members, one batched read. Members without a journal read as zero. */
  async getBalances(uids: number[]): Promise<Map<number, Balances>> {
    const out = new Map<number, Balances>();
    const unique = [...new Set(uids.filter((u) => Number.isSafeInteger(u) && u > 0))];
    if (unique.length === 0) return out;
    const rows = await this.db.getObjectsFields(unique.map((uid) => this.keys.balance(uid)), ['pending', 'posted', 'held']);
    unique.forEach((uid, i) => {
      const row = rows[i] ?? {};
      out.set(uid, {
        pending: parseStoredInt(row.pending) ?? 0,
        posted: parseStoredInt(row.posted) ?? 0,
        held: parseStoredInt(row.held) ?? 0,
      });
    });
    return out;
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

  /** Entries [start, start + count) counted from the newest; reads only that range. */
  async historyNewestFirst(uid: number, start: number, count: number): Promise<LedgerEntry[]> {
    const ids = await this.db.getSortedSetRevRange(this.keys.journal(uid), start, start + count - 1);
    const entries = await this.getEntries(ids.map(Number));
    return entries.filter((e): e is LedgerEntry => e !== null);
  }

  /** Keys of the member's pending credits due by `now` (one read of the pending index, no entries). */
  async duePendingKeys(uid: number, now: number, limit = 200): Promise<string[]> {
    return this.db.getSortedSetRangeByScore(this.keys.pending(uid), 0, limit, '-inf', now);
  }

  async pendingCredits(uid: number, limit = 200): Promise<{ key: string; amount: number; maturesAt: number; reason: string; source?: SourceLink; createdAt: number }[]> {
    const rows = await this.db.getSortedSetRangeWithScores(this.keys.pending(uid), 0, limit - 1);
    if (rows.length === 0) return [];
    const ids = await this.db.sortedSetScores(this.keys.keyIndex, rows.map((r) => r.value));
    const entries = await this.getEntries(ids.filter((id): id is number => id !== null));
    const byKey = new Map(entries.filter((e): e is LedgerEntry => e !== null).map((e) => [e.key, e]));
    return rows.flatMap((r) => {
      const e = byKey.get(r.value);
      if (!e) return [];
      return [{ key: e.key, amount: e.amount, maturesAt: r.score, reason: e.reason, source: e.source, createdAt: e.createdAt }];
    });
  }

  /** A concurrent request holds the key: wait for its entry (or its refusal releasing the claim). */
  private async waitForFirst(req: AppendRequest): Promise<LedgerResult> {
    for (let step = 0; step < REPLAY_WAIT_STEPS; step += 1) {
      const first = await this.entryByKey(req.key);
      if (first) return replayOf(first, req);
      const claims = (await this.db.sortedSetScore(this.keys.claims, req.key)) ?? 0;
      if (claims === 0) return this.append(req);
      await new Promise((resolve) => setTimeout(resolve, REPLAY_WAIT_MS));
    }
    return { ok: false, code: 'busy' };
  }
}

function replayOf(first: LedgerEntry, req: AppendRequest): LedgerResult {
  if (sameRequest(first, req)) return { ok: true, entry: first, replayed: true };
  return { ok: false, code: 'key-conflict', entry: first };
}
