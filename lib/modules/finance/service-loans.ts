/**
 * Interest-free loans (PROGRAM §6, §3): members of the allowed roles apply for up to the maximum
 * amount and term; an admin (or the automatic setting) grants it, which credits the member
 * (`loan:{id}:grant`); the member repays any time from spendable (`loan:{id}:repay:{key}`, a checked
 * `spend`); a loan still open at its due date is written off once as a `debit` of the outstanding
 * amount (`loan:{id}:writeoff`), with a reminder some days before (`loan:{id}:reminder`, once).
 *
 * Safety: one pending-or-open loan per member (an application decides under the member's lock, on
 * their loans' states); every change
 * of one loan runs under its lock (FinanceLocks), and decides on sorted-set reads (uncached): the
 * state (`bonus:loans:state`, id → state index) and the repayments (`bonus:loan:{id}:repayments`,
 * ledger key → amount), so outstanding = amount − Σ repayments. A share of new earnings may repay
 * the open loan automatically (`autoRepay`, off by default; wired in loan-autorepay.ts).
 *
 * A repayment and a write-off are durable-steps workflows (loan-workflows.ts); the records are kept by
 * store-loans.ts, the ledger keys named in ledger-keys.ts.
 */
import { refusable, type Result } from '../../kernel/result';
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
import { LoansStore, type Loan, type LoanSummary } from './store-loans';
import {
  LOAN_STATES, LOAN_VIEWS, checkLoanRequest, loanCycleRefusal, mayBorrow, viewOf,
  type LoanView,
} from './domain';

export type { Loan } from './store-loans';

export interface LoanStatus extends Loan {
  outstanding: number;
  repaid: number;
  view: LoanView;
}

/** A canonical whole number (lib/kernel/input.ts), or NaN, which the domain check refuses. */
const toInt = (v: unknown): number => {
  const r = canonicalInt(0).safeParse(v);
  return r.success ? r.data : NaN;
};

/** The ACP's loans list: loans per page. */
export const LOANS_PER_PAGE = 50;
const SUMMARY_EVERY_MS = 60 * 60_000;
const SUMMARY_PAGE = 500;
/** Up to this many loans in all, the ACP recounts the totals itself when they are out of date. */
const SUMMARY_INLINE_MAX = 500;

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
  apply(caller: Caller, input: { amount?: unknown; months?: unknown }): Promise<Result<LoanStatus>> {
    return refusable(() => this.doApply(caller, input));
  }

  private async doApply(caller: Caller, input: { amount?: unknown; months?: unknown }): Promise<LoanStatus> {
    if (!caller.uid || caller.uid <= 0) throw new BonusError('error.not-logged-in', [], 'forbidden');
    const s = await this.settings.get();
    if (!(await this.mayBorrow(caller.uid))) throw new BonusError('error.loan.not-allowed', [], 'forbidden');
    const amount = toInt(input.amount);
    const months = toInt(input.months);
    const refusal = checkLoanRequest(amount, months, { maxAmount: s.loanMaxAmount, maxMonths: s.loanMaxMonths });
    if (refusal === 'loan-amount') throw new BonusError('error.loan.amount', [counted(1, 'points.gen'), counted(s.loanMaxAmount, 'points.gen')]);
    if (refusal === 'loan-term') throw new BonusError('error.loan.term', [counted(1, 'months.gen'), counted(s.loanMaxMonths, 'months.gen')]);
    await this.assertNotCycling(caller.uid);
    // Under the member's lock (a lease: a crash holds it LEASE_MS at most), decided on the states of
    // their loans: two applications at once make one loan; nothing is left to give back at the end.
    const uid = caller.uid;
    const id = await this.locks.withLock(`loan-member:${uid}`, async () => {
      if (await this.store.hasActive(uid)) throw new BonusError('error.loan.already-active', [], 'conflict');
      return this.store.create(uid, amount, months, this.host.clock.now());
    });
    if (s.loanApproval === 'automatic') return this.grant(id, 0);
    await this.flows.notifyAdmins(id);
    return (await this.status(id))!;
  }

  /** Admins: grants a pending application (idempotent: an open loan is returned as is). */
  approve(caller: Caller, id: number): Promise<Result<LoanStatus>> {
    return refusable(() => this.doApprove(caller, id));
  }

  private async doApprove(caller: Caller, id: number): Promise<LoanStatus> {
    await this.assertAdmin(caller);
    return this.grant(id, caller.uid);
  }

  private grant(id: number, byUid: number): Promise<LoanStatus> {
    return this.locks.withLock(`loan:${id}`, async () => {
      if (!(await this.flows.finishStopped(id))) throw new BonusError('error.finance.busy', [], 'conflict');
      const loan = await this.mustGet(id);
      if (loan.state === 'open') return (await this.status(id))!;
      if (loan.state !== 'pending') throw new BonusError('error.loan.not-pending', [], 'conflict');
      // Checked again when granted, whoever grants (the balance or a write-off may have changed since applying).
      await this.assertNotCycling(loan.uid);
      const run = await this.steps.run(this.flows.granting, String(id), { loanId: id, uid: loan.uid, amount: loan.amount, months: loan.months, byUid });
      if (run.outcome !== 'done') throw new BonusError('error.finance.busy', [], 'conflict');
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
    if (refusal === 'loan-negative-balance') throw new BonusError('error.loan.negative-balance', [], 'conflict');
    if (refusal === 'loan-written-off') throw new BonusError('error.loan.written-off', [s.loanWriteOffCoolingMonths], 'conflict');
  }

  /** Admins: refuses a pending application; the member may apply again. */
  reject(caller: Caller, id: number): Promise<Result<LoanStatus>> {
    return refusable(() => this.doReject(caller, id));
  }

  private async doReject(caller: Caller, id: number): Promise<LoanStatus> {
    await this.assertAdmin(caller);
    return this.locks.withLock(`loan:${id}`, async () => {
      if (!(await this.flows.finishStopped(id))) throw new BonusError('error.finance.busy', [], 'conflict');
      const loan = await this.mustGet(id);
      if (loan.state === 'rejected') return (await this.status(id))!;
      if (loan.state !== 'pending') throw new BonusError('error.loan.not-pending', [], 'conflict');
      const now = this.host.clock.now();
      await this.store.setFields(id, { decidedAt: now, decidedBy: caller.uid, closedAt: now });
      await this.store.move(id, 'pending', 'rejected', now);
      await this.flows.notify(loan.uid, `bonus:loan:${id}:rejected`, (lang) => countedToken(lang, 'notify.loan-rejected', [counted(loan.amount)]));
      return (await this.status(id))!;
    });
  }

  /**
   * The member repays `amount` (or `all`) of their open loan from spendable. `key` is the form's
   * idempotency key: a repeat returns the loan without paying twice.
   */
  repay(caller: Caller, input: { id?: unknown; amount?: unknown; key?: unknown }): Promise<Result<LoanStatus>> {
    return refusable(() => this.doRepay(caller, input));
  }

  private async doRepay(caller: Caller, input: { id?: unknown; amount?: unknown; key?: unknown }): Promise<LoanStatus> {
    if (!caller.uid || caller.uid <= 0) throw new BonusError('error.not-logged-in', [], 'forbidden');
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
      if (!loan || loan.uid !== uid) throw new BonusError('error.loan.not-found', [], 'not-found');
      if (!(await this.flows.finishStopped(id))) throw new BonusError('error.finance.busy', [], 'conflict');
      if (await this.store.hasRepayment(id, ledgerKey)) return (await this.status(id))!;
      const now = (await this.get(id))!;
      if (now.state !== 'open' || (await this.ledger.entryByKey(loanLedgerKeys.writeOff(id)))) throw new BonusError('error.loan.not-open', [], 'conflict');
      const outstanding = await this.flows.outstanding(now);
      const amount = asked === 'all' ? outstanding : cap ? Math.min(asked, outstanding) : asked;
      if (!Number.isSafeInteger(amount) || amount < 1) throw new BonusError('error.loan.repay-amount', [outstanding]);
      if (amount > outstanding) throw new BonusError('error.loan.overpay', [counted(outstanding)]);
      const run = await this.steps.run(this.flows.repaying, ledgerKey, { loanId: id, uid: loan.uid, amount, key: ledgerKey });
      if (run.outcome === 'undone') throw new BonusError('error.loan.insufficient-points');
      if (run.outcome !== 'done') throw new BonusError('error.finance.busy', [], 'conflict');
      return (await this.status(id))!;
    });
  }

  /** Job: reminders before the due date and write-offs of loans still open at it (loan-jobs.ts). */
  runDue(now: number): Promise<{ reminded: number; writtenOff: number }> {
    return this.jobs.runDue(now);
  }


  get(id: number): Promise<Loan | null> {
    return this.store.get(id);
  }

  private async mustGet(id: number): Promise<Loan> {
    const loan = await this.get(id);
    if (!loan) throw new BonusError('error.loan.not-found', [], 'not-found');
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
  listOf(caller: Caller, uid: number): Promise<Result<LoanStatus[]>> {
    return refusable(() => this.doListOf(caller, uid));
  }

  private async doListOf(caller: Caller, uid: number): Promise<LoanStatus[]> {
    if (caller.uid !== uid) await this.assertAdmin(caller);
    return this.statuses(await this.store.memberIds(uid, 0, 49));
  }

  /**
   * Admins: one page of the loans in one view (overdue = open past due), newest first, with how many
   * each view holds (each count one read of its index) and the totals the loans job last counted.
   */
  listByView(caller: Caller, view: LoanView, page = 1): Promise<Result<{ loans: LoanStatus[]; counts: Record<LoanView, number>; total: number; summary: LoanSummary | null; stale: boolean }>> {
    return refusable(() => this.doListByView(caller, view, page));
  }

  private async doListByView(caller: Caller, view: LoanView, page = 1): Promise<{ loans: LoanStatus[]; counts: Record<LoanView, number>; total: number; summary: LoanSummary | null; stale: boolean }> {
    await this.assertAdmin(caller);
    const now = this.host.clock.now();
    const counts = await this.counts(now);
    let summary = await this.store.readSummary();
    let stale = !summary || LOAN_VIEWS.some((v) => summary!.views[v].count !== counts[v]);
    // a forum with few loans gets exact totals at once; a large one reads the job's last count
    if (stale && LOAN_VIEWS.reduce((n, v) => n + counts[v], 0) <= SUMMARY_INLINE_MAX) {
      summary = await this.summarise(now, true);
      stale = false;
    }
    const loans = await this.statuses(await this.store.pageView(view, now, (page - 1) * LOANS_PER_PAGE, LOANS_PER_PAGE));
    return { loans, counts, total: counts[view], summary, stale };
  }

  /**
   * The ACP dashboard's loans (issue 21), cheap: how many loans each view holds now (one index read
   * each) and the amounts the loans job last counted (null before its first count).
   */
  async dashboardSummary(now: number): Promise<{ counts: Record<LoanView, number>; summary: LoanSummary | null }> {
    const [counts, summary] = await Promise.all([this.counts(now), this.store.readSummary()]);
    return { counts, summary };
  }

  /** How many loans each view holds now (one read of an index each). */
  private async counts(now: number): Promise<Record<LoanView, number>> {
    return Object.fromEntries(await Promise.all(LOAN_VIEWS.map(async (v) => [v, await this.store.countView(v, now)] as const))) as Record<LoanView, number>;
  }

  /**
   * The loans job: the totals of every view (count, principal, outstanding or written off), counted by
   * reading each state's index a page at a time, kept for the ACP; recounted when a view's count has
   * moved since, and at least hourly (repayments change what is outstanding without moving a count).
   */
  async summarise(now: number, force = false): Promise<LoanSummary> {
    const last = await this.store.readSummary();
    if (last && !force && now - last.at < SUMMARY_EVERY_MS) {
      // within the hour only while no view's count has moved (an application, a repayment that closed a loan…)
      const counts = await this.counts(now);
      if (LOAN_VIEWS.every((v) => last.views[v].count === counts[v])) return last;
    }
    const views = Object.fromEntries(LOAN_VIEWS.map((v) => [v, { count: 0, amount: 0, outstanding: 0 }])) as LoanSummary['views'];
    for (const state of LOAN_STATES) {
      for (let start = 0; ; start += SUMMARY_PAGE) {
        const ids = await this.store.idsIn(state, start, start + SUMMARY_PAGE - 1);
        for (const loan of await this.statuses(ids)) {
          const t = views[loan.view];
          t.count += 1;
          t.amount += loan.amount;
          t.outstanding += loan.view === 'written-off' ? loan.writtenOff : loan.outstanding;
        }
        if (ids.length < SUMMARY_PAGE) break;
      }
    }
    const summary = { at: now, views };
    await this.store.writeSummary(summary);
    return summary;
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
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
  }
}
