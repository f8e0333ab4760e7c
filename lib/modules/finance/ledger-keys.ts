/**
 * Every ledger key the finance module writes, in one place (the naming scheme of all modules:
 * `<kind>:<id>[:<event>[:<detail>]]`, lower case, colon-separated; a key names one movement of
 * points for ever, so mutually exclusive outcomes share one key and none is ever renamed).
 */
export const loanLedgerKeys = {
  /** The loan credited when granted. */
  grant: (loanId: number) => `loan:${loanId}:grant`,
  /** A repayment by the member; `clientKey` is the form's idempotency key. */
  repay: (loanId: number, clientKey: string) => `loan:${loanId}:repay:${clientKey}`,
  /** An automatic repayment from the earning entry `entryId`. */
  autoRepay: (loanId: number, entryId: number) => `loan:${loanId}:auto:${entryId}`,
  /** The prefix of every repayment key of a loan (its open repayment workflows are found by it). */
  repaymentPrefix: (loanId: number) => `loan:${loanId}:`,
  /** What was still owed at the due date. */
  writeOff: (loanId: number) => `loan:${loanId}:writeoff`,
};

export const transferLedgerKeys = {
  /** The sender's debit. */
  out: (transferId: number) => `transfer:${transferId}:out`,
  /** The recipient's credit. */
  in: (transferId: number) => `transfer:${transferId}:in`,
  /** An admin's reversal: taken back from the recipient… */
  reverseIn: (transferId: number) => `transfer:${transferId}:reverse:in`,
  /** …and returned to the sender. */
  reverseOut: (transferId: number) => `transfer:${transferId}:reverse:out`,
};
