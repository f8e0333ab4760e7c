/**
 * A pending credit written together with its outcome (issue 14: settling a post whose pending credit
 * was only noted, `notePending`, writes both): the two entries' writes share calls where the
 * crash-safety order allows: 17 calls and 25 Redis commands against 23 and 33 for an append followed
 * by a settle.
 *
 * Each entry keeps its own inflight record and id, as an EntryWrite's, so LedgerRecovery finishes or
 * undoes each as it would any other. The order, one round trip each:
 *   [both keys read, two ids, both records] → [both claims, both records' ids] → [credit: hash, member]
 *   → [credit: key index and journal; outcome: hash; both entries' counters, their net change]
 *   → [outcome: key index and journal, the credit out of the pending index] → [records and ids removed].
 * The outcome's hash is written only once the credit's is: whatever a crash leaves, recovery never
 * finds an outcome whose target was never written (it completes both, or the credit alone, or
 * releases the claims of what was not written).
 *
 * Anything but a clean start (either key written already, or either claim lost to another request)
 * gives back what it took and answers null: the caller then writes the two the usual way (`append`,
 * then `settle`), which replays a written key and waits for a request that holds one.
 */
import { isValidAmount, isValidKey, outcomeKey, type OutcomeKind } from './domain';
import { encodeEntry, inflightRecord } from './store-codec';
import { counterDeltas, newEntry, type AppendRequest, type EntryBatch, type LedgerResult, type LedgerStore } from './store';

export interface PairOutcome {
  kind: Extract<OutcomeKind, 'mature' | 'cancel-pending'>;
  reason?: string;
  comment?: string;
  actorUid: number;
}

export async function appendPendingWithOutcome(
  store: LedgerStore, credit: AppendRequest & { kind: 'credit-pending'; maturesAt: number }, outcome: PairOutcome, batch?: EntryBatch,
): Promise<{ credit: LedgerResult; outcome: LedgerResult } | null> {
  const { db, keys: K } = store;
  const { uid, key, amount } = credit;
  if (!Number.isSafeInteger(uid) || uid <= 0 || !isValidKey(key) || !isValidAmount(credit.kind, amount) || !isValidKey(outcomeKey(key))) return null;
  const oKey = outcomeKey(key);
  const records = [inflightRecord(uid, key), inflightRecord(uid, oKey)];
  const now = store.clock.now();
  // 1. Both keys unwritten? Two ids; both inflight records (recovery's handle on everything after).
  const [written, lastId] = await Promise.all([
    db.sortedSetScores(K.keyIndex, [key, oKey]), db.incrObjectFieldBy(K.ids, K.idField, 2),
    db.sortedSetAddBulk(records.map((r) => [K.inflight, now, r] as [string, number, string])),
  ]);
  const ids = [lastId - 1, lastId];
  if (written.some((id) => id !== null)) {
    await db.sortedSetRemoveBulk(records.map((r) => [K.inflight, r] as [string, string]));
    return null;
  }
  // 2. Both keys claimed; each record's id (recovery's way to an entry written but not indexed).
  const [creditClaim, outcomeClaim] = await Promise.all([
    db.sortedSetIncrBy(K.claims, 1, key), db.sortedSetIncrBy(K.claims, 1, oKey),
    db.sortedSetAddBulk(records.map((r, i) => [K.inflightIds, ids[i], r] as [string, number, string])),
  ]);
  if (creditClaim !== 1 || outcomeClaim !== 1) {
    // what was won is given back before the records go (a stop in between: recovery releases it)
    await Promise.all([
      creditClaim === 1 ? db.sortedSetRemove(K.claims, key) : null, outcomeClaim === 1 ? db.sortedSetRemove(K.claims, oKey) : null,
      db.sortedSetRemoveBulk(records.map((r) => [K.inflightIds, r] as [string, string])),
    ]);
    await db.sortedSetRemoveBulk(records.map((r) => [K.inflight, r] as [string, string]));
    return null;
  }
  const creditEntry = newEntry(credit, ids[0], now);
  const outcomeEntry = newEntry({
    kind: outcome.kind, uid, amount, key: oKey, targetKey: key, reason: outcome.reason ?? credit.reason,
    comment: outcome.comment, source: credit.source, actorUid: outcome.actorUid,
  }, ids[1], now);
  const observer = store.observer;
  const counts = [false, false];
  const claimFigures = (i: number) => (observer ? observer.claim(store.programme, i === 0 ? creditEntry : outcomeEntry).then((won) => { counts[i] = won; }) : null);
  const countFigures = (i: number) => (counts[i] && observer ? (batch ?? observer).count(store.programme, i === 0 ? creditEntry : outcomeEntry) : null);
  // 3. The credit: its hash, the member. Not the pending index (the note is there, and the outcome
  //    takes it out in 5; after a stop, recovery indexes a credit it completes) nor the counters: the
  //    two entries' net change goes with the outcome in 4 (after a stop, recovery recomputes them).
  await Promise.all([
    db.setObjectBulk([[K.entry(creditEntry.id), encodeEntry(creditEntry)]]),
    db.sortedSetAdd(K.members, uid, uid),
    claimFigures(0),
  ]);
  // 4. The credit committed; the outcome's hash (its target's is written) and both entries' counters.
  const counters = counterDeltas('credit-pending', amount, true);
  for (const [field, n] of Object.entries(counterDeltas(outcome.kind, amount, true))) counters[field] = (counters[field] ?? 0) + n;
  const net = Object.fromEntries(Object.entries(counters).filter(([, n]) => n !== 0));
  await Promise.all([
    db.sortedSetAddBulk([[K.keyIndex, creditEntry.id, key], [K.journal(uid), creditEntry.id, creditEntry.id]]),
    countFigures(0),
    db.setObjectBulk([[K.entry(outcomeEntry.id), encodeEntry(outcomeEntry)]]),
    Object.keys(net).length ? db.incrObjectFieldByBulk([[K.balance(uid), net]]) : null,
    claimFigures(1),
  ]);
  // 5. The outcome committed; the credit out of the pending index.
  await Promise.all([
    db.sortedSetAddBulk([[K.keyIndex, outcomeEntry.id, oKey], [K.journal(uid), outcomeEntry.id, outcomeEntry.id]]),
    countFigures(1),
    db.sortedSetRemove(K.pending(uid), key), db.deleteObjectField(K.pendingAmounts(uid), key),
  ]);
  // 6. Both records and their ids removed (a stop in between: recovery finds the entries indexed).
  await db.sortedSetRemoveBulk(records.flatMap((r) => [[K.inflight, r], [K.inflightIds, r]] as [string, string][]));
  return { credit: { ok: true, entry: creditEntry, replayed: false }, outcome: { ok: true, entry: outcomeEntry, replayed: false } };
}
