/**
 * What the earning and deduction rules need from the points ledger: the subset of LedgerService
 * (lib/modules/ledger/service.ts, `services.ledger`) they call, so that LedgerService satisfies it as is
 * and tests can use a model. Every call carries a deterministic idempotency key, so a repeated call
 * takes effect once; `mature` and `cancelPending` settle the pending credit's key, the first wins.
 * Refusals come back as results (`{ok: false, code}`): for these rules a refusal means "already
 * done", which is what an idempotent rule wants.
 */
import type { EntryBatch, LedgerEntry, PairBlock, SourceLink } from '../ledger';

export interface LedgerOutcome {
  ok: boolean;
  /** On refusal: `already-settled`, `key-conflict`, `busy` (transient: retry later), … */
  code?: string;
  /** On success: the key had been used before; nothing changed. */
  replayed?: boolean;
  /**
   * On `already-settled`: the outcome the target took first (`mature` or `cancel-pending`); on
   * success: the entry (a settling given the credit it just wrote spares reading it again).
   */
  entry?: LedgerEntry;
}

/** A first-time success: the entry was written now (so notify now). */
export const isNew = (r: LedgerOutcome): boolean => r.ok && !r.replayed;

export interface EarningEntry {
  uid: number;
  amount: number;
  key: string;
  /** A reason code of the ledger (`reply`, `birthday`, `warning`, …) or a full translation token. */
  reason: string;
  comment?: string;
  source?: SourceLink;
  actorUid?: number;
}

export interface EarningLedger {
  creditPending(entry: EarningEntry & { maturesAt: number; batch?: EntryBatch }): Promise<LedgerOutcome>;
  /**
   * A post's pending credit noted in the member's pending points, its ledger entry left to the
   * settling (LedgerService.notePending; issue 14): `mature` and `cancelPending` then answer
   * `not-found`, and the caller writes the credit (`creditPending`) and settles that. The answer
   * must be run once the note is written: it takes the note out again if the credit was settled
   * while it was on its way.
   */
  notePending(input: { uid: number; key: string; amount: number; maturesAt: number }): Promise<() => Promise<void>>;
  mature(input: { targetKey: string; reason?: string; comment?: string; target?: LedgerEntry; batch?: EntryBatch }): Promise<LedgerOutcome>;
  cancelPending(input: { targetKey: string; reason?: string; comment?: string; target?: LedgerEntry; batch?: EntryBatch }): Promise<LedgerOutcome>;
  credit(entry: EarningEntry): Promise<LedgerOutcome>;
  /** A penalty: may take the balance below zero (PROGRAM §3). */
  debit(entry: EarningEntry): Promise<LedgerOutcome>;
  /** Keys of the member's pending credits due by `now` (when each becomes available has come). */
  duePendingKeys(uid: number, now: number): Promise<string[]>;
  /**
   * A pending credit written and settled at once (the settling of a credit only noted): the
   * outcome's answer is what `mature`/`cancelPending` would answer after `creditPending`.
   */
  creditPendingAndSettle?(
    entry: EarningEntry & { maturesAt: number; batch?: EntryBatch; pairs?: PairBlock },
    outcome: { kind: 'mature' | 'cancel-pending'; reason?: string; comment?: string },
  ): Promise<{ credit: LedgerOutcome; outcome: LedgerOutcome }>;
  /** Ids and the members index for a settlement page's credits written with their outcome, in one round trip (LedgerService.pairBlock). */
  pairBlock?(members: number[], pairs: number): Promise<PairBlock>;
  /** Which of these keys have a ledger entry (one batched read: a settlement page's noted credits). */
  writtenKeys?(keys: string[]): Promise<Set<string>>;
  /** The entry written under a key, if any (a gift paid under an older key scheme). */
  entryByKey(key: string): Promise<{ uid: number } | null>;
  /** A batch the economy's figures of many maturings and cancels are counted into (LedgerService.entryBatch). */
  entryBatch?(): EntryBatch | null;
}
