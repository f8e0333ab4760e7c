/**
 * The points ledger's rules, pure (no I/O, no clock): entry kinds, what each does to a member's
 * balances, and which entries are refused.
 *
 * Invariants (asserted here, and by the store and its tests):
 * - append-only: entries are never changed or removed; a correction is a new entry;
 * - every entry has a deterministic idempotency key; the same key again takes effect once and gives
 *   back the first entry; the same key with another kind, member or amount is refused;
 * - mutually exclusive outcomes share one key (`outcomeKey(pendingKey)`): a pending credit either
 *   matures or is cancelled, a hold is either captured or released — the first wins;
 * - spending (`spend`, `hold`) never takes spendable (posted − held) below zero; penalties (`debit`,
 *   a negative `adjust`) may take posted below zero, and then nothing can be spent until earned back;
 * - balances equal the fold of the member's entries; integers only.
 */
import { isEntryAmount, isPointsDelta, type Points, type PointsDelta } from '../../kernel/points';

export const ENTRY_KINDS = [
  'credit', // earned, spendable at once (group gift, birthday, top-3, admin award via adjust)
  'credit-pending', // earned, in the hold window, not spendable (post and topic points)
  'mature', // the pending credit becomes posted (shares its outcome key with cancel-pending)
  'cancel-pending', // the pending credit is dropped (post deleted, moved, author banned)
  'debit', // a penalty (warning, ban, loan write-off): may take posted below zero
  'spend', // a checked debit (transfer out, direct purchase): never below spendable
  'hold', // reserve spendable points (checkout)
  'capture', // the hold is taken (order paid) — shares its outcome key with release
  'release', // the hold is given back (order voided)
  'adjust', // an admin operation: signed; a negative one is a penalty
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Kinds that settle an earlier entry; their target is named by `targetKey`. */
export const OUTCOME_KINDS = ['mature', 'cancel-pending', 'capture', 'release'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** What a kind settles: mature/cancel settle a credit-pending, capture/release settle a hold. */
export const OUTCOME_TARGET: Record<OutcomeKind, EntryKind> = {
  mature: 'credit-pending',
  'cancel-pending': 'credit-pending',
  capture: 'hold',
  release: 'hold',
};

/** Kinds whose amount is checked against spendable (decided on an atomic counter in the store). */
export const SPENDING_KINDS: readonly EntryKind[] = ['spend', 'hold'];

export function isOutcomeKind(kind: EntryKind): kind is OutcomeKind {
  return (OUTCOME_KINDS as readonly string[]).includes(kind);
}

/** The one key shared by the mutually exclusive outcomes of a pending credit or a hold. */
export function outcomeKey(targetKey: string): string {
  return `settle:${targetKey}`;
}

/** What a ledger entry links to, for the history's "source" link. */
export const SOURCE_TYPES = ['post', 'topic', 'order', 'operation', 'rule', 'transfer', 'loan', 'warning', 'ban', 'group', 'birthday', 'top', 'code', 'user'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export interface SourceLink {
  type: SourceType;
  id: string | number;
}

/** A member's cached balances. Spendable is always posted − held. */
export interface Balances {
  pending: number;
  posted: number;
  held: number;
}

export const ZERO_BALANCES: Balances = Object.freeze({ pending: 0, posted: 0, held: 0 });

export function spendable(b: Balances): number {
  return b.posted - b.held;
}

/** One journal entry, as stored (immutable once written). */
export interface LedgerEntry {
  /** Global id from `bonus:ids` (journal order: ids grow with time). */
  id: number;
  uid: number;
  kind: EntryKind;
  /** Positive for every kind except `adjust`, which is signed and never zero. */
  amount: number;
  /** The idempotency key (for outcomes: `outcomeKey(targetKey)`). */
  key: string;
  /** For outcomes: the key of the credit-pending or hold they settle. */
  targetKey?: string;
  /** A reason code (`contest-win`, `post-reply`) or a full translation token (`[[bonus:x, 1]]`). */
  reason: string;
  comment?: string;
  source?: SourceLink;
  /** Who caused it (an admin for operations; 0 for the system: hooks and jobs). */
  actorUid: number;
  createdAt: number;
  /** For credit-pending: when it becomes available. */
  maturesAt?: number;
}

/** The change an entry makes to each balance. */
export interface BalanceEffect {
  pending: number;
  posted: number;
  held: number;
}

export function effectOf(kind: EntryKind, amount: number): BalanceEffect {
  switch (kind) {
    case 'credit': return { pending: 0, posted: amount, held: 0 };
    case 'credit-pending': return { pending: amount, posted: 0, held: 0 };
    case 'mature': return { pending: -amount, posted: amount, held: 0 };
    case 'cancel-pending': return { pending: -amount, posted: 0, held: 0 };
    case 'debit': return { pending: 0, posted: -amount, held: 0 };
    case 'spend': return { pending: 0, posted: -amount, held: 0 };
    case 'hold': return { pending: 0, posted: 0, held: amount };
    case 'capture': return { pending: 0, posted: -amount, held: -amount };
    case 'release': return { pending: 0, posted: 0, held: -amount };
    case 'adjust': return { pending: 0, posted: amount, held: 0 };
  }
}

/** Change to spendable (posted − held) an entry makes. */
export function spendableEffect(kind: EntryKind, amount: number): number {
  const e = effectOf(kind, amount);
  return e.posted - e.held;
}

export type ApplyRefusal = 'invalid-amount' | 'insufficient-points' | 'negative-pending' | 'negative-held';
export type ApplyResult = { ok: true; balances: Balances } | { ok: false; code: ApplyRefusal };

/** Is `amount` a valid amount for `kind`? (adjust: a non-zero signed integer; others: positive.) */
export function isValidAmount(kind: EntryKind, amount: number): boolean {
  if (kind === 'adjust') return isPointsDelta(amount) && amount !== 0 && isEntryAmount(Math.abs(amount));
  return isEntryAmount(amount);
}

/**
 * Applies one entry to a member's balances, or refuses it. Spending kinds need spendable ≥ amount;
 * pending and held never go below zero (an outcome settles only what is there); posted may go below
 * zero only through penalties (debit, negative adjust) and through capture of a hold.
 */
export function applyEntry(balances: Balances, kind: EntryKind, amount: number): ApplyResult {
  if (!isValidAmount(kind, amount)) return { ok: false, code: 'invalid-amount' };
  if (SPENDING_KINDS.includes(kind) && spendable(balances) < amount) return { ok: false, code: 'insufficient-points' };
  const e = effectOf(kind, amount);
  const next: Balances = {
    pending: balances.pending + e.pending,
    posted: balances.posted + e.posted,
    held: balances.held + e.held,
  };
  if (next.pending < 0) return { ok: false, code: 'negative-pending' };
  if (next.held < 0) return { ok: false, code: 'negative-held' };
  return { ok: true, balances: next };
}

/**
 * The balances a journal folds to. Entries in the journal were accepted when written, so the fold
 * adds effects without re-checking (a later reader must see exactly what was recorded).
 */
export function foldEntries(entries: Iterable<Pick<LedgerEntry, 'kind' | 'amount'>>): Balances {
  let pending = 0;
  let posted = 0;
  let held = 0;
  for (const entry of entries) {
    const e = effectOf(entry.kind, entry.amount);
    pending += e.pending;
    posted += e.posted;
    held += e.held;
  }
  return { pending, posted, held };
}

/** Does a repeated request describe the same entry as the first one with its key? */
export function sameRequest(first: Pick<LedgerEntry, 'uid' | 'kind' | 'amount'>, again: { uid: number; kind: EntryKind; amount: number }): boolean {
  return first.uid === again.uid && first.kind === again.kind && first.amount === again.amount;
}

/** Keys are ASCII, no whitespace, at most 200 characters (they are hash fields and set members). */
export function isValidKey(key: string): boolean {
  return typeof key === 'string' && key.length > 0 && key.length <= 200 && /^[\x21-\x7e]+$/.test(key);
}

export type { Points, PointsDelta };

/** The change to the member's spendable-or-pending total the entry shows in the history. */
export function signedEffect(e: LedgerEntry): number {
  switch (e.kind) {
    case 'debit': case 'spend': case 'hold': case 'capture': case 'cancel-pending': return -Math.abs(e.amount);
    case 'adjust': return e.amount;
    case 'release': case 'mature': case 'credit': case 'credit-pending': return e.amount;
  }
}
