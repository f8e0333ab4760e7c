/**
 * What the earning and deduction rules need from the points ledger: the subset of LedgerService
 * (lib/modules/ledger/service.ts, `services.ledger`) they call, so that LedgerService satisfies it as is
 * and tests can use a model. Every call carries a deterministic idempotency key, so a repeated call
 * takes effect once; `mature` and `cancelPending` settle the pending credit's key, the first wins.
 * Refusals come back as results (`{ok: false, code}`): for these rules a refusal means "already
 * done", which is what an idempotent rule wants.
 */
import type { EntryBatch, SourceLink } from '../ledger';

export interface LedgerOutcome {
  ok: boolean;
  /** On refusal: `already-settled`, `key-conflict`, `busy` (transient: retry later), … */
  code?: string;
  /** On success: the key had been used before; nothing changed. */
  replayed?: boolean;
  /** On `already-settled`: the outcome the target took first (`mature` or `cancel-pending`). */
  entry?: { kind: string };
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

/**
 * A pending credit written phase by phase (LedgerService.creditPendingInPhases, the ledger's
 * EntryWrite), so that the posting path can put its own writes into the same round trips (issue 14).
 * Every phase must be run, in this order, until `close`; a phase with nothing left to do (a replay,
 * a claim lost) does nothing.
 */
export interface CreditPhases {
  read(): Promise<void>;
  open(): Promise<void>;
  claim(): Promise<void>;
  write(): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<LedgerOutcome>;
}

export interface EarningLedger {
  creditPending(entry: EarningEntry & { maturesAt: number }): Promise<LedgerOutcome>;
  /** The same credit in phases; a ledger without it is called once, at `write`. */
  creditPendingInPhases?(entry: EarningEntry & { maturesAt: number }): CreditPhases;
  mature(input: { targetKey: string; reason?: string; comment?: string; batch?: EntryBatch }): Promise<LedgerOutcome>;
  cancelPending(input: { targetKey: string; reason?: string; comment?: string; batch?: EntryBatch }): Promise<LedgerOutcome>;
  credit(entry: EarningEntry): Promise<LedgerOutcome>;
  /** A penalty: may take the balance below zero (PROGRAM §3). */
  debit(entry: EarningEntry): Promise<LedgerOutcome>;
  /** Keys of the member's pending credits due by `now` (when each becomes available has come). */
  duePendingKeys(uid: number, now: number): Promise<string[]>;
  /** The entry written under a key, if any (a gift paid under an older key scheme). */
  entryByKey(key: string): Promise<{ uid: number } | null>;
  /** A batch the economy's figures of many maturings and cancels are counted into (LedgerService.entryBatch). */
  entryBatch?(): EntryBatch | null;
}

/** The ledger's phases, or one `creditPending` call at the `write` phase for a ledger without them. */
export function creditInPhases(ledger: EarningLedger, entry: EarningEntry & { maturesAt: number }): CreditPhases {
  if (ledger.creditPendingInPhases) return ledger.creditPendingInPhases(entry);
  let result: LedgerOutcome = { ok: false, code: 'not-run' };
  const nothing = async () => undefined;
  return {
    read: nothing, open: nothing, claim: nothing,
    write: async () => { result = await ledger.creditPending(entry); },
    commit: nothing,
    close: async () => result,
  };
}
