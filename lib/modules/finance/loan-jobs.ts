/**
 * The loans' jobs: reminders before the due date (once per loan), write-offs of loans still open at it
 * (once per loan: the ledger key and the loan's lock), and the repair of one-loan slots a crash left
 * taken. Each is safe to run twice at once and in any order with the steps recovery job.
 */
import type { Host } from '../../host/index';
import { dateText } from '../../kernel/dates';
import { counted, countedToken } from '../../kernel/errors';
import type { StepsService } from '../../kernel/steps-service';
import type { SettingsService } from '../settings';
import { DAY_MS, reminderDue } from './domain';
import type { LoanWorkflows } from './loan-workflows';
import type { LoansStore } from './store-loans';

/** A slot taken this long with no loan behind it was left by a crash. */
export const SLOT_LEASE_MS = 10 * 60_000;

export class LoanJobs {
  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly store: LoansStore,
    private readonly flows: LoanWorkflows,
    private readonly steps: StepsService,
  ) {}

  /**
   * Job: reminders before the due date (once per loan) and write-offs of loans still open at it
   * (once per loan: the ledger key and the loan's lock). Safe to run twice at once.
   */
  async runDue(now: number): Promise<{ reminded: number; writtenOff: number }> {
    const s = await this.settings.get();
    let reminded = 0;
    let writtenOff = 0;
    const horizon = now + s.loanReminderDays * DAY_MS;
    for (const { id, dueAt } of await this.store.openDueBy(horizon, 500)) {
      if (dueAt <= now) {
        if (await this.writeOff(id)) writtenOff += 1;
      } else if (reminderDue(dueAt, now, s.loanReminderDays)) {
        if (!(await this.store.claimOnce(`loan:${id}:reminder`))) continue;
        const loan = await this.store.get(id);
        if (!loan || loan.state !== 'open') continue;
        const outstanding = await this.flows.outstanding(loan);
        await this.flows.notify(loan.uid, `bonus:loan:${id}:reminder`, (lang) => countedToken(lang, 'notify.loan-reminder', [counted(outstanding), dateText(dueAt - 1, lang, s.timeZone)]));
        reminded += 1;
      }
    }
    return { reminded, writtenOff };
  }

  /** Writes off the outstanding amount of an overdue loan; false if another run holds it or it is closed. */
  private async writeOff(id: number): Promise<boolean> {
    if (!(await this.flows.locks.tryLock(`loan:${id}`))) return false;
    try {
      if (!(await this.flows.finishStopped(id))) return false;
      const loan = await this.store.get(id);
      if (!loan || loan.state !== 'open' || loan.dueAt > this.host.clock.now()) return false;
      const outstanding = await this.flows.outstanding(loan);
      if (outstanding === 0) {
        await this.flows.close(loan, 'repaid');
        return false;
      }
      const run = await this.steps.run(this.flows.writingOff, String(id), { loanId: id, uid: loan.uid, amount: outstanding });
      return run.started && run.outcome === 'done';
    } finally {
      await this.flows.locks.unlock(`loan:${id}`);
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
    let freed = 0;
    for (const uidText of await this.store.slotHolders()) {
      const uid = Number(uidText);
      const n = await this.store.slotCount(uid);
      if (!(n > 0)) {
        await this.store.clearStale(uid);
        continue;
      }
      const ids = await this.store.memberIds(uid, 0, 9);
      const states = await this.store.states(ids);
      // A loan whose repayment or write-off a crash stopped is still closing: its workflow frees the slot.
      const active = (await this.flows.closing(ids)) || states.some((st) => st === 'pending' || st === 'open');
      if (active) {
        await this.store.clearStale(uid);
        continue;
      }
      const since = await this.store.staleSince(uid);
      if (!since) {
        await this.store.markStale(uid, now);
      } else if (now - since >= SLOT_LEASE_MS) {
        // The closed loans' own release (close) must not give the slot back a second time.
        for (const id of ids) await this.store.markOnce(Number(id), 'slotReleased');
        await this.store.takeBackSlot(uid, n);
        await this.store.clearStale(uid);
        freed += 1;
      }
    }
    return freed;
  }
}
