/**
 * What the earning rules need from the points ledger (lib/services/ledger.ts, a teammate's
 * LedgerService registered as `services.ledger`). Every call carries a deterministic idempotency
 * key, so a repeated call takes effect once; `mature` and `cancelPending` share the key of the
 * pending credit, so only the first of them wins.
 *
 * `reason` is a translation token (`[[bonus:history.reply, 12]]`) shown in the member's history.
 */
export interface EarningLedger {
  creditPending(entry: { uid: number; amount: number; key: string; maturesAt: number; reason: string }): Promise<void>;
  mature(key: string): Promise<void>;
  cancelPending(key: string, reason: string): Promise<void>;
  credit(entry: { uid: number; amount: number; key: string; reason: string }): Promise<void>;
  /** A penalty: may take the balance below zero (PROGRAM §3). */
  debit(entry: { uid: number; amount: number; key: string; reason: string }): Promise<void>;
}
