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
 * A repayment (`loan-repay`, id = its ledger key: spend → record → close if repaid) and a write-off
 * (`loan-write-off`, id = the loan: debit → close) are durable-steps workflows (lib/kernel/steps.ts),
 * run under the loan's lock; the steps recovery job finishes one a crash stopped under the same lock,
 * and every change of a loan first finishes the loan's stopped workflows, so a spend written before a
 * crash always counts as repaid before anything else is decided (the write-off takes what is left).
 *
 * Storage: `bonus:loan:{id}` (hash, display), `bonus:loans` (zset id → created), `bonus:loans:in:{state}`
 * (zset id → due date for open loans, created otherwise), `bonus:loans:uid:{uid}`.
 */
import { canonicalInt } from '../../kernel/input';
import type { Caller, Host, Notification } from '../../host/index';
import { dateText } from '../../kernel/dates';
import { BonusError, counted, countedToken, translationToken } from '../../kernel/errors';
import { ClientKeys } from '../../kernel/idempotency';
import type { SettingsService } from '../settings';
import type { LedgerService } from '../ledger';
import { roleGroups } from '../earning';
import { FinanceLocks } from './locks';
import { settled, type StepsService, type Workflow } from '../../kernel/steps-service';
import {
  LOAN_STATES, checkLoanRequest, loanCycleRefusal, loanDueAt, mayBorrow, reminderDue, viewOf, DAY_MS,
  type LoanState, type LoanView,
} from './domain';

export interface Loan {
  id: number;
  uid: number;
  amount: number;
  months: number;
  state: LoanState;
  createdAt: number;
  decidedAt: number;
  decidedBy: number;
  grantedAt: number;
  dueAt: number;
  closedAt: number;
  writtenOff: number;
}

export interface LoanStatus extends Loan {
  outstanding: number;
  repaid: number;
  view: LoanView;
}

/** A slot taken this long with no loan behind it was left by a crash. */
export const SLOT_LEASE_MS = 10 * 60_000;

const K = {
  loan: (id: number) => `bonus:loan:${id}`,
  repayments: (id: number) => `bonus:loan:${id}:repayments`,
  all: 'bonus:loans',
  state: 'bonus:loans:state',
  in: (state: LoanState) => `bonus:loans:in:${state}`,
  ofMember: (uid: number) => `bonus:loans:uid:${uid}`,
  active: 'bonus:loans:active',
  /**
   * Sorted set uid → when repairSlots() first saw the member's slot taken with no pending or open loan
   * (a sorted set: NodeBB caches hashes per process, and a stale copy must never free a slot).
   */
  stale: 'bonus:loans:slots:stale',
  claims: 'bonus:loans:claims',
};

function decode(id: number, h: Record<string, string> | null, state: LoanState): Loan | null {
  if (!h?.uid) return null;
  const n = (v: string | undefined) => Number(v ?? 0) || 0;
  return {
    id, uid: n(h.uid), amount: n(h.amount), months: n(h.months), state, createdAt: n(h.createdAt),
    decidedAt: n(h.decidedAt), decidedBy: n(h.decidedBy), grantedAt: n(h.grantedAt), dueAt: n(h.dueAt),
    closedAt: n(h.closedAt), writtenOff: n(h.writtenOff),
  };
}

interface RepayData { loanId: number; uid: number; amount: number; key: string }
interface WriteOffData { loanId: number; uid: number; amount: number }

/** A canonical whole number (lib/kernel/input.ts), or NaN, which the domain check refuses. */
const toInt = (v: unknown): number => {
  const r = canonicalInt(0).safeParse(v);
  return r.success ? r.data : NaN;
};

export class LoanService {
  private readonly locks: FinanceLocks;
  private readonly keys: ClientKeys;
  private readonly repaying: Workflow<RepayData>;
  private readonly writingOff: Workflow<WriteOffData>;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: LedgerService,
    private readonly steps: StepsService,
  ) {
    this.locks = new FinanceLocks(host.db, host.clock);
    this.keys = new ClientKeys(host.db);
    // The recovery job runs a loan's workflow under the loan's lock, or leaves it for its next run.
    const exclusive = async (d: { loanId: number }, fn: () => Promise<void>): Promise<boolean> => {
      if (!(await this.locks.tryLock(`loan:${d.loanId}`))) return false;
      try {
        await fn();
      } finally {
        await this.locks.unlock(`loan:${d.loanId}`);
      }
      return true;
    };
    this.repaying = steps.register<RepayData>({
      name: 'loan-repay',
      exclusive,
      steps: [
        {
          name: 'spend',
          run: async (d) => {
            const r = await this.ledger.spend({ uid: d.uid, amount: d.amount, key: d.key, reason: 'loan-repayment', actorUid: d.uid, source: { type: 'loan', id: d.loanId } });
            if (!r.ok && r.code === 'insufficient-points') throw new BonusError('error.loan.insufficient-points');
            settled(r, `loan ${d.loanId} repayment`);
          },
        },
        { name: 'record', run: async (d) => { await this.host.db.sortedSetAdd(K.repayments(d.loanId), d.amount, d.key); } },
        {
          name: 'close',
          run: async (d) => {
            const loan = await this.get(d.loanId);
            if (loan && ((loan.state === 'open' && (await this.outstanding(loan)) === 0) || loan.state === 'repaid')) await this.close(loan, 'repaid');
          },
        },
      ],
    });
    this.writingOff = steps.register<WriteOffData>({
      name: 'loan-write-off',
      exclusive,
      steps: [
        {
          name: 'debit',
          run: async (d) => settled(await this.ledger.debit({ uid: d.uid, amount: d.amount, key: `loan:${d.loanId}:writeoff`, reason: 'loan-write-off', source: { type: 'loan', id: d.loanId } }), `loan ${d.loanId} write-off`),
        },
        {
          name: 'close',
          run: async (d, ctx) => {
            await this.host.db.setObjectField(K.loan(d.loanId), 'writtenOff', d.amount);
            const loan = await this.get(d.loanId);
            if (loan?.state === 'open' || loan?.state === 'written-off') await this.close(loan, 'written-off');
            await ctx.once('notify', () => this.notify(d.uid, `bonus:loan:${d.loanId}:writeoff`, (lang) => countedToken(lang, 'notify.loan-written-off', [counted(d.amount)])));
          },
        },
      ],
    });
  }

  /**
   * Under the loan's lock (so no run of them is live): finishes the loan's workflows a crash stopped.
   * False if one is still waiting (the ledger has not settled its key yet): decide nothing then.
   */
  private async finishStopped(loanId: number): Promise<boolean> {
    let clear = true;
    for (const [workflow, prefix] of [[this.repaying, `loan:${loanId}:`], [this.writingOff, String(loanId)]] as const) {
      for (const id of await this.steps.openIds(workflow.name, prefix)) {
        if (workflow === this.writingOff && id !== String(loanId)) continue;
        try {
          if ((await this.steps.resumeHeld(workflow as Workflow<unknown>, id)).outcome === 'open') clear = false;
        } catch (err) {
          if (!(err instanceof BonusError)) throw err;
        }
      }
    }
    return clear;
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
    if ((await this.host.db.incrObjectField(K.active, String(caller.uid))) !== 1) {
      await this.host.db.decrObjectField(K.active, String(caller.uid));
      throw new BonusError('error.loan.already-active', [], 409);
    }
    const id = await this.host.db.incrObjectField('bonus:ids', 'nextLoanId');
    const now = this.host.clock.now();
    await this.host.db.setObject(K.loan(id), { id, uid: caller.uid, amount, months, createdAt: now });
    await this.host.db.sortedSetAddBulk([[K.all, now, id], [K.ofMember(caller.uid), now, id], [K.in('pending'), now, id]]);
    await this.host.db.sortedSetAdd(K.state, LOAN_STATES.indexOf('pending'), id);
    if (s.loanApproval === 'automatic') return this.grant(id, 0);
    await this.notifyAdmins(id);
    return (await this.status(id))!;
  }

  /** Admins: grants a pending application (idempotent: an open loan is returned as is). */
  async approve(caller: Caller, id: number): Promise<LoanStatus> {
    await this.assertAdmin(caller);
    return this.grant(id, caller.uid);
  }

  private grant(id: number, byUid: number): Promise<LoanStatus> {
    return this.locks.withLock(`loan:${id}`, async () => {
      const loan = await this.mustGet(id);
      if (loan.state === 'open') return (await this.status(id))!;
      if (loan.state !== 'pending') throw new BonusError('error.loan.not-pending', [], 409);
      // Checked again when granted, whoever grants (the balance or a write-off may have changed since applying).
      await this.assertNotCycling(loan.uid);
      const s = await this.settings.get();
      const r = await this.ledger.credit({
        uid: loan.uid, amount: loan.amount, key: `loan:${id}:grant`, reason: 'loan', actorUid: byUid,
        comment: translationToken('loans.history-granted', [loan.months]), source: { type: 'loan', id },
      });
      if (!r.ok) throw new BonusError(`error.ledger.${r.code}`, [], 409);
      const now = r.entry.createdAt;
      const dueAt = loanDueAt(now, loan.months, s.timeZone);
      await this.host.db.setObject(K.loan(id), { decidedAt: now, decidedBy: byUid, grantedAt: now, dueAt });
      await this.move(id, 'pending', 'open', dueAt);
      if (!r.replayed) await this.notify(loan.uid, `bonus:loan:${id}:granted`, (lang) => countedToken(lang, 'notify.loan-granted', [counted(loan.amount), dateText(dueAt - 1, lang, s.timeZone)]));
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
    const ids = await this.host.db.getSortedSetRange(K.ofMember(uid), 0, -1);
    const [balance, writtenOffAt] = await Promise.all([
      this.ledger.balance(uid), ids.length ? this.host.db.sortedSetScores(K.in('written-off'), ids) : Promise.resolve([]),
    ]);
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
      const loan = await this.mustGet(id);
      if (loan.state === 'rejected') return (await this.status(id))!;
      if (loan.state !== 'pending') throw new BonusError('error.loan.not-pending', [], 409);
      const now = this.host.clock.now();
      await this.host.db.setObject(K.loan(id), { decidedAt: now, decidedBy: caller.uid, closedAt: now });
      await this.move(id, 'pending', 'rejected', now);
      await this.release(loan.uid);
      await this.notify(loan.uid, `bonus:loan:${id}:rejected`, (lang) => countedToken(lang, 'notify.loan-rejected', [counted(loan.amount)]));
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
      return await this.applyRepayment(id, caller.uid, amount, `loan:${id}:repay:${key}`);
    } catch (err) {
      if (err instanceof BonusError && (await this.host.db.sortedSetScore(K.repayments(id), `loan:${id}:repay:${key}`)) === null) await release();
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
      await this.applyRepayment(loan.id, earned.uid, Math.min(share, loan.outstanding), `loan:${loan.id}:auto:${earned.id}`, true);
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
      if (!(await this.finishStopped(id))) throw new BonusError('error.finance.busy', [], 409);
      if ((await this.host.db.sortedSetScore(K.repayments(id), ledgerKey)) !== null) return (await this.status(id))!;
      const now = (await this.get(id))!;
      if (now.state !== 'open' || (await this.ledger.entryByKey(`loan:${id}:writeoff`))) throw new BonusError('error.loan.not-open', [], 409);
      const outstanding = await this.outstanding(now);
      const amount = asked === 'all' ? outstanding : cap ? Math.min(asked, outstanding) : asked;
      if (!Number.isSafeInteger(amount) || amount < 1) throw new BonusError('error.loan.repay-amount', [outstanding]);
      if (amount > outstanding) throw new BonusError('error.loan.overpay', [counted(outstanding)]);
      const run = await this.steps.run(this.repaying, ledgerKey, { loanId: id, uid: loan.uid, amount, key: ledgerKey });
      if (run.outcome === 'undone') throw new BonusError('error.loan.insufficient-points');
      if (run.outcome !== 'done') throw new BonusError('error.finance.busy', [], 409);
      return (await this.status(id))!;
    });
  }

  /**
   * Job: reminders before the due date (once per loan) and write-offs of loans still open at it
   * (once per loan: the ledger key and the loan's lock). Safe to run twice at once.
   */
  async runDue(now: number): Promise<{ reminded: number; writtenOff: number }> {
    const s = await this.settings.get();
    let reminded = 0;
    let writtenOff = 0;
    const horizon = now + s.loanReminderDays * DAY_MS;
    const rows = await this.host.db.getSortedSetRangeByScoreWithScores(K.in('open'), 0, 500, '-inf', horizon);
    for (const { value, score: dueAt } of rows) {
      const id = Number(value);
      if (dueAt <= now) {
        if (await this.writeOff(id)) writtenOff += 1;
      } else if (reminderDue(dueAt, now, s.loanReminderDays)) {
        if ((await this.host.db.incrObjectField(K.claims, `loan:${id}:reminder`)) !== 1) continue;
        const loan = await this.status(id);
        if (!loan || loan.state !== 'open') continue;
        await this.notify(loan.uid, `bonus:loan:${id}:reminder`, (lang) => countedToken(lang, 'notify.loan-reminder', [counted(loan.outstanding), dateText(dueAt - 1, lang, s.timeZone)]));
        reminded += 1;
      }
    }
    return { reminded, writtenOff };
  }

  /** Writes off the outstanding amount of an overdue loan; false if another run holds it or it is closed. */
  private async writeOff(id: number): Promise<boolean> {
    if (!(await this.locks.tryLock(`loan:${id}`))) return false;
    try {
      if (!(await this.finishStopped(id))) return false;
      const loan = await this.get(id);
      if (!loan || loan.state !== 'open' || loan.dueAt > this.host.clock.now()) return false;
      const outstanding = await this.outstanding(loan);
      if (outstanding === 0) {
        await this.close(loan, 'repaid');
        return false;
      }
      const run = await this.steps.run(this.writingOff, String(id), { loanId: id, uid: loan.uid, amount: outstanding });
      return run.started && run.outcome === 'done';
    } finally {
      await this.locks.unlock(`loan:${id}`);
    }
  }

  /** Idempotent: the slot is given back and the member told once per loan. */
  private async close(loan: Loan, to: 'repaid' | 'written-off'): Promise<void> {
    if (loan.state === 'open') {
      await this.host.db.setObjectField(K.loan(loan.id), 'closedAt', this.host.clock.now());
      await this.move(loan.id, 'open', to, this.host.clock.now());
    }
    if ((await this.host.db.incrObjectField(K.loan(loan.id), 'slotReleased')) === 1) await this.release(loan.uid);
    if (to === 'repaid' && (await this.host.db.incrObjectField(K.loan(loan.id), 'closeNotified')) === 1) {
      await this.notify(loan.uid, `bonus:loan:${loan.id}:repaid`, (lang) => countedToken(lang, 'notify.loan-repaid', [counted(loan.amount)]));
    }
  }

  /**
   * Frees one-loan slots a crash left taken (between the application's claim and its loan, or
   * between closing a loan and releasing its slot): a slot seen taken with no pending or open loan
   * on two runs at least `SLOT_LEASE_MS` apart is given back. Decrements by what it saw, so an
   * application claiming at that moment keeps its claim. Runs in the loans job.
   */
  async repairSlots(now: number): Promise<number> {
    // Which members to look at: this copy of the hash may be stale in this process (NodeBB's cache);
    // each slot's count is then read fresh from the database by an increment of 0 (issue 13, item 7).
    const seen = Object.keys((await this.host.db.getObject(K.active)) ?? {});
    let freed = 0;
    for (const uidText of seen) {
      const n = await this.host.db.incrObjectFieldBy(K.active, uidText, 0);
      if (!(n > 0)) {
        await this.host.db.sortedSetRemove(K.stale, uidText);
        continue;
      }
      const ids = await this.host.db.getSortedSetRevRange(K.ofMember(Number(uidText)), 0, 9);
      const states = ids.length ? await this.host.db.sortedSetScores(K.state, ids) : [];
      // A loan whose repayment or write-off a crash stopped is still closing: its workflow frees the slot.
      const closing = (await Promise.all(ids.map((id) => this.steps.openIds('loan-repay', `loan:${id}:`)))).some((open) => open.length > 0)
        || (await this.steps.openIds('loan-write-off')).some((id) => ids.includes(id));
      const active = closing || states.some((st) => st !== null && ['pending', 'open'].includes(LOAN_STATES[st]));
      if (active) {
        await this.host.db.sortedSetRemove(K.stale, uidText);
        continue;
      }
      const since = Number(await this.host.db.sortedSetScore(K.stale, uidText));
      if (!since) {
        await this.host.db.sortedSetAdd(K.stale, now, uidText);
      } else if (now - since >= SLOT_LEASE_MS) {
        // The closed loans' own release (close) must not give the slot back a second time.
        for (const id of ids) await this.host.db.incrObjectField(K.loan(Number(id)), 'slotReleased');
        await this.host.db.incrObjectFieldBy(K.active, uidText, -n);
        await this.host.db.sortedSetRemove(K.stale, uidText);
        freed += 1;
      }
    }
    return freed;
  }

  /** Frees the member's one-loan slot (the claim taken at application). */
  private async release(uid: number): Promise<void> {
    await this.host.db.decrObjectField(K.active, String(uid));
  }

  private async move(id: number, from: LoanState, to: LoanState, score: number): Promise<void> {
    await this.host.db.sortedSetAdd(K.in(to), score, id);
    await this.host.db.sortedSetAdd(K.state, LOAN_STATES.indexOf(to), id);
    await this.host.db.sortedSetRemove(K.in(from), id);
  }

  private async outstanding(loan: Loan): Promise<number> {
    if (loan.state !== 'open') return 0;
    const rows = await this.host.db.getSortedSetRangeWithScores(K.repayments(loan.id), 0, -1);
    return loan.amount - rows.reduce((sum, r) => sum + r.score, 0);
  }

  async get(id: number): Promise<Loan | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const [h, stateIndex] = await Promise.all([this.host.db.getObject(K.loan(id)), this.host.db.sortedSetScore(K.state, id)]);
    const state = stateIndex === null ? undefined : LOAN_STATES[stateIndex];
    return state ? decode(id, h, state) : null;
  }

  private async mustGet(id: number): Promise<Loan> {
    const loan = await this.get(id);
    if (!loan) throw new BonusError('error.loan.not-found', [], 404);
    return loan;
  }

  async status(id: number): Promise<LoanStatus | null> {
    const loan = await this.get(id);
    if (!loan) return null;
    const rows = await this.host.db.getSortedSetRangeWithScores(K.repayments(id), 0, -1);
    const repaid = rows.reduce((sum, r) => sum + r.score, 0);
    const outstanding = loan.state === 'open' ? loan.amount - repaid : 0;
    return { ...loan, repaid, outstanding, view: viewOf(loan.state, loan.dueAt, this.host.clock.now()) };
  }

  /** The member's pending or open loan, if any. */
  async currentOf(uid: number): Promise<LoanStatus | null> {
    const ids = await this.host.db.getSortedSetRevRange(K.ofMember(uid), 0, 4);
    for (const id of ids) {
      const loan = await this.status(Number(id));
      if (loan && (loan.state === 'pending' || loan.state === 'open')) return loan;
    }
    return null;
  }

  /** The member's loans, newest first (the member or an admin). */
  async listOf(caller: Caller, uid: number): Promise<LoanStatus[]> {
    if (caller.uid !== uid) await this.assertAdmin(caller);
    return this.statuses(await this.host.db.getSortedSetRevRange(K.ofMember(uid), 0, 49));
  }

  /** Admins: loans in one view (overdue = open past due), newest first, with totals of every view. */
  async listByView(caller: Caller, view: LoanView): Promise<{ loans: LoanStatus[]; totals: Record<LoanView, { count: number; amount: number; outstanding: number }> }> {
    await this.assertAdmin(caller);
    const totals = {} as Record<LoanView, { count: number; amount: number; outstanding: number }>;
    const byView = new Map<LoanView, LoanStatus[]>();
    for (const state of LOAN_STATES) {
      for (const loan of await this.statuses(await this.host.db.getSortedSetRevRange(K.in(state), 0, 999))) {
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

  private async notifyAdmins(id: number): Promise<void> {
    const admins = await this.host.groups.getMembers('administrators', 0, 49);
    if (admins.length) await this.send({ type: 'bonus-loan', nid: `bonus:loan:${id}:applied`, bodyShort: translationToken('notify.loan-applied', [id]), path: '/admin/plugins/bonus/loans' }, admins);
  }

  /** The text is written in the member's language, so that its counts take that language's forms. */
  private async notify(uid: number, nid: string, body: (lang: string) => string): Promise<void> {
    const bodyShort = body(await this.host.users.getLanguage(uid).catch(() => 'en-GB'));
    return this.send({ type: 'bonus-loan', nid, bodyShort, path: '/bonus/loans' }, [uid]);
  }

  /** A lost notification never undoes a loan change: failures are logged only. */
  private async send(n: Notification, uids: number[]): Promise<void> {
    try {
      await this.host.messaging.notify(n, uids);
    } catch (err) {
      this.host.log.error(`[bonus] notification ${n.nid} failed`, err);
    }
  }
}
