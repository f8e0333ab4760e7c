/**
 * The earning rules' ledger with loan auto-repayment: after a new earning entry (a credit, or post
 * points maturing) a share may repay the member's open loan (LoanService.autoRepay, off unless the
 * `loanAutoRepayPercent` setting is above 0). Replayed entries repay nothing again, and a failure of
 * the repayment never fails the earning (it is logged). Revoked warnings are refunds, not earnings.
 */
import type { Host } from '../../host/index';
import type { EarningLedger } from '../earning';
import type { LedgerResult, LedgerService } from '../ledger';
import type { LoanService } from './service-loans';

export function withLoanAutoRepay(host: Host, ledger: LedgerService, loans: LoanService): EarningLedger {
  const after = async (r: LedgerResult, reason?: string): Promise<LedgerResult> => {
    if (!r.ok || r.replayed || reason === 'warning') return r;
    try {
      await loans.autoRepay(r.entry);
    } catch (err) {
      host.log.error(`[bonus] loan auto-repayment after entry ${r.entry.id} failed`, err);
    }
    return r;
  };
  return {
    creditPending: (entry) => ledger.creditPending(entry),
    notePending: (input) => ledger.notePending(input),
    cancelPending: (input) => ledger.cancelPending(input),
    debit: (entry) => ledger.debit(entry),
    entryByKey: (key) => ledger.entryByKey(key),
    writtenKeys: (keys) => ledger.writtenKeys(keys),
    pairBlock: (members, pairs) => ledger.pairBlock(members, pairs),
    duePendingKeys: (uid, now) => ledger.duePendingKeys(uid, now),
    credit: async (entry) => after(await ledger.credit(entry), entry.reason),
    mature: async (input) => after(await ledger.mature(input)),
    creditPendingAndSettle: async (entry, outcome) => {
      const both = await ledger.creditPendingAndSettle(entry, outcome);
      return { credit: both.credit, outcome: outcome.kind === 'mature' ? await after(both.outcome) : both.outcome };
    },
    entryBatch: () => ledger.entryBatch(),
  };
}
