/**
 * Repairs after a crash, and the reconcile pass (ARCHITECTURE.md "The ledger": balances are a cache
 * of the journal and can be recomputed).
 *
 * - `recover()` handles every inflight record older than the lease: an entry that was written is
 *   completed (key index, journal, pending index) and the member's counters recomputed; a claim whose
 *   entry never got written is released and the counters recomputed (which gives back a spendable
 *   decrement that was never recorded). Each step is idempotent, so recovery itself may crash.
 * - `recompute(uid)` folds the journal and moves each counter by (fold − cached), read atomically,
 *   only when that difference is stable (no operation of the member under way, the journal and the
 *   counters unchanged a moment later); otherwise the member is skipped until the next run.
 * - `checkMember(uid)` reports damage without rewriting anything in the journal.
 */
import { foldEntries, outcomeKey, spendable, type Balances, type LedgerEntry } from './domain';
import { decodeEntry, parseInflightRecord } from './store-codec';
import { BALANCE_FIELDS, type LedgerStore } from './store';
import { parseStored } from '../../kernel/json';

export const DEFAULT_LEASE_MS = 60_000;
const BATCH = 500;

export interface JournalDamage {
  uid: number;
  /** `missing-entry`: the journal or the key index names an entry that is not there;
   * `wrong-member`: an entry in this journal belongs to another member;
   * `not-in-journal`: an indexed entry missing from its member's journal;
   * `unreadable-entry`: an entry hash that does not parse. */
  problem: 'missing-entry' | 'wrong-member' | 'not-in-journal' | 'unreadable-entry';
  entryId: number;
  key?: string;
}

export interface MemberCheck {
  uid: number;
  folded: Balances;
  cachedBefore: Record<(typeof BALANCE_FIELDS)[number], number>;
  repaired: boolean;
  skipped: boolean;
  damage: JournalDamage[];
}

export interface ReconcileResult {
  startedAt: number;
  finishedAt: number;
  members: number;
  repaired: { uid: number; before: Record<string, number>; after: Record<string, number> }[];
  damage: JournalDamage[];
  recovered: number;
  skipped: number[];
}

export class LedgerRecovery {
  constructor(
    private readonly store: LedgerStore,
    private readonly leaseMs = DEFAULT_LEASE_MS,
    private readonly confirmDelayMs = 1_000,
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  private get db() { return this.store.db; }

  /** The keys of the store's programme. */
  private get K() { return this.store.keys; }

  /** Finishes or undoes operations stopped by a crash; returns how many records it handled. */
  async recover(): Promise<number> {
    const cutoff = this.store.clock.now() - this.leaseMs;
    const stale = await this.db.getSortedSetRangeByScore(this.K.inflight, 0, -1, '-inf', cutoff);
    const touched = new Set<number>();
    for (const value of stale) {
      const rec = parseInflightRecord(value);
      if (!rec) {
        await this.db.sortedSetRemove(this.K.inflight, value);
        continue;
      }
      // A pair's record (store-pair.ts) names the credit and then its outcome, the next id. The two
      // hashes are written in one round trip, so a stop may leave the outcome's alone: it is completed
      // only with its credit, and otherwise dropped with its claim.
      const parts = rec.pair && rec.id !== null
        ? [{ key: rec.key, id: rec.id, unindexes: true }, { key: outcomeKey(rec.key), id: rec.id + 1, unindexes: false }]
        : [{ key: rec.key, id: rec.id, unindexes: true }];
      let kept = false;
      const completed: (LedgerEntry | null)[] = [];
      for (const part of parts) {
        const done = await this.recoverEntry(rec.uid, part, rec.pair ? null : value, cutoff, completed.length === 0 || completed[0] !== null);
        if (done === 'kept') {
          kept = true;
          break;
        }
        completed.push(done === 'released' ? null : done.entry);
      }
      if (kept) continue;
      // the economy's figures: a pair's two under the credit's one claim (LedgerStore.observePair)
      if (completed[0]) await (rec.pair ? this.store.observePair(completed[0], completed[1] ?? null) : this.store.observe(completed[0]));
      touched.add(rec.uid);
      await this.db.sortedSetRemove(this.K.inflightIds, value);
      await this.db.sortedSetRemove(this.K.inflight, value);
    }
    for (const uid of touched) await this.recompute(uid);
    // an id whose record is gone (a stop between the two removals of a finished write) is dropped
    const ids = await this.db.getSortedSetRange(this.K.inflightIds, 0, BATCH - 1);
    if (ids.length) {
      const live = await this.db.sortedSetScores(this.K.inflight, ids);
      const orphans = ids.filter((_, i) => live[i] === null);
      await Promise.all(orphans.map((v) => this.db.sortedSetRemove(this.K.inflightIds, v)));
    }
    return stale.length;
  }

  /**
   * One entry of a stale record: completed if it was written (named by the key index, or by its id:
   * `idsRecord`'s in `inflightIds`, else the record's own) and `complete` (the entry answered, for the
   * caller to tell the observer; null when the key index names another), its claim released if not
   * indexed (an entry hash left, of a pair's outcome whose credit was not written, is dropped). Kept
   * when another request with the key is still running: the record stays for a later run.
   */
  private async recoverEntry(
    uid: number, part: { key: string; id: number | null; unindexes: boolean }, idsRecord: string | null, cutoff: number, complete: boolean,
  ): Promise<{ entry: LedgerEntry | null } | 'released' | 'kept'> {
    // The entry: the one the key index names (committed, its journal perhaps not), or one written
    // but never indexed, named by the record's id (written with the claim, before the entry hash;
    // a record of an earlier version, or a pair's, carries its id).
    const [indexed, written] = await Promise.all([
      this.db.sortedSetScore(this.K.keyIndex, part.key), idsRecord === null ? null : this.db.sortedSetScore(this.K.inflightIds, idsRecord),
    ]);
    const id = indexed ?? written ?? part.id;
    const found = id === null ? null : decodeEntry(await this.db.getObject(this.K.entry(id)));
    const entry = found && found.key === part.key && found.uid === uid ? found : null;
    if (entry && (complete || indexed !== null)) {
      await this.db.sortedSetAdd(this.K.keyIndex, entry.id, entry.key);
      await this.store.indexEntry(entry);
      return { entry };
    }
    if (indexed !== null) return { entry: null };
    // Another request is on its way with the same key: the claim may be this record's (then that
    // request, a loser, waits for an entry that never comes and gives up) or that request's. The
    // record is kept for a run after that request has ended, so a stopped winner's claim is always
    // released (dropped now, nothing would ever release it).
    if (await this.keyStillActive(part.key, cutoff)) return 'kept';
    // a credit's pending-index key is written with its entry hash: gone with it (a post's credit
    // noted before it, issue 14, loses its note too: the post is still in the earning scan, whose
    // settling writes the credit again, index and all, and settles it)
    if (part.unindexes) await this.store.unindexPending(uid, part.key);
    if (entry) await this.db.delete(this.K.entry(entry.id));
    await this.db.sortedSetRemove(this.K.claims, part.key);
    return 'released';
  }

  /** Another inflight record of a request still running (opened after `cutoff`) holds the key (a pair's, either of its two). */
  private async keyStillActive(key: string, cutoff: number): Promise<boolean> {
    const live = await this.db.getSortedSetRangeByScore(this.K.inflight, 0, -1, cutoff + 1, '+inf');
    return live.some((v) => {
      const rec = parseInflightRecord(v);
      return rec !== null && (rec.key === key || (rec.pair && outcomeKey(rec.key) === key));
    });
  }

  /** Reads the whole journal in batches (reconcile and recovery only; pages read by range). */
  async journal(uid: number): Promise<{ ids: number[]; entries: (LedgerEntry | null)[] }> {
    const ids: number[] = [];
    const entries: (LedgerEntry | null)[] = [];
    for (let start = 0; ; start += BATCH) {
      const batch = (await this.db.getSortedSetRange(this.K.journal(uid), start, start + BATCH - 1)).map(Number);
      if (batch.length === 0) break;
      ids.push(...batch);
      entries.push(...(await this.store.getEntries(batch)));
      if (batch.length < BATCH) break;
    }
    return { ids, entries };
  }

  private async hasOperationUnderWay(uid: number): Promise<boolean> {
    const all = await this.db.getSortedSetRange(this.K.inflight, 0, -1);
    return all.some((v) => parseInflightRecord(v)?.uid === uid);
  }

  /** Sets the cached counters to the fold of the journal. Returns false when skipped (operation under way). */
  async recompute(uid: number): Promise<boolean> {
    return !(await this.checkMember(uid)).skipped;
  }

  /**
   * A repair must not undo an operation under way (its spendable decrement is in the counters before
   * its entry is in the journal). So the difference is repaired only when, `confirmDelayMs` apart, no
   * operation of the member is under way, the journal did not grow and the counters did not move.
   */
  private async differenceIsStable(uid: number, journalLength: number, snapshot: Record<string, number>): Promise<boolean> {
    if (await this.hasOperationUnderWay(uid)) return false;
    if (this.confirmDelayMs > 0) await this.pause(this.confirmDelayMs);
    if (await this.hasOperationUnderWay(uid)) return false;
    if ((await this.store.journalLength(uid)) !== journalLength) return false;
    const again = await this.store.readCounters(uid);
    return BALANCE_FIELDS.every((f) => again[f] === snapshot[f]);
  }

  /** Checks one member's journal against its cached counters, repairs the counters, reports damage. */
  async checkMember(uid: number): Promise<MemberCheck> {
    const { ids, entries } = await this.journal(uid);
    const damage: JournalDamage[] = [];
    const good: LedgerEntry[] = [];
    for (let i = 0; i < ids.length; i += 1) {
      const entry = entries[i];
      if (!entry) {
        const raw = await this.db.exists(this.K.entry(ids[i]));
        damage.push({ uid, problem: raw ? 'unreadable-entry' : 'missing-entry', entryId: ids[i] });
      } else if (entry.uid !== uid) {
        damage.push({ uid, problem: 'wrong-member', entryId: ids[i], key: entry.key });
      } else {
        good.push(entry);
      }
    }
    const folded = foldEntries(good);
    const cachedBefore = await this.store.readCounters(uid);
    const target = { ...folded, spendable: spendable(folded) };
    const differs = BALANCE_FIELDS.some((f) => cachedBefore[f] !== target[f]);
    let repaired = false;
    let skipped = false;
    if (differs) {
      if (await this.differenceIsStable(uid, ids.length, cachedBefore)) {
        // Relative increments from the confirmed snapshot: anything written after it is preserved.
        const key = this.K.balance(uid);
        for (const f of BALANCE_FIELDS) {
          if (cachedBefore[f] !== target[f]) await this.db.incrObjectFieldBy(key, f, target[f] - cachedBefore[f]);
        }
        repaired = true;
      } else {
        skipped = true;
      }
    }
    return { uid, folded, cachedBefore, repaired, skipped, damage };
  }

  /** Entries named by the key index that are gone or not in their member's journal. */
  async checkKeyIndex(): Promise<JournalDamage[]> {
    const damage: JournalDamage[] = [];
    for (let start = 0; ; start += BATCH) {
      const rows = await this.db.getSortedSetRangeWithScores(this.K.keyIndex, start, start + BATCH - 1);
      if (rows.length === 0) break;
      const entries = await this.store.getEntries(rows.map((r) => r.score));
      // one call per member of the batch, not one per key (issue 13, item 6)
      const byMember = new Map<number, LedgerEntry[]>();
      for (let i = 0; i < rows.length; i += 1) {
        const entry = entries[i];
        if (!entry) damage.push({ uid: 0, problem: 'missing-entry', entryId: rows[i].score, key: rows[i].value });
        else byMember.set(entry.uid, [...(byMember.get(entry.uid) ?? []), entry]);
      }
      for (const [uid, list] of byMember) {
        const scores = await this.db.sortedSetScores(this.K.journal(uid), list.map((e) => e.id));
        list.forEach((entry, i) => {
          if (scores[i] === null) damage.push({ uid, problem: 'not-in-journal', entryId: entry.id, key: entry.key });
        });
      }
      if (rows.length < BATCH) break;
    }
    return damage;
  }

  /** The whole pass: recover, check every member, check the key index; stores and returns the result. */
  async reconcile(): Promise<ReconcileResult> {
    const startedAt = this.store.clock.now();
    const recovered = await this.recover();
    const result: ReconcileResult = { startedAt, finishedAt: startedAt, members: 0, repaired: [], damage: [], recovered, skipped: [] };
    for (let start = 0; ; start += BATCH) {
      const uids = (await this.db.getSortedSetRange(this.K.members, start, start + BATCH - 1)).map(Number);
      for (const uid of uids) {
        const check = await this.checkMember(uid);
        result.members += 1;
        result.damage.push(...check.damage);
        if (check.skipped) result.skipped.push(uid);
        if (check.repaired) result.repaired.push({ uid, before: check.cachedBefore, after: { ...check.folded, spendable: spendable(check.folded) } });
      }
      if (uids.length < BATCH) break;
    }
    const seen = new Set(result.damage.map((d) => `${d.problem}:${d.entryId}`));
    for (const d of await this.checkKeyIndex()) if (!seen.has(`${d.problem}:${d.entryId}`)) result.damage.push(d);
    result.finishedAt = this.store.clock.now();
    await this.db.setObject(this.K.reconcile, { result: JSON.stringify(result) });
    return result;
  }

  async lastResult(): Promise<ReconcileResult | null> {
    return parseStored<ReconcileResult>(await this.db.getObjectField(this.K.reconcile, 'result'));
  }
}
