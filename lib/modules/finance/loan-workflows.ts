/**
 * The two durable workflows of a loan (lib/kernel/steps.ts), run under the loan's lock:
 * a repayment (`loan-repay`, id = its ledger key: spend → record → close if repaid) and a write-off
 * (`loan-write-off`, id = the loan: debit → close). The steps recovery job finishes one a crash stopped
 * under the same lock, and every change of a loan first finishes the loan's stopped workflows
 * (`finishStopped`), so a spend written before a crash always counts as repaid before anything else
 * is decided (the write-off takes what is left). Also: closing a loan, and the loan notices.
 */
import type { Host, Notification } from '../../host/index';
import { BonusError, counted, countedToken, translationToken } from '../../kernel/errors';
import { settled, type StepsService, type Workflow } from '../../kernel/steps-service';
import type { LedgerService } from '../ledger';
import type { SettingsService } from '../settings';
import { dateText } from '../../kernel/dates';
import { loanDueAt } from './domain';
import { FinanceLocks } from './locks';
import { loanLedgerKeys } from './ledger-keys';
import type { Loan, LoansStore } from './store-loans';

interface GrantData { loanId: number; uid: number; amount: number; months: number; byUid: number }
interface RepayData { loanId: number; uid: number; amount: number; key: string }
interface WriteOffData { loanId: number; uid: number; amount: number }

export class LoanWorkflows {
  readonly granting: Workflow<GrantData>;
  readonly repaying: Workflow<RepayData>;
  readonly writingOff: Workflow<WriteOffData>;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly store: LoansStore,
    private readonly ledger: LedgerService,
    private readonly steps: StepsService,
    readonly locks: FinanceLocks,
  ) {
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
    // credit → open (due date from the credit's time) → the member told
    this.granting = steps.register<GrantData>({
      name: 'loan-grant',
      exclusive,
      steps: [
        {
          name: 'credit',
          run: async (d) => settled(await this.ledger.credit({
            uid: d.uid, amount: d.amount, key: loanLedgerKeys.grant(d.loanId), reason: 'loan', actorUid: d.byUid,
            comment: translationToken('loans.history-granted', [d.months]), source: { type: 'loan', id: d.loanId },
          }), `loan ${d.loanId} grant`),
        },
        {
          name: 'open',
          run: async (d, ctx) => {
            const entry = await this.ledger.entryByKey(loanLedgerKeys.grant(d.loanId));
            if (!entry) throw new Error(`[bonus] loan ${d.loanId}: the grant's credit is missing`);
            const { timeZone } = await this.settings.get();
            const grantedAt = entry.createdAt;
            const dueAt = loanDueAt(grantedAt, d.months, timeZone);
            const loan = await this.store.get(d.loanId);
            if (loan?.state === 'pending') {
              await this.store.setFields(d.loanId, { decidedAt: grantedAt, decidedBy: d.byUid, grantedAt, dueAt });
              await this.store.move(d.loanId, 'pending', 'open', dueAt);
            }
            await ctx.once('notify', () => this.notify(d.uid, `bonus:loan:${d.loanId}:granted`, (lang) => countedToken(lang, 'notify.loan-granted', [counted(d.amount), dateText(dueAt - 1, lang, timeZone)])));
          },
        },
      ],
    });
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
        { name: 'record', run: (d) => this.store.recordRepayment(d.loanId, d.key, d.amount) },
        {
          name: 'close',
          run: async (d) => {
            const loan = await this.store.get(d.loanId);
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
          run: async (d) => settled(await this.ledger.debit({ uid: d.uid, amount: d.amount, key: loanLedgerKeys.writeOff(d.loanId), reason: 'loan-write-off', source: { type: 'loan', id: d.loanId } }), `loan ${d.loanId} write-off`),
        },
        {
          name: 'close',
          run: async (d, ctx) => {
            await this.store.setFields(d.loanId, { writtenOff: d.amount });
            const loan = await this.store.get(d.loanId);
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
  async finishStopped(loanId: number): Promise<boolean> {
    let clear = true;
    const own: [Workflow<unknown>, string][] = [
      [this.granting as Workflow<unknown>, String(loanId)], [this.repaying as Workflow<unknown>, loanLedgerKeys.repaymentPrefix(loanId)], [this.writingOff as Workflow<unknown>, String(loanId)],
    ];
    for (const [workflow, prefix] of own) {
      for (const id of await this.steps.openIds(workflow.name, prefix)) {
        if (workflow !== this.repaying && id !== String(loanId)) continue;
        try {
          if ((await this.steps.resumeHeld(workflow, id)).outcome === 'open') clear = false;
        } catch (err) {
          if (!(err instanceof BonusError)) throw err;
        }
      }
    }
    return clear;
  }

  async outstanding(loan: Loan): Promise<number> {
    if (loan.state !== 'open') return 0;
    return loan.amount - (await this.store.repaidTotal(loan.id));
  }

  /** Idempotent: the loan closes and the member is told once per loan. */
  async close(loan: Loan, to: 'repaid' | 'written-off'): Promise<void> {
    if (loan.state === 'open') {
      await this.store.setFields(loan.id, { closedAt: this.host.clock.now() });
      await this.store.move(loan.id, 'open', to, this.host.clock.now());
    }
    if (to === 'repaid' && (await this.store.markOnce(loan.id, 'closeNotified'))) {
      await this.notify(loan.uid, `bonus:loan:${loan.id}:repaid`, (lang) => countedToken(lang, 'notify.loan-repaid', [counted(loan.amount)]));
    }
  }

  async notifyAdmins(id: number): Promise<void> {
    const admins = await this.host.groups.getMembers('administrators', 0, 49);
    if (admins.length) await this.send({ type: 'bonus-loan', nid: `bonus:loan:${id}:applied`, bodyShort: translationToken('notify.loan-applied', [id]), path: '/admin/plugins/bonus/loans' }, admins);
  }

  /** The text is written in the member's language, so that its counts take that language's forms. */
  async notify(uid: number, nid: string, body: (lang: string) => string): Promise<void> {
    const bodyShort = body(await this.host.users.getLanguage(uid).catch(() => 'en-GB'));
    return this.send({ type: 'bonus-loan', nid, bodyShort, path: '/bonus/loans' }, [uid]);
  }

  /** A lost notification never undoes a loan change: the host's messaging logs a failure (kernel/best-effort.ts). */
  private send(n: Notification, uids: number[]): Promise<void> {
    return this.host.messaging.notify(n, uids);
  }
}
