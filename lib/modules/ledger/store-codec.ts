/** Keys of the ledger on host.db, and the entry hash codec (validated at this boundary). */
import { randomBytes } from 'node:crypto';
import type { StoredHash } from '../../host/index';
import { ENTRY_KINDS, SOURCE_TYPES, type EntryKind, type LedgerEntry, type SourceType } from './domain';
import { parseStoredInt } from '../../kernel/points';

/**
 * A points programme: `club` (the club's points, PROGRAM §1-8) or `sellers` (the retail sellers'
 * programme, PROGRAM §9). Each programme has its own ledger: its own keys, so every guarantee
 * (idempotent keys, never negative spendable, reconcile, crash recovery) holds per programme and no
 * balance of one ever moves on activity in the other. The club keeps the keys it always had.
 */
export { PROGRAMMES, type Programme } from '../../kernel/programmes';
import type { Programme } from '../../kernel/programmes';

/** Key prefix of a programme's ledger (the club's is the historical one). */
const PROGRAMME_PREFIX: Record<Programme, string> = { club: 'bonus:', sellers: 'bonus:retail:' };

export type LedgerKeys = ReturnType<typeof ledgerKeys>;

export function ledgerKeys(programme: Programme) {
  const p = PROGRAMME_PREFIX[programme];
  return {
    ids: `${p}ids`,
    idField: 'nextLedgerEntryId',
    /** Hash entry id → entry fields; immutable once written. */
    entry: (id: number) => `${p}ledger:entry:${id}`,
    /** Sorted set per member: value = entry id, score = entry id (ids grow with time). */
    journal: (uid: number) => `${p}ledger:journal:${uid}`,
    /** Sorted set: value = idempotency key, score = entry id. Written after the entry: the commit point. */
    keyIndex: `${p}ledger:keys`,
    /**
     * Sorted set: idempotency key → claim count (`sortedSetIncrBy`); `=== 1` wins the key. A sorted
     * set, not a hash: a claim touches one member whatever the ledger's size (issue 13, item 5; the
     * hash `ledger:claims` of earlier versions is moved by lib/upgrades/claim-sets.ts).
     */
    claims: `${p}ledger:claimed`,
    /** The hash earlier versions kept the claims in. */
    legacyClaims: `${p}ledger:claims`,
    /**
     * Sorted set: value = an inflight record (`inflightRecord`), score = start time; an operation
     * under way (for recovery).
     */
    inflight: `${p}ledger:inflight`,
    /**
     * Sorted set: value = an inflight record, score = the id its entry will have; written with the
     * claim, before the entry hash, so recovery finds an entry written but not indexed.
     */
    inflightIds: `${p}ledger:inflight-ids`,
    /** Sorted set: value = uid, score = uid; every member with a journal (reconcile iterates it). */
    members: `${p}ledger:members`,
    /** Sorted set per member: value = credit-pending key, score = maturesAt. */
    pending: (uid: number) => `${p}ledger:pending:${uid}`,
    /**
     * Hash per member: credit-pending key → its amount, written and removed with the pending index
     * (issue 14: the Points page sums pending points per day from two reads, not one entry each).
     * Display only: a key here that the pending index lacks is ignored; one the index has that is
     * missing here (written before this hash existed) is read from its entry.
     */
    pendingAmounts: (uid: number) => `${p}ledger:pending-amounts:${uid}`,
    /** Hash per member: pending, posted, held, spendable (atomic counters; a cache of the journal). */
    balance: (uid: number) => `${p}balance:${uid}`,
    /** Hash: the last reconcile result (JSON in field `result`). */
    reconcile: `${p}ledger:reconcile`,
  } as const;
}

/** The club's ledger keys (unchanged since before programmes). */
export const LEDGER_KEYS = ledgerKeys('club');

let nonceSeq = 0;
const processNonce = randomBytes(4).toString('hex');

/**
 * An inflight record: `n{nonce}|{uid}|{key}`, unique to one writer (two requests with the same key
 * each write their own) and written before the entry has an id, in the same round trip as the key's
 * read (issue 14). Recovery finds the entry through the key index. Records of earlier versions,
 * `{id}|{uid}|{key}`, still parse (their id names an entry that may be written but not indexed).
 */
export function inflightRecord(uid: number, key: string): string {
  nonceSeq = (nonceSeq + 1) % 2_176_782_336;
  return `n${processNonce}${nonceSeq.toString(36)}|${uid}|${key}`;
}

/**
 * The one inflight record of a pending credit written with its outcome (store-pair.ts, issue 14):
 * `p{id}|{uid}|{key}`, the credit's key and id; its outcome's key is `outcomeKey(key)`, its id the
 * next. Written once both ids are taken, so it is unique and recovery finds either entry written but
 * not indexed by its id.
 */
export function pairRecord(creditId: number, uid: number, key: string): string {
  return `p${creditId}|${uid}|${key}`;
}

/** An inflight record's parts; `pair`: a pairRecord (the outcome's id is `id + 1`). */
export function parseInflightRecord(value: string): { id: number | null; uid: number; key: string; pair: boolean } | null {
  const first = value.indexOf('|');
  const second = value.indexOf('|', first + 1);
  if (first < 0 || second < 0) return null;
  const head = value.slice(0, first);
  const pair = head.startsWith('p');
  const id = head.startsWith('n') ? null : parseStoredInt(pair ? head.slice(1) : head);
  const uid = parseStoredInt(value.slice(first + 1, second));
  if ((id === null && (pair || !/^n[0-9a-z]+$/.test(head))) || uid === null) return null;
  return { id, uid, key: value.slice(second + 1), pair };
}

export function encodeEntry(e: LedgerEntry): Record<string, string | number> {
  const out: Record<string, string | number> = {
    id: e.id, uid: e.uid, kind: e.kind, amount: e.amount, key: e.key, reason: e.reason,
    actorUid: e.actorUid, createdAt: e.createdAt,
  };
  if (e.targetKey !== undefined) out.targetKey = e.targetKey;
  if (e.comment !== undefined && e.comment !== '') out.comment = e.comment;
  if (e.source !== undefined) {
    out.sourceType = e.source.type;
    out.sourceId = String(e.source.id);
  }
  if (e.maturesAt !== undefined) out.maturesAt = e.maturesAt;
  return out;
}

/** Parses a stored entry hash; null when it is missing or not a well-formed entry. */
export function decodeEntry(h: StoredHash | null): LedgerEntry | null {
  if (!h) return null;
  const id = parseStoredInt(h.id);
  const uid = parseStoredInt(h.uid);
  const amount = parseStoredInt(h.amount);
  const actorUid = parseStoredInt(h.actorUid);
  const createdAt = parseStoredInt(h.createdAt);
  const kind = h.kind as EntryKind;
  if (id === null || uid === null || amount === null || actorUid === null || createdAt === null) return null;
  if (!(ENTRY_KINDS as readonly string[]).includes(kind) || typeof h.key !== 'string') return null;
  const entry: LedgerEntry = { id, uid, kind, amount, key: h.key, reason: h.reason ?? '', actorUid, createdAt };
  if (h.targetKey) entry.targetKey = h.targetKey;
  if (h.comment) entry.comment = h.comment;
  if (h.sourceType && (SOURCE_TYPES as readonly string[]).includes(h.sourceType) && h.sourceId !== undefined) {
    entry.source = { type: h.sourceType as SourceType, id: h.sourceId };
  }
  const maturesAt = parseStoredInt(h.maturesAt);
  if (maturesAt !== null) entry.maturesAt = maturesAt;
  return entry;
}
