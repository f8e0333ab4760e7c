/**
 * A pending credit written together with its outcome (issue 14: settling a post whose pending credit
 * was only noted, `notePending`, writes both): the two entries share one inflight record and their
 * writes share calls, 13 calls and 15 Redis commands against 23 and 33 for an append followed by a
 * settle. The order, one round trip each:
 *   [two ids] → [the record, `pairRecord`: the credit's key and id] → [both keys claimed]
 *   → [both hashes, the member, both entries' counters as their net change]
 *   → [both keys into the key index (one command), both ids into the journal (one), the credit out of
 *      the pending index] → [the record removed].
 * LedgerRecovery, from the record: an entry written is completed (indexed, the member's counters
 * recomputed), the outcome only with its credit (the two hashes go in one round trip, so a stop may
 * leave the outcome's alone: it is dropped); the claim of an entry not written is released.
 *
 * Anything but a clean start (either claim lost: a key written already, or another request holding
 * it) gives back what it took and answers null: the caller then writes the two the usual way
 * (`append`, then `settle`), which replays a written key and waits for a request that holds one.
 * The caller has read the key index (`writtenKeys`) and pairs only keys it found unwritten; every
 * version of the ledger has claimed the keys it wrote (a hash of claims before lib/upgrades/claim-sets.ts).
 */
import { isValidAmount, isValidKey, outcomeKey, type OutcomeKind } from './domain';
import { encodeEntry, pairRecord } from './store-codec';
import { counterDeltas, newEntry, type AppendRequest, type EntryBatch, type LedgerResult, type LedgerStore } from './store';

export interface PairOutcome {
  kind: Extract<OutcomeKind, 'mature' | 'cancel-pending'>;
  reason?: string;
  comment?: string;
  actorUid: number;
}

/**
 * Ids and the members index for many pairs, taken in one round trip (a settlement page's noted
 * credits, issue 14): a pair given the block takes its two ids from it and leaves its member in the
 * members index alone. Ids a block holds and no pair takes are a gap, which nothing counts on; a
 * member indexed with no entry yet is a member with an empty journal, which reconcile passes.
 */
export interface PairBlock {
  /** The next two ids, null once the block is used up. */
  takeIds(): [number, number] | null;
  readonly members: ReadonlySet<number>;
}

export async function openPairBlock(store: LedgerStore, members: number[], pairs: number): Promise<PairBlock> {
  const { db, keys: K } = store;
  const uids = [...new Set(members.filter((uid) => Number.isSafeInteger(uid) && uid > 0))];
  const count = Math.max(0, Math.trunc(pairs));
  const [last] = await Promise.all([
    count ? db.incrObjectFieldBy(K.ids, K.idField, 2 * count) : 0,
    db.sortedSetAddMany(K.members, uids.map((uid) => [uid, uid] as [number, number])),
  ]);
  let next = last - 2 * count + 1;
  return {
    members: new Set(uids),
    takeIds() {
      if (next + 1 > last) return null;
      next += 2;
      return [next - 2, next - 1];
    },
  };
}

export async function appendPendingWithOutcome(
  store: LedgerStore, credit: AppendRequest & { kind: 'credit-pending'; maturesAt: number }, outcome: PairOutcome, batch?: EntryBatch, block?: PairBlock,
): Promise<{ credit: LedgerResult; outcome: LedgerResult } | null> {
  const { db, keys: K } = store;
  const { uid, key, amount } = credit;
  if (!Number.isSafeInteger(uid) || uid <= 0 || !isValidKey(key) || !isValidAmount(credit.kind, amount) || !isValidKey(outcomeKey(key))) return null;
  const oKey = outcomeKey(key);
  const now = store.clock.now();
  // 1. Two ids, from the block or taken now (a stop after: a gap in the ids, which nothing counts on).
  let ids = block?.takeIds() ?? null;
  if (!ids) {
    const last = await db.incrObjectFieldBy(K.ids, K.idField, 2);
    ids = [last - 1, last];
  }
  const record = pairRecord(ids[0], uid, key);
  // 2. The one inflight record, naming both entries: recovery's handle on everything after it.
  await db.sortedSetAdd(K.inflight, now, record);
  // 3. Both keys claimed. The claims decide, with no read of the key index first: a key once written
  //    keeps its claim (recovery releases only the claim of an entry never written), so a key
  //    written already, by the caller's read or after it, is a claim lost here.
  const [creditClaim, outcomeClaim] = await Promise.all([db.sortedSetIncrBy(K.claims, 1, key), db.sortedSetIncrBy(K.claims, 1, oKey)]);
  if (creditClaim !== 1 || outcomeClaim !== 1) {
    // what was won is given back before the record goes (a stop in between: recovery releases it)
    await Promise.all([creditClaim === 1 ? db.sortedSetRemove(K.claims, key) : null, outcomeClaim === 1 ? db.sortedSetRemove(K.claims, oKey) : null]);
    await db.sortedSetRemove(K.inflight, record);
    return null;
  }
  const creditEntry = newEntry(credit, ids[0], now);
  const outcomeEntry = newEntry({
    kind: outcome.kind, uid, amount, key: oKey, targetKey: key, reason: outcome.reason ?? credit.reason,
    comment: outcome.comment, source: credit.source, actorUid: outcome.actorUid,
  }, ids[1], now);
  // The economy's figures: one claim for the two, the credit's id (recovery observes a pair's entries
  // the same way: LedgerStore.observePair), both counted at the commit when it was won.
  const observer = store.observer;
  let counts = false;
  const claimFigures = () => (observer ? observer.claim(store.programme, creditEntry).then((won) => { counts = won; }) : null);
  const countFigures = (entry: typeof creditEntry) => (counts && observer ? (batch ?? observer).count(store.programme, entry) : null);
  // 4. Both entries' hashes, the member, both entries' counters as their net change. Recovery completes
  //    the outcome only with its credit (a stop may leave the outcome's hash alone: it is dropped), and
  //    recomputes the counters of a member it touched.
  const counters = counterDeltas('credit-pending', amount, true);
  for (const [field, n] of Object.entries(counterDeltas(outcome.kind, amount, true))) counters[field] = (counters[field] ?? 0) + n;
  const net = Object.fromEntries(Object.entries(counters).filter(([, n]) => n !== 0));
  await Promise.all([
    db.setObjectBulk([[K.entry(creditEntry.id), encodeEntry(creditEntry)], [K.entry(outcomeEntry.id), encodeEntry(outcomeEntry)]]),
    block?.members.has(uid) ? null : db.sortedSetAdd(K.members, uid, uid),
    Object.keys(net).length ? db.incrObjectFieldByBulk([[K.balance(uid), net]]) : null,
    claimFigures(),
  ]);
  // 5. Both committed, one command for both keys and one for both journal ids (the two keys come into
  //    the key index together); the credit out of the pending index (not written there: the note is).
  await Promise.all([
    db.sortedSetAddMany(K.keyIndex, [[creditEntry.id, key], [outcomeEntry.id, oKey]]),
    db.sortedSetAddMany(K.journal(uid), [[creditEntry.id, creditEntry.id], [outcomeEntry.id, outcomeEntry.id]]),
    countFigures(creditEntry), countFigures(outcomeEntry),
    db.sortedSetRemove(K.pending(uid), key), db.deleteObjectField(K.pendingAmounts(uid), key),
  ]);
  // 6. The record removed (a stop before: recovery finds both entries indexed).
  await db.sortedSetRemove(K.inflight, record);
  return { credit: { ok: true, entry: creditEntry, replayed: false }, outcome: { ok: true, entry: outcomeEntry, replayed: false } };
}
