/**
 * The loans' jobs: reminders before the due date (once per loan), write-offs of loans still open at it
 * (once per loan: the ledger key and the loan's lock). Each is safe to run twice at once and in any order with the steps recovery job.
 */
import type { Host } from '../../host/index';
import { dateText } from '../../kernel/dates';
import { counted, countedToken } from '../../kernel/errors';
import type { StepsService } from '../../kernel/steps-service';
import type { SettingsService } from '../settings';
import { DAY_MS, reminderDue } from './domain';
import type { LoanWorkflows } from './loan-workflows';
import type { LoansStore } from './store-loans';

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
}
