/**
 * Interest-free loans (PROGRAM §6, §3): members of the allowed roles apply for up to the maximum
 * amount and term; an admin (or the automatic setting) grants it, which credits the member
 * (`loan:{id}:grant`); the member repays any time from spendable (`loan:{id}:repay:{key}`, a checked
 * `spend`); a loan still open at its due date is written off once as a `debit` of the outstanding
 * amount (`loan:{id}:writeoff`), with a reminder some days before (`loan:{id}:reminder`, once).
 *
 * Safety: one pending-or-open loan per member (a claim counter, `bonus:loans:active`); every change
 * of one loan runs under its lock (FinanceLocks), and decides on sorted-set reads (uncached): the
 * state (`bonus:loans:state`, id → state index) and the repayments (`bonus:loan:{id}:repayments`,
 * ledger key → amount), so outstanding = amount − Σ repayments. A share of new earnings may repay
 * the open loan automatically (`autoRepay`, off by default; wired in loan-autorepay.ts).
 *
 * A repayment and a write-off are durable-steps workflows (loan-workflows.ts); the records are kept by
 * store-loans.ts, the ledger keys named in ledger-keys.ts.
 */
import { canonicalInt } from '../../kernel/input';
import type { Caller, Host } from '../../host/index';
import { BonusError, counted, countedToken } from '../../kernel/errors';
import { ClientKeys } from '../../kernel/idempotency';
import type { SettingsService } from '../settings';
import type { LedgerService } from '../ledger';
import { roleGroups } from '../earning';
import type { StepsService } from '../../kernel/steps-service';
import { FinanceLocks } from './locks';
import { loanLedgerKeys } from './ledger-keys';
import { LoanJobs } from './loan-jobs';
import { LoanWorkflows } from './loan-workflows';
import { LoansStore, type Loan } from './store-loans';
import {
  LOAN_STATES, checkLoanRequest, loanCycleRefusal, mayBorrow, viewOf,
  type LoanView,
} from './domain';

export type { Loan } from './store-loans';

export interface LoanStatus extends Loan {
  outstanding: number;
  repaid: number;
  view: LoanView;
}

export { SLOT_LEASE_MS } from './loan-jobs';

/** A canonical whole number (lib/kernel/input.ts), or NaN, which the domain check refuses. */
const toInt = (v: unknown): number => {
  const r = canonicalInt(0).safeParse(v);
  return r.success ? r.data : NaN;
};

export class LoanService {
  private readonly locks: FinanceLocks;
  private readonly keys: ClientKeys;
  private readonly store: LoansStore;
  private readonly flows: LoanWorkflows;
  private readonly jobs: LoanJobs;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: LedgerService,
    private readonly steps: StepsService,
  ) {
    this.locks = new FinanceLocks(host.db, host.clock);
    this.keys = new ClientKeys(host.db);
    this.store = new LoansStore(host.db);
    this.flows = new LoanWorkflows(host, settings, this.store, ledger, steps, this.locks);
    this.jobs = new LoanJobs(host, settings, this.store, this.flows, steps);
  }

  async mayBorrow(uid: number): Promise<boolean> {
    if (uid <= 0) return false;
    const s = await this.settings.get();
    const [[groups], [user]] = await Promise.all([this.host.groups.getUserGroupNames([uid]), this.host.users.getUsers([uid])]);
    return !!user && mayBorrow({ groups: groups ?? [], banned: user.banned }, s.loanRoles, roleGroups(s));
  }

  /** A member applies; granted at once when approval is automatic. */
  async apply(caller: Caller, input: { amount?: unknown; months?: unknown }): Promise<LoanStatus> {
    if (!caller.uid || caller.uid <= 0) throw new BonusError('error.not-logged-in', [], 403);
    const s = await this.settings.get();
    if (!(await this.mayBorrow(caller.uid))) throw new BonusError('error.loan.not-allowed', [], 403);
    const amount = toInt(input.amount);
    const months = toInt(input.months);
    const refusal = checkLoanRequest(amount, months, { maxAmount: s.loanMaxAmount, maxMonths: s.loanMaxMonths });
    if (refusal === 'loan-amount') throw new BonusError('error.loan.amount', [counted(1, 'points.gen'), counted(s.loanMaxAmount, 'points.gen')]);
    if (refusal === 'loan-term') throw new BonusError('error.loan.term', [counted(1, 'months.gen'), counted(s.loanMaxMonths, 'months.gen')]);
    await this.assertNotCycling(caller.uid);
    if (!(await this.store.claimSlot(caller.uid))) throw new BonusError('error.loan.already-active', [], 409);
    const id = await this.store.create(caller.uid, amount, months, this.host.clock.now());
    if (s.loanApproval === 'automatic') return this.grant(id, 0);
    await this.flows.notifyAdmins(id);
    return (await this.status(id))!;
  }

  /** Admins: grants a pending application (idempotent: an open loan is returned as is). */
  async approve(caller: Caller, id: number): Promise<LoanStatus> {
    await this.assertAdmin(caller);
    return this.grant(id, caller.uid);
  }

  private grant(id: number, byUid: number): Promise<LoanStatus> {
    return this.locks.withLock(`loan:${id}`, async () => {
      if (!(await this.flows.finishStopped(id))) throw new BonusError('error.finance.busy', [], 409);
      const loan = await this.mustGet(id);
      if (loan.state === 'open') return (await this.status(id))!;
      if (loan.state !== 'pending') throw new BonusError('error.loan.not-pending', [], 409);
      // Checked again when granted, whoever grants (the balance or a write-off may have changed since applying).
      await this.assertNotCycling(loan.uid);
      const run = await this.steps.run(this.flows.granting, String(id), { loanId: id, uid: loan.uid, amount: loan.amount, months: loan.months, byUid });
      if (run.outcome !== 'done') throw new BonusError('error.finance.busy', [], 409);
      return (await this.status(id))!;
    });
  }

  /**
   * Issue 11, item 2: loans cannot be cycled — no loan while the member's balance is negative, nor
   * within `loanWriteOffCoolingMonths` of a write-off of theirs (read from the `written-off` set,
   * scored by when it was written off).
   */
  private async assertNotCycling(uid: number): Promise<void> {
    const s = await this.settings.get();
    const ids = await this.store.memberIds(uid);
    const [balance, writtenOffAt] = await Promise.all([this.ledger.balance(uid), this.store.writtenOffAt(ids)]);
    const refusal = loanCycleRefusal(
      { posted: balance.posted, writtenOffAt: writtenOffAt.filter((t): t is number => t !== null) }, this.host.clock.now(), s.loanWriteOffCoolingMonths, s.timeZone,
    );
    if (refusal === 'loan-negative-balance') throw new BonusError('error.loan.negative-balance', [], 409);
    if (refusal === 'loan-written-off') throw new BonusError('error.loan.written-off', [s.loanWriteOffCoolingMonths], 409);
  }

  /** Admins: refuses a pending application; the member may apply again. */
  async reject(caller: Caller, id: number): Promise<LoanStatus> {
    await this.assertAdmin(caller);
    return this.locks.withLock(`loan:${id}`, async () => {
      if (!(await this.flows.finishStopped(id))) throw new BonusError('error.finance.busy', [], 409);
      const loan = await this.mustGet(id);
      if (loan.state === 'rejected') return (await this.status(id))!;
      if (loan.state !== 'pending') throw new BonusError('error.loan.not-pending', [], 409);
      const now = this.host.clock.now();
      await this.store.setFields(id, { decidedAt: now, decidedBy: caller.uid, closedAt: now });
      await this.store.move(id, 'pending', 'rejected', now);
      await this.store.releaseSlot(loan.uid);
      await this.flows.notify(loan.uid, `bonus:loan:${id}:rejected`, (lang) => countedToken(lang, 'notify.loan-rejected', [counted(loan.amount)]));
      return (await this.status(id))!;
    });
  }

  /**
   * The member repays `amount` (or `all`) of their open loan from spendable. `key` is the form's
   * idempotency key: a repeat returns the loan without paying twice.
   */
  async repay(caller: Caller, input: { id?: unknown; amount?: unknown; key?: unknown }): Promise<LoanStatus> {
    if (!caller.uid || caller.uid <= 0) throw new BonusError('error.not-logged-in', [], 403);
    const id = toInt(input.id);
    const amount = input.amount === 'all' ? 'all' : toInt(input.amount);
    // The key stands for this repayment only: replayed with another amount (or loan) it is refused.
    const { key, release } = await this.keys.bind('loan-repay', caller.uid, input.key, { id, amount });
    try {
      return await this.applyRepayment(id, caller.uid, amount, loanLedgerKeys.repay(id, key));
    } catch (err) {
      if (err instanceof BonusError && !(await this.store.hasRepayment(id, loanLedgerKeys.repay(id, key)))) await release();
      throw err;
    }
  }

  /**
   * Auto-repayment (setting `loanAutoRepayPercent`, default 0 = off): a share of a new earning entry
   * goes to the member's open loan, once per entry (`loan:{id}:auto:{entryId}`). Best effort: a
   * refusal (not enough spendable, loan just closed) skips it; it never fails the earning.
   */
  async autoRepay(earned: { id: number; uid: number; amount: number }): Promise<boolean> {
    const s = await this.settings.get();
    if (s.loanAutoRepayPercent <= 0) return false;
    const share = Math.floor((earned.amount * s.loanAutoRepayPercent) / 100);
    if (share < 1) return false;
    const loan = await this.currentOf(earned.uid);
    if (!loan || loan.state !== 'open' || loan.outstanding <= 0) return false;
    try {
      await this.applyRepayment(loan.id, earned.uid, Math.min(share, loan.outstanding), loanLedgerKeys.autoRepay(loan.id, earned.id), true);
      return true;
    } catch (err) {
      if (err instanceof BonusError) return false;
      throw err;
    }
  }

  /** One repayment under the loan's lock; a repeated ledger key changes nothing. `cap`: pay at most what is owed. */
  private applyRepayment(id: number, uid: number, asked: number | 'all', ledgerKey: string, cap = false): Promise<LoanStatus> {
    return this.locks.withLock(`loan:${id}`, async () => {
      const loan = await this.get(id);
      if (!loan || loan.uid !== uid) throw new BonusError('error.loan.not-found', [], 404);
      if (!(await this.flows.finishStopped(id))) throw new BonusError('error.finance.busy', [], 409);
      if (await this.store.hasRepayment(id, ledgerKey)) return (await this.status(id))!;
      const now = (await this.get(id))!;
      if (now.state !== 'open' || (await this.ledger.entryByKey(loanLedgerKeys.writeOff(id)))) throw new BonusError('error.loan.not-open', [], 409);
      const outstanding = await this.flows.outstanding(now);
      const amount = asked === 'all' ? outstanding : cap ? Math.min(asked, outstanding) : asked;
      if (!Number.isSafeInteger(amount) || amount < 1) throw new BonusError('error.loan.repay-amount', [outstanding]);
      if (amount > outstanding) throw new BonusError('error.loan.overpay', [counted(outstanding)]);
      const run = await this.steps.run(this.flows.repaying, ledgerKey, { loanId: id, uid: loan.uid, amount, key: ledgerKey });
      if (run.outcome === 'undone') throw new BonusError('error.loan.insufficient-points');
      if (run.outcome !== 'done') throw new BonusError('error.finance.busy', [], 409);
      return (await this.status(id))!;
    });
  }

  /** Job: reminders before the due date and write-offs of loans still open at it (loan-jobs.ts). */
  runDue(now: number): Promise<{ reminded: number; writtenOff: number }> {
    return this.jobs.runDue(now);
  }

  /** Job: frees one-loan slots a crash left taken (loan-jobs.ts). */
  repairSlots(now: number): Promise<number> {
    return this.jobs.repairSlots(now);
  }

  get(id: number): Promise<Loan | null> {
    return this.store.get(id);
  }

  private async mustGet(id: number): Promise<Loan> {
    const loan = await this.get(id);
    if (!loan) throw new BonusError('error.loan.not-found', [], 404);
    return loan;
  }

  async status(id: number): Promise<LoanStatus | null> {
    const loan = await this.get(id);
    if (!loan) return null;
    const repaid = await this.store.repaidTotal(id);
    const outstanding = loan.state === 'open' ? loan.amount - repaid : 0;
    return { ...loan, repaid, outstanding, view: viewOf(loan.state, loan.dueAt, this.host.clock.now()) };
  }

  /** The member's pending or open loan, if any. */
  async currentOf(uid: number): Promise<LoanStatus | null> {
    const ids = await this.store.memberIds(uid, 0, 4);
    for (const id of ids) {
      const loan = await this.status(Number(id));
      if (loan && (loan.state === 'pending' || loan.state === 'open')) return loan;
    }
    return null;
  }

  /** The member's loans, newest first (the member or an admin). */
  async listOf(caller: Caller, uid: number): Promise<LoanStatus[]> {
    if (caller.uid !== uid) await this.assertAdmin(caller);
    return this.statuses(await this.store.memberIds(uid, 0, 49));
  }

  /** Admins: loans in one view (overdue = open past due), newest first, with totals of every view. */
  async listByView(caller: Caller, view: LoanView): Promise<{ loans: LoanStatus[]; totals: Record<LoanView, { count: number; amount: number; outstanding: number }> }> {
    await this.assertAdmin(caller);
    const totals = {} as Record<LoanView, { count: number; amount: number; outstanding: number }>;
    const byView = new Map<LoanView, LoanStatus[]>();
    for (const state of LOAN_STATES) {
      for (const loan of await this.statuses(await this.store.idsIn(state, 0, 999))) {
        const list = byView.get(loan.view) ?? [];
        list.push(loan);
        byView.set(loan.view, list);
      }
    }
    for (const v of ['pending', 'open', 'overdue', 'repaid', 'written-off', 'rejected'] as const) {
      const list = byView.get(v) ?? [];
      totals[v] = {
        count: list.length,
        amount: list.reduce((sum, l) => sum + l.amount, 0),
        outstanding: list.reduce((sum, l) => sum + (v === 'written-off' ? l.writtenOff : l.outstanding), 0),
      };
    }
    return { loans: byView.get(view) ?? [], totals };
  }

  private async statuses(ids: string[]): Promise<LoanStatus[]> {
    const out: LoanStatus[] = [];
    for (const id of ids) {
      const loan = await this.status(Number(id));
      if (loan) out.push(loan);
    }
    return out;
  }

  private async assertAdmin(caller: Caller): Promise<void> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
  }
}
