import type { Job } from '../../host/index';
import type { Services } from '../../services';

/** Loan reminders before the due date and write-offs at it (each once per loan, safe to run twice at once) */
export function loansJob(services: Services): Job {
  return {
    name: 'bonus:loans:due',
    cronTime: '*/15 * * * *',
    async onTick() {
      await services.loans.runDue(services.host.clock.now());
      // the ACP's totals, recounted at most hourly (service-loans.ts)
      await services.loans.summarise(services.host.clock.now());
    },
  };
}
